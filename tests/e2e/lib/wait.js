// Waiting for a condition instead of reading it once. The UI answers a click asynchronously (a
// request to the server, then a re-render), so a value read right after an action may still be
// the old one; on a loaded machine that window is long. Every check of what the page shows goes
// through one of these: it retries until the condition holds and, on timeout, fails with what it
// last saw.
import assert from 'node:assert/strict'
import { setTimeout as sleep } from 'node:timers/promises'

/**
 * How long a condition may take to come true. Generous: a 2-core machine kept busy by other
 * processes answers in seconds what an idle one answers in milliseconds. Still short enough that
 * a broken step fails in well under a minute. `CW_E2E_WAIT_MS` overrides it.
 */
export const WAIT_MS = Number(process.env.CW_E2E_WAIT_MS) || 20_000

/**
 * Runs `check` (which throws, e.g. an `assert`, while the condition does not hold) until it
 * passes and returns its value; after `timeout` ms rethrows its last failure, prefixed with how
 * long it waited. `check` must not itself wait long (read with `allTextContents()`, `count()`,
 * `inputValue({ timeout })`, … rather than actions that auto-wait).
 */
export async function eventually(check, { timeout = WAIT_MS, interval = 100, what = '' } = {}) {
  const deadline = Date.now() + timeout
  for (;;) {
    try {
      return await check()
    } catch (err) {
      if (Date.now() >= deadline) {
        const msg = `${what ? `${what}: ` : ''}still not true after ${timeout} ms: ${err?.message ?? err}`
        if (err instanceof Error) {
          err.message = msg
          throw err
        }
        throw new Error(msg)
      }
    }
    await sleep(interval)
  }
}

/** The text of the first element `locator` matches, trimmed, or null while there is none (no waiting). */
export async function textNow(locator) {
  const texts = await locator.allTextContents()
  return texts.length ? texts[0].trim() : null
}

/** Waits until `locator` matches exactly `n` elements. */
export async function expectCount(locator, n, { timeout = WAIT_MS, what = '' } = {}) {
  await eventually(async () => assert.equal(await locator.count(), n, `${what || locator} should match ${n} elements`), { timeout })
}

/**
 * Waits until the (first) element's trimmed text equals `want` (a string) or matches it (a RegExp);
 * returns the text.
 */
export async function expectText(locator, want, { timeout = WAIT_MS, what = '' } = {}) {
  return eventually(async () => {
    const got = await textNow(locator)
    const label = what || String(locator)
    assert.notEqual(got, null, `${label} is not on the page`)
    if (want instanceof RegExp) assert.match(got, want, `${label} shows "${got}"`)
    else assert.equal(got, String(want), `${label} shows "${got}", expected "${want}"`)
    return got
  }, { timeout })
}

/** Waits until an input shows `value`. */
export async function expectValue(input, value, { timeout = WAIT_MS, what = '' } = {}) {
  await eventually(async () => {
    const got = await input.inputValue({ timeout: 2_000 })
    assert.equal(got, value, `${what || String(input)} shows "${got}", expected "${value}"`)
  }, { timeout })
}

/**
 * Sub-steps of one scenario that share a page: once a step fails, the later ones are skipped
 * (they would only fail behind the dialog the failed one left open, each after a full timeout),
 * and the page is photographed as the failure left it. `page` is a function (the page may be
 * opened later). A step with `{ always: true }` (the console check) runs regardless.
 */
export function steps(t, page = () => null, onFailure = async () => {}) {
  let failed = null
  return (name, fn, { always = false } = {}) =>
    t.test(name, { skip: failed && !always ? `an earlier step failed: ${failed}` : false }, async (st) => {
      try {
        await fn(st)
      } catch (err) {
        failed = name
        await onFailure(page(), name).catch(() => {})
        throw err
      }
    })
}
