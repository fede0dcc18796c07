// A second launch of the desktop app exits without opening the database: the single-instance
// check comes first (run it with ./run.sh, which provides the X display). The first copy's log
// file records each time the app opened the file, so a second "桌面程序打开数据文件" line would
// mean the second copy opened it (and could have started a backup) before it was stopped.
//
// The single-instance plugin finds the running copy over the session D-Bus on Linux: this test
// starts a private bus of its own (run.sh runs the other tests without one).

import assert from 'node:assert/strict'
import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const repo = path.resolve(here, '..', '..')
const APP = path.resolve(process.env.CW_APP ?? path.join(repo, 'target', 'debug', 'chuangwei-app'))
const BIN = path.resolve(process.env.CW_BIN ?? path.join(repo, 'target', 'debug', 'chuangwei'))
const OPENED = '桌面程序打开数据文件'

/** Starts a private session bus; resolves to its address and process. */
function startBus() {
  return new Promise((resolve, reject) => {
    const bus = spawn('dbus-daemon', ['--session', '--nofork', '--print-address=1'], { stdio: ['ignore', 'pipe', 'inherit'] })
    let text = ''
    bus.stdout.on('data', (chunk) => {
      text += chunk
      const line = text.split('\n')[0]
      if (text.includes('\n') && line) resolve({ bus, address: line.trim() })
    })
    bus.on('error', reject)
    bus.on('exit', (code) => reject(new Error(`dbus-daemon exited (${code})`)))
  })
}

/** Polls `fn` until it returns a truthy value or `ms` pass; fails with `what`. */
async function eventually(fn, ms, what) {
  const end = Date.now() + ms
  let last
  while (Date.now() < end) {
    last = fn()
    if (last) return last
    await new Promise((r) => setTimeout(r, 200))
  }
  assert.fail(`${what} (last seen: ${JSON.stringify(last)})`)
}

function openings(logFile) {
  let text = ''
  try {
    text = readFileSync(logFile, 'utf8')
  } catch {
    return 0
  }
  return text.split('\n').filter((l) => l.includes(OPENED)).length
}

function exited(child, ms) {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode)
    const timer = setTimeout(() => resolve(null), ms)
    child.on('exit', (code) => {
      clearTimeout(timer)
      resolve(code)
    })
  })
}

test('a second launch focuses the running app and exits without opening the database', { timeout: 150_000 }, async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cw-single-'))
  const db = path.join(dir, 'cw.db')
  const logFile = path.join(dir, 'logs', 'chuangwei.log')
  execFileSync(BIN, ['--db', db, 'demo'], { stdio: 'ignore' })
  const { bus, address } = await startBus()
  const env = { ...process.env, DBUS_SESSION_BUS_ADDRESS: address }
  const first = spawn(APP, ['--db', db], { env, stdio: 'ignore' })
  try {
    await eventually(() => openings(logFile) === 1, 90_000, 'the first copy opened the database once')
    const second = spawn(APP, ['--db', db], { env, stdio: 'ignore' })
    const code = await exited(second, 45_000)
    if (code === null) second.kill('SIGKILL')
    assert.notEqual(code, null, 'the second copy exited by itself')
    assert.equal(first.exitCode, null, 'the first copy is still running')
    assert.equal(openings(logFile), 1, 'only the first copy opened the database')
  } finally {
    first.kill('SIGTERM')
    await exited(first, 10_000)
    if (first.exitCode === null) first.kill('SIGKILL')
    bus.kill('SIGTERM')
    rmSync(dir, { recursive: true, force: true })
  }
})
