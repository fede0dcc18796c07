// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { focusFirstField, onFormKeydown } from './useEnterNav'

// jsdom lays nothing out; every field counts as shown.
HTMLElement.prototype.getClientRects = function () {
  return [{}] as unknown as DOMRectList
}

function form(): HTMLElement {
  document.body.innerHTML = '<div id="f"><input id="a"><input id="b"><button id="ok">保存</button></div>'
  return document.getElementById('f') as HTMLElement
}

describe('focusFirstField', () => {
  beforeEach(() => {
    document.body.innerHTML = ''
  })

  it('focuses the first field', () => {
    const root = form()
    focusFirstField(root)
    expect(document.activeElement?.id).toBe('a')
  })

  it('leaves a field the clerk is already typing in alone when asked to', () => {
    const root = form()
    ;(document.getElementById('b') as HTMLInputElement).focus()
    focusFirstField(root, { keepTyping: true })
    expect(document.activeElement?.id).toBe('b')
  })

  it('still moves the focus when it is on a button, not a field', () => {
    const root = form()
    ;(document.getElementById('ok') as HTMLButtonElement).focus()
    focusFirstField(root, { keepTyping: true })
    expect(document.activeElement?.id).toBe('a')
  })

  it('moves the focus back to the first field without the option (quick entry after a save)', () => {
    const root = form()
    ;(document.getElementById('b') as HTMLInputElement).focus()
    focusFirstField(root)
    expect(document.activeElement?.id).toBe('a')
  })
})

// A form with a select's input (as Element Plus renders it) between two fields, and the
// select's list teleported to the body.
function selectForm(open: boolean, highlighted: boolean): HTMLElement {
  document.body.innerHTML = `
    <div id="f"><input id="a">
      <div class="el-select"><input id="s" aria-haspopup="listbox" aria-expanded="${open}" aria-activedescendant="${highlighted ? 'opt-1' : ''}"></div>
      <input id="b"></div>
    <div class="el-select__popper" aria-hidden="${!open}" style="display: ${open ? 'block' : 'none'}"><li id="opt-1">王伟超</li></div>`
  const root = document.getElementById('f') as HTMLElement
  root.addEventListener('keydown', (e) => onFormKeydown(e, { submit }), { capture: true })
  return root
}
let submit = vi.fn()

function press(id: string, init: KeyboardEventInit = {}): KeyboardEvent {
  const el = document.getElementById(id) as HTMLElement
  el.focus()
  const e = new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true, ...init })
  el.dispatchEvent(e)
  return e
}

// Stands in for the select closing its list after it picked the highlighted option.
function selectPicks() {
  document.getElementById('s')?.addEventListener('keydown', () => {
    document.getElementById('s')?.setAttribute('aria-expanded', 'false')
  })
}

describe('onFormKeydown', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    submit = vi.fn()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('moves to the next field on Enter and submits from the last one', () => {
    selectForm(false, false)
    expect(press('a').defaultPrevented).toBe(true)
    expect(document.activeElement?.id).toBe('s')
    press('b')
    expect(submit).toHaveBeenCalledTimes(1)
  })

  it('does nothing on the Enter that commits an IME composition', () => {
    selectForm(false, false)
    const e = press('a', { isComposing: true })
    expect(e.defaultPrevented).toBe(false)
    expect(document.activeElement?.id).toBe('a')
    press('b', { isComposing: true })
    expect(submit).not.toHaveBeenCalled()
  })

  it('lets an open select pick the highlighted option with the Enter, then moves to the next field', () => {
    selectForm(true, true)
    selectPicks()
    const e = press('s')
    expect(e.defaultPrevented).toBe(false)
    expect(document.activeElement?.id).toBe('s')
    vi.runAllTimers()
    expect(document.activeElement?.id).toBe('b')
    expect(submit).not.toHaveBeenCalled()
  })

  it('keeps the focus in a select whose list stays open (a multiple select picking more)', () => {
    selectForm(true, true)
    press('s')
    vi.runAllTimers()
    expect(document.activeElement?.id).toBe('s')
  })

  it('leaves an open list without a highlighted option alone', () => {
    selectForm(true, false)
    selectPicks()
    const e = press('s')
    vi.runAllTimers()
    expect(e.defaultPrevented).toBe(false)
    expect(document.activeElement?.id).toBe('s')
  })
})
