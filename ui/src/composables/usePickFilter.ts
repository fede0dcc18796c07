// One filter for every filterable drop-down over staff, zones or schedule items, so they match
// what the clerk types the way the search boxes do: 王伟超 is found by 伟超, by the initials
// wwc (or wc) and by the full pinyin wang / wangweichao. Element Plus matches a typed query only
// against the shown label, so the selects take :filter-method and list what this keeps.
import { reactive } from 'vue'

/** Anything with a name and its pinyin key `initials|fullpinyin` (Staff, Zone, Pick). */
export type Named = { name: string; pinyin?: string | null }
export type Coded = { code: string; offence?: string; content?: string }

function normalise(query: string): string {
  return query.trim().toLowerCase().replace(/\s+/g, '')
}

export function matchesName(query: string, item: Named): boolean {
  const q = normalise(query)
  if (!q) return true
  if (item.name.toLowerCase().includes(q)) return true
  const [initials = '', full = ''] = (item.pinyin ?? '').toLowerCase().split('|')
  return initials.includes(q) || full.includes(q)
}

/** Schedule items: by code (A3) or by the offence's wording. */
export function matchesItem(query: string, item: Coded): boolean {
  const q = normalise(query)
  if (!q) return true
  return item.code.toLowerCase().includes(q) || (item.offence ?? item.content ?? '').toLowerCase().replace(/\s+/g, '').includes(q)
}

/**
 * Per-select queries for one component: `:filter-method="f.by('zone')"` and
 * `v-for="z in f.names('zone', zones)"` (or `f.items` for schedule items).
 */
export function usePickFilter() {
  const queries = reactive<Record<string, string>>({})
  // Stable functions, so a re-render does not hand the select a new prop each time.
  const setters = new Map<string, (query: string) => void>()
  function by(key: string): (query: string) => void {
    let set = setters.get(key)
    if (!set) {
      set = (query: string) => {
        queries[key] = query
      }
      setters.set(key, set)
    }
    return set
  }
  function names<T extends Named>(key: string, list: readonly T[]): T[] {
    return list.filter((x) => matchesName(queries[key] ?? '', x))
  }
  function items<T extends Coded>(key: string, list: readonly T[]): T[] {
    return list.filter((x) => matchesItem(queries[key] ?? '', x))
  }
  return { by, names, items }
}
