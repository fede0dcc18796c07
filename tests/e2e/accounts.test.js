// Accounts end to end: the first run's head account through the sign-in screen, a clerk added by
// the head, the clerk's narrower menu, the lock screen, and a wrong password's Chinese message.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer } from './lib/server.js'
import { launchBrowser, openPage, shot } from './lib/browser.js'
import { byTestId, fill, scenarioSteps } from './lib/ui.js'
import { expectCount } from './lib/wait.js'

let server
let browser
let page
let problems = []

before(async () => {
  server = await startServer()
  browser = await launchBrowser()
  ;({ page, problems } = await openPage(browser, server.url, { signIn: false }))
}, { timeout: 90_000 })

after(async () => {
  await browser?.close().catch(() => {})
  await server?.stop()
}, { timeout: 30_000 })

async function signInAs(username, password) {
  await fill(page, 'signin-username', username)
  await fill(page, 'signin-password', password)
  await page.keyboard.press('Control+Enter')
}

async function userMenu(item) {
  await byTestId(page, 'current-user').click()
  await byTestId(page, item).click()
}

test('accounts scenario', { timeout: 180_000 }, async (t) => {
  const step = scenarioSteps(t, () => page)
  await step('the first run asks for the head account and refuses a short password', async () => {
    await byTestId(page, 'signin').waitFor()
    await shot(page, 'accounts-first-run')
    await fill(page, 'signin-username', 'zhuren')
    await fill(page, 'signin-display-name', '黄主任')
    await fill(page, 'signin-password', '1234')
    await fill(page, 'signin-confirm', '1234')
    await byTestId(page, 'signin-submit').click()
    await assert.doesNotReject(byTestId(page, 'signin-error').filter({ hasText: '至少需要 8 个字符' }).waitFor())
    await fill(page, 'signin-password', 'head-pass-2026')
    await fill(page, 'signin-confirm', 'head-pass-2026')
    await byTestId(page, 'signin-submit').click()
    await byTestId(page, 'current-user').filter({ hasText: '黄主任' }).waitFor()
    await byTestId(page, 'count-households').waitFor()
  })

  await step('the head adds a clerk on the accounts page', async () => {
    await byTestId(page, 'menu-accounts').click()
    await byTestId(page, 'account-new').click()
    await fill(page, 'account-username', 'wenyuan')
    await fill(page, 'account-display-name', '李文员')
    await fill(page, 'account-password', 'clerk-pass-1')
    await byTestId(page, 'dialog-submit').click()
    await byTestId(page, 'accounts-table').locator('tr', { hasText: 'wenyuan' }).waitFor()
    await shot(page, 'accounts-list')
  })

  await step('a wrong password is refused in Chinese, the right one signs the clerk in', async () => {
    await userMenu('user-logout')
    await byTestId(page, 'signin').waitFor()
    await signInAs('wenyuan', 'not-the-password')
    await byTestId(page, 'signin-error').filter({ hasText: '用户名或密码不正确' }).waitFor()
    await signInAs('wenyuan', 'clerk-pass-1')
    await byTestId(page, 'current-user').filter({ hasText: '李文员' }).waitFor()
    // The clerk's menu is drawn (an absence is only worth checking on the drawn menu) ...
    await byTestId(page, 'menu-households').waitFor()
    // ... and has no accounts page.
    await expectCount(byTestId(page, 'menu-accounts'), 0, { what: 'a clerk has no accounts page' })
  })

  await step('the lock screen hides the work until the password is entered', async () => {
    await userMenu('user-lock')
    await byTestId(page, 'lock-screen').waitFor()
    await shot(page, 'accounts-locked')
    await fill(page, 'unlock-password', 'wrong-one-1')
    await page.keyboard.press('Enter')
    await byTestId(page, 'unlock-error').waitFor()
    await fill(page, 'unlock-password', 'clerk-pass-1')
    await page.keyboard.press('Enter')
    await byTestId(page, 'lock-screen').waitFor({ state: 'detached' })
    await byTestId(page, 'menu-households').click()
    await page.locator('.page-header .title', { hasText: '住户与门店' }).waitFor()
  })

  await step('no errors reached the console', () => {
    // The refused sign-ins answer 400/401; the browser logs those as failed resources.
    const real = problems.filter((p) => !/status of 40[01]/.test(p))
    assert.deepEqual(real, [])
  }, { always: true })
})
