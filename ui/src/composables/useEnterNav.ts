// Keyboard data entry inside a form (listen in the capture phase, so widgets that
// stop the event do not swallow it):
// - Enter in a field moves to the next field; Enter in the last one submits.
//   While a select or date dropdown is open, Enter belongs to it.
// - Ctrl+Enter submits from anywhere.
// - Esc closes an open dropdown first, then the dialog.
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
  if (event.isComposing) return
  if (event.key === 'Escape') {
    if (!keys.close || dropdownOpen()) return
    event.preventDefault()
    event.stopPropagation()
    keys.close()
    return
  }
  if (event.key !== 'Enter' || event.shiftKey || event.altKey) return
  if (event.ctrlKey || event.metaKey) {
    event.preventDefault()
    event.stopPropagation()
    keys.submit()
    return
  }
  const target = event.target as HTMLElement | null
  if (!target || target.tagName !== 'INPUT' || dropdownOpen()) return
  const root = event.currentTarget as HTMLElement
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
