// The attendance grid's keys and figures, apart from the view so they can be tested: which key
// sets which mark, where the cursor goes, and a row's counts with the unsaved cells applied.
import type { AttendanceMark } from '../../bindings/AttendanceMark'
import type { AttendanceRow } from '../../bindings/AttendanceRow'

/** The marks in the order of their keys 1–4, with the one character a cell shows. */
export const MARKS: { mark: AttendanceMark; key: string; short: string }[] = [
  { mark: '出勤', key: '1', short: '出' },
  { mark: '请假', key: '2', short: '假' },
  { mark: '旷工', key: '3', short: '旷' },
  { mark: '休息', key: '4', short: '休' },
]

/** What a key press asks of a cell: a mark, a clearing, or nothing (the key is not ours). */
export type KeyIntent = { kind: 'set'; mark: AttendanceMark | null } | { kind: 'none' }

/** The mark a key sets: 1–4 (main row or keypad), or 0 / Delete / Backspace / Space to clear. */
export function intentOf(key: string): KeyIntent {
  const m = MARKS.find((x) => x.key === key)
  if (m) return { kind: 'set', mark: m.mark }
  if (key === '0' || key === 'Delete' || key === 'Backspace' || key === ' ') return { kind: 'set', mark: null }
  return { kind: 'none' }
}

/** The one character a cell shows for a mark. */
export function shortOf(mark: AttendanceMark | null | undefined): string {
  return MARKS.find((x) => x.mark === mark)?.short ?? ''
}

/** A cell of the grid: the row's index and the day (1-based). */
export interface Cell {
  row: number
  day: number
}

/** Where an arrow, Home or End key moves the cursor; null when the key does not move it. */
export function moved(at: Cell, key: string, rows: number, days: number): Cell | null {
  const clamp = (c: Cell): Cell => ({ row: Math.min(Math.max(c.row, 0), rows - 1), day: Math.min(Math.max(c.day, 1), days) })
  switch (key) {
    case 'ArrowLeft':
      return clamp({ ...at, day: at.day - 1 })
    case 'ArrowRight':
      return clamp({ ...at, day: at.day + 1 })
    case 'ArrowUp':
      return clamp({ ...at, row: at.row - 1 })
    case 'ArrowDown':
      return clamp({ ...at, row: at.row + 1 })
    case 'Home':
      return { ...at, day: 1 }
    case 'End':
      return { ...at, day: days }
    default:
      return null
  }
}

/** After a mark is keyed, the next day of the row; past the month's end, the next row's first day. */
export function advanced(at: Cell, rows: number, days: number): Cell {
  if (at.day < days) return { ...at, day: at.day + 1 }
  return at.row + 1 < rows ? { row: at.row + 1, day: 1 } : at
}

/** The key of a cell in the map of unsaved changes. */
export function cellKey(staffId: number, day: number): string {
  return `${staffId}:${day}`
}

/** Unsaved cells: staff and day to the new mark (null clears). */
export type Pending = Map<string, AttendanceMark | null>

/** A day's mark as the grid shows it: the unsaved one if any, else the saved one. */
export function markOf(row: AttendanceRow, day: number, pending: Pending): AttendanceMark | null {
  const key = cellKey(row.staff_id, day)
  return pending.has(key) ? (pending.get(key) ?? null) : (row.marks[day - 1] ?? null)
}

/** A row's counts with the unsaved cells applied, as its totals columns show them. */
export function countsOf(row: AttendanceRow, pending: Pending) {
  const c = { present: 0, leave: 0, absent: 0, rest: 0, unmarked: 0 }
  row.employed.forEach((employed, i) => {
    if (!employed) return
    const m = markOf(row, i + 1, pending)
    if (m === '出勤') c.present += 1
    else if (m === '请假') c.leave += 1
    else if (m === '旷工') c.absent += 1
    else if (m === '休息') c.rest += 1
    else c.unmarked += 1
  })
  return c
}

/** The weekday character of a day of a `YYYY-MM` month (日 for Sunday). */
export function weekdayOf(month: string, day: number): string {
  const [y, m] = month.split('-').map(Number)
  return '日一二三四五六'[new Date(y, m - 1, day).getDay()]
}
