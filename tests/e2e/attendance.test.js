// The attendance sheet end to end: last month's sheet keyed from the keyboard (1–4, arrows,
// Ctrl+S), a day before a worker's hire refused, the rest filled as 出勤, the pro-rated wage on
// 月度结算, the payroll 工资发放表 and the printed sheet read back with pdftotext. Last month is
// always wholly past, whatever day the suite runs on.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer } from './lib/server.js'
import { apiCall, launchBrowser, openPage, shot, signIn } from './lib/browser.js'
import { pdfText } from './lib/pdf.js'
import { byTestId, expectText, fill, goTo, pickOption, scenarioSteps, submitDialog } from './lib/ui.js'
import { WAIT_MS, expectText as expectTextOf } from './lib/wait.js'

let server
let browser
let page
let problems = []
let token = null

const now = new Date()
const prev = new Date(now.getFullYear(), now.getMonth() - 1, 1)
const MONTH = `${prev.getFullYear()}-${String(prev.getMonth() + 1).padStart(2, '0')}`
const DAYS = new Date(prev.getFullYear(), prev.getMonth() + 1, 0).getDate()

async function api(name, args = {}) {
  token ??= await signIn(server.url)
  return apiCall(server.url, name, args ?? {}, token)
}

/** 1800 × payable ÷ days in 分, half up, as ¥1,234.56: the figure the statement must show. */
function prorated(payable) {
  const fen = (BigInt(180000) * BigInt(payable) * BigInt(2) + BigInt(DAYS)) / (BigInt(DAYS) * BigInt(2))
  const yuan = (fen / BigInt(100)).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `¥${yuan}.${String(fen % BigInt(100)).padStart(2, '0')}`
}

const cell = (name, day) => byTestId(page, `att-${name}-${day}`)

before(async () => {
  server = await startServer()
  const sup = await api('staff.create', { name: '颜永华', roles: ['监管人员'] })
  const a = await api('staff.create', { name: '王秀英', roles: ['保洁员'], base_wage: '1800', hire_date: '2025-03-01' })
  const b = await api('staff.create', { name: '李建国', roles: ['保洁员'], base_wage: '1650', hire_date: `${MONTH}-16` })
  await api('zones.create', { name: '黄山路东段', kind: '街道', supervisor_id: sup.id, cleaner_ids: [a.id, b.id] })
  browser = await launchBrowser()
  ;({ page, problems } = await openPage(browser, server.url))
}, { timeout: 90_000 })

after(async () => {
  await browser?.close().catch(() => {})
  await server?.stop()
}, { timeout: 30_000 })

test('attendance scenario', { timeout: 300_000 }, async (t) => {
  const step = scenarioSteps(t, () => page)
  await step('keys a worker\'s first days from the keyboard and saves with Ctrl+S', async () => {
    await page.evaluate((m) => (location.hash = `#/attendance?month=${m}`), MONTH)
    await page.locator('.page-header .title', { hasText: '出勤表' }).waitFor()
    await cell('王秀英', 1).click()
    for (const k of ['1', '1', '2', '2', '4']) await page.keyboard.press(k)
    await expectText(page, 'save-attendance', '保存（5 处）')
    await expectTextOf(cell('王秀英', 3), '假', { what: 'an unsaved leave' })
    // The arrows move the cursor back to day 6; Delete on a day never marked changes nothing.
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('ArrowLeft')
    await page.keyboard.press('Delete')
    await expectText(page, 'save-attendance', '保存（5 处）')
    await shot(page, 'attendance-01-keyed')
    await page.keyboard.press('Control+s')
    await page.locator('.el-message--success', { hasText: '已保存 5 处出勤' }).waitFor({ timeout: WAIT_MS })
    await expectText(page, 'save-attendance', '保存')
    const sheet = await api('attendance.sheet', { month: MONTH })
    const row = sheet.rows.find((r) => r.name === '王秀英')
    assert.deepEqual(row.marks.slice(0, 6), ['出勤', '出勤', '请假', '请假', '休息', null])
  })

  await step('refuses a day before a worker was hired, and saves nothing for it', async () => {
    await cell('李建国', 3).click()
    await page.keyboard.press('1')
    await page.locator('.el-message--warning', { hasText: '不在岗' }).waitFor({ timeout: WAIT_MS })
    await expectText(page, 'save-attendance', '保存')
    await expectTextOf(cell('李建国', 3), '', { what: 'a day before the hire' })
  })

  await step('fills the other days as 出勤 and counts them on the row', async () => {
    await byTestId(page, 'fill-present').click()
    await page.locator('.el-message-box__btns .el-button--primary', { hasText: '填写' }).click()
    const row = page.locator(`[data-staff="王秀英"]`)
    await expectTextOf(row.locator('[data-testid="att-present"]'), String(DAYS - 3), { what: 'present days' })
    await expectTextOf(row.locator('[data-testid="att-unmarked"]'), '0', { what: 'unmarked days' })
    const late = page.locator(`[data-staff="李建国"]`)
    await expectTextOf(late.locator('[data-testid="att-present"]'), String(DAYS - 15), { what: 'present days from the 16th' })
    await shot(page, 'attendance-02-filled')
  })

  await step('shows the unpaid leave taken off the wage on 月度结算', async () => {
    await page.evaluate((m) => (location.hash = `#/statements?month=${m}`), MONTH)
    const row = byTestId(page, 'statement-table').locator('tbody tr', { hasText: '王秀英' })
    await expectTextOf(row.locator('[data-testid="wage-due"]'), prorated(DAYS - 2), { what: 'the wage after two days of unpaid leave' })
    await row.click()
    await expectText(page, 'wage-note', /请假 2 天不计薪/)
  })

  await step('prints the payroll with the pro-rated wage and the total', async () => {
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), byTestId(page, 'print-payroll').click()])
    assert.match(download.suggestedFilename(), /工资发放表.*\.pdf$/)
    const text = pdfText(await download.path(), ['-layout'])
    if (text === null) return t.skip('pdftotext is not installed')
    const line = text.split('\n').find((l) => l.includes('王秀英')) ?? ''
    assert.ok(line.includes(`${DAYS - 2}/${DAYS}`) && line.includes(prorated(DAYS - 2)), line)
    assert.match(text, /合计\s+2\s*人/)
  })

  await step('prints the sheet with the keyed marks and the hire shown as 不在岗', async () => {
    await page.evaluate((m) => (location.hash = `#/attendance?month=${m}`), MONTH)
    await cell('王秀英', 1).waitFor()
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), byTestId(page, 'print-attendance').click()])
    assert.match(download.suggestedFilename(), /出勤表.*\.pdf$/)
    const text = pdfText(await download.path(), ['-layout'])
    if (text === null) return t.skip('pdftotext is not installed')
    assert.match(text, /保洁员出勤表/)
    const line = text.split('\n').find((l) => l.includes('王秀英')) ?? ''
    assert.match(line, /出\s+出\s+假\s+假\s+休/)
    const hired = text.split('\n').find((l) => l.includes('李建国')) ?? ''
    assert.match(hired, /—/)
  })

  await step('a resignation without notice withholds a week\'s wage in the same step', async () => {
    await goTo(page, 'staff', '人员')
    const row = byTestId(page, 'staff-table').locator('tbody tr', { hasText: '李建国' })
    await row.locator('[data-testid="leave"]').click()
    const dialog = byTestId(page, 'leave-dialog')
    await dialog.locator('.el-dialog__title', { hasText: '办理离职' }).waitFor()
    // The last day's picker opens on the first field once the dialog is open: wait for that,
    // then click away from it (today is the last day).
    await page.waitForFunction(() => document.activeElement?.closest('.el-dialog') != null, null, { timeout: WAIT_MS })
    await dialog.locator('.el-dialog__title').click()
    await page.waitForFunction(() => ![...document.querySelectorAll('.el-picker__popper')]
      .some((el) => el.getAttribute('aria-hidden') !== 'true' && getComputedStyle(el).display !== 'none'), null, { timeout: WAIT_MS })
    await byTestId(page, 'leave-notice-given').click()
    await pickOption(page, 'leave-recorder', '颜永华')
    await submitDialog(page, dialog)
    const box = page.locator('.el-message-box', { hasText: '已办理离职' })
    await expectTextOf(box.locator('.el-message-box__message'), /未提前提出辞工.*A4 扣发一周工资/, { what: 'the leaving outcome' })
    await shot(page, 'attendance-03-left')
    await box.locator('.el-button--primary').click()
    const fines = await api('fines.list', { item_code: 'A4' })
    assert.equal(fines.page.total, 1)
  })

  await step('a tool issued and then lost is charged at its price on this month\'s statement', async () => {
    await goTo(page, 'tools', '保洁工具')
    await byTestId(page, 'issue-tool').click()
    const dialog = byTestId(page, 'tool-dialog')
    await dialog.locator('.el-dialog__title', { hasText: '领用保洁工具' }).waitFor()
    await pickOption(page, 'tool-staff', '王秀英')
    await fill(page, 'tool-kind', '板车')
    await fill(page, 'tool-price', '380')
    await submitDialog(page, dialog)
    const row = byTestId(page, 'tools-table').locator('tbody tr', { hasText: '板车' })
    await expectTextOf(row, /在用/, { what: 'the issued tool' })
    await row.locator('[data-testid="tool-lose"]').click()
    const end = byTestId(page, 'tool-end-dialog')
    await expectTextOf(end.locator('[data-testid="tool-charge"]'), /¥380\.00/, { what: 'the charge to come' })
    await pickOption(page, 'tool-recorder', '颜永华')
    await submitDialog(page, end)
    await expectTextOf(row, /遗失.*已扣 ¥380\.00/, { what: 'the lost tool' })
    const month = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`
    const st = await api('statements.month', { month })
    assert.equal(st.find((s) => s.name === '王秀英').tools_total, '380.00')
  })

  assert.deepEqual(problems, [])
})
