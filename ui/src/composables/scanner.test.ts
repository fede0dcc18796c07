// @vitest-environment jsdom
import { describe, expect, it } from 'vitest'
import { SCAN_MAX_GAP_MS, SCAN_MEAN_GAP_MS, useScanner, type ScanWatch } from './scanner'

function stroke(key: string, at: number, init: KeyboardEventInit = {}): KeyboardEvent {
  const e = new KeyboardEvent('keydown', { key, ...init })
  Object.defineProperty(e, 'timeStamp', { value: at })
  return e
}

/** Types `text` into the watcher a character every `gap` ms from `start`, then Enter after
 *  `enterGap` ms; returns the box's content. */
function type(w: ScanWatch, text: string, gap: number, start = 1000, enterGap = gap): string {
  let at = start
  for (const c of text) {
    w.key(stroke(c, at))
    at += gap
  }
  w.key(stroke('Enter', at - gap + enterGap))
  return text
}

describe('the scanner watcher', () => {
  it('takes a fast run of characters ending in Enter as a scan', () => {
    const w = useScanner()
    const value = type(w, 'MQ-2026-00042', 8)
    expect(w.scanned(value)).toBe('MQ-2026-00042')
  })

  it('takes the same characters typed by a person as typing', () => {
    const w = useScanner()
    expect(w.scanned(type(w, 'MQ-2026-00042', 120))).toBeNull()
    // Fast characters, but a person's pause before Enter.
    expect(w.scanned(type(w, 'MQ-2026-00042', 8, 5000, 400))).toBeNull()
  })

  it('takes a short fast burst as typing: a scan holds a whole number', () => {
    const w = useScanner()
    expect(w.scanned(type(w, 'wjg', 20))).toBeNull()
  })

  it('holds Shift without breaking the run, as a scanner does for capitals', () => {
    const w = useScanner()
    let at = 0
    for (const c of 'ZG-2026-0007') {
      if (/[A-Z]/.test(c)) w.key(stroke('Shift', at))
      w.key(stroke(c, at + 2))
      at += 10
    }
    w.key(stroke('Enter', at))
    expect(w.scanned('ZG-2026-0007')).toBe('ZG-2026-0007')
  })

  it('returns only the scanned run when the box already held typing', () => {
    const w = useScanner()
    w.key(stroke('a', 0))
    w.key(stroke('b', 300))
    type(w, 'HS01-0000123', 5, 2000)
    expect(w.scanned('abHS01-0000123')).toBe('HS01-0000123')
  })

  it('breaks the run on editing keys and on an IME composition', () => {
    const w = useScanner()
    type(w, 'MQ-2026', 5)
    w.key(stroke('Backspace', 1040))
    for (const [i, c] of [...'00042'].entries()) w.key(stroke(c, 1045 + i * 5))
    w.key(stroke('Enter', 1075))
    expect(w.scanned('MQ-20200042')).toBeNull()
    const ime = useScanner()
    type(ime, 'abcdefg', 5)
    ime.key(stroke('Enter', 1040, { isComposing: true }))
    expect(ime.scanned('abcdefg')).toBeNull()
  })

  it('answers once per Enter: the next Enter without new characters is not a scan', () => {
    const w = useScanner()
    const value = type(w, 'MQ-2026-00042', 5)
    expect(w.scanned(value)).toBe(value)
    w.key(stroke('Enter', 1100))
    expect(w.scanned(value)).toBeNull()
  })

  it('keeps a scan with one hiccup of a busy PC, but not a run a long pause splits', () => {
    const w = useScanner()
    const text = 'MQ-2026-00042'
    let at = 0
    for (const [i, c] of [...text].entries()) {
      at += i === 6 ? SCAN_MAX_GAP_MS : 8
      w.key(stroke(c, at))
    }
    w.key(stroke('Enter', at + 8))
    expect(w.scanned(text)).toBe(text)
    const split = useScanner()
    at = 0
    for (const [i, c] of [...text].entries()) {
      at += i === 6 ? SCAN_MAX_GAP_MS + 1 : 8
      split.key(stroke(c, at))
    }
    split.key(stroke('Enter', at + 8))
    expect(split.scanned(text)).toBe('6-00042')
  })

  it('draws the line between scanner and person at the documented average pause', () => {
    const at = useScanner()
    expect(at.scanned(type(at, 'MQ-2026-00042', SCAN_MEAN_GAP_MS))).toBe('MQ-2026-00042')
    const over = useScanner()
    expect(over.scanned(type(over, 'MQ-2026-00042', SCAN_MEAN_GAP_MS + 1))).toBeNull()
  })
})
