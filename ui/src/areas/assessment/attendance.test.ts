import { describe, expect, it } from 'vitest'
import type { AttendanceRow } from '../../bindings/AttendanceRow'
import { advanced, cellKey, countsOf, intentOf, markOf, moved, weekdayOf, type Pending } from './attendance'

function row(marks: AttendanceRow['marks'], employed = marks.map(() => true)): AttendanceRow {
  return { staff_id: 7, name: '王秀英', zones: '', marks, employed, fined_absent: [], present: 0, leave: 0, absent: 0, rest: 0, unmarked: 0 }
}

describe('the attendance grid keys', () => {
  it('sets the four marks with 1 to 4 and clears with 0, Delete, Backspace or Space', () => {
    expect(intentOf('1')).toEqual({ kind: 'set', mark: '出勤' })
    expect(intentOf('2')).toEqual({ kind: 'set', mark: '请假' })
    expect(intentOf('3')).toEqual({ kind: 'set', mark: '旷工' })
    expect(intentOf('4')).toEqual({ kind: 'set', mark: '休息' })
    for (const k of ['0', 'Delete', 'Backspace', ' ']) expect(intentOf(k)).toEqual({ kind: 'set', mark: null })
    expect(intentOf('5')).toEqual({ kind: 'none' })
    expect(intentOf('a')).toEqual({ kind: 'none' })
  })

  it('moves with the arrows inside the grid and not past its edges', () => {
    expect(moved({ row: 0, day: 1 }, 'ArrowLeft', 3, 30)).toEqual({ row: 0, day: 1 })
    expect(moved({ row: 0, day: 1 }, 'ArrowRight', 3, 30)).toEqual({ row: 0, day: 2 })
    expect(moved({ row: 2, day: 30 }, 'ArrowDown', 3, 30)).toEqual({ row: 2, day: 30 })
    expect(moved({ row: 1, day: 9 }, 'ArrowUp', 3, 30)).toEqual({ row: 0, day: 9 })
    expect(moved({ row: 1, day: 9 }, 'End', 3, 31)).toEqual({ row: 1, day: 31 })
    expect(moved({ row: 1, day: 9 }, 'x', 3, 31)).toBeNull()
  })

  it('goes on to the next day after a mark, and from the last day to the next worker', () => {
    expect(advanced({ row: 0, day: 5 }, 2, 30)).toEqual({ row: 0, day: 6 })
    expect(advanced({ row: 0, day: 30 }, 2, 30)).toEqual({ row: 1, day: 1 })
    expect(advanced({ row: 1, day: 30 }, 2, 30)).toEqual({ row: 1, day: 30 })
  })
})

describe('a row with unsaved cells', () => {
  it('shows the unsaved mark over the saved one, and a cleared cell as blank', () => {
    const r = row(['出勤', '请假', null])
    const pending: Pending = new Map([[cellKey(7, 1), '旷工'], [cellKey(7, 2), null]])
    expect(markOf(r, 1, pending)).toBe('旷工')
    expect(markOf(r, 2, pending)).toBeNull()
    expect(markOf(r, 3, pending)).toBeNull()
  })

  it('counts only employed days, with the unsaved cells applied', () => {
    const r = row(['出勤', '请假', '休息', null, null], [false, true, true, true, true])
    const pending: Pending = new Map([[cellKey(7, 4), '出勤']])
    expect(countsOf(r, pending)).toEqual({ present: 1, leave: 1, absent: 0, rest: 1, unmarked: 1 })
  })
})

describe('the day header', () => {
  it('names the weekday of a day, Sunday as 日', () => {
    expect(weekdayOf('2026-11', 29)).toBe('日')
    expect(weekdayOf('2026-12', 1)).toBe('二')
  })
})
