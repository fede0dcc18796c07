import { describe, expect, it } from 'vitest'
import { formatDate, formatDateTime, formatMoney, groupLabel, isMoneyText, joinNames, todayIso } from './format'

describe('formatDate', () => {
  it('writes dates the Chinese way without leading zeros', () => {
    expect(formatDate('2026-11-29')).toBe('2026年11月29日')
    expect(formatDate('2026-07-05')).toBe('2026年7月5日')
  })
  it('leaves empty and odd values alone', () => {
    expect(formatDate(null)).toBe('')
    expect(formatDate('')).toBe('')
    expect(formatDate('不详')).toBe('不详')
  })
})

describe('formatMoney', () => {
  it('adds the yuan sign and thousands separators', () => {
    expect(formatMoney('1800.00')).toBe('¥1,800.00')
    expect(formatMoney('1409.5')).toBe('¥1,409.50')
    expect(formatMoney('100000')).toBe('¥100,000.00')
    expect(formatMoney('16409.02')).toBe('¥16,409.02')
    expect(formatMoney('5')).toBe('¥5.00')
    expect(formatMoney('0.10')).toBe('¥0.10')
  })
  it('keeps large amounts exact (no float on the way)', () => {
    expect(formatMoney('90071992547409.99')).toBe('90071992547409.99')
    expect(formatMoney('999999999999.99')).toBe('¥999,999,999,999.99')
  })
  it('handles signs, zeros and blanks', () => {
    expect(formatMoney('-50.00')).toBe('-¥50.00')
    expect(formatMoney('-0.00')).toBe('¥0.00')
    expect(formatMoney('0012.3')).toBe('¥12.30')
    expect(formatMoney(null)).toBe('')
    expect(formatMoney('')).toBe('')
  })
})

describe('isMoneyText', () => {
  it('accepts yuan with at most two decimals', () => {
    expect(isMoneyText('1800')).toBe(true)
    expect(isMoneyText('1800.5')).toBe(true)
    expect(isMoneyText(' 1800.55 ')).toBe(true)
    expect(isMoneyText('1800.555')).toBe(false)
    expect(isMoneyText('1,800')).toBe(false)
    expect(isMoneyText('一千')).toBe(false)
  })
})

describe('small helpers', () => {
  it('joins names and labels groups', () => {
    expect(joinNames(['张三', '李四'])).toBe('张三、李四')
    expect(joinNames([])).toBe('—')
    expect(groupLabel(1)).toBe('第一小组')
    expect(groupLabel(4)).toBe('第四小组')
    expect(groupLabel(null)).toBe('—')
  })
  it('gives today in ISO form', () => {
    expect(todayIso(new Date(2026, 10, 9))).toBe('2026-11-09')
  })
})

describe('formatDateTime', () => {
  it('writes the date the Chinese way and keeps hours and minutes', () => {
    expect(formatDateTime('2026-11-29 09:05:00')).toBe('2026年11月29日 09:05')
    expect(formatDateTime('')).toBe('')
    expect(formatDateTime('昨天')).toBe('昨天')
  })
})
