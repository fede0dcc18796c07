// Receipt forms and rare names end to end: register a book of the 经管站's pre-printed kind,
// move a position in 收费设置 and print the calibration page, then print the batch's receipts:
// the pre-printed receipt carries the values and no labels, and a payer's character no font has
// shows up as a warning notice after the download.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer } from './lib/server.js'
import { apiCall, launchBrowser, openPage, shot, signIn } from './lib/browser.js'
import { pdfText } from './lib/pdf.js'
import { byTestId, fill, goTo, pickOption, scenarioSteps, submitDialog } from './lib/ui.js'
import { expectText } from './lib/wait.js'

let server
let browser
let page
let problems = []
let token = null

async function api(name, args = {}) {
  token ??= await signIn(server.url)
  return apiCall(server.url, name, args ?? {}, token)
}


before(async () => {
  server = await startServer()
  browser = await launchBrowser()
  ;({ page, problems } = await openPage(browser, server.url))
}, { timeout: 120_000 })

after(async () => {
  await browser?.close().catch(() => {})
  await server?.stop()
}, { timeout: 30_000 })

test('receipt forms scenario', { timeout: 240_000 }, async (t) => {
  const step = scenarioSteps(t, () => page)
  let collector, cadre
  const payers = []
  await step('a collector, a cadre and two payers, one with a character no font has', async () => {
    collector = await api('staff.create', { name: '王收费', roles: ['收费人员'], group_no: 1 })
    cadre = await api('staff.create', { name: '李干部', roles: ['社区干部'], group_no: 1 })
    for (const [name, no] of [['王\u{2A6A5}', '1'], ['赵\u{30EDE}', '3']]) {
      payers.push(await api('households.create', {
        kind: '住户', name, group_no: 1, tags: [],
        address: { street: '黄山路', number: no, building: '', unit: '', room: '' },
      }))
    }
  })

  await step('registers a book of 经管站预印票据', async () => {
    await page.reload()
    await goTo(page, 'fees/books', '收据本')
    await byTestId(page, 'register-book').click()
    const dialog = byTestId(page, 'book-dialog')
    await dialog.locator('.el-dialog__title', { hasText: '登记收据本' }).waitFor()
    await fill(page, 'book-no', 'B01')
    await fill(page, 'book-first', '2026001')
    await fill(page, 'book-last', '2026050')
    await pickOption(page, 'book-collector', '王收费（第一小组）')
    await pickOption(page, 'book-form', '经管站预印票据（只打印内容）')
    await shot(page, 'forms-01-register')
    await submitDialog(page, dialog)
    await byTestId(page, 'book-table').locator('tbody tr', { hasText: '经管站预印票据' }).waitFor()
  })

  await step('moves the payer in 收费设置 and prints the calibration page', async () => {
    await goTo(page, 'fees/standards', '收费标准与减免')
    await byTestId(page, 'form-fields').waitFor()
    await fill(page, 'field-x-payer', '60')
    await byTestId(page, 'form-save').click()
    await page.locator('.el-message--success', { hasText: '经管站预印票据' }).waitFor()
    const forms = await api('fees.forms.list')
    assert.equal(forms[1].fields.find((f) => f.key === 'payer').x_mm, '60')
    await byTestId(page, 'receipt-forms').scrollIntoViewIfNeeded()
    await shot(page, 'forms-02-settings')
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      byTestId(page, 'form-calibration').click(),
    ])
    assert.match(download.suggestedFilename(), /^收据版式校准页-经管站预印票据\.pdf$/)
    const text = pdfText(await download.path(), ['-layout'])
    if (text !== null) assert.match(text, /缴费人（60，29）/)
  })

  await step('prints the batch on the pre-printed form and warns of the missing character', async () => {
    const batch = await api('fees.batches.open', { group_no: 1, on_date: '2026-11-29', collector_ids: [collector.id], cadre_id: cadre.id })
    for (const p of payers) {
      await api('fees.receipts.issue', { batch_id: batch.id, party_id: p.id, collector_id: collector.id, period_from: '2026-09', period_to: '2026-12' })
    }
    await page.goto(`${server.url}/#/fees/batches/${batch.id}`)
    await byTestId(page, 'print-batch-receipts').waitFor()
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      byTestId(page, 'print-batch-receipts').click(),
    ])
    const notice = page.locator('.el-notification', { hasText: '部分字符无法打印' })
    await expectText(notice, /\u{30EDE}（第 2 页），已印作□/u)
    await shot(page, 'forms-03-warning')
    const text = pdfText(await download.path(), ['-layout'])
    if (text !== null) {
      assert.match(text, /王\u{2A6A5}/u)
      assert.match(text, /赵□/)
      assert.match(text, /人民币贰拾元整/)
      for (const label of ['缴费人', '收费项目', '存根联', '收款单位']) assert.doesNotMatch(text, new RegExp(label))
    }
    assert.deepEqual(problems, [])
  })
})
