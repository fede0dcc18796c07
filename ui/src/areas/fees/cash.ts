// Cash figures for the closing dialog, in whole 分 as BigInt (never a float): the difference
// between the receipts and the count is shown only once the count is typed (a blind count).
import { MONEY_RE } from '../../format'

/** "12.3" → 1230n; null for empty or malformed text. */
export function toFen(text: string): bigint | null {
  const t = text.trim()
  if (t === '' || !MONEY_RE.test(t)) return null
  const neg = t.startsWith('-')
  const [int = '0', frac = ''] = (neg ? t.slice(1) : t).split('.')
  const fen = BigInt(int) * BigInt(100) + BigInt((frac + '00').slice(0, 2))
  return neg ? -fen : fen
}

/** 1230n → "12.30". */
export function fenText(fen: bigint): string {
  const neg = fen < BigInt(0)
  const a = neg ? -fen : fen
  const cents = (a % BigInt(100)).toString().padStart(2, '0')
  return `${neg ? '-' : ''}${(a / BigInt(100)).toString()}.${cents}`
}

/** 应收 = 实点 + 假币 + 短款 − 长款: the shortage (positive) or overage (negative) of a count. */
export function countGap(expected: string, counted: bigint, counterfeit: string): bigint | null {
  const e = toFen(expected)
  const f = counterfeit.trim() === '' ? BigInt(0) : toFen(counterfeit)
  if (e === null || f === null) return null
  return e - counted - f
}
