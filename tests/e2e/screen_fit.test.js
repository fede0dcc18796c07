// Every page of the menu fits the clerk's screen: 1366×768 (about 1366×696 left for the window's
// content) and 1920×1080 at 150% (about 1280×672). On the demo community, each page is checked,
// once its data has loaded, for buttons, links and tags cut inside table cells, non-fixed cells
// hidden under a fixed column, cut header buttons, and form dialogs taller than the screen.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { startServer } from './lib/server.js'
import { apiCall, launchBrowser, openPage, screenshotDir, signIn } from './lib/browser.js'
import { byTestId } from './lib/ui.js'

const VIEWPORTS = [
  { width: 1280, height: 672 },
  { width: 1366, height: 696 },
]

// The menu's pages (App.vue); the testid is `menu-` + the path without its leading slash.
const PAGES = [
  ['home', '首页'],
  ['campaign', '阶段与清单'],
  ['households', '住户与门店'],
  ['staff', '人员'],
  ['tools', '保洁工具'],
  ['zones', '责任区'],
  ['groups', '收费小组'],
  ['import', '导入'],
  ['fines', '罚款'],
  ['inspections', '检查'],
  ['attendance', '出勤表'],
  ['statements', '月度结算'],
  ['schedule', '考核细则'],
  ['pledges', '门前三包'],
  ['rectification', '门店整改'],
  ['fees/batches', '收费批次'],
  ['fees/books', '收据本'],
  ['fees/rates', '收缴率与欠费'],
  ['fees/compensations', '收费人员赔偿'],
  ['fees/standards', '收费标准'],
  ['self-check', '对照标准自查'],
  ['complaints', '投诉举报'],
  ['meetings', '会议记录'],
  ['surveys', '入户调查'],
  ['publicity', '宣传活动'],
  ['backups', '备份'],
  ['settings', '设置'],
  ['accounts', '账号'],
]

// Header buttons that open an entry form (not exports, prints or other actions).
const FORM_BUTTON = /^\s*(新增|新建|添加|登记|开设|开始收费|录入|发放)/

let server
let browser

before(async () => {
  server = await startServer()
  await apiCall(server.url, 'demo.generate', {}, await signIn(server.url))
  browser = await launchBrowser()
}, { timeout: 120_000 })

after(async () => {
  await browser?.close().catch(() => {})
  await server?.stop()
}, { timeout: 30_000 })

// Counts the page's calls to the server, so a check can wait for the page's data.
function countCalls() {
  const w = window
  w.__cwCalls = { started: 0, pending: 0 }
  const real = w.fetch.bind(w)
  w.fetch = (...args) => {
    w.__cwCalls.started += 1
    w.__cwCalls.pending += 1
    return real(...args).finally(() => {
      w.__cwCalls.pending -= 1
    })
  }
}

/** Waits until the page has asked the server something since `startedBefore` and all answers are in. */
async function waitForData(page, startedBefore) {
  await page.waitForFunction(
    (before) => {
      const c = window.__cwCalls
      const loading = [...document.querySelectorAll('.el-loading-mask')].some((m) => m.getClientRects().length > 0)
      return c && c.started > before && c.pending === 0 && !loading
    },
    startedBefore,
    { timeout: 15_000, polling: 100 },
  )
}

// Runs in the page: every fit problem visible now, as sentences naming the place.
function fitProblems() {
  const seen = new Map()
  const problems = { push: (p) => seen.set(p, (seen.get(p) || 0) + 1) }
  const visible = (el) => el.getClientRects().length > 0
  const label = (el) => (el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 30)
  const main = document.querySelector('.main') || document.body
  const tables = [...main.querySelectorAll('.el-table')].filter(visible)
  tables.forEach((table, t) => {
    const name = table.getAttribute('data-testid') || `table#${t + 1}`
    const header = [...table.querySelectorAll('.el-table__header-wrapper th')].map((th) => label(th))
    const rows = [...table.querySelectorAll('.el-table__body-wrapper tbody tr')].filter(visible).slice(0, 40)
    // What the clerk can see of the table without scrolling it sideways or scrolling the page.
    const wrapper = table.querySelector('.el-table__body-wrapper') || table
    const seeRight = Math.min(window.innerWidth, main.getBoundingClientRect().right, wrapper.getBoundingClientRect().right)
    rows.forEach((tr) => {
      const tds = [...tr.children].filter((td) => td.tagName === 'TD' && visible(td))
      const fixedRight = tds.filter((td) => td.classList.contains('el-table-fixed-column--right'))
      const fixedLeft = tds.filter((td) => td.classList.contains('el-table-fixed-column--left'))
      const rightEdge = fixedRight.length ? Math.min(...fixedRight.map((td) => td.getBoundingClientRect().left)) : Infinity
      const leftEdge = fixedLeft.length ? Math.max(...fixedLeft.map((td) => td.getBoundingClientRect().right)) : -Infinity
      tds.forEach((td, c) => {
        const column = header[c] || `第${c + 1}列`
        const cell = td.querySelector('.cell') || td
        const box = cell.getBoundingClientRect()
        for (const el of cell.querySelectorAll('button, a, .el-tag, .el-link')) {
          if (!visible(el)) continue
          const b = el.getBoundingClientRect()
          const inner = el.querySelector('span') || el
          if (b.right > box.right + 1 || b.left < box.left - 1 || el.scrollWidth > el.clientWidth + 1 || inner.scrollWidth > inner.clientWidth + 1) {
            problems.push(`${name}「${column}」列的「${label(el)}」被截断`)
          }
        }
        if (td.getBoundingClientRect().left >= seeRight - 1) {
          problems.push(`${name}「${column}」列在表格可见范围之外`)
          return
        }
        if (td.getBoundingClientRect().right > seeRight + 1 && cell.textContent.trim()) {
          problems.push(`${name}「${column}」列被表格右边缘截断`)
        }
        const fixed = td.classList.contains('el-table-fixed-column--right') || td.classList.contains('el-table-fixed-column--left')
        if (!fixed) {
          const b = td.getBoundingClientRect()
          if (b.right > rightEdge + 1 || b.left < leftEdge - 1) {
            problems.push(`${name}「${column}」列在固定列下面`)
          }
        }
      })
    })
  })
  const head = main.querySelector('.page-header')
  if (head) {
    const area = head.getBoundingClientRect()
    for (const btn of head.querySelectorAll('.actions button, .actions a, .actions .el-select, .actions .el-input')) {
      if (!visible(btn)) continue
      const b = btn.getBoundingClientRect()
      if (b.right > Math.min(area.right, window.innerWidth) + 1 || b.left < area.left - 1 || btn.scrollWidth > btn.clientWidth + 1) {
        problems.push(`页头按钮「${label(btn) || btn.className}」被截断`)
      }
    }
  }
  return [...seen].map(([p, n]) => (n > 1 ? `${p}（${n} 处）` : p))
}

// Runs in the page: what keeps the open dialog from fitting the screen.
function dialogProblems() {
  const problems = []
  const dialog = [...document.querySelectorAll('.el-dialog')].find((d) => d.getClientRects().length > 0)
  if (!dialog) return ['没有打开的对话框']
  const title = (dialog.querySelector('.el-dialog__title')?.textContent || '').trim()
  const d = dialog.getBoundingClientRect()
  if (d.top < -1 || d.bottom > window.innerHeight + 1) problems.push(`对话框「${title}」高 ${Math.round(d.height)}，超出屏幕 ${window.innerHeight}`)
  for (const btn of dialog.querySelectorAll('.el-dialog__footer button')) {
    const b = btn.getBoundingClientRect()
    if (b.bottom > window.innerHeight + 1 || b.top < 0) problems.push(`对话框「${title}」的按钮「${btn.textContent.trim()}」在屏幕外`)
  }
  const body = dialog.querySelector('.el-dialog__body')
  if (body && body.scrollHeight > body.clientHeight + 1 && !/(auto|scroll)/.test(getComputedStyle(body).overflowY)) {
    problems.push(`对话框「${title}」的内容被截断且不能滚动`)
  }
  return problems
}

/** Waits for `check` to report nothing; else resolves with what it last reported, under `what`. */
async function misfits(page, check, what) {
  const ok = await page.waitForFunction(`(${check})().length === 0`, null, { timeout: 4_000, polling: 200 }).then(() => true, () => false)
  if (ok) return []
  const problems = await page.evaluate(`(${check})()`)
  return [`${what}:`, ...problems.map((p) => `  ${p}`)]
}

async function screenshot(page, name) {
  mkdirSync(screenshotDir, { recursive: true })
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), animations: 'disabled' })
}

for (const viewport of VIEWPORTS) {
  const size = `${viewport.width}x${viewport.height}`
  test(`every page fits a ${size} window`, { timeout: 600_000 }, async (t) => {
    const { page, context, problems } = await openPage(browser, server.url, { signIn: false })
    await context.addInitScript(countCalls)
    await context.addInitScript((tok) => sessionStorage.setItem('cw-session', tok), await signIn(server.url))
    await page.setViewportSize(viewport)
    await page.reload()
    await byTestId(page, 'main-menu').waitFor()
    for (const [menu, title] of PAGES) {
      await t.test(`the ${menu} page shows its tables, header and forms whole at ${size}`, async () => {
        // The home page is already showing after the reload: clicking it asks nothing new, so its
        // data is every call since the reload (waiting for a new one would wait for a timer).
        const started = menu === 'home' ? 0 : await page.evaluate(() => window.__cwCalls?.started ?? 0)
        await byTestId(page, `menu-${menu}`).click()
        await page.locator('.page-header .title', { hasText: title }).first().waitFor()
        await waitForData(page, started)
        await screenshot(page, `screen-fit-${size}-${menu.replace('/', '-')}`)
        const found = await misfits(page, fitProblems, `${title}（${size}）`)
        const buttons = page.locator('.main .page-header .actions button:visible').filter({ hasText: FORM_BUTTON })
        const count = await buttons.count()
        for (let i = 0; i < count; i++) {
          const button = buttons.nth(i)
          if (await button.isDisabled()) continue
          const name = (await button.textContent()).trim()
          await button.click()
          // A long form opens as a drawer (the self-check's 22 items): full height, its body
          // scrolling; its buttons must be on the screen.
          const drawer = page.locator('.el-drawer:visible').first()
          const dialog = page.locator('.el-dialog:visible').first()
          await Promise.race([drawer.waitFor(), dialog.waitFor()])
          if (await drawer.isVisible()) {
            await drawer.evaluate((el) =>
              new Promise((resolve) => (el.getAnimations().length ? Promise.all(el.getAnimations().map((a) => a.finished)).then(resolve) : resolve())),
            )
            try {
              await screenshot(page, `screen-fit-${size}-${menu.replace('/', '-')}-drawer-${i + 1}`)
              const cut = await drawer.evaluate((el) =>
                [...el.querySelectorAll('.el-drawer__footer button')].filter((b) => b.getBoundingClientRect().bottom > window.innerHeight).length,
              )
              if (cut > 0) found.push(`${title}「${name}」抽屉（${size}）：底部按钮超出屏幕`)
            } finally {
              await drawer.locator('.el-drawer__close-btn').click()
              await drawer.waitFor({ state: 'hidden' })
            }
            continue
          }
          await page.locator('.el-overlay-dialog:visible .el-dialog').first().evaluate((el) =>
            new Promise((resolve) => (el.getAnimations().length ? Promise.all(el.getAnimations().map((a) => a.finished)).then(resolve) : resolve())),
          )
          try {
            await screenshot(page, `screen-fit-${size}-${menu.replace('/', '-')}-dialog-${i + 1}`)
            found.push(...(await misfits(page, dialogProblems, `${title}「${name}」对话框（${size}）`)))
          } finally {
            // A dialog left open would cover the menu for the next pages.
            await dialog.locator('.el-dialog__headerbtn').click()
            await dialog.waitFor({ state: 'hidden' })
          }
        }
        if (found.length) assert.fail(found.join('\n'))
      })
    }
    // The batch page is reached from the list, not the menu.
    await t.test(`a batch's page shows its tables and header whole at ${size}`, async () => {
      await byTestId(page, 'menu-fees/batches').click()
      const open = page.locator('[data-testid^="batch-"][data-testid$="-open"]').first()
      const started = await page.evaluate(() => window.__cwCalls?.started ?? 0)
      await open.click()
      await page.locator('.page-header .title', { hasText: '收费批次 第' }).first().waitFor()
      await waitForData(page, started)
      await screenshot(page, `screen-fit-${size}-fees-batch`)
      const found = await misfits(page, fitProblems, `收费批次详情（${size}）`)
      if (found.length) assert.fail(found.join('\n'))
    })
    assert.deepEqual(problems.filter((p) => !/Failed to load resource/.test(p)), [], 'the pages logged no errors')
    await context.close()
  })
}
