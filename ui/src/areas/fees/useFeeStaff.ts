// Collectors and cadres for the fee pages, loaded once per page.
import { ref } from 'vue'
import { call } from '../../api'
import type { Staff } from '../../bindings/Staff'

async function byRole(role: '收费人员' | '社区干部'): Promise<Staff[]> {
  const page = await call('staff.list', {
    q: '', role, group_no: null, zone_id: null, status: '在岗', sort: 'name', desc: false, page: 1, page_size: 500,
  })
  return page.items
}

export function useFeeStaff() {
  const collectors = ref<Staff[]>([])
  const cadres = ref<Staff[]>([])
  async function loadStaff() {
    ;[collectors.value, cadres.value] = await Promise.all([byRole('收费人员'), byRole('社区干部')])
  }
  return { collectors, cadres, loadStaff }
}

/** "2026-09" → "2026年9月"; two months → "2026年9月–12月". */
export function periodText(from: string, to: string): string {
  const [fy, fm] = from.split('-')
  const [ty, tm] = to.split('-')
  if (!fy || !fm || !ty || !tm) return `${from}–${to}`
  if (from === to) return `${fy}年${Number(fm)}月`
  if (fy === ty) return `${fy}年${Number(fm)}月–${Number(tm)}月`
  return `${fy}年${Number(fm)}月–${ty}年${Number(tm)}月`
}

/** Serial as printed on the form: 7 digits. */
export function serialText(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : String(n).padStart(7, '0')
}
