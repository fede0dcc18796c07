import { describe, expect, it } from 'vitest'
import { formatCounts, formatDateTime, formatSize } from './format'

describe('backup display', () => {
  it('shows a backup time in Chinese with hours and minutes', () => {
    expect(formatDateTime('2026-11-29 09:05:00')).toBe('2026年11月29日 09:05')
    expect(formatDateTime(null)).toBe('')
  })
  it('shows sizes in bytes, KB and MB', () => {
    expect(formatSize(900)).toBe('900 字节')
    expect(formatSize(1536)).toBe('1.5 KB')
    expect(formatSize(2_500_000)).toBe('2.4 MB')
  })
  it('lists the counts without the audit trail', () => {
    expect(
      formatCounts([
        { label: '住户、门店与单位', table: 'parties', count: 40 },
        { label: '审计记录', table: 'audit_log', count: 99 },
      ]),
    ).toBe('住户、门店与单位 40')
    expect(formatCounts([])).toBe('—')
  })
})
