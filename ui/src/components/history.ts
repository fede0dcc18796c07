// What changed between two recorded versions of a record, field by field, with Chinese labels.

/** Labels of the fields records carry; an unknown field shows its own name. */
const LABELS: Record<string, string> = {
  name: '名称',
  kind: '类型',
  contact: '联系人',
  phone: '电话',
  address: '地址',
  zone_id: '责任区',
  zone_name: '责任区',
  group_no: '收费小组',
  fee_category: '收费类别',
  tags: '标签',
  note: '备注',
  status: '状态',
  roles: '角色',
  base_wage: '基本工资',
  hired_on: '入职日期',
  left_on: '离职日期',
  boundary: '范围',
  supervisor_id: '监管人员',
  supervisor_name: '监管人员',
  cleaner_ids: '保洁员',
  cleaner_names: '保洁员',
  active: '在用',
  amount: '金额',
  count: '数量',
  date: '日期',
  time: '时间',
  item_code: '细则条目',
  seen: '现场情况',
  reason: '原因',
  void_reason: '作废原因',
  serial: '收据号',
  period_from: '起始月份',
  period_to: '截止月份',
  display_name: '姓名',
  role: '角色',
  event: '事件',
  party_count: '户数',
}

/** `zone_id` is shown through `zone_name`, `cleaner_ids` through `cleaner_names`. */
function shownElsewhere(field: string, fields: string[]): boolean {
  const named = field.replace(/_ids$/, '_names').replace(/_id$/, '_name')
  return named !== field && fields.includes(named)
}

export type Change = { field: string; label: string; before: string | null; after: string | null }

function show(v: unknown): string | null {
  if (v === null || v === undefined) return null
  if (typeof v === 'string') return v === '' ? null : v
  if (Array.isArray(v) && v.length === 0) return null
  if (typeof v === 'boolean') return v ? '是' : '否'
  if (typeof v === 'number') return String(v)
  if (Array.isArray(v) && v.every((x) => typeof x !== 'object')) return v.join('、')
  return JSON.stringify(v)
}

/** The fields that differ; for a new record, every field it was created with. */
export function changesOf(before: unknown, after: unknown): Change[] {
  const b = (before && typeof before === 'object' ? before : {}) as Record<string, unknown>
  const a = (after && typeof after === 'object' ? after : {}) as Record<string, unknown>
  const all = [...new Set([...Object.keys(b), ...Object.keys(a)])]
  const fields = all.filter((f) => f !== 'id' && !f.endsWith('_key') && !shownElsewhere(f, all))
  const out: Change[] = []
  for (const field of fields) {
    const was = show(b[field])
    const now = show(a[field])
    if (was === now || (!before && now === null)) continue
    out.push({ field, label: LABELS[field] ?? field, before: before ? was : null, after: now })
  }
  return out
}
