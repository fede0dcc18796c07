// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest'
import { focusFirstField } from './useEnterNav'

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
