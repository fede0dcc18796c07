// The home dashboard end to end on the demo community: the current phase, today's work with the
// same counts the core reports, every chart drawn on a canvas without console errors, a "today"
// item followed to its filtered list (refused pledges: the list's total equals the count), and
// the 阶段与清单 page recording a checklist item done.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer } from './lib/server.js'
import { apiCall, launchBrowser, openPage, shot, signIn } from './lib/browser.js'
import { byTestId, expectText, goTo, scenarioSteps } from './lib/ui.js'
import { WAIT_MS, eventually } from './lib/wait.js'

let server
let browser
let page
let problems = []
let token

/** What a chart's canvas holds: how many pixels are inked, and a checksum of them all. */
const canvasInk = (locator) => locator.evaluate((c) => {
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data
  let inked = 0
  let sum = 0
  for (let i = 0; i < d.length; i += 4) {
    if (d[i + 3] > 0) inked++
    sum = (sum * 31 + d[i] + d[i + 1] * 7 + d[i + 2] * 13 + d[i + 3] * 17) % 1_000_000_007
  }
  return { inked, sum }
})

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
  const step = scenarioSteps(t, () => page)
  const today = await apiCall(server.url, 'campaign.today', {}, token)
  const progress = await apiCall(server.url, 'campaign.progress', {}, token)

  await step('shows the current phase and the overall rates the core computed', async () => {
    await expectText(page, 'current-phase', progress.plan.current_text)
    await expectText(page, 'rate-signing-overall', progress.signing.overall.rate_text)
    await expectText(page, 'rate-collection-overall', progress.collection_by_group.total.rate)
  })

  await step("shows today's work with the core's counts", async () => {
    for (const item of today.items) await expectText(page, `today-${item.key}-count`, String(item.count))
    const refused = today.items.find((i) => i.key === 'pledges_refused')
    assert.ok(refused.count > 0, 'the demo community has refusals to chase')
  })

  await step('draws every chart on a canvas without console errors', async () => {
    for (const id of CHARTS) {
      const canvas = byTestId(page, id).locator('canvas')
      await canvas.first().waitFor()
      // ECharts sizes its canvas to the box once laid out (and again on resize).
      await eventually(async () => {
        const size = await canvas.first().evaluate((c) => [c.width, c.height])
        assert.ok(size[0] > 100 && size[1] > 100, `${id} canvas is ${size}`)
      })
    }
    // A drawn canvas has non-blank pixels (ECharts rendering, not an empty box); its opening
    // animation draws them over about a second.
    const rates = byTestId(page, 'chart-rates-group').locator('canvas').first()
    await eventually(async () => {
      const { inked } = await canvasInk(rates)
      assert.ok(inked > 1000, `the rates chart should be drawn (inked pixels: ${inked})`)
    })
    // The picture once the animations are over: every canvas the same on two looks in a row.
    let last = null
    await eventually(async () => {
      const now = []
      for (const id of CHARTS) now.push((await canvasInk(byTestId(page, id).locator('canvas').first())).sum)
      const same = last !== null && now.every((v, i) => v === last[i])
      last = now
      assert.ok(same, 'the charts are still animating')
    }, { interval: 300, timeout: WAIT_MS })
    await shot(page, 'campaign-01-dashboard')
    assert.deepEqual(problems, [], problems.join('\n'))
  })

  await step('follows the refused pledges to the filtered list with the same count', async () => {
    const refused = today.items.find((i) => i.key === 'pledges_refused')
    await byTestId(page, 'today-pledges_refused').click()
    await page.locator('.page-header .title', { hasText: '门前三包' }).waitFor()
    await expectText(page, 'pledges-total', String(refused.count))
    await eventually(async () => assert.match(page.url(), /#\/pledges\?status=/))
    // Every row listed is a refusal (the first page of them).
    await eventually(async () => {
      const statuses = (await page.locator('[data-testid^="pledge-status-"]').allTextContents()).map((s) => s.trim())
      assert.ok(statuses.length > 0, 'no pledges listed')
      assert.deepEqual(statuses.filter((s) => s !== '拒签'), [], `statuses listed: ${statuses.join(' ')}`)
    })
    await shot(page, 'campaign-02-refused-list')
  })

  await step('follows the unremitted cash to the batches not yet remitted', async () => {
    await goTo(page, 'home', '首页')
    await byTestId(page, 'today-cash_unremitted').click()
    await page.locator('.page-header .title', { hasText: '收费批次' }).waitFor()
    await eventually(async () => assert.match(page.url(), /#\/fees\/batches\?open=1/))
  })

  await step('records a checklist item done on the 阶段与清单 page', async () => {
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
