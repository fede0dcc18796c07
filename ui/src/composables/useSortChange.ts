// Maps el-table's sort-change event onto a query's `sort`/`desc` fields.
export type SortEvent = { prop: string | null; order: 'ascending' | 'descending' | null }

export function sortFromEvent(
  e: SortEvent,
  columns: Record<string, string>,
  fallback: string | null,
): { sort: string | null; desc: boolean } {
  if (!e.order || !e.prop || !(e.prop in columns)) return { sort: fallback, desc: false }
  return { sort: columns[e.prop], desc: e.order === 'descending' }
}
