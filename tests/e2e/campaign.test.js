// The home dashboard end to end on the demo community: the current phase, today's work with the
// same counts the core reports, every chart drawn on a canvas without console errors, a "today"
// item followed to its filtered list (refused pledges: the list's total equals the count), and
// the 阶段与清单 page recording a checklist item done.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer } from './lib/server.js'
import { apiCall, launchBrowser, openPage, shot, signIn } from './lib/browser.js'
import { byTestId, goTo } from './lib/ui.js'

let server
let browser
let page
let problems = []
let token

const CHARTS = ['chart-rates-group', 'chart-signing-trend', 'chart-collection-trend', 'chart-fines-month', 'chart-top-zones', 'chart-inspections']

before(async () => {
  server = await startServer()
  token = await signIn(server.url)
  await apiCall(server.url, 'demo.generate', {}, token)
  browser = await launchBrowser()
  ;({ page, problems } = await openPage(browser, server.url))
}, { timeout: 180_000 })

after(async () => {
  await browser?.close().catch(() => {})
  await server?.stop()
}, { timeout: 30_000 })

test('campaign dashboard scenario', { timeout: 300_000 }, async (t) => {
  const today = await apiCall(server.url, 'campaign.today', {}, token)
  const progress = await apiCall(server.url, 'campaign.progress', {}, token)

  await t.test('shows the current phase and the overall rates the core computed', async () => {
    await byTestId(page, 'current-phase').waitFor()
    assert.equal((await byTestId(page, 'current-phase').textContent()).trim(), progress.plan.current_text)
    await byTestId(page, 'rate-signing-overall').waitFor()
    assert.equal((await byTestId(page, 'rate-signing-overall').textContent()).trim(), progress.signing.overall.rate_text)
    assert.equal((await byTestId(page, 'rate-collection-overall').textContent()).trim(), progress.collection_by_group.total.rate)
  })

  await t.test("shows today's work with the core's counts", async () => {
    for (const item of today.items) {
      const text = (await byTestId(page, `today-${item.key}-count`).textContent()).trim()
      assert.equal(Number(text), item.count, item.key)
    }
    const refused = today.items.find((i) => i.key === 'pledges_refused')
    assert.ok(refused.count > 0, 'the demo community has refusals to chase')
  })

  await t.test('draws every chart on a canvas without console errors', async () => {
    for (const id of CHARTS) {
      const canvas = byTestId(page, id).locator('canvas')
      await canvas.first().waitFor({ timeout: 15_000 })
      const size = await canvas.first().evaluate((c) => [c.width, c.height])
      assert.ok(size[0] > 100 && size[1] > 100, `${id} canvas is ${size}`)
    }
    // A drawn canvas has non-blank pixels (ECharts finished rendering, not an empty box).
    const inked = await byTestId(page, 'chart-rates-group').locator('canvas').first().evaluate((c) => {
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data
      let n = 0
      for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++
      return n
    })
    assert.ok(inked > 1000, `the rates chart should be drawn (inked pixels: ${inked})`)
    await page.waitForTimeout(600)
    await shot(page, 'campaign-01-dashboard')
    assert.deepEqual(problems, [], problems.join('\n'))
  })

  await t.test('follows the refused pledges to the filtered list with the same count', async () => {
    const refused = today.items.find((i) => i.key === 'pledges_refused')
    await byTestId(page, 'today-pledges_refused').click()
    await page.locator('.page-header .title', { hasText: '门前三包' }).waitFor()
    await page.waitForFunction((want) => document.querySelector('[data-testid="pledges-total"]')?.textContent?.trim() === String(want), refused.count, { timeout: 10_000 })
    assert.match(page.url(), /#\/pledges\?status=/)
    const statuses = await page.locator('[data-testid^="pledge-status-"]').allTextContents()
    assert.ok(statuses.length > 0)
    for (const s of statuses) assert.equal(s.trim(), '拒签')
    await shot(page, 'campaign-02-refused-list')
  })

  await t.test('follows the unremitted cash to the batches not yet remitted', async () => {
    await goTo(page, 'home', '首页')
    await byTestId(page, 'today-cash_unremitted').click()
    await page.locator('.page-header .title', { hasText: '收费批次' }).waitFor()
    assert.match(page.url(), /#\/fees\/batches\?open=1/)
  })

  await t.test('records a checklist item done on the 阶段与清单 page', async () => {
    await goTo(page, 'campaign', '阶段与清单')
    const plan = await apiCall(server.url, 'campaign.plan', {}, token)
    const phase = plan.phases.find((p) => p.tasks.some((x) => !x.done_on))
    const task = phase.tasks.find((x) => !x.done_on)
    await byTestId(page, `task-edit-${task.id}`).click()
    const dialog = byTestId(page, 'task-dialog')
    await dialog.locator('.el-dialog__title', { hasText: '登记工作完成情况' }).waitFor()
    await dialog.locator('input').last().fill('会议记录存档')
    await dialog.locator('button', { hasText: '保存' }).click()
    await page.locator('.el-message--success', { hasText: '已登记' }).waitFor()
    const after = await apiCall(server.url, 'campaign.plan', {}, token)
    const done = after.phases.flatMap((p) => p.tasks).find((x) => x.id === task.id)
    assert.ok(done.done_on, 'the item is done')
    assert.equal(done.evidence, '会议记录存档')
    await shot(page, 'campaign-03-checklist')
    assert.deepEqual(problems, [], problems.join('\n'))
  })
})
