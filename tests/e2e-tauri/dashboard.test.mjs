// End-to-end test of the real desktop app: the Tauri shell, its embedded UI and the core, driven
// through tauri-driver + WebKitWebDriver under Xvfb (run it with ./run.sh, which adds the display
// and a hard time limit: without a display, session creation hangs instead of failing).
//
// CW_APP  absolute path of the built app (default <repo>/target/debug/chuangwei-app)
// CW_BIN  the CLI (default <repo>/target/debug/chuangwei)
// TAURI_DRIVER  tauri-driver (default: on PATH, else ~/.cargo/bin/tauri-driver)

import assert from 'node:assert/strict'
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { after, before, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { Session, WAIT_MS, waitForDriver } from './webdriver.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))
const repo = path.resolve(here, '..', '..')
const APP = path.resolve(process.env.CW_APP ?? path.join(repo, 'target', 'debug', 'chuangwei-app'))
const BIN = path.resolve(process.env.CW_BIN ?? path.join(repo, 'target', 'debug', 'chuangwei'))
const OUT = path.join(repo, 'test-output')

/** The dashboard's cards and the `dashboard.summary` field each one shows. */
const CARDS = {
  'count-households': 'households',
  'count-shops': 'shops',
  'count-units': 'units',
  'count-staff-active': 'staff_active',
  'count-cleaners': 'cleaners',
  'count-zones': 'zones',
}

function tauriDriverPath() {
  if (process.env.TAURI_DRIVER) return process.env.TAURI_DRIVER
  const onPath = (process.env.PATH ?? '').split(path.delimiter).map((d) => path.join(d, 'tauri-driver'))
  return onPath.find((p) => existsSync(p)) ?? path.join(os.homedir(), '.cargo', 'bin', 'tauri-driver')
}

/** A TCP port nobody listens on right now, so parallel runs do not collide on 4444. */
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.unref()
    srv.on('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address()
      srv.close(() => resolve(port))
    })
  })
}

function cli(...args) {
  return execFileSync(BIN, args, { encoding: 'utf8', timeout: 120_000, stdio: ['ignore', 'pipe', 'pipe'] })
}

let tmp
let db
let driver
let driverLog = ''
let session
let expected

before(async () => {
  for (const [what, file] of [['the app (CW_APP)', APP], ['the CLI (CW_BIN)', BIN]]) {
    assert.ok(existsSync(file), `${what} not found at ${file}; build it first (see tests/e2e-tauri/run.sh)`)
  }
  assert.ok(process.env.DISPLAY, 'no DISPLAY: run under Xvfb (tests/e2e-tauri/run.sh)')

  tmp = mkdtempSync(path.join(os.tmpdir(), 'cw-e2e-tauri-'))
  db = path.join(tmp, 't.db')
  cli('--db', db, 'demo')
  expected = JSON.parse(cli('--db', db, 'call', 'dashboard.summary', '{}'))

  const port = await freePort()
  const nativePort = await freePort()
  // Its own process group, so the driver, WebKitWebDriver and the app can be stopped together.
  driver = spawn(tauriDriverPath(), ['--port', String(port), '--native-port', String(nativePort)], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  driver.stdout.on('data', (d) => (driverLog += d))
  driver.stderr.on('data', (d) => (driverLog += d))
  driver.on('error', (e) => (driverLog += `spawn failed: ${e.message}\n`))
  await waitForDriver(port)
  session = await Session.create(port, APP, ['--db', db])
})

after(async () => {
  try {
    if (session) await session.delete()
  } catch (err) {
    console.error(`deleting the session failed: ${err.message}`)
  }
  if (driver?.pid && driver.exitCode === null) {
    try {
      process.kill(-driver.pid, 'SIGTERM')
    } catch {
      // already gone
    }
  }
  if (tmp) rmSync(tmp, { recursive: true, force: true })
  if (process.env.CW_E2E_VERBOSE) console.error(driverLog)
})

/** A probe for `session.waitFor`: the text of `css` once it matches `re` (else it throws, saying what it saw). */
const textMatching = (css, re, what) => async () => {
  const text = await session.textOf(css)
  assert.match(text ?? '(none)', re, `${what}: ${css} shows "${text}"`)
  return text
}

test('the clerk signs in with the demo account on the sign-in screen', { timeout: 120_000 }, async () => {
  // The first screen of a freshly started app: allow it twice the usual time.
  await session.waitFor('the sign-in screen', async () => (await session.textOf('[data-testid="signin-submit"]')) ?? null, 2 * WAIT_MS)
  await session.waitFor('the demo hint', textMatching('[data-testid="demo-hint"]', /zhuren/, 'the demo community shows its accounts on the sign-in screen'))
  await session.execute(`
    const set = (id, value) => {
      const el = document.querySelector('[data-testid="' + id + '"] input') || document.querySelector('[data-testid="' + id + '"]')
      el.value = value
      el.dispatchEvent(new Event('input', { bubbles: true }))
    }
    set('signin-username', 'zhuren')
    set('signin-password', 'demo-2026')
    document.querySelector('[data-testid="signin-submit"]').click()
  `)
  await session.waitFor('the signed-in header', textMatching('[data-testid="current-user"]', /黄主任.*主任/, 'the head is signed in'))
})

test('the dashboard shows the demo community as the core counts it', { timeout: 120_000 }, async () => {
  const parties = expected.households + expected.shops + expected.units
  assert.ok(parties > 1000, `the demo community should have ~1,500 households and shops, the CLI says ${parties}`)

  // Wait for every card to show the core's figure (a card shows — until the summary arrives).
  let seen = {}
  await session
    .waitFor('the dashboard counts', async () => {
      const texts = {}
      for (const id of Object.keys(CARDS)) texts[id] = (await session.textOf(`[data-testid="${id}"]`))?.trim() ?? null
      seen = texts
      for (const [id, field] of Object.entries(CARDS)) {
        assert.match(texts[id] ?? '', /^\d[\d,]*$/, `${id} shows ${texts[id]}`)
        assert.equal(Number(texts[id].replaceAll(',', '')), expected[field], `${id} shows ${texts[id]}, the core says ${field} = ${expected[field]}`)
      }
      return texts
    })
    .catch(async (err) => {
      mkdirSync(OUT, { recursive: true })
      writeFileSync(path.join(OUT, 'tauri-dashboard-failure.png'), await session.screenshot())
      const where = await session.execute('return location.href + " | " + document.body.innerText.slice(0, 400)')
      throw new Error(`${err.message}; cards: ${JSON.stringify(seen)}; page: ${where}`)
    })

  await session.waitFor('the window title', async () => {
    const title = await session.execute('return document.title')
    assert.equal(title, '创卫办公台')
    return title
  })

  mkdirSync(OUT, { recursive: true })
  writeFileSync(path.join(OUT, 'tauri-dashboard.png'), await session.screenshot())
})

test('the page reaches the core only through the allowed commands', { timeout: 60_000 }, async () => {
  const result = await session.executeAsync(`
    const done = arguments[arguments.length - 1]
    const invoke = window.__TAURI_INTERNALS__.invoke
    const outcome = (p) => p.then((v) => ({ ok: true, v }), (e) => ({ ok: false, e: typeof e === 'string' ? e : JSON.stringify(e) }))
    const session = sessionStorage.getItem('cw-session')
    Promise.all([
      outcome(invoke('call', { name: 'dashboard.summary', args: {}, session })),
      outcome(invoke('plugin:dialog|save', { options: {} })),
      outcome(invoke('plugin:opener|open_path', { path: '/etc/passwd' })),
      outcome(invoke('call', { name: 'no.such.command', args: {}, session })),
      outcome(invoke('call', { name: 'dashboard.summary', args: {} })),
    ]).then(([call, dialog, opener, unknown, anonymous]) => done({
      call, dialog, opener, unknown, anonymous,
      globalTauri: typeof window.__TAURI__,
    }))
  `)
  assert.equal(result.call.ok, true, `call failed: ${result.call.e}`)
  assert.equal(result.call.v.households, expected.households)
  assert.equal(result.dialog.ok, false, 'the page must not open dialogs itself')
  assert.equal(result.opener.ok, false, 'the page must not open files itself')
  assert.equal(result.unknown.ok, false)
  assert.equal(JSON.parse(result.unknown.e).code, 'unknown_command')
  assert.equal(result.anonymous.ok, false, 'a call without the session must be refused')
  assert.equal(JSON.parse(result.anonymous.e).code, 'auth.required')
  assert.equal(result.globalTauri, 'undefined', 'withGlobalTauri must be off')
})

test('the backups page offers the native folder picker in the desktop app', { timeout: 60_000 }, async () => {
  await session.waitFor('the 备份 menu item', () => session.execute(`
    const item = document.querySelector('[data-testid="menu-backups"]')
    if (item) item.click()
    return item !== null
  `))
  await session.waitFor('the folder picker button', textMatching('[data-testid="backup-pick-folder"]', /选择文件夹/, 'the desktop app picks the folder natively'))
})
