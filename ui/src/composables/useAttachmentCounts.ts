// How many photos and scans each record of a kind has, read in one call per list, for the rows'
// 照片 buttons.
import { ref } from 'vue'
import { call } from '../api'
import type { OwnerKind } from '../bindings/OwnerKind'

export function useAttachmentCounts(kind: OwnerKind) {
  const counts = ref<Map<string, number>>(new Map())
  async function load() {
    try {
      const got = await call('attachments.counts', { owner_kind: kind })
      counts.value = new Map(got.map((c) => [`${c.owner_id}:${c.item_id ?? ''}`, c.count]))
    } catch {
      // The counts are a hint on a button; the list itself stands without them.
    }
  }
  /** The files of record `id` (of one item of it, for a self-check). */
  function of(id: number, item?: number | null): number {
    return counts.value.get(`${id}:${item ?? ''}`) ?? 0
  }
  return { load, of }
}
