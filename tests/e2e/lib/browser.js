// Debian's Chromium driven by playwright-core (no browser download).
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { chromium } from 'playwright-core'
import { repoRoot } from './server.js'
import { WAIT_MS } from './wait.js'

export const screenshotDir = path.join(repoRoot, 'test-output')

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CW_CHROMIUM || '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
    ],
    timeout: 30_000,
  })
}

/** The head's account the suites create on their fresh databases. */
export const E2E_HEAD = { username: 'zhuren', display_name: '测试主任', password: 'e2e-head-pass' }
/** The demo community's accounts' password (see the README). */
export const DEMO_PASSWORD = 'demo-2026'

/** Calls a command of the server directly, as the UI does; resolves with its data. */
export async function apiCall(url, name, args = {}, token = null) {
  const headers = { 'Content-Type': 'application/json' }
  if (token) headers['X-CW-Session'] = token
  const res = await fetch(`${url}/api/call/${encodeURIComponent(name)}`, { method: 'POST', headers, body: JSON.stringify(args) })
  const body = await res.json()
  if (!body.ok) throw new Error(`${name}: ${body.error?.code} ${body.error?.message}`)
  return body.data
}

/**
 * Signs in through the API: sets up the head's account on a fresh database, else signs in as
 * it (or as the demo head). Resolves with the session token.
 */
export async function signIn(url) {
  const status = await apiCall(url, 'auth.status')
  if (status.needs_setup) return (await apiCall(url, 'auth.setup', E2E_HEAD)).token
  try {
    return (await apiCall(url, 'auth.login', { username: E2E_HEAD.username, password: E2E_HEAD.password })).token
  } catch {
    return (await apiCall(url, 'auth.login', { username: 'zhuren', password: DEMO_PASSWORD })).token
  }
}

/**
 * A page that records console errors and uncaught exceptions, already signed in as the head
 * (pass `{ signIn: false }` to land on the sign-in screen instead).
 */
export async function openPage(browser, url, { signIn: doSignIn = true } = {}) {
  const context = await browser.newContext({
    viewport: { width: 1366, height: 800 },
    locale: 'zh-CN',
    acceptDownloads: true,
  })
  let token = null
  if (doSignIn) {
    token = await signIn(url)
    await context.addInitScript((t) => sessionStorage.setItem('cw-session', t), token)
  }
  const page = await context.newPage()
  // Every action and locator wait; generous for a loaded machine (see WAIT_MS).
  page.setDefaultTimeout(WAIT_MS)
  page.setDefaultNavigationTimeout(3 * WAIT_MS)
  const problems = []
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`)
  })
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`))
  await page.goto(url)
  return { page, context, problems, token }
}

export async function shot(page, name) {
  mkdirSync(screenshotDir, { recursive: true })
  // A picture, not a check: a mask that stays (a slow list) is photographed rather than failed on.
  await page.locator('.el-loading-mask:visible').first().waitFor({ state: 'hidden', timeout: WAIT_MS }).catch(() => {})
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true, animations: 'disabled' })
}
