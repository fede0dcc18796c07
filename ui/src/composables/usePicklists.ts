// Zones and staff for selects in forms and filters (small lists, fetched on demand).
import { ref } from 'vue'
import { call } from '../api'
import { showError } from '../notify'
import type { Role } from '../types'

/** `pinyin` is the name's search key `initials|fullpinyin`, for usePickFilter. */
export type Pick = { id: number; name: string; pinyin: string }

export function useZonePicklist() {
  const zones = ref<Pick[]>([])
  async function load(includeInactive = false) {
    try {
      const list = await call('zones.list', { q: '', kind: null, include_inactive: includeInactive })
      zones.value = list.map((z) => ({ id: z.id, name: z.active ? z.name : `${z.name}（已停用）`, pinyin: z.pinyin }))
    } catch (e) {
      showError(e)
    }
  }
  return { zones, load }
}

/** Active staff holding one of the roles, for 组长/监管人员/保洁员 selects. */
export function useStaffPicklist() {
  const staff = ref<Pick[]>([])
  async function load(roles: Role[]) {
    try {
      const seen = new Map<number, Pick>()
      for (const role of roles) {
        const page = await call('staff.list', {
          q: '', role, group_no: null, zone_id: null, status: '在岗',
          sort: 'name', desc: false, page: 1, page_size: 1000,
        })
        for (const s of page.items) seen.set(s.id, { id: s.id, name: s.name, pinyin: s.pinyin })
      }
      staff.value = [...seen.values()]
    } catch (e) {
      showError(e)
    }
  }
  return { staff, load }
}
