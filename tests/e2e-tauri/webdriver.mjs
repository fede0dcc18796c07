// A minimal W3C WebDriver client over node:http, just enough to drive the Tauri app through
// tauri-driver. No dependencies.
//
// All requests share ONE keep-alive connection: fresh connections to tauri-driver get reset
// about one time in five, a reused one does not. A reset before any response is retried.

import http from 'node:http'
import { setTimeout as sleep } from 'node:timers/promises'

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })

/**
 * How long a condition in the page may take to come true: generous, since WebKitGTK under Xvfb on
 * a loaded 2-core machine is slow, yet a broken step still fails within a minute.
 * `CW_E2E_WAIT_MS` overrides it.
 */
export const WAIT_MS = Number(process.env.CW_E2E_WAIT_MS) || 30_000

/** The key under which WebDriver returns element references. */
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecc'

/** The id inside an element reference (W3C key, or whatever single key the driver used). */
function elementId(ref) {
  return ref[ELEMENT] ?? Object.values(ref)[0]
}

function isReset(err) {
  return ['ECONNRESET', 'ECONNREFUSED', 'EPIPE'].includes(err?.code) || /socket hang up/.test(String(err?.message))
}

function rawRequest(port, method, path, body, timeoutMs) {
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body))
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent,
        headers: {
          'Content-Type': 'application/json; charset=utf-8',
          ...(payload ? { 'Content-Length': payload.length } : {}),
        },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks = []
        res.on('data', (c) => chunks.push(c))
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8')
          let json
          try {
            json = text ? JSON.parse(text) : {}
          } catch {
            return reject(new Error(`${method} ${path}: HTTP ${res.statusCode}, not JSON: ${text.slice(0, 300)}`))
          }
          if (res.statusCode >= 400 || json?.value?.error) {
            const v = json?.value ?? {}
            return reject(new Error(`${method} ${path}: HTTP ${res.statusCode} ${v.error ?? ''}: ${v.message ?? text.slice(0, 300)}`))
          }
          resolve(json.value)
        })
        res.on('error', reject)
      },
    )
    req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no answer in ${timeoutMs} ms`)))
    req.on('error', reject)
    if (payload) req.write(payload)
    req.end()
  })
}

/** Sends one WebDriver command; retries (up to 3 times) when the connection is reset. */
export async function request(port, method, path, body, { timeoutMs = 60_000, retries = 3 } = {}) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await rawRequest(port, method, path, body, timeoutMs)
    } catch (err) {
      if (!isReset(err) || attempt >= retries) throw err
      await sleep(200 * (attempt + 1))
    }
  }
}

/** Polls GET /status until the driver answers, or throws after `timeoutMs`. */
export async function waitForDriver(port, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs
  let last
  while (Date.now() < deadline) {
    try {
      return await request(port, 'GET', '/status', undefined, { timeoutMs: 2_000, retries: 0 })
    } catch (err) {
      last = err
      await sleep(200)
    }
  }
  throw new Error(`tauri-driver did not answer on port ${port} in ${timeoutMs} ms: ${last?.message}`)
}

/** A WebDriver session on the Tauri app. */
export class Session {
  constructor(port, id) {
    this.port = port
    this.id = id
  }

  /** Starts the app at `application` (absolute path) with `args`. */
  static async create(port, application, args = []) {
    const value = await request(port, 'POST', '/session', {
      capabilities: {
        alwaysMatch: {
          browserName: 'wry',
          'tauri:options': { application, args },
        },
      },
    }, { retries: 0 })
    return new Session(port, value.sessionId)
  }

  cmd(method, path, body) {
    return request(this.port, method, `/session/${this.id}${path}`, body)
  }

  /** Runs a synchronous script in the page and returns its value. */
  execute(script, args = []) {
    return this.cmd('POST', '/execute/sync', { script, args })
  }

  /** Runs an asynchronous script (its last argument is the callback) and returns what it passes. */
  executeAsync(script, args = []) {
    return this.cmd('POST', '/execute/async', { script, args })
  }

  /** The text of the first element matching `css`, or null if there is none. */
  async textOf(css) {
    const found = await this.cmd('POST', '/elements', { using: 'css selector', value: css })
    if (!found.length) return null
    return this.cmd('GET', `/element/${elementId(found[0])}/text`)
  }

  /**
   * Waits until `probe()` returns a truthy value and returns it, or throws after `timeoutMs` with
   * what it last saw. A probe that throws (an `assert`) counts as not yet; its message is the one
   * reported.
   */
  async waitFor(what, probe, timeoutMs = WAIT_MS) {
    const deadline = Date.now() + timeoutMs
    let last
    while (Date.now() < deadline) {
      try {
        last = await probe()
        if (last) return last
      } catch (err) {
        last = err
      }
      await sleep(250)
    }
    throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${last?.message ?? JSON.stringify(last)})`)
  }

  /** A PNG screenshot of the window, as a Buffer. */
  async screenshot() {
    return Buffer.from(await this.cmd('GET', '/screenshot'), 'base64')
  }

  async delete() {
    await request(this.port, 'DELETE', `/session/${this.id}`)
  }
}
