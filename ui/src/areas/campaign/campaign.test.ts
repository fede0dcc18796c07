import { describe, expect, it } from 'vitest'
import { fenOf, fenText, finesByMonthOption, monthLabel, percent, ratesByGroupOption, shortDate, trendOption } from './charts'
import { needsAttention, todayLink } from './today'
import type { Progress } from '../../bindings/Progress'
import type { TodayItem } from '../../bindings/TodayItem'

const item = (key: string, count = 3, month: string | null = null): TodayItem => ({ key, label: key, count, unit: '个', note: '', month })

describe('today links', () => {
  it('lead each item to the list it was counted from, with the list filter', () => {
    expect(todayLink(item('pledges_refused'))).toEqual({ path: '/pledges', query: { status: '拒签' } })
    expect(todayLink(item('cash_unremitted'))).toEqual({ path: '/fees/batches', query: { open: '1' } })
    expect(todayLink(item('patrols_missing', 8, '2026-11'))).toEqual({ path: '/inspections', query: { tab: 'patrol', month: '2026-11' } })
    expect(todayLink(item('months_to_close', 1, '2026-10'))).toEqual({ path: '/statements', query: { month: '2026-10' } })
    expect(todayLink(item('fines_unpaid', 1, '2026-10'))).toEqual({ path: '/statements', query: { month: '2026-10', tab: 'notices' } })
    expect(todayLink(item('complaints_open', 2))).toEqual({ path: '/complaints', query: { open: '1' } })
    expect(todayLink(item('selfcheck_weak', 3))).toEqual({ path: '/self-check' })
    expect(todayLink(item('rectify_due'))).toEqual({ path: '/rectification' })
    expect(todayLink(item('something_new'))).toEqual({ path: '/' })
  })
  it('flag only what is open', () => {
    expect(needsAttention(item('x', 0))).toBe(false)
    expect(needsAttention(item('x', 2))).toBe(true)
  })
})

describe('chart helpers', () => {
  it('read rates in tenths of a percent and money strings exactly', () => {
    expect(percent(934)).toBe(93.4)
    expect(percent(null)).toBeNull()
    expect(fenOf('1250.50')).toBe(125050)
    expect(fenOf('0.07')).toBe(7)
    expect(fenOf('-5')).toBe(-500)
    expect(fenOf('abc')).toBe(0)
    expect(fenText(125050)).toBe('¥1,250.50')
    expect(fenText(7)).toBe('¥0.07')
    expect(fenText(-500)).toBe('-¥5.00')
    expect(shortDate('2026-11-29')).toBe('11/29')
    expect(monthLabel('2026-09')).toBe('2026年9月')
  })

  const progress = {
    plan: { phases: [{ target_kind: '签订率', target_permille: 1000, target_text: '100.0%' }, { target_kind: '收缴率', target_permille: 950, target_text: '95.0%' }] },
    signing: { by_group: [{ key: 1, rate_permille: 999, rate_text: '99.9%' }, { key: 3, rate_permille: 500, rate_text: '50.0%' }] },
    collection_by_group: { rows: [{ label: '第一小组', expected_parties: 10, rate_permille: 700, rate: '70.0%' }, { label: '第二小组', expected_parties: 0, rate_permille: 0, rate: '0.0%' }] },
    fine_categories: ['劳动纪律', '工作质量'],
    fines_by_month: [
      { month: '2026-09', by_category: [{ name: '工作质量', amount: '25.00' }] },
      { month: '2026-10', by_category: [{ name: '劳动纪律', amount: '30.00' }, { name: '工作质量', amount: '5.50' }] },
    ],
  } as unknown as Progress

  it('put each group in its place, leaving gaps where a group owes nothing', () => {
    const o = ratesByGroupOption(progress)
    expect(o.series[0].data.map((d) => d?.value ?? null)).toEqual([99.9, null, 50, null])
    expect(o.series[1].data.map((d) => d?.value ?? null)).toEqual([70, null, null, null])
    expect(o.series[0].markLine?.data).toEqual([{ yAxis: 100 }])
  })

  it('label every rate with the text the core printed, never re-rounded', () => {
    const o = ratesByGroupOption(progress)
    expect(o.series[0].label.formatter({ data: o.series[0].data[0] })).toBe('99.9%')
    const tip = o.tooltip.formatter([{ seriesName: '门前三包签订率', axisValueLabel: '第一小组', data: o.series[0].data[0] }])
    expect(tip).toContain('99.9%')
    expect(tip).not.toContain('100')
  })

  it('stack fines by category month by month', () => {
    const o = finesByMonthOption(progress)
    expect(o.xAxis.data).toEqual(['2026年9月', '2026年10月'])
    expect(o.series.map((s) => s.name)).toEqual(['劳动纪律', '工作质量'])
    expect(o.series[0].data).toEqual([null, 3000])
    expect(o.series[1].data).toEqual([2500, 550])
    expect(o.yAxis.axisLabel.formatter(5000)).toBe('50元')
  })

  it('draw a trend line for the community and each group', () => {
    const o = trendOption(
      [{ date: '2026-09-07', overall: 100, groups: [50, null, 200, 0], overall_text: '10.0%', group_texts: ['5.0%', '—', '20.0%', '0.0%'] }],
      { permille: 950, text: '95.0%' },
    )
    expect(o.series).toHaveLength(5)
    expect(o.series[0].data).toEqual([{ value: 10, text: '10.0%' }])
    expect(o.series[2].data).toEqual([null])
    expect(o.xAxis.data).toEqual(['9/7'])
    const first = o.series[0] as { markLine?: { label: { formatter: string } } }
    expect(first.markLine?.label.formatter).toBe('目标 95.0%')
  })
})
