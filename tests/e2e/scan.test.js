// Scanning (issue 18) end to end on the demo community: a printed pledge's number typed into
// 快速登记 the way a USB scanner types it (a character every few ms, then Enter) marks it 已签订
// at once; a second scan of it is refused with a message; the same number typed by a person
// opens the record dialog as before.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer } from './lib/server.js'
import { apiCall, launchBrowser, openPage, shot, signIn } from './lib/browser.js'
import { byTestId, fill, goTo, scenarioSteps } from './lib/ui.js'
import { expectText } from './lib/wait.js'

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

/** The input element of an el-input by its test id. */
async function inputOf(testId) {
  const el = byTestId(page, testId)
  return (await el.evaluate((n) => n.tagName)) === 'INPUT' ? el : el.locator('input').first()
}

/** Printed pledges still to be signed, by the server's answer. */
async function printedPledges() {
  const got = await apiCall(server.url, 'pledges.list', { status: '已打印', page: 1, page_size: 5 }, token)
  assert.ok(got.items.length >= 2, 'the demo community has printed pledges not yet signed')
  return got.items
}

/** Narrows the list to one party by the search box and waits for its status tag to read `status`. */
async function showRow(row, status) {
  await fill(page, 'pledge-search', row.number)
  await expectText(byTestId(page, `pledge-status-${row.party_id}`), status, { what: `${row.number}'s status` })
}

/** Types into 快速登记 key by key, `delay` ms apart, then Enter; returns the pauses between the
 *  keydowns as the page saw them (event.timeStamp), to say why a scan was taken for typing. */
async function typeQuick(number, delay) {
  const input = await inputOf('quick-record')
  await input.click()
  await input.fill('')
  await input.evaluate((el) => {
    window.__keys = []
    if (!el.__watched) el.addEventListener('keydown', (e) => window.__keys.push(e.timeStamp))
    el.__watched = true
  })
  await page.keyboard.type(number, { delay })
  await page.keyboard.press('Enter')
  const times = await page.evaluate(() => window.__keys)
  return times.slice(1).map((t, i) => Math.round(t - times[i]))
}

test('scanning scenario', { timeout: 300_000 }, async (t) => {
  const step = scenarioSteps(t, () => page)
  const [scanned, typed] = await printedPledges()

  await step('a scanned pledge number is recorded signed without a dialog', async () => {
    await goTo(page, 'pledges', '门前三包')
    await showRow(scanned, '已打印')
    const pauses = await typeQuick(scanned.number, 5)
    t.diagnostic(`scanner-speed pauses (ms): ${pauses.join(' ')}`)
    await page.locator('.el-message--success', { hasText: `编号 ${scanned.number} 已登记签订` }).waitFor()
      .catch((e) => assert.fail(`not taken as a scan (pauses ${pauses.join(' ')} ms): ${e.message}`))
    await expectText(byTestId(page, `pledge-status-${scanned.party_id}`), '已签订', { what: 'the scanned pledge\'s status' })
    assert.equal(await byTestId(page, 'pledge-record-dialog').locator('.el-dialog__title:visible').count(), 0, 'no dialog opened')
    const after = await apiCall(server.url, 'pledges.get', { party_id: scanned.party_id }, token)
    assert.equal(after.row.status, '已签订')
    await shot(page, 'scan-01-signed')
  })

  await step('scanning the same pledge again is refused and says why', async () => {
    await typeQuick(scanned.number, 5)
    await page.locator('.el-message--error', { hasText: '不再重复登记' }).waitFor()
    await expectText(byTestId(page, `pledge-status-${scanned.party_id}`), '已签订')
  })

  await step('the same number typed by a person opens the record dialog', async () => {
    await showRow(typed, '已打印')
    const pauses = await typeQuick(typed.number, 120)
    t.diagnostic(`typing-speed pauses (ms): ${pauses.join(' ')}`)
    const dialog = byTestId(page, 'pledge-record-dialog')
    await dialog.locator('.el-dialog__title', { hasText: '登记责任书' }).waitFor()
    await shot(page, 'scan-02-typed-opens-dialog')
    // The header's ×: the date picker's calendar, open on the focused date, covers 取消.
    await dialog.locator('.el-dialog__headerbtn').click()
    await dialog.locator('.el-dialog__title').waitFor({ state: 'hidden' })
    await expectText(byTestId(page, `pledge-status-${typed.party_id}`), '已打印', { what: 'the typed pledge is unchanged' })
  })

  // The refused second scan is the one 409 the browser logs.
  assert.deepEqual(problems.filter((p) => !/status of 409/.test(p)), [], 'no other errors in the browser console')
})
