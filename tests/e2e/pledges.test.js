// 门前三包 end to end on the demo community: the group's rate, a signature recorded from the
// table and one by keyboard quick entry (the rate goes up), a batch print with progress and
// confirmation, the outstanding list, and the rectification page with its overdue notice.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { startServer } from './lib/server.js'
import { apiCall, launchBrowser, openPage, shot, signIn } from './lib/browser.js'
import { byTestId, fill, goTo, pickOption } from './lib/ui.js'

let server
let browser
let page
let problems = []

before(async () => {
  server = await startServer()
  await apiCall(server.url, 'demo.generate', {}, await signIn(server.url))
  browser = await launchBrowser()
  ;({ page, problems } = await openPage(browser, server.url))
}, { timeout: 120_000 })

after(async () => {
  await browser?.close().catch(() => {})
  await server?.stop()
}, { timeout: 30_000 })

const groupRate = () => byTestId(page, 'rates-group-rate-3').textContent().then((t) => t.trim())
const signedCount = async () => {
  const row = byTestId(page, 'rates-group').locator('tbody tr').nth(2)
  return Number((await row.locator('td').nth(2).textContent()).trim())
}

test('pledges scenario', { timeout: 300_000 }, async (t) => {
  await t.test('shows the signing rates by group', async () => {
    await goTo(page, 'pledges', '门前三包')
    await byTestId(page, 'rate-overall').waitFor()
    assert.match(await byTestId(page, 'rate-overall').textContent(), /^\d+\.\d%$/)
    assert.match(await groupRate(), /^\d+\.\d%$/)
    await shot(page, 'pledges-01-rates')
  })

  await t.test('records a signature from the table and the group rate goes up', async () => {
    const before = await signedCount()
    await pickOption(page, 'pledge-filter-group', '第三小组')
    await pickOption(page, 'pledge-filter-status', '已打印')
    const tag = page.locator('[data-testid^="pledge-status-"]').first()
    await tag.waitFor()
    const id = (await tag.getAttribute('data-testid')).replace('pledge-status-', '')
    await byTestId(page, `sign-${id}`).click()
    const dialog = byTestId(page, 'pledge-record-dialog')
    await dialog.locator('.el-dialog__title', { hasText: '登记责任书' }).waitFor()
    await shot(page, 'pledges-02-record')
    await page.waitForFunction(() => document.activeElement?.tagName === 'INPUT' && document.querySelector('[data-testid="pledge-record-dialog"]')?.contains(document.activeElement), null, { timeout: 5_000 })
    await page.keyboard.press('Control+Enter')
    await page.locator('.el-message--success', { hasText: '已签订' }).waitFor()
    await page.waitForFunction((want) => {
      const row = document.querySelectorAll('[data-testid="rates-group"] tbody tr')[2]
      return Number(row?.querySelectorAll('td')[2]?.textContent?.trim()) === want
    }, before + 1, { timeout: 10_000 })
    assert.equal(await signedCount(), before + 1)
  })

  await t.test('records a signature by keyboard: number, Enter, Ctrl+Enter', async () => {
    const before = await signedCount()
    const firstRow = byTestId(page, 'pledge-table').locator('.el-table__body-wrapper tbody tr').first()
    const number = (await firstRow.locator('td').first().textContent()).trim()
    assert.match(number, /^MQ-\d{4}-\d{5}$/)
    await fill(page, 'quick-record', number)
    await page.keyboard.press('Enter')
    await byTestId(page, 'pledge-record-dialog').locator('.el-dialog__title', { hasText: '登记责任书' }).waitFor()
    await page.waitForFunction(() => document.activeElement?.tagName === 'INPUT' && document.querySelector('[data-testid="pledge-record-dialog"]')?.contains(document.activeElement), null, { timeout: 5_000 })
    await page.keyboard.press('Control+Enter')
    await shot(page, 'pledges-03a-keyboard')
    await page.locator('.el-message--success', { hasText: number }).waitFor()
    await page.waitForFunction((want) => {
      const row = document.querySelectorAll('[data-testid="rates-group"] tbody tr')[2]
      return Number(row?.querySelectorAll('td')[2]?.textContent?.trim()) === want
    }, before + 1, { timeout: 10_000 })
    await shot(page, 'pledges-03-after-signing')
  })

  await t.test('a signed pledge shows its history: printed, then signed', async () => {
    await pickOption(page, 'pledge-filter-status', '已签订')
    const tag = page.locator('[data-testid^="pledge-status-"]', { hasText: '已签订' }).first()
    await tag.waitFor()
    const id = (await tag.getAttribute('data-testid')).replace('pledge-status-', '')
    await byTestId(page, `pledge-history-${id}`).click()
    const drawer = byTestId(page, 'pledge-history')
    await drawer.locator('[data-testid="pledge-event"]', { hasText: '签订：' }).first().waitFor()
    assert.match(await drawer.textContent(), /MQ-\d{4}-\d{5}/)
    await shot(page, 'pledges-03b-history')
    await page.keyboard.press('Escape')
    await drawer.waitFor({ state: 'hidden' })
  })

  await t.test('prints the group batch with progress, then confirms it was printed', async () => {
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

  await t.test('downloads the outstanding list', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      byTestId(page, 'outstanding-xlsx').click(),
    ])
    assert.match(download.suggestedFilename(), /未签户清单.*\.xlsx$/)
  })

  await t.test('the rectification page lists the overdue notice', async () => {
    await goTo(page, 'rectification', '门店整改')
    const rows = byTestId(page, 'notice-table').locator('.el-table__body-wrapper tbody tr')
    await rows.first().waitFor()
    assert.equal(await rows.count(), 2)
    assert.match(await byTestId(page, 'notice-table').textContent(), /逾期未复查/)
    await shot(page, 'pledges-05-rectification')
  })

  await t.test('no console errors', () => {
    assert.deepEqual(problems, [])
  })
})
