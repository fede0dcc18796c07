// 门前三包 end to end on the demo community: the group's rate, a signature recorded from the
// table and one by keyboard quick entry (the rate goes up), a batch print with progress and
// confirmation, the outstanding list, and the rectification page with its overdue notice.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { startServer } from './lib/server.js'
import { apiCall, launchBrowser, openPage, shot, signIn } from './lib/browser.js'
import { byTestId, expectText, fill, goTo, pickOption, scenarioSteps } from './lib/ui.js'
import { WAIT_MS, eventually, expectCount, expectText as expectTextOf, textNow } from './lib/wait.js'

let server
let browser
let page
let problems = []
let token

before(async () => {
  server = await startServer()
  token = await signIn(server.url)
  await apiCall(server.url, 'demo.generate', {}, token)
  browser = await launchBrowser()
  ;({ page, problems } = await openPage(browser, server.url))
}, { timeout: 120_000 })

after(async () => {
  await browser?.close().catch(() => {})
  await server?.stop()
}, { timeout: 30_000 })

/** Group 3's signed count in the rates table, once it shows a number. */
const signedCount = () => eventually(async () => {
  const text = await textNow(byTestId(page, 'rates-group').locator('tbody tr').nth(2).locator('td').nth(2))
  assert.match(text ?? '', /^\d+$/, `group 3's signed count shows "${text}"`)
  return Number(text)
})
/** Waits until group 3's signed count is `want`. */
const expectSigned = (want) => eventually(async () => assert.equal(await signedCount(), want, "group 3's signed count"))

/** Waits until the list shows exactly the pledges `query` selects (by the server's answer): the
 *  filters reload the list asynchronously, and a row of the list before would be the wrong one. */
async function expectListed(query) {
  const want = await apiCall(server.url, 'pledges.list', {
    year: null, group_no: null, zone_id: null, street: null, kind: null, status: null, q: '',
    include_inactive: false, page: 1, page_size: 20, ...query,
  }, token)
  assert.ok(want.items.length > 0, `the demo community has pledges for ${JSON.stringify(query)}`)
  await expectText(page, 'pledges-total', String(want.total))
  await eventually(async () => {
    const ids = await page.locator('[data-testid^="pledge-status-"]').evaluateAll((els) => els.map((e) => Number(e.dataset.testid.replace('pledge-status-', ''))))
    assert.deepEqual(ids, want.items.map((r) => r.party_id), 'the pledges listed')
  })
  return want.items
}

test('pledges scenario', { timeout: 300_000 }, async (t) => {
  const step = scenarioSteps(t, () => page)
  let signedId = null
  await step('shows the signing rates by group', async () => {
    await goTo(page, 'pledges', '门前三包')
    await expectText(page, 'rate-overall', /^\d+\.\d%$/)
    await expectText(page, 'rates-group-rate-3', /^\d+\.\d%$/)
    await shot(page, 'pledges-01-rates')
  })

  await step('records a signature from the table and the group rate goes up', async () => {
    const before = await signedCount()
    await pickOption(page, 'pledge-filter-group', '第三小组')
    await pickOption(page, 'pledge-filter-status', '已打印')
    const listed = await expectListed({ group_no: 3, status: '已打印' })
    const id = listed[0].party_id
    signedId = id
    await byTestId(page, `sign-${id}`).click()
    const dialog = byTestId(page, 'pledge-record-dialog')
    await dialog.locator('.el-dialog__title', { hasText: '登记责任书' }).waitFor()
    await shot(page, 'pledges-02-record')
    await page.waitForFunction(() => document.activeElement?.tagName === 'INPUT' && document.querySelector('[data-testid="pledge-record-dialog"]')?.contains(document.activeElement), null, { timeout: WAIT_MS })
    await page.keyboard.press('Control+Enter')
    await page.locator('.el-message--success', { hasText: '已签订' }).waitFor()
    await expectSigned(before + 1)
  })

  await step('records a signature by keyboard: number, Enter, Ctrl+Enter', async () => {
    const before = await signedCount()
    // The list reloaded after the signature: the one just signed has left it.
    const [first] = await expectListed({ group_no: 3, status: '已打印' })
    assert.notEqual(first.party_id, signedId)
    const firstRow = byTestId(page, 'pledge-table').locator('.el-table__body-wrapper tbody tr').first()
    const number = await expectTextOf(firstRow.locator('td').first(), /^MQ-\d{4}-\d{5}$/, { what: 'the first pledge\'s number' })
    await fill(page, 'quick-record', number)
    await page.keyboard.press('Enter')
    await byTestId(page, 'pledge-record-dialog').locator('.el-dialog__title', { hasText: '登记责任书' }).waitFor()
    await page.waitForFunction(() => document.activeElement?.tagName === 'INPUT' && document.querySelector('[data-testid="pledge-record-dialog"]')?.contains(document.activeElement), null, { timeout: WAIT_MS })
    await page.keyboard.press('Control+Enter')
    await shot(page, 'pledges-03a-keyboard')
    await page.locator('.el-message--success', { hasText: number }).waitFor()
    await expectSigned(before + 1)
    await shot(page, 'pledges-03-after-signing')
  })

  await step('a signed pledge shows its history: printed, then signed', async () => {
    await pickOption(page, 'pledge-filter-status', '已签订')
    const [{ party_id: id }] = await expectListed({ group_no: 3, status: '已签订' })
    await byTestId(page, `pledge-history-${id}`).click()
    const drawer = byTestId(page, 'pledge-history')
    await drawer.locator('[data-testid="pledge-event"]', { hasText: '签订：' }).first().waitFor()
    await expectTextOf(drawer, /MQ-\d{4}-\d{5}/)
    await shot(page, 'pledges-03b-history')
    await page.keyboard.press('Escape')
    await drawer.waitFor({ state: 'hidden' })
  })

  await step('prints the group batch with progress, then confirms it was printed', async () => {
    // The batch covers the group (the scope filters); the status filter only narrows the table.
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 120_000 }),
      byTestId(page, 'batch-print').click(),
    ])
    assert.match(download.suggestedFilename(), /^门前三包责任书-第三小组\.pdf$/)
    const head = readFileSync(await download.path()).subarray(0, 5).toString('latin1')
    assert.equal(head, '%PDF-')
    const confirm = page.locator('.el-message-box', { hasText: '是否已全部打印' })
    await confirm.waitFor()
    await shot(page, 'pledges-04-confirm-print')
    await confirm.locator('button', { hasText: '已打印' }).click()
    await page.locator('.el-message--success', { hasText: '已打印' }).waitFor()
  })

  await step('downloads the outstanding list', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      byTestId(page, 'outstanding-xlsx')
        .click()
        .then(() => byTestId(page, 'choice-confirm').click()),
    ])
    assert.match(download.suggestedFilename(), /未签户清单.*\.xlsx$/)
  })

  await step('the rectification page lists the overdue notice', async () => {
    await goTo(page, 'rectification', '门店整改')
    const rows = byTestId(page, 'notice-table').locator('.el-table__body-wrapper tbody tr')
    await expectCount(rows, 2, { what: 'the notices listed' })
    await expectText(page, 'notice-table', /逾期未复查/)
    await shot(page, 'pledges-05-rectification')
  })

  await step('no console errors', () => {
    assert.deepEqual(problems, [])
  }, { always: true })
})
