// The one place that decides whether a key press is a real Enter. A Chinese IME uses Enter to
// commit the typed pinyin: that keydown arrives with isComposing (or keyCode 229 on Windows and
// older Chrome) and must not submit, pick or move on. Listen on keydown only: the keyup of the
// committing Enter comes after compositionend with keyCode 13 and cannot be told apart.

/** Whether the event belongs to an IME composition (the clerk is still choosing characters). */
export function isImeComposing(event: Event): boolean {
  const e = event as KeyboardEvent
  return e.isComposing === true || e.keyCode === 229
}

/** Whether the event is an Enter the clerk meant for the page, not for the IME. */
export function isEnterKey(event: Event): boolean {
  const key = (event as KeyboardEvent).key
  return (key === 'Enter' || (event as KeyboardEvent).code === 'NumpadEnter') && !isImeComposing(event)
}

/**
 * For `@keydown="onEnter($event, save)"`: runs `action` on a real Enter only.
 * `prevent` stops the browser's default (e.g. a form submit).
 */
export function onEnter(event: Event, action: (event: KeyboardEvent) => void, { prevent = false } = {}): void {
  if (!isEnterKey(event)) return
  if (prevent) event.preventDefault()
  action(event as KeyboardEvent)
}
