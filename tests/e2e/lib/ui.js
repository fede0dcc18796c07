// Small helpers for Element Plus widgets.
import assert from 'node:assert/strict'
import { shot } from './browser.js'
import { WAIT_MS, expectCount, expectText as expectTextOf, expectValue, steps } from './wait.js'

export const byTestId = (page, id) => page.locator(`[data-testid="${id}"]`)

export async function goTo(page, menu, title) {
  await byTestId(page, `menu-${menu}`).click()
  await page.locator('.page-header .title', { hasText: title }).waitFor()
}

/** Opens an el-select and picks the visible option with this exact label. */
export async function pickOption(page, selectTestId, label) {
  await byTestId(page, selectTestId).click()
  const option = page.locator('.el-select-dropdown__item:visible').filter({ hasText: new RegExp(`^\\s*${label}\\s*$`) })
  await option.first().click()
}

export async function fill(page, testId, value) {
  const el = byTestId(page, testId)
  const input = (await el.evaluate((n) => n.tagName)) === 'INPUT' ? el : el.locator('input, textarea').first()
  await input.fill(value)
  // A component may rewrite what was typed on its next render: wait for the value to settle on it.
  await expectValue(input, value, { what: `${testId} did not keep what was typed:` })
}

/**
 * Clicks the dialog's 保存 and waits for it to close; when the server refuses, fails with the
 * Chinese message the dialog shows instead of a bare timeout.
 */
export async function submitDialog(page, dialog) {
  await dialog.locator('[data-testid="dialog-submit"]').click()
  const error = dialog.locator('[data-testid="form-error"]')
  const outcome = await Promise.race([
    dialog.waitFor({ state: 'hidden' }).then(() => 'closed'),
    error.waitFor().then(() => 'refused'),
  ])
  if (outcome === 'refused') assert.fail(`the dialog was not saved: ${(await error.textContent())?.trim()}`)
}

/**
 * Waits until the element's trimmed text equals `expected` (a string or number) or matches it (a
 * RegExp); lists and cards reload asynchronously. Returns the text.
 */
export async function expectText(page, testId, expected, timeout = WAIT_MS) {
  return expectTextOf(byTestId(page, testId), expected instanceof RegExp ? expected : String(expected), { timeout, what: testId })
}

/** The body rows of an el-table (a locator: count them with `expectRows`, never once). */
export function tableRows(page, tableTestId) {
  return byTestId(page, tableTestId).locator('.el-table__body-wrapper tbody tr')
}

/** Waits until the table shows exactly `n` body rows. */
export async function expectRows(page, tableTestId, n, timeout = WAIT_MS) {
  await expectCount(tableRows(page, tableTestId), n, { timeout, what: `${tableTestId} rows` })
}

/** `steps` (see wait.js) that photograph the page to test-output/FAILED-….png when one fails. */
export function scenarioSteps(t, page) {
  return steps(t, page, async (p, name) => {
    if (p) await shot(p, `FAILED-${name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 60)}`)
  })
}
