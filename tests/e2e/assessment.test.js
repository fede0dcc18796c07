// The assessment end to end: quick keyboard entry of fines, a void, a substandard 督查 that fines
// the zone, and the printed statement that carries the fine (read back with pdftotext).
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { startServer } from './lib/server.js'
import { apiCall, launchBrowser, openPage, shot, signIn } from './lib/browser.js'
import { pdfText } from './lib/pdf.js'
import { byTestId, expectRows, expectText, fill, goTo, pickOption, scenarioSteps } from './lib/ui.js'
import { WAIT_MS, expectText as expectTextOf } from './lib/wait.js'

let server
let browser
let page
let problems = []

let token = null

/** Calls the server directly as the signed-in head, like the UI. */
async function api(name, args = {}) {
  token ??= await signIn(server.url)
  return apiCall(server.url, name, args ?? {}, token)
}

/** Enter belongs to a dropdown while one is showing (or still fading out); wait for them to go. */
async function noDropdown() {
  await page.waitForFunction(() => ![...document.querySelectorAll('.el-select__popper, .el-picker__popper')]
    .some((el) => el.getAttribute('aria-hidden') !== 'true' && getComputedStyle(el).display !== 'none'), null, { timeout: WAIT_MS })
}


before(async () => {
  server = await startServer()
  const sup = await api('staff.create', { name: '颜永华', roles: ['监管人员', '社区干部'] })
  const a = await api('staff.create', { name: '王秀英', roles: ['保洁员'], base_wage: '1800' })
  const b = await api('staff.create', { name: '李建国', roles: ['保洁员'], base_wage: '1650' })
  await api('zones.create', { name: '黄山路东段', kind: '街道', supervisor_id: sup.id, cleaner_ids: [a.id, b.id] })
  browser = await launchBrowser()
  ;({ page, problems } = await openPage(browser, server.url))
}, { timeout: 90_000 })

after(async () => {
  await browser?.close().catch(() => {})
  await server?.stop()
}, { timeout: 30_000 })

test('assessment scenario', { timeout: 300_000 }, async (t) => {
  const step = scenarioSteps(t, () => page)
  await step('records two fines in a row from the keyboard', async () => {
    await goTo(page, 'fines', '罚款')
    await expectText(page, 'fines-total', '0')
    await pickOption(page, 'qe-staff', '王秀英')
    await pickOption(page, 'qe-item', 'B1 可视垃圾30分钟内未处理（¥5.00/每处）')
    await fill(page, 'qe-count', '2')
    await pickOption(page, 'qe-recorder', '颜永华')
    await fill(page, 'qe-observed', '黄山路 18 号门前两处垃圾')
    await noDropdown()
    await byTestId(page, 'qe-observed').press('Enter')
    await expectText(page, 'fines-total', '1')
    await expectText(page, 'qe-last', /¥10\.00/)
    // The next fine: the staff select has focus again; type to filter, Enter picks, Enter moves on.
    await page.waitForFunction(() => document.activeElement?.closest('[data-testid="qe-staff"]') !== null, null, { timeout: WAIT_MS })
    await page.keyboard.type('李建国')
    await page.locator('.el-select-dropdown__item:visible', { hasText: '李建国' }).waitFor()
    await page.keyboard.press('Enter')
    await fill(page, 'qe-minutes', '31')
    await noDropdown()
    await byTestId(page, 'qe-observed').press('Enter')
    await expectText(page, 'fines-total', '2')
    const row = byTestId(page, 'fine-table').locator('tbody tr', { hasText: '李建国' })
    await expectTextOf(row, /A1x/, { what: '31 minutes is an absence: the row' })
    await expectTextOf(row, /¥30\.00/, { what: 'the absence row' })
    await shot(page, 'assessment-01-fines')
  })

  await step('voids a fine with a reason', async () => {
    const row = byTestId(page, 'fine-table').locator('tbody tr', { hasText: '李建国' })
    await row.locator('[data-testid="void"]').click()
    await byTestId(page, 'correct-dialog').locator('.el-dialog__title', { hasText: '作废罚款' }).waitFor()
    await fill(page, 'correct-reason', '本人请假已批准')
    await shot(page, 'assessment-02-void')
    await byTestId(page, 'dialog-submit').click()
    await page.locator('.el-message--success', { hasText: '已作废' }).waitFor()
    await row.locator('.el-tag', { hasText: '已作废' }).waitFor()
    // The footer total leaves the voided ¥30.00 out and says so.
    await expectText(page, 'fines-sum', '¥10.00')
    await expectText(page, 'fines-voided', '（不含已作废 1 条 ¥30.00）')
  })

  await step('a substandard 督查 fines the supervisor and every cleaner of the zone', async () => {
    await goTo(page, 'inspections', '检查')
    await byTestId(page, 'add-inspection').click()
    const dialog = byTestId(page, 'inspection-dialog')
    await dialog.locator('.el-dialog__title').waitFor()
    await pickOption(page, 'insp-kind', '上级督查')
    await pickOption(page, 'insp-zone', '黄山路东段')
    await fill(page, 'insp-inspector', '石马山镇创卫督查组')
    await dialog.locator('[data-testid="insp-result"] label', { hasText: '不达标' }).click()
    await pickOption(page, 'insp-recorder', '颜永华')
    // Substandard 上级督查: the rule's fines are proposed without asking.
    await expectRows(page, 'proposal-table', 3)
    // 按细则生成 again replaces the rule's rows rather than adding to them: wait for its answer
    // (the count is 3 before it too), then count; the 记录罚款 3 条 below also says no duplicate.
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/call/inspections.propose')),
      byTestId(page, 'insp-propose').click(),
    ])
    await expectRows(page, 'proposal-table', 3)
    await byTestId(page, 'inspection-dialog').locator('[data-testid="dialog-submit"]', { hasText: '保存并确认 3 条罚款' }).waitFor()
    await shot(page, 'assessment-03-inspection')
    await byTestId(page, 'dialog-submit').click()
    await page.locator('.el-message--success', { hasText: '记录罚款 3 条' }).waitFor()
    await byTestId(page, 'inspection-table').locator('tbody tr', { hasText: '不达标' }).waitFor()
  })

  await step('the 罚款 footer total counts the inspection fines and still leaves the voided one out', async () => {
    await goTo(page, 'fines', '罚款')
    await expectText(page, 'fines-total', '5')
    // ¥10.00 (B1 × 2) + ¥150.00 (S1 and two S2); the voided ¥30.00 absence is not in it.
    await expectText(page, 'fines-sum', '¥160.00')
    await expectText(page, 'fines-voided', '（不含已作废 1 条 ¥30.00）')
    // Filtered to the voided ones, nothing is charged.
    await pickOption(page, 'filter-status', '已作废')
    await expectText(page, 'fines-total', '1')
    await expectText(page, 'fines-sum', '¥0.00')
    await pickOption(page, 'filter-status', '有效')
    await expectText(page, 'fines-total', '4')
    await expectText(page, 'fines-sum', '¥160.00')
    await shot(page, 'assessment-04a-fines-total')
  })

  await step('the printed statement carries the fine', async () => {
    await goTo(page, 'statements', '月度结算')
    const row = byTestId(page, 'statement-table').locator('tbody tr', { hasText: '王秀英' })
    // 1800 − 10 (B1 × 2) − 50 (S2) = 1740.
    await expectTextOf(row, /¥1,740\.00/, { what: '王秀英\'s statement row' })
    await row.click()
    await byTestId(page, 'statement-detail').waitFor()
    await shot(page, 'assessment-04-statements')
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), row.locator('[data-testid="print-one"]').click()])
    assert.match(download.suggestedFilename(), /\.pdf$/)
    const file = await download.path()
    assert.equal(readFileSync(file).subarray(0, 4).toString('latin1'), '%PDF')
    const text = pdfText(file, ['-layout'])
    for (const want of ['工资考核结算单', '王秀英', '黄山路东段', 'B1', 'S2', '-¥10.00', '-¥50.00', '实发金额 ¥1,740.00', '本人签字']) {
      assert.ok(text.includes(want), `statement lacks ${want}:\n${text}`)
    }
    assert.ok(!text.includes('李建国'), 'one worker only')
  })

  await step('the head changes the week-wage days on the schedule page', async () => {
    await goTo(page, 'schedule', '考核细则')
    const days = byTestId(page, 'rule-week-days').locator('input')
    await days.fill('6')
    await byTestId(page, 'rule-save').click()
    await page.locator('.el-message--success', { hasText: '考核规则设置已保存' }).waitFor()
    assert.equal((await api('assessment.settings.get')).week_days, 6)
    await page.locator('.page-card .muted', { hasText: '× 6 ÷ 当月天数' }).waitFor()
    await shot(page, 'assessment-05-rules')
  })

  await step('no console errors', () => {
    assert.deepEqual(problems, [])
  }, { always: true })
})
