// Telling a USB barcode scanner from the clerk's typing in a lookup box. The scanner is a
// keyboard to the PC: it "types" the code it read, each character within a few milliseconds of
// the last, and ends with Enter. A person types a character every 100 ms or more (and pauses
// before Enter). So at Enter, the characters typed in one fast run just before it — enough of
// them, none more than SCAN_MAX_GAP_MS apart and SCAN_MEAN_GAP_MS apart on average, so that one
// hiccup of a busy PC does not turn a scan into typing — came from a scanner; anything else is
// typing and keeps its usual meaning.

import { isEnterKey, isImeComposing } from './ime'

/** The longest pause a scan may hold between two characters, or before its Enter, in ms: the
 *  PC may be busy for a moment (a scanner's own gaps are a few ms). A person's are longer. */
export const SCAN_MAX_GAP_MS = 100

/** The longest average pause between a scan's characters, in ms. A person, even a fast one,
 *  averages 100 ms or more. */
export const SCAN_MEAN_GAP_MS = 50

/** The fewest characters a scan holds: the app's numbers are all longer (MQ-2026-00001). */
export const SCAN_MIN_CHARS = 6

/** Keys a scanner (or a person) presses along with characters, which neither break a run nor
 *  count in it: a scanner holds Shift for capitals. */
const MODIFIERS = new Set(['Shift', 'Control', 'Alt', 'Meta', 'CapsLock', 'AltGraph'])

/** Watches one input's keydowns; [`scanned`] answers at Enter. */
export interface ScanWatch {
  /** Feed every keydown of the input, Enter included, before acting on it. */
  key: (e: KeyboardEvent) => void
  /** At Enter: the scanned text at the end of `value` (the box's content) if the characters
   *  before the Enter came in one scanner-fast run, else `null` (the clerk typed it). */
  scanned: (value: string) => string | null
}

/** A watcher of one lookup box. */
export function useScanner(): ScanWatch {
  // The current run (characters no more than SCAN_MAX_GAP_MS apart): how many, the sum of the
  // pauses between them, when the last came; and when Enter came.
  let run = 0
  let pauses = 0
  let last = -Infinity
  let enterAt: number | null = null

  function restart() {
    run = 0
    pauses = 0
    last = -Infinity
  }

  function key(e: KeyboardEvent) {
    if (MODIFIERS.has(e.key)) return
    if (isEnterKey(e)) {
      enterAt = e.timeStamp
      return
    }
    enterAt = null
    if (e.key.length !== 1 || isImeComposing(e)) {
      // Backspace, arrows, an IME's keys: a person is editing.
      restart()
      return
    }
    const pause = e.timeStamp - last
    if (pause <= SCAN_MAX_GAP_MS) {
      run += 1
      pauses += pause
    } else {
      run = 1
      pauses = 0
    }
    last = e.timeStamp
  }

  function scanned(value: string): string | null {
    const fast = enterAt !== null && enterAt - last <= SCAN_MAX_GAP_MS && run >= SCAN_MIN_CHARS && pauses / (run - 1) <= SCAN_MEAN_GAP_MS
    const count = run
    restart()
    enterAt = null
    if (!fast || count > value.length) return null
    return value.slice(value.length - count).trim() || null
  }

  return { key, scanned }
}
