// Zones and staff for selects in forms and filters (small lists, fetched on demand).
import { ref } from 'vue'
import { call } from '../api'
import { useRequest } from './useRequest'
import type { Role } from '../types'

/** `pinyin` is the name's search key `initials|fullpinyin`, for usePickFilter. */
export type Pick = { id: number; name: string; pinyin: string }

export function useZonePicklist() {
  const zones = ref<Pick[]>([])
  const request = useRequest()
  async function load(includeInactive = false) {
    const list = await request.send('zones.list', { q: '', kind: null, include_inactive: includeInactive })
    if (list === undefined) return
    zones.value = list.map((z) => ({ id: z.id, name: z.active ? z.name : `${z.name}（已停用）`, pinyin: z.pinyin }))
  }
  return { zones, load }
}

/** Active staff holding one of the roles, for 组长/监管人员/保洁员 selects. */
export function useStaffPicklist() {
  const staff = ref<Pick[]>([])
  const request = useRequest()
  async function load(roles: Role[]) {
    await request.run(async () => {
      const seen = new Map<number, Pick>()
      for (const role of roles) {
        const page = await call('staff.list', {
          q: '', role, group_no: null, zone_id: null, status: '在岗',
          sort: 'name', desc: false, page: 1, page_size: 1000,
        })
        for (const s of page.items) seen.set(s.id, { id: s.id, name: s.name, pinyin: s.pinyin })
      }
      staff.value = [...seen.values()]
    })
  }
  return { staff, load }
}
