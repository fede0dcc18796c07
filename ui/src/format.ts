// Display helpers. Pure string work: money is never turned into a JS number.

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})/

/** "2026-11-29" → "2026年11月29日"; empty or null → ""; anything else is shown as is. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return ''
  const m = DATE_RE.exec(value)
  if (!m) return value
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`
}

/** A yuan amount as typed or stored: digits, optionally a point and up to two decimals. */
export const MONEY_RE = /^-?\d{1,12}(\.\d{1,2})?$/

/** `2026-11-29 09:05:00` → `2026年11月29日 09:05`. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return ''
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})/.exec(value)
  return m ? `${formatDate(m[1])} ${m[2]}` : value
}

export function isMoneyText(value: string): boolean {
  return MONEY_RE.test(value.trim())
}

/** "1800.00" → "¥1,800.00", "-5" → "-¥5.00", null/"" → "". Strings in, strings out. */
export function formatMoney(value: string | null | undefined): string {
  if (value === null || value === undefined) return ''
  const text = value.trim()
  if (text === '') return ''
  if (!isMoneyText(text)) return text
  const negative = text.startsWith('-')
  const unsigned = negative ? text.slice(1) : text
  const [intRaw, fracRaw = ''] = unsigned.split('.')
  const intPart = intRaw.replace(/^0+(?=\d)/, '')
  const frac = (fracRaw + '00').slice(0, 2)
  const grouped = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  const isZero = /^0+$/.test(intPart) && /^0+$/.test(frac)
  return `${negative && !isZero ? '-' : ''}¥${grouped}.${frac}`
}

/** Today as YYYY-MM-DD in local time, for default form values. */
export function todayIso(now: Date = new Date()): string {
  const y = now.getFullYear()
  const m = String(now.getMonth() + 1).padStart(2, '0')
  const d = String(now.getDate()).padStart(2, '0')
  return `${y}-${m}-${d}`
}

/** ["甲", "乙"] → "甲、乙"; empty → "—". */
export function joinNames(names: readonly string[] | null | undefined): string {
  return names && names.length > 0 ? names.join('、') : '—'
}

/** 1 → "第一小组"; null → "—". */
export function groupLabel(no: number | null | undefined): string {
  if (no === null || no === undefined) return '—'
  const digits = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十']
  return `第${digits[no] ?? String(no)}小组`
}
