// The schedule items in force today, for item selects (code and offence, with the amount).
import { ref } from 'vue'
import { formatMoney } from '../format'
import { useRequest } from './useRequest'
import type { ScheduleItem } from '../types'

export function itemLabel(i: ScheduleItem): string {
  const amount = i.amount === null ? '按工资计' : `${formatMoney(i.amount)}/${i.unit}`
  return `${i.code} ${i.offence}（${amount}）`
}

export function useScheduleItems() {
  const items = ref<ScheduleItem[]>([])
  const request = useRequest()
  async function load(date?: string) {
    const v = await request.send('schedule.current', { date: date ?? null })
    if (v !== undefined) items.value = v.items
  }
  return { items, load }
}

/** The month of today, `YYYY-MM`. */
export function thisMonth(now: Date = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`
}

/** "2026-11" → "2026年11月". */
export function formatMonth(month: string | null | undefined): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month ?? '')
  return m ? `${m[1]}年${Number(m[2])}月` : (month ?? '')
}
