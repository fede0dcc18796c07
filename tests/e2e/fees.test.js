// Fees end to end on the demo community: open a batch with a cadre, collect a payment by
// keyboard, print the receipt (download and read it back), close the batch, print the 上解单.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { startServer } from './lib/server.js'
import { apiCall, launchBrowser, openPage, shot, signIn } from './lib/browser.js'
import { pdfText } from './lib/pdf.js'
import { byTestId, expectText, fill, goTo, pickOption, scenarioSteps } from './lib/ui.js'
import { WAIT_MS, eventually, expectCount, expectText as expectTextOf, expectValue } from './lib/wait.js'

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

/** Waits until an input shows `value` (a date picker's or a plain field's). */
async function waitValue(page, testId, value, timeout = WAIT_MS) {
  const input = typeof testId === 'string'
    ? page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first()
    : testId
  await input.waitFor()
  await expectValue(input, value, { timeout, what: typeof testId === 'string' ? testId : 'the field' })
}

/** "2026-11" as the month pickers show it: 2026年11月. */
const monthCn = (m) => `${m.slice(0, 4)}年${Number(m.slice(5, 7))}月`

/** The number of a code (H000761 → 761), as a clerk types it. */
const codeNumber = (code) => code.replace(/^[A-Z]+0*/, '')


before(async () => {
  server = await startServer()
  browser = await launchBrowser()
  ;({ page, problems } = await openPage(browser, server.url))
}, { timeout: 120_000 })

after(async () => {
  await browser?.close().catch(() => {})
  await server?.stop()
}, { timeout: 30_000 })

test('fees scenario', { timeout: 300_000 }, async (t) => {
  const step = scenarioSteps(t, () => page)
  let payer
  await step('the demo community has a season of batches', async () => {
    await api('demo.generate')
    const arrears = await api('fees.arrears', { group_no: 1, page_size: 500 })
    payer = arrears.items.find((a) => a.kind === '住户' && a.months === 4)
    assert.ok(payer, 'an unpaid household in group 1')
    await page.reload()
    await goTo(page, 'fees/batches', '收费批次')
    await byTestId(page, 'batch-table').locator('tbody tr').nth(11).waitFor()
    await shot(page, 'fees-01-batches')
  })

  await step('opens a batch for group 1 with its cadre present', async () => {
    await byTestId(page, 'open-batch').click()
    const dialog = byTestId(page, 'batch-dialog')
    await dialog.locator('.el-dialog__title', { hasText: '开始收费批次' }).waitFor()
    // Group 1's collector and cadre are filled in from the registry.
    await dialog.locator('[data-testid="batch-cadre"] .el-select__selected-item', { hasText: /\S/ }).first().waitFor()
    await shot(page, 'fees-02-open-batch')
    // Ctrl+Enter belongs to the form once the dialog has put the focus in its first field (after
    // its opening animation); pressed before that, it goes to the dialog frame and saves nothing.
    await page.waitForFunction(() => document.querySelector('[data-testid="batch-dialog"]')?.contains(document.activeElement) && document.activeElement?.tagName === 'INPUT', null, { timeout: WAIT_MS })
    await page.keyboard.press('Control+Enter')
    await page.locator('.page-header .title', { hasText: /收费批次 第 \d+ 号/ }).waitFor()
  })

  await step('the fee form starts at the first unpaid month, with no error', async () => {
    const arrears = await api('fees.arrears', { group_no: 1, page_size: 500 })
    const partial = arrears.items.find((a) => a.kind === '住户' && a.months > 0 && a.months < 4)
    assert.ok(partial, 'a household of group 1 that paid part of the period')
    const batchId = Number(page.url().split('/').pop())
    const s = await api('fees.receipts.suggest', { party_id: partial.party_id, batch_id: batchId })
    await byTestId(page, 'collect-payer').click()
    await page.keyboard.type(partial.code)
    await page.locator('.el-select-dropdown__item:visible').first().filter({ hasText: partial.name }).waitFor()
    await page.keyboard.press('Enter')
    const month = (label) => byTestId(page, 'collect-form').locator('.el-form-item', { hasText: label }).locator('input').first()
    await waitValue(page, month('起始月份'), monthCn(s.period_from))
    await waitValue(page, month('终止月份'), monthCn(s.period_to))
    await waitValue(page, 'collect-amount', s.amount)
    await byTestId(page, 'collect-quote').filter({ hasText: s.amount }).waitFor()
    // The form has settled on the suggestion (above); on it, no error.
    await expectCount(byTestId(page, 'collect-error'), 0, { what: 'no 已缴月份 error to retype' })
    await shot(page, 'fees-03a-defaults')
    await page.reload()
    await byTestId(page, 'collect-form').waitFor()
  })

  await step('another group\'s household asks for a confirmation', async () => {
    const others = await api('households.list', { group_no: 2, status: '正常', page_size: 1 })
    const other = others.items[0]
    await byTestId(page, 'collect-payer').click()
    await page.keyboard.type(other.code)
    const option = page.locator('.el-select-dropdown__item:visible').first()
    await option.filter({ hasText: other.name }).waitFor()
    await option.filter({ hasText: '第二小组' }).waitFor()
    await page.keyboard.press('Enter')
    await byTestId(page, 'collect-quote').waitFor()
    await byTestId(page, 'collect-submit').click()
    const box = page.locator('.el-message-box', { hasText: '非本组缴费人' })
    await expectTextOf(box, /第二小组/)
    await box.locator('button', { hasText: '取消' }).click()
    await box.waitFor({ state: 'hidden' })
    await expectCount(byTestId(page, 'receipt-table').locator('tbody tr', { hasText: other.name }), 0, { what: 'no receipt issued after 取消' })
    await page.reload()
    await byTestId(page, 'collect-form').waitFor()
  })

  await step('collects a payment by keyboard and prints the receipt', async () => {
    // The clerk types only the number of the code: that household comes first, and Enter takes it.
    await byTestId(page, 'collect-payer').click()
    await page.keyboard.type(codeNumber(payer.code))
    await page.locator('.el-select-dropdown__item:visible').first().filter({ hasText: payer.name }).waitFor()
    await page.keyboard.press('Enter')
    await byTestId(page, 'collect-quote').filter({ hasText: '人民币贰拾元整' }).waitFor()
    await waitValue(page, 'collect-amount', '20.00')
    // A slip of the keyboard is refused even with a reason: at most 5 times the standard.
    await fill(page, 'collect-amount', '10,000,000.00')
    await fill(page, 'collect-override', '协商')
    const seen = problems.length
    await byTestId(page, 'collect-submit').click()
    const refused = byTestId(page, 'collect-error').filter({ hasText: '改价上限' })
    await expectTextOf(refused, /「实收金额」¥10,000,000\.00 超过改价上限：最多为标准金额 ¥20\.00 的 5 倍（¥100\.00）/)
    // The refusal answers 400, which the browser logs as a failed resource: that one is expected.
    // The log line may reach us after the page showed the refusal: wait for it, then take it out.
    await eventually(async () => assert.ok(problems.slice(seen).some((p) => /status of 400/.test(p)), `logged: ${problems.slice(seen).join('\n')}`))
    const logged = problems.splice(seen)
    assert.ok(logged.every((p) => /status of 400/.test(p)), logged.join('\n'))
    await expectCount(byTestId(page, 'receipt-table').locator('tbody tr', { hasText: payer.name }), 0, { what: 'no receipt for the refused amount' })
    await fill(page, 'collect-override', '')
    await fill(page, 'collect-amount', '20.00')
    await shot(page, 'fees-03-collect')
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      byTestId(page, 'collect-submit').click(),
    ])
    assert.match(download.suggestedFilename(), /^收据-HS0\d-\d{7}\.pdf$/)
    const file = await download.path()
    assert.equal(readFileSync(file).subarray(0, 4).toString('latin1'), '%PDF')
    const text = pdfText(file)
    if (text !== null) {
      assert.match(text, new RegExp(payer.name))
      assert.equal(text.match(/人民币贰拾元整/g)?.length, 3, 'three parts carry the capitals')
      for (const part of ['存根联', '收据联', '记账联']) assert.match(text, new RegExp(part))
    }
    const row = byTestId(page, 'receipt-table').locator('tbody tr', { hasText: payer.name })
    await expectTextOf(row, /¥20\.00/, { what: 'the receipt row' })
    await expectText(page, 'batch-total', '¥20.00')
    await shot(page, 'fees-04-issued')
  })

  await step('closes the batch by a blind count, confirming the shortage, and prints the slip', async () => {
    await byTestId(page, 'close-batch').click()
    const dialog = byTestId(page, 'close-dialog')
    await dialog.locator('.el-dialog__title', { hasText: '批次结账' }).waitFor()
    // Blind: the count starts empty and no difference is shown until it is typed.
    await waitValue(page, 'close-counted', '')
    await byTestId(page, 'close-gap-pending').waitFor()
    await expectCount(byTestId(page, 'close-gap'), 0, { what: 'no difference before the count' })
    // Enter on an empty count closes nothing.
    await byTestId(page, 'dialog-submit').click()
    await dialog.locator('[data-testid="form-error"]', { hasText: '实点' }).waitFor()
    await expectText(page, 'batch-status', /进行中/)
    await fill(page, 'close-counted', '15')
    await byTestId(page, 'close-gap').filter({ hasText: '短款 ¥5.00' }).waitFor()
    await shot(page, 'fees-05-close')
    await byTestId(page, 'dialog-submit').click()
    const box = page.locator('.el-message-box', { hasText: '赔偿' })
    await expectTextOf(box, /短款 5\.00/)
    // Nothing charged before the confirmation: the batch is still open while the box asks.
    await expectText(page, 'batch-status', /进行中/)
    await shot(page, 'fees-05a-confirm')
    await box.locator('button', { hasText: '确认记入赔偿' }).click()
    await dialog.waitFor({ state: 'hidden' })
    await byTestId(page, 'batch-shortage').filter({ hasText: '¥5.00' }).waitFor()
    await expectText(page, 'batch-status', /已结账/)
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      byTestId(page, 'print-remittance').click(),
    ])
    assert.match(download.suggestedFilename(), /^上解单-第\d+批次/)
    const text = pdfText(await download.path())
    if (text !== null) {
      assert.match(text, /收费人员（签字）/)
      assert.match(text, /人民币壹拾伍元整/)
    }
    const owed = await api('fees.compensations.list')
    assert.ok(owed.some((c) => c.amount === '5.00'), 'the shortage is owed by the collector')
    await shot(page, 'fees-06-closed')
  })

  await step('the rate, books and standards pages show the season', async () => {
    await goTo(page, 'fees/rates', '收缴率与欠费')
    await expectText(page, 'rate-合计', /^\d+\.\d%$/)
    await shot(page, 'fees-07-rates')
    await goTo(page, 'fees/books', '收据本')
    await byTestId(page, 'book-table').locator('tbody tr', { hasText: 'HS01' }).waitFor()
    await shot(page, 'fees-08-books')
    await goTo(page, 'fees/standards', '收费标准与减免')
    await waitValue(page, 'override-cap', '5')
    await fill(page, 'words-amount', '16409.02')
    await byTestId(page, 'words-result').filter({ hasText: '人民币壹万陆仟肆佰零玖元零贰分' }).waitFor()
    await shot(page, 'fees-09-standards')
  })

  await step('a lost receipt is charged to its collector and listed under 赔偿', async () => {
    const held = (await api('fees.books.list', { status: '在用' })).items[0]
    assert.ok(held, 'the demo has a book in a collector\'s hands')
    await goTo(page, 'fees/books', '收据本')
    await byTestId(page, `book-${held.book_no}-serials`).click()
    await byTestId(page, 'serials-dialog').locator('.el-dialog__title').waitFor()
    await pickOption(page, 'mark-kind', '遗失（由收费人员赔偿）')
    await fill(page, 'mark-serial', String(held.next_serial))
    await fill(page, 'mark-reason', '入户途中遗失')
    await fill(page, 'mark-compensation', '2.00')
    await byTestId(page, 'mark-submit').click()
    await page.locator('.el-message--success', { hasText: '已标记遗失' }).waitFor()
    await page.keyboard.press('Escape')
    // The dialog's overlay would take the next click: wait for it to go.
    await byTestId(page, 'serials-dialog').waitFor({ state: 'hidden' })
    await goTo(page, 'fees/compensations', '收费人员赔偿')
    const row = byTestId(page, 'compensation-table').locator('tbody tr', { hasText: `收据本「${held.book_no}」第 ${held.next_serial} 号遗失` })
    await expectTextOf(row, /¥2\.00/, { what: 'the lost receipt\'s compensation row' })
    await byTestId(page, `compensation-of-${held.holder_id}`).click()
    await page.locator('.detail-head', { hasText: held.holder_name }).waitFor()
    await shot(page, 'fees-10-compensations')
  })

  await step('no console errors', () => {
    assert.deepEqual(problems, [])
  }, { always: true })
})
