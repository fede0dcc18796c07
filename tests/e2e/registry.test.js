// The registry scenario end to end: zone → household → import with a bad row →
// fixed import → pinyin search → Excel export, against the real server.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { startServer } from './lib/server.js'
import { launchBrowser, openPage, shot } from './lib/browser.js'
import { byTestId, expectRows, expectText, fill, goTo, pickOption, scenarioSteps, submitDialog, tableRows } from './lib/ui.js'
import { WAIT_MS, eventually, expectCount, expectText as expectTextOf, expectValue } from './lib/wait.js'

const ZONE = '黄山路东段'
const HEADER = '类型,名称,联系人,电话,街道,门牌号,楼栋,单元,房号,责任区,收费小组,收费类别,标签,备注'
const goodRows = [
  `门店,王伟超市,王伟,13800000001,黄山路,18,,,,${ZONE},1,门店,,`,
  `住户,李四,,13800000002,黄山路,20,1栋,1单元,101,${ZONE},1,居民,低保,`,
  `单位,黄山小学,刘芳,0710-3300001,建设路,5,,,,${ZONE},2,单位,,`,
]
const csv = (rows) => Buffer.from('\ufeff' + [HEADER, ...rows].join('\r\n') + '\r\n', 'utf8')
// Row 3 of the file (the header is row 1) has a 类型 that does not exist.
const badFile = csv([goodRows[0], '商铺,赵六百货,赵六,13800000003,黄山路,22,,,,,1,门店,,', goodRows[2]])
const goodFile = csv(goodRows)

let server
let browser
let page
let problems = []

before(async () => {
  server = await startServer()
  browser = await launchBrowser()
  ;({ page, problems } = await openPage(browser, server.url))
}, { timeout: 90_000 })

after(async () => {
  await browser?.close().catch(() => {})
  await server?.stop()
}, { timeout: 30_000 })

test('registry scenario', { timeout: 240_000 }, async (t) => {
  const step = scenarioSteps(t, () => page)
  await step('opens on the dashboard in Chinese', async () => {
    await byTestId(page, 'count-households').waitFor()
    await eventually(async () => assert.equal(await page.title(), '创卫办公台'))
    await eventually(async () => assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN'))
    await expectText(page, 'count-zones', '0')
    await shot(page, '01-dashboard-empty')
  })

  await step('sets the community name in 设置', async () => {
    await goTo(page, 'settings', '设置')
    await page.locator('[data-testid="settings-community"]:not([disabled])').waitFor()
    await fill(page, 'settings-community', '石马山镇黄山社区居委会')
    await fill(page, 'settings-office', '石马山镇人民政府')
    await fill(page, 'settings-seal', '黄山社区居民委员会')
    await byTestId(page, 'settings-save').click()
    await page.locator('.el-message--success', { hasText: '设置已保存' }).waitFor()
    await expectText(page, 'community-name', '石马山镇黄山社区居委会')
  })

  await step('adds a zone in 责任区', async () => {
    await goTo(page, 'zones', '责任区')
    await byTestId(page, 'add-zone').click()
    await byTestId(page, 'zone-dialog').locator('.el-dialog__title', { hasText: '新增责任区' }).waitFor()
    // Keyboard entry: the first field has focus, Enter moves on, Ctrl+Enter saves.
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'zone-name', null, { timeout: WAIT_MS })
    await page.keyboard.type(ZONE)
    await page.keyboard.press('Enter')
    await page.keyboard.type('建设路口至铁路桥，含两侧人行道')
    // Enter moved on: the name kept what was typed, the rest went to the next field.
    await expectValue(byTestId(page, 'zone-name'), ZONE, { what: 'zone-name' })
    await shot(page, '02-zone-dialog')
    await page.keyboard.press('Control+Enter')
    await byTestId(page, 'zone-table').locator('td', { hasText: ZONE }).waitFor()
    await expectText(page, 'zones-total', '1')
    await shot(page, '03-zones')
  })

  await step('the history of the zone names who created it and when', async () => {
    await byTestId(page, 'zone-table').locator('tr', { hasText: ZONE }).getByTestId('history').click()
    const drawer = byTestId(page, 'history-drawer')
    await drawer.getByTestId('history-entry').filter({ hasText: '新增责任区' }).waitFor()
    // Wait for the entry in full; what must not be there is checked on that same settled text.
    const text = await eventually(async () => {
      const text = await drawer.textContent({ timeout: 2_000 })
      assert.match(text, /测试主任/, 'the signed-in head is named by their display name')
      assert.match(text, /2026年11月\d+日|\d{4}年\d+月\d+日/)
      assert.match(text, new RegExp(ZONE))
      return text
    }, { what: 'the history drawer' })
    assert.doesNotMatch(text, /zhuren/, 'not by the account name')
    await shot(page, '03b-zone-history')
    await page.keyboard.press('Escape')
    await drawer.waitFor({ state: 'hidden' })
  })

  await step('adds a household in that zone and sees it listed', async () => {
    await goTo(page, 'households', '住户与门店')
    await expectText(page, 'households-total', '0')
    // Esc closes a dialog, even from inside a select whose dropdown was opened.
    await byTestId(page, 'add-household').click()
    const dialog = byTestId(page, 'household-dialog')
    await dialog.locator('.el-dialog__title').waitFor()
    await byTestId(page, 'hh-zone').click()
    await page.locator('.el-select__popper:visible').waitFor()
    await page.keyboard.press('Escape') // closes the dropdown only
    await page.locator('.el-select__popper:visible').waitFor({ state: 'detached' })
    // The dialog is still open, and not on its way out (a closing one is visible while it fades).
    await eventually(async () => assert.equal(await dialog.evaluate((d) => {
      const leaving = d.closest('[class*="-leave-"]') !== null || d.querySelector('[class*="-leave-"]') !== null
      return d.checkVisibility() && !leaving
    }), true, 'the first Esc closed only the dropdown, not the dialog'))
    await page.keyboard.press('Escape') // now closes the dialog
    await dialog.waitFor({ state: 'hidden' })

    await byTestId(page, 'add-household').click()
    await dialog.locator('.el-dialog__title', { hasText: '新增' }).waitFor()
    await fill(page, 'hh-name', '张三')
    await fill(page, 'hh-phone', '13900000000')
    await fill(page, 'hh-street', '黄山路')
    await fill(page, 'hh-number', '12')
    await fill(page, 'hh-building', '3栋')
    await fill(page, 'hh-unit', '2单元')
    await fill(page, 'hh-room', '301')
    await pickOption(page, 'hh-zone', ZONE)
    await pickOption(page, 'hh-group', '第一小组')
    await shot(page, '04-household-dialog')
    await submitDialog(page, dialog)
    await expectText(page, 'households-total', '1')
    const row = byTestId(page, 'household-table').locator('tbody tr', { hasText: '张三' })
    await expectTextOf(row, new RegExp(ZONE), { what: '张三\'s row' })
    await shot(page, '05-households-one')
  })

  await step('the history of an edited household reads in Chinese with formatted values', async () => {
    const row = byTestId(page, 'household-table').locator('tbody tr', { hasText: '张三' })
    await row.getByRole('button', { name: '编辑' }).click()
    const dialog = byTestId(page, 'household-dialog')
    await dialog.locator('.el-dialog__title', { hasText: '编辑' }).waitFor()
    await fill(page, 'hh-phone', '13900000001')
    await fill(page, 'hh-room', '302')
    await submitDialog(page, dialog)
    await page.locator('.el-message--success', { hasText: '已保存' }).waitFor()
    await row.getByTestId('history').click()
    const drawer = byTestId(page, 'history-drawer')
    // Wait for the edit's entry and its labelled changes, then read the whole drawer.
    const edit = drawer.getByTestId('history-entry').filter({ hasText: '13900000001' })
    await edit.waitFor()
    await edit.getByTestId('history-change').filter({ hasText: '电话' }).waitFor()
    await eventually(async () => {
      const changes = (await edit.getByTestId('history-change').allTextContents()).join('\n')
      assert.match(changes, /电话\s*13900000000\s*→\s*13900000001/)
      assert.match(changes, /地址[^\n]*301[^\n]*→[^\n]*302/, 'the address as written')
    }, { what: 'the edit\'s changes' })
    // What must not be there is checked on the text once the entry is in full (above).
    const text = await drawer.textContent()
    for (const raw of ['address_text', 'phone', 'zone_id', 'group_no', '"street"', 'code', 'cli']) {
      assert.ok(!text.includes(raw), `no raw field ${raw} in the history: ${text}`)
    }
    assert.match(text, /第一小组/, 'the group by its name')
    await shot(page, '05b-household-history')
    await page.keyboard.press('Escape')
    await drawer.waitFor({ state: 'hidden' })
  })

  await step('import with a bad row names the row and column and writes nothing', async () => {
    await goTo(page, 'import', '导入')
    await byTestId(page, 'import-file').setInputFiles({ name: '住户导入.csv', mimeType: 'text/csv', buffer: badFile })
    const errors = byTestId(page, 'import-error-table')
    await errors.waitFor()
    const bad = errors.locator('tbody tr').filter({ hasText: '类型' })
    await expectCount(bad, 1, { what: 'exactly one error row, on 类型' })
    await eventually(async () => {
      const cells = (await bad.locator('td').allTextContents()).map((s) => s.trim())
      assert.equal(cells[0], '3', 'the error names file row 3')
      assert.equal(cells[1], '类型')
      assert.match(cells[2], /商铺/)
    }, { what: 'the error row' })
    await expectText(page, 'import-errors', /未写入任何数据/)
    await eventually(async () => assert.equal(await byTestId(page, 'import-commit').isDisabled(), true, '导入 is disabled while there are errors'))
    await shot(page, '06-import-errors')

    await goTo(page, 'households', '住户与门店')
    await expectText(page, 'households-total', '1')
  })

  await step('the fixed file imports and its rows appear', async () => {
    await goTo(page, 'import', '导入')
    await byTestId(page, 'import-file').setInputFiles({ name: '住户导入.csv', mimeType: 'text/csv', buffer: goodFile })
    await expectText(page, 'import-to-create', '3')
    await expectCount(byTestId(page, 'import-errors'), 0, { what: 'no errors in the fixed file' })
    await expectRows(page, 'import-rows', 3)
    await shot(page, '07-import-preview')
    await byTestId(page, 'import-commit').click()
    await page.locator('.el-message--success', { hasText: '新增 3 条' }).waitFor()

    await goTo(page, 'households', '住户与门店')
    await expectText(page, 'households-total', '4')
    for (const name of ['王伟超市', '李四', '黄山小学']) {
      await byTestId(page, 'household-table').locator('tbody tr', { hasText: name }).waitFor()
    }
    await shot(page, '08-households-imported')
  })

  await step('pinyin initials find the shop', async () => {
    await fill(page, 'household-search', 'wwcs')
    await expectText(page, 'households-total', '1')
    await expectRows(page, 'household-table', 1)
    await expectTextOf(tableRows(page, 'household-table').first(), /王伟超市/, { what: 'the one row found' })
    await shot(page, '09-search-wwcs')
    await fill(page, 'household-search', '')
    await expectText(page, 'households-total', '4')
  })

  await step('exports the list to Excel', async () => {
    // The choice comes first: the default (no phones, no tags) is the minimum.
    await byTestId(page, 'export-households').click()
    await byTestId(page, 'personal-choice').locator('.el-dialog__title', { hasText: '导出住户' }).waitFor()
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), byTestId(page, 'choice-confirm').click()])
    const name = download.suggestedFilename()
    assert.match(name, /\.xlsx$/, `download name ${name}`)
    const file = await download.path()
    const head = readFileSync(file).subarray(0, 2).toString('latin1')
    assert.equal(head, 'PK', 'an .xlsx is a zip file')
  })

  await step('the dashboard counts the registry', async () => {
    await goTo(page, 'home', '首页')
    await expectText(page, 'count-households', '2')
    await expectText(page, 'count-shops', '1')
    await expectText(page, 'count-units', '1')
    await expectText(page, 'count-zones', '1')
    await shot(page, '10-dashboard')
  })

  await step('no console errors', () => {
    assert.deepEqual(problems, [])
  }, { always: true })
})
