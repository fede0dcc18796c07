// The skeleton every paged list shares: a query, the page it fetched, loading, a debounced
// search, sorting from the table header, and paging that starts again at page 1.
import { reactive, ref, type Ref } from 'vue'
import type { ApiError } from '../api'
import { useDebounce } from './useDebounce'
import { sortFromEvent, type SortEvent } from './useSortChange'
import { useRequest } from './useRequest'

/** How a list sorts: table column prop → the query's sort key, and the key when unsorted. */
export interface ListSort {
  columns: Record<string, string>
  fallback: string | null
}

/** Options of `useListPage`. */
export interface ListPageOptions {
  sort?: ListSort
  /** Milliseconds typing must pause before the search runs. */
  debounceMs?: number
  onError?: (e: ApiError) => void
}

/** A query with a page number: what every paged list sends. */
export interface PagedQuery {
  page?: number | null
}

/**
 * A list page over `fetch`. Only the answer to the latest request is shown: a slow answer to
 * an older search never overwrites a newer one. A failed load keeps what was on screen.
 */
export function useListPage<Q extends PagedQuery, R>(
  fetch: (query: Q) => Promise<R>,
  initial: Q,
  empty: R,
  options: ListPageOptions = {},
) {
  const query = reactive({ ...initial }) as Q
  const data = ref(empty) as Ref<R>
  const request = useRequest({ onError: options.onError })
  let latest = 0

  async function load(): Promise<void> {
    const mine = ++latest
    const got = await request.run(() => fetch({ ...query }))
    if (got !== undefined && mine === latest) data.value = got
  }
  function reload(): Promise<void> {
    query.page = 1
    return load()
  }
  const searchLater = useDebounce(() => void reload(), options.debounceMs ?? 300)
  function onSort(e: SortEvent): Promise<void> {
    if (options.sort) Object.assign(query, sortFromEvent(e, options.sort.columns, options.sort.fallback))
    return reload()
  }
  return { query, data, loading: request.loading, load, reload, searchLater, onSort }
}
