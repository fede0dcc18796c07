// Where each of today's items leads: the list it was counted from, with a query the list page
// honours as a filter (see BatchListView, InspectionsView, PledgesView, StatementsView).
import type { RouteLocationRaw } from 'vue-router'
import type { TodayItem } from '../../bindings/TodayItem'

export function todayLink(item: TodayItem): RouteLocationRaw {
  switch (item.key) {
    case 'batches_open':
    case 'cash_unremitted':
      return { path: '/fees/batches', query: { open: '1' } }
    case 'patrols_missing':
      return { path: '/inspections', query: item.month ? { tab: 'patrol', month: item.month } : { tab: 'patrol' } }
    case 'rectify_due':
      return { path: '/rectification' }
    case 'pledges_refused':
      return { path: '/pledges', query: { status: '拒签' } }
    case 'selfcheck_weak':
      return { path: '/self-check' }
    case 'complaints_open':
      return { path: '/complaints', query: { open: '1' } }
    case 'fines_unpaid':
      return { path: '/statements', query: item.month ? { month: item.month, tab: 'notices' } : { tab: 'notices' } }
    case 'months_to_close':
      return item.month ? { path: '/statements', query: { month: item.month } } : { path: '/statements' }
    default:
      return { path: '/' }
  }
}

/** Whether an item needs attention (shown in red): anything open except a zero. */
export function needsAttention(item: TodayItem): boolean {
  return item.count > 0
}
