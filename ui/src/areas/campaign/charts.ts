// ECharts options for the home dashboard, built from the core's figures (`campaign.progress`).
// Pure functions (no ECharts import), so they are tested without a canvas. Rates arrive in
// tenths of a percent with their text as the core printed it (the one rate rule, in Rust); money arrives as decimal
// strings and is charted as whole 分 (integers), its labels written back as ¥ strings by integer
// arithmetic — no floating-point money.
import type { Progress } from '../../bindings/Progress'
import type { TrendPoint } from '../../bindings/TrendPoint'
import { formatMoney } from '../../format'

export const GROUP_NAMES = ['第一小组', '第二小组', '第三小组', '第四小组']
const PALETTE = ['#1f3a5f', '#3a7bd5', '#e6a23c', '#67c23a', '#f56c6c', '#909399', '#9b59b6']

/** Tenths of a percent as a chart value (93.4), or null for no rate. */
export function percent(permille: number | null | undefined): number | null {
  return permille === null || permille === undefined ? null : permille / 10
}

/** A money string ("1250.50") as whole 分, without floating-point arithmetic on the digits. */
export function fenOf(money: string): number {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(money.trim())
  if (!m) return 0
  const fen = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'))
  return m[1] === '-' ? -fen : fen
}

/** Whole 分 as ¥ text (¥1,250.50), by integer arithmetic; axis ticks are rounded to the 分. */
export function fenText(fen: number): string {
  const f = Math.round(fen)
  const a = Math.abs(f)
  const whole = Math.trunc(a / 100)
  const cents = String(a % 100).padStart(2, '0')
  return formatMoney(`${f < 0 ? '-' : ''}${whole}.${cents}`)
}
/** An axis tick in 分 as whole yuan: 5000 → "50元". */
function axisYuan(fen: number): string {
  const f = Math.round(fen)
  return f % 100 === 0 ? `${f / 100}元` : fenText(f)
}

/** `2026-11-29` → `11/29`; `2026-11` → `2026年11月`. */
export function shortDate(iso: string): string {
  const [, m, d] = iso.split('-')
  return `${Number(m)}/${Number(d)}`
}
export function monthLabel(month: string): string {
  const [y, m] = month.split('-')
  return `${y}年${Number(m)}月`
}

const percentAxis = { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } }

/** A rate as a chart point: its height (93.4) and its text as the core printed it ("93.4%"). */
export type RatePoint = { value: number; text: string } | null

/** A point from the core's rate: tenths of a percent for the height, the core's text for labels. */
export function ratePoint(permille: number | null | undefined, text: string | null | undefined): RatePoint {
  const v = percent(permille)
  return v === null ? null : { value: v, text: text ?? '' }
}

type TipParam = { marker?: string; seriesName?: string; axisValueLabel?: string; data?: RatePoint }
/** Tooltip lines with each rate's own text (never re-rounded here). */
const tooltipPercent = {
  trigger: 'axis',
  formatter: (params: TipParam[]) => {
    const head = params[0]?.axisValueLabel ?? ''
    const lines = params.map((p) => `${p.marker ?? ''}${p.seriesName ?? ''}：${p.data?.text ?? '—'}`)
    return [head, ...lines].join('<br/>')
  },
}
const rateLabel = { show: true, position: 'top', formatter: (x: { data?: RatePoint }) => x.data?.text ?? '' }

function targetLine(permille: number | null, text: string) {
  return permille === null
    ? undefined
    : { silent: true, symbol: 'none', lineStyle: { type: 'dashed', color: '#c0392b' }, label: { position: 'insideEndTop', formatter: `目标 ${text}` }, data: [{ yAxis: permille / 10 }] }
}

function targetOf(p: Progress, kind: '签订率' | '收缴率'): { permille: number | null; text: string } {
  const phase = p.plan.phases.find((x) => x.target_kind === kind)
  return { permille: phase?.target_permille ?? null, text: phase?.target_text ?? '' }
}

/** Signing and collection rate by group, side by side, against the 100% target. */
export function ratesByGroupOption(p: Progress) {
  const signing = GROUP_NAMES.map((_, i) => {
    const line = p.signing.by_group.find((l) => l.key === i + 1)
    return ratePoint(line?.rate_permille, line?.rate_text)
  })
  const collection = GROUP_NAMES.map((name) => {
    const row = p.collection_by_group.rows.find((r) => r.label === name)
    return row && row.expected_parties > 0 ? ratePoint(row.rate_permille, row.rate) : null
  })
  const target = targetOf(p, '签订率')
  return {
    color: [PALETTE[0], PALETTE[2]],
    tooltip: tooltipPercent,
    legend: { top: 0 },
    grid: { left: 48, right: 16, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: GROUP_NAMES },
    yAxis: percentAxis,
    series: [
      { name: '门前三包签订率', type: 'bar', data: signing, label: rateLabel, markLine: targetLine(target.permille, target.text) },
      { name: '卫生费收缴率', type: 'bar', data: collection, label: rateLabel },
    ],
  }
}

/** A rate over time: the community's line and one per group. */
export function trendOption(points: TrendPoint[], target: { permille: number | null; text: string }) {
  const series = [
    { name: '全社区', type: 'line', data: points.map((x) => ratePoint(x.overall, x.overall_text)), lineStyle: { width: 3 }, markLine: targetLine(target.permille, target.text) },
    ...GROUP_NAMES.map((name, i) => ({ name, type: 'line', data: points.map((x) => ratePoint(x.groups[i], x.group_texts[i])), lineStyle: { width: 1.5 }, symbolSize: 4 })),
  ]
  return {
    color: PALETTE,
    tooltip: tooltipPercent,
    legend: { top: 0 },
    grid: { left: 48, right: 16, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: points.map((x) => shortDate(x.date)) },
    yAxis: percentAxis,
    series,
  }
}

export function signingTrendOption(p: Progress) {
  return trendOption(p.signing_trend, targetOf(p, '签订率'))
}
export function collectionTrendOption(p: Progress) {
  return trendOption(p.collection_trend, targetOf(p, '收缴率'))
}

const tooltipYuan = { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? fenText(v) : '—') }

/** Deductions per month, stacked by category (the monthly fine report's totals). */
export function finesByMonthOption(p: Progress) {
  return {
    color: PALETTE,
    tooltip: tooltipYuan,
    legend: { top: 0 },
    grid: { left: 56, right: 16, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: p.fines_by_month.map((m) => monthLabel(m.month)) },
    yAxis: { type: 'value', minInterval: 100, axisLabel: { formatter: axisYuan } },
    series: p.fine_categories.map((c) => ({
      name: c,
      type: 'bar',
      stack: 'fines',
      data: p.fines_by_month.map((m) => {
        const t = m.by_category.find((x) => x.name === c)
        return t ? fenOf(t.amount) : null
      }),
    })),
  }
}

/** Zones by their deductions, most first. */
export function topZonesOption(p: Progress) {
  const zones = [...p.top_zones].reverse()
  return {
    color: [PALETTE[4]],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: tooltipYuan.valueFormatter },
    grid: { left: 90, right: 48, top: 8, bottom: 24 },
    xAxis: { type: 'value', minInterval: 100, axisLabel: { formatter: axisYuan } },
    yAxis: { type: 'category', data: zones.map((z) => z.name) },
    series: [{ name: '罚款金额', type: 'bar', data: zones.map((z) => fenOf(z.amount)), label: { show: true, position: 'right', formatter: (x: { value: number }) => fenText(x.value) } }],
  }
}

/** Inspections passed and failed per month. */
export function inspectionsOption(p: Progress) {
  return {
    color: [PALETTE[3], PALETTE[4]],
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 48, right: 16, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: p.inspections.map((m) => monthLabel(m.month)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: '达标', type: 'bar', stack: 'insp', data: p.inspections.map((m) => m.passed) },
      { name: '不达标', type: 'bar', stack: 'insp', data: p.inspections.map((m) => m.failed) },
    ],
  }
}
