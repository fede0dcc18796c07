// Display helpers of the 备份 page.
import { formatDate } from '../../format'
import type { TableCount } from '../../types'

/** "2026-11-29 09:05:00" → "2026年11月29日 09:05". */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return ''
  const time = /\s(\d{2}:\d{2})/.exec(value)
  return time ? `${formatDate(value)} ${time[1]}` : formatDate(value)
}

/** 1536 → "1.5 KB", 2_500_000 → "2.4 MB". */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} 字节`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

/** The counts without the audit trail: "住户、门店与单位 40，人员 3". */
export function formatCounts(counts: readonly TableCount[]): string {
  const shown = counts.filter((c) => c.table !== 'audit_log')
  return shown.length === 0 ? '—' : shown.map((c) => `${c.label} ${c.count}`).join('，')
}
