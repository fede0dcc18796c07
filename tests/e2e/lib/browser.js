// Debian's Chromium driven by playwright-core (no browser download).
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { chromium } from 'playwright-core'
import { repoRoot } from './server.js'

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

/** A page that records console errors and uncaught exceptions. */
export async function openPage(browser, url) {
  const context = await browser.newContext({
    viewport: { width: 1366, height: 800 },
    locale: 'zh-CN',
    acceptDownloads: true,
  })
  const page = await context.newPage()
  page.setDefaultTimeout(15_000)
  page.setDefaultNavigationTimeout(30_000)
  const problems = []
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`)
  })
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`))
  await page.goto(url)
  return { page, context, problems }
}

export async function shot(page, name) {
  mkdirSync(screenshotDir, { recursive: true })
  await page.locator('.el-loading-mask:visible').first().waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => {})
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true, animations: 'disabled' })
}
