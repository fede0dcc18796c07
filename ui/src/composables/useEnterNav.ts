// Keyboard data entry: Enter in a text field moves to the next field; Enter in
// the last one submits. Selects and text areas keep their own Enter behaviour.
const FIELD_SELECTOR =
  'input:not([type=hidden]):not([type=checkbox]):not([type=radio]):not([disabled]):not([readonly]), textarea:not([disabled])'

function fields(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FIELD_SELECTOR)].filter((el) => el.offsetParent !== null)
}

export function focusFirstField(root: HTMLElement | null | undefined): void {
  if (!root) return
  const first = root.querySelector<HTMLElement>(FIELD_SELECTOR)
  first?.focus()
}

export function onEnterNext(event: KeyboardEvent, submit: () => void): void {
  if (event.key !== 'Enter' || event.isComposing || event.shiftKey || event.altKey) return
  if (event.ctrlKey || event.metaKey) {
    event.preventDefault()
    submit()
    return
  }
  const target = event.target as HTMLElement | null
  if (!target || target.tagName !== 'INPUT') return
  // el-select and date pickers handle Enter themselves.
  if (target.closest('.el-select, .el-date-editor')) return
  const root = event.currentTarget as HTMLElement
  const list = fields(root)
  const i = list.indexOf(target)
  event.preventDefault()
  if (i >= 0 && i < list.length - 1) {
    list[i + 1].focus()
  } else {
    submit()
  }
}
