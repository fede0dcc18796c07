// Small helpers for Element Plus widgets.
import assert from 'node:assert/strict'

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
  const got = await input.inputValue()
  assert.equal(got, value, `${testId} did not keep what was typed`)
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

export async function readNumber(page, testId) {
  const text = (await byTestId(page, testId).textContent())?.trim() ?? ''
  assert.match(text, /^\d+$/, `${testId} should show a number, got "${text}"`)
  return Number(text)
}

/** Waits until the element's text equals `expected` (lists reload asynchronously). */
export async function expectText(page, testId, expected, timeout = 10_000) {
  await page.waitForFunction(
    ([sel, want]) => document.querySelector(sel)?.textContent?.trim() === want,
    [`[data-testid="${testId}"]`, String(expected)],
    { timeout },
  ).catch(async () => {
    const got = await byTestId(page, testId).textContent().catch(() => null)
    assert.fail(`${testId}: expected "${expected}", got "${got?.trim()}"`)
  })
}

export async function tableRows(page, tableTestId) {
  return byTestId(page, tableTestId).locator('.el-table__body-wrapper tbody tr')
}
