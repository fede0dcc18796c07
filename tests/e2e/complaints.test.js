// 迎检 end to end: a complaint registered, verified, answered and closed from its row's buttons,
// the figures following, the printed ledger read back with pdftotext (the reporter is never on
// it); a meeting recorded with a person of the registry and a typed name, and its sign-in sheet;
// a self-check against the standard with points lost on one item; a survey drawn and a returned
// sheet keyed as one line; a publicity action counted in the year's totals; a photo on the
// complaint; the binder printed from 首页.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer } from './lib/server.js'
import { apiCall, launchBrowser, openPage, shot, signIn } from './lib/browser.js'
import { pdfText } from './lib/pdf.js'
import { byTestId, fill, goTo, pickOption, scenarioSteps, submitDialog } from './lib/ui.js'
import { WAIT_MS, eventually, expectText as expectTextOf } from './lib/wait.js'

let server
let browser
let page
let problems = []

before(async () => {
  server = await startServer()
  const token = await signIn(server.url)
  const sup = await apiCall(server.url, 'staff.create', { name: '颜永华', roles: ['监管人员'] }, token)
  const zone = await apiCall(server.url, 'zones.create', { name: '黄山路东段', kind: '街道', supervisor_id: sup.id, cleaner_ids: [] }, token)
  for (const [i, name] of ['王建国', '刘秀兰', '陈德明'].entries()) {
    await apiCall(server.url, 'households.create', { kind: '住户', name, group_no: 1, zone_id: zone.id,
      address: { street: '黄山路', number: String(i + 1), building: '', unit: '', room: '' } }, token)
  }
  browser = await launchBrowser()
  ;({ page, problems } = await openPage(browser, server.url))
}, { timeout: 90_000 })

after(async () => {
  await browser?.close().catch(() => {})
  await server?.stop()
}, { timeout: 30_000 })

/** Clicks the row's button for the next step and saves its dialog. */
async function nextStep(row, kind, fillIn = async () => {}) {
  await row.locator(`[data-testid="complaint-${kind}"]`).click()
  const dialog = byTestId(page, 'complaint-step-dialog')
  await dialog.locator('.el-dialog__title', { hasText: kind }).waitFor()
  // The dialog focuses its first field once open: wait for that before typing or clicking away.
  await page.waitForFunction(() => document.activeElement?.closest('.el-dialog') != null, null, { timeout: WAIT_MS })
  await fillIn(dialog)
  // A date picker left open would cover the buttons: click away from it first.
  await dialog.locator('.el-dialog__title').click()
  await submitDialog(page, dialog)
}

test('complaints scenario', { timeout: 300_000 }, async (t) => {
  const step = scenarioSteps(t, () => page)
  const row = () => byTestId(page, 'complaint-table').locator('tbody tr', { hasText: '门前垃圾堆放' }).first()

  await step('registers a complaint with its place, zone and reporter', async () => {
    await goTo(page, 'complaints', '投诉举报')
    await byTestId(page, 'add-complaint').click()
    const dialog = byTestId(page, 'complaint-dialog')
    await dialog.locator('.el-dialog__title', { hasText: '登记投诉举报' }).waitFor()
    await byTestId(page, 'complaint-content').fill('门前垃圾堆放三天无人清理')
    await fill(page, 'complaint-place', '黄山路23号')
    await pickOption(page, 'complaint-zone', '黄山路东段')
    await dialog.locator('input[placeholder^="可不填"]').fill('张先生')
    await submitDialog(page, dialog)
    await expectTextOf(row().locator('[data-testid="complaint-status"]'), '待核实', { what: 'the new complaint' })
    await expectTextOf(byTestId(page, 'complaint-figures'), /受理 1 件.*未办结 1 件/, { what: 'the figures' })
  })

  await step('verifies it, answers and closes it in order', async () => {
    await nextStep(row(), '核实', (d) => d.locator('[data-testid="step-text"]').fill('现场属实'))
    await expectTextOf(row().locator('[data-testid="complaint-status"]'), '处理中', { what: 'after the check' })
    await nextStep(row(), '处理', (d) => d.locator('[data-testid="step-text"]').fill('当天安排清运'))
    await nextStep(row(), '答复', (d) => d.locator('[data-testid="step-text"]').fill('已清理，感谢监督'))
    await expectTextOf(row().locator('[data-testid="complaint-status"]'), '已答复', { what: 'after the answer' })
    await nextStep(row(), '办结')
    await expectTextOf(row().locator('[data-testid="complaint-status"]'), '已办结', { what: 'after the close' })
    await expectTextOf(byTestId(page, 'complaint-figures'), /已办结 1 件/, { what: 'the figures' })
    await shot(page, 'complaints-01-closed')
  })

  await step('attaches a photo to the complaint and sees its thumbnail and count', async () => {
    await row().locator('[data-testid^="attachments-complaint-"]').click()
    const dialog = page.locator('.el-dialog', { hasText: '照片和扫描件' })
    await dialog.waitFor()
    await byTestId(page, 'attachment-caption').fill('处理后现场')
    // A 1 × 1 PNG: the store decodes it and makes its thumbnail.
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64')
    await dialog.locator('[data-testid="attachment-file"]').setInputFiles({ name: '现场.png', mimeType: 'image/png', buffer: png })
    await dialog.locator('img[alt="处理后现场"]').waitFor({ timeout: WAIT_MS })
    await shot(page, 'complaints-02-photo')
    await dialog.locator('.el-dialog__headerbtn').click()
    await expectTextOf(row().locator('[data-testid^="attachments-complaint-"]'), '照片（1）', { what: 'the count on the row' })
  })

  await step('prints the ledger with the handling and without the reporter', async () => {
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), byTestId(page, 'print-complaints').click()])
    assert.match(download.suggestedFilename(), /投诉举报处理台账.*\.pdf$/)
    const text = pdfText(await download.path(), ['-layout'])
    if (text === null) return t.skip('pdftotext is not installed')
    assert.match(text, /门前垃圾堆放/)
    assert.match(text, /已清理/)
    assert.doesNotMatch(text, /张先生/)
  })

  await step('records a meeting and prints its sign-in sheet', async () => {
    await goTo(page, 'meetings', '会议记录')
    await byTestId(page, 'add-meeting').click()
    const dialog = byTestId(page, 'meeting-dialog')
    await dialog.locator('.el-dialog__title', { hasText: '登记会议记录' }).waitFor()
    await fill(page, 'meeting-topic', '迎检准备工作')
    await pickOption(page, 'meeting-people', '颜永华')
    // A multiple select keeps its list open: click away before the next field.
    await dialog.locator('.el-dialog__title').click()
    await byTestId(page, 'meeting-names').click()
    await page.keyboard.type('居民代表 王建国')
    await page.locator('.el-select-dropdown__item:visible', { hasText: '居民代表 王建国' }).first().click()
    await dialog.locator('.el-dialog__title').click()
    await submitDialog(page, dialog)
    const row = byTestId(page, 'meeting-table').locator('tbody tr', { hasText: '迎检准备工作' }).first()
    await expectTextOf(row, /领导小组会议.*2/, { what: 'the recorded meeting' })
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), row.locator('[data-testid="meeting-signin"]').click()])
    const text = pdfText(await download.path(), ['-layout'])
    if (text === null) return t.skip('pdftotext is not installed')
    assert.match(text, /领导小组会议签到表/)
    assert.match(text, /颜永华/)
    assert.match(text, /居民代表 王建国/)
  })

  await step('the head revises the standard from today, starting from the one in force', async () => {
    await goTo(page, 'self-check', '对照标准自查')
    await byTestId(page, 'revise-standard').click()
    const drawer = byTestId(page, 'standard-drawer')
    await expectTextOf(drawer.locator('[data-testid="standard-total"]'), '100', { what: 'the standard in force' })
    await byTestId(page, 'standard-save').click()
    await page.locator('.el-message--success', { hasText: '新版本创建标准' }).waitFor({ timeout: WAIT_MS })
    await page.locator('.el-tabs__item', { hasText: '创建标准' }).click()
    await expectTextOf(byTestId(page, 'standard-table'), /S01/, { what: 'the new version' })
    await page.locator('.el-tabs__item', { hasText: '自查记录' }).click()
  })

  await step('scores a self-check against the standard and shows what was lost', async () => {
    await goTo(page, 'self-check', '对照标准自查')
    await byTestId(page, 'new-selfcheck').click()
    const drawer = byTestId(page, 'selfcheck-drawer')
    await expectTextOf(drawer.locator('[data-testid="selfcheck-total"]'), '100', { what: 'full marks to start from' })
    await fill(page, 'score-S05', '2')
    await expectTextOf(drawer.locator('[data-testid="selfcheck-total"]'), '97', { what: 'the running total' })
    await byTestId(page, 'selfcheck-save').click()
    await expectTextOf(byTestId(page, 'selfcheck-latest'), /得分 97 \/ 100/, { what: 'the latest check' })
    await expectTextOf(byTestId(page, 'selfcheck-lost'), /S05/, { what: 'the lost item' })
  })

  await step('draws a survey and keys a returned sheet as one line', async () => {
    await goTo(page, 'surveys', '入户调查')
    await byTestId(page, 'add-survey').click()
    const dialog = byTestId(page, 'survey-dialog')
    await dialog.locator('.el-dialog__title', { hasText: '新建入户调查' }).waitFor()
    // The plan's four questions to start from, one per line.
    await eventually(async () => assert.match(await byTestId(page, 'survey-questions').inputValue(), /公厕/), { what: 'the default questions' })
    await fill(page, 'survey-size', '2')
    await submitDialog(page, dialog)
    await expectTextOf(byTestId(page, 'survey-respondents'), '0', { what: 'a new survey' })
    const first = page.locator('[data-answer-row="0"]')
    await first.fill('1110')
    await first.press('Enter')
    await expectTextOf(byTestId(page, 'survey-respondents'), '1', { what: 'after one sheet keyed' })
    await expectTextOf(byTestId(page, 'survey-rates'), /全部 75\.0%/, { what: 'three of four' })
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-answer-row') === '1', null, { timeout: WAIT_MS })
  })

  await step('records a publicity action and counts it in the totals', async () => {
    await goTo(page, 'publicity', '宣传活动')
    await byTestId(page, 'add-publicity').click()
    const dialog = byTestId(page, 'publicity-dialog')
    await dialog.locator('.el-dialog__title', { hasText: '登记宣传活动' }).waitFor()
    await fill(page, 'publicity-content', '创卫倡议书')
    await fill(page, 'publicity-count', '50')
    await page.waitForFunction(() => document.activeElement?.closest('.el-dialog') != null, null, { timeout: WAIT_MS })
    await dialog.locator('.el-dialog__title').click()
    await submitDialog(page, dialog)
    await expectTextOf(byTestId(page, 'publicity-totals'), /发放资料 50 份/, { what: 'the totals' })
  })

  await step('prints the binder from 首页: contents, the complaint and the meeting in it', async () => {
    await goTo(page, 'home', '首页')
    await byTestId(page, 'print-binder').click()
    const dialog = byTestId(page, 'binder-dialog')
    await dialog.locator('.el-dialog__title', { hasText: '打印迎检资料汇编' }).waitFor()
    await page.waitForFunction(() => document.activeElement?.closest('.el-dialog') != null, null, { timeout: WAIT_MS })
    await dialog.locator('.el-dialog__title').click()
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), submitDialog(page, dialog)])
    assert.match(download.suggestedFilename(), /^迎检资料汇编-\d{8}-\d{8}\.pdf$/)
    const text = pdfText(await download.path(), ['-layout'])
    if (text === null) return t.skip('pdftotext is not installed')
    const pages = text.split('\f')
    assert.match(pages[1].replace(/\s+/g, ''), /目录一、创卫工作方案与阶段安排3/)
    assert.match(text, /门前垃圾堆放/)
    assert.match(text, /迎检准备工作/)
    assert.doesNotMatch(text, /张先生/)
  })

  assert.deepEqual(problems, [])
})
