// Keyboard data entry inside a form (listen in the capture phase, so widgets that
// stop the event do not swallow it):
// - Enter in a field moves to the next field; Enter in the last one submits.
//   While a date dropdown is open, Enter belongs to it. While a select's list is open with an
//   option highlighted, the select picks it with that Enter and the focus then moves on, so one
//   Enter picks and moves on (selects are given default-first-option so typing highlights one).
// - An Enter that commits an IME composition does nothing (see ime.ts).
// - Ctrl+Enter submits from anywhere.
// - Esc closes an open dropdown first, then the dialog.
import { isEnterKey, isImeComposing } from './ime'

const FIELD_SELECTOR =
  'input:not([type=hidden]):not([type=checkbox]):not([type=radio]):not([type=file]):not([disabled]), textarea:not([disabled])'

function fields(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FIELD_SELECTOR)].filter((el) => el.getClientRects().length > 0)
}

/**
 * Focuses the first field of `root`. With `keepTyping`, leaves the focus where it is when a field
 * inside `root` already has it: a dialog reports "opened" only after its animation, and by then
 * the clerk may be typing in a field, whose keystrokes must not land in another one.
 */
export function focusFirstField(root: HTMLElement | null | undefined, { keepTyping = false } = {}): void {
  if (!root) return
  const active = document.activeElement
  if (keepTyping && active instanceof HTMLElement && root.contains(active) && active.matches(FIELD_SELECTOR)) return
  fields(root)[0]?.focus()
}

/** Whether a select or date-picker dropdown is showing somewhere on the page. */
export function dropdownOpen(): boolean {
  return [...document.querySelectorAll<HTMLElement>('.el-select__popper, .el-picker__popper')].some(
    (el) => el.getAttribute('aria-hidden') !== 'true' && getComputedStyle(el).display !== 'none',
  )
}

export type FormKeys = { submit: () => void; close?: () => void }

export function onFormKeydown(event: KeyboardEvent, keys: FormKeys): void {
  if (isImeComposing(event)) return
  if (event.key === 'Escape') {
    if (!keys.close || dropdownOpen()) return
    event.preventDefault()
    event.stopPropagation()
    keys.close()
    return
  }
  if (!isEnterKey(event) || event.shiftKey || event.altKey) return
  if (event.ctrlKey || event.metaKey) {
    event.preventDefault()
    event.stopPropagation()
    keys.submit()
    return
  }
  const target = event.target as HTMLElement | null
  if (!target || target.tagName !== 'INPUT') return
  const root = event.currentTarget as HTMLElement
  if (dropdownOpen()) {
    if (highlightsOption(target)) moveOnAfterPick(root, target)
    return
  }
  const list = fields(root)
  const i = list.indexOf(target)
  event.preventDefault()
  event.stopPropagation()
  if (i >= 0 && i < list.length - 1) {
    list[i + 1].focus()
  } else {
    keys.submit()
  }
}

/** Whether the input is an Element Plus select's with its list open and an option highlighted. */
function highlightsOption(input: HTMLElement): boolean {
  return (
    input.getAttribute('aria-haspopup') === 'listbox' &&
    input.getAttribute('aria-expanded') === 'true' &&
    !!input.getAttribute('aria-activedescendant')
  )
}

// The select handles this Enter on its own input, after this capture listener, and closes a
// single select's list once it has picked; a multiple select stays open for more picks, so the
// focus stays too. Waiting a task lets the select's re-render land first.
function moveOnAfterPick(root: HTMLElement, input: HTMLElement): void {
  setTimeout(() => {
    if (input.getAttribute('aria-expanded') === 'true' || document.activeElement !== input) return
    const list = fields(root)
    const i = list.indexOf(input)
    if (i >= 0 && i < list.length - 1) list[i + 1].focus()
  }, 0)
}
