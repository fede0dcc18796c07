import { describe, expect, it } from 'vitest'
import { countGap, fenText, toFen } from './cash'

describe('cash figures of the blind count', () => {
  it('reads money text to whole fen without floats', () => {
    expect(toFen('12.3')).toBe(BigInt(1230))
    expect(toFen('0.05')).toBe(BigInt(5))
    expect(toFen('')).toBeNull()
    expect(toFen('1.234')).toBeNull()
    expect(fenText(BigInt(1230))).toBe('12.30')
    expect(fenText(BigInt(-5))).toBe('-0.05')
  })

  it('counts counterfeit notes apart: expected = counted + counterfeit + shortage', () => {
    expect(countGap('25.00', BigInt(500), '20')).toBe(BigInt(0))
    expect(countGap('25.00', BigInt(350), '20')).toBe(BigInt(150))
    expect(countGap('25.00', BigInt(2600), '')).toBe(BigInt(-100))
  })
})
