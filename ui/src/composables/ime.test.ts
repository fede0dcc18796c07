// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { isEnterKey, isImeComposing, onEnter } from './ime'

function key(init: KeyboardEventInit & { keyCode?: number }): KeyboardEvent {
  const e = new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init })
  if (init.keyCode !== undefined) Object.defineProperty(e, 'keyCode', { value: init.keyCode })
  return e
}

describe('the Enter helper', () => {
  it('runs the action on a plain Enter', () => {
    const action = vi.fn()
    onEnter(key({ key: 'Enter', keyCode: 13 }), action)
    expect(action).toHaveBeenCalledTimes(1)
  })

  it('ignores the Enter that commits an IME composition', () => {
    const action = vi.fn()
    onEnter(key({ key: 'Enter', isComposing: true }), action)
    expect(action).not.toHaveBeenCalled()
    expect(isImeComposing(key({ key: 'Enter', isComposing: true }))).toBe(true)
  })

  it('ignores keyCode 229, which Windows IMEs send while composing', () => {
    const action = vi.fn()
    onEnter(key({ key: 'Enter', keyCode: 229 }), action)
    onEnter(key({ key: 'Process', keyCode: 229 }), action)
    expect(action).not.toHaveBeenCalled()
  })

  it('ignores other keys and accepts the keypad Enter', () => {
    expect(isEnterKey(key({ key: 'a' }))).toBe(false)
    expect(isEnterKey(key({ key: 'Enter', code: 'NumpadEnter' }))).toBe(true)
  })

  it('prevents the default only when asked and only for a real Enter', () => {
    const e = key({ key: 'Enter' })
    onEnter(e, () => {}, { prevent: true })
    expect(e.defaultPrevented).toBe(true)
    const composing = key({ key: 'Enter', isComposing: true })
    onEnter(composing, () => {}, { prevent: true })
    expect(composing.defaultPrevented).toBe(false)
  })
})

// Any Enter handler that bypasses ime.ts would act on the IME's committing Enter.
const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const BYPASS = [
  { re: /@key(down|up|press)\.enter\b/, why: 'a .enter modifier ignores IME composition; use @keydown="onEnter($event, …)"' },
  { re: /['"]Enter['"]/, why: "compares key with 'Enter' directly; use isEnterKey from composables/ime" },
  { re: /keyCode\s*[!=]==?\s*13\b|which\s*[!=]==?\s*13\b/, why: 'compares keyCode 13 directly; use isEnterKey from composables/ime' },
  { re: /(addEventListener\(\s*['"]|@)key(up|press)\b/, why: 'keyup/keypress of a committing Enter cannot be told from a real one; listen on keydown' },
]

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name)
    if (statSync(p).isDirectory()) return name === 'bindings' ? [] : sources(p)
    return /\.(vue|ts)$/.test(name) && !/\.test\.ts$/.test(name) ? [p] : []
  })
}

describe('every Enter handler under ui/src', () => {
  it('goes through the IME-aware helper', () => {
    const offences: string[] = []
    for (const file of sources(SRC)) {
      if (file.endsWith(path.join('composables', 'ime.ts'))) continue
      readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
        for (const { re, why } of BYPASS) {
          if (re.test(line)) offences.push(`${path.relative(SRC, file)}:${i + 1}: ${why}`)
        }
      })
    }
    expect(offences).toEqual([])
  })

  it('finds the files it scans (the scan itself works)', () => {
    const files = sources(SRC)
    expect(files.some((f) => f.endsWith('FormDialog.vue'))).toBe(true)
    expect(files.some((f) => f.endsWith('useEnterNav.ts'))).toBe(true)
  })
})
