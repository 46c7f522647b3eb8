import { describe, expect, it } from 'vitest'
import { formatCount, formatPercent, formatSignificant } from './numbers'

describe('numbers in words', () => {
  it('three significant figures, grouped thousands, a short exponent for the very small and very large', () => {
    expect(formatSignificant(0.0012754746)).toBe('1.28e-3')
    expect(formatSignificant(1e-4)).toBe('1e-4')
    expect(formatSignificant(0.01)).toBe('0.01')
    expect(formatSignificant(0.0123456)).toBe('0.0123')
    expect(formatSignificant(2627.5695)).toBe('2,630')
    expect(formatSignificant(999.96)).toBe('1,000')
    expect(formatSignificant(7894693219815186)).toBe('7.89e15')
    expect(formatSignificant(20)).toBe('20')
    expect(formatSignificant(0)).toBe('0')
    expect(formatSignificant(0.0075, 2, 1e-4)).toBe('0.0075')
    expect(formatSignificant(0.00004, 2, 1e-4)).toBe('4e-5')
  })

  it('a true minus sign, never on a zero', () => {
    expect(formatSignificant(-80.7678, 4)).toBe('\u221280.77')
    expect(formatSignificant(-3.4e-5)).toBe('\u22123.4e-5')
    expect(formatSignificant(-0)).toBe('0')
  })

  it('what is not a number says so', () => {
    expect(formatSignificant(NaN)).toBe('not a number')
    expect(formatSignificant(Infinity)).toBe('infinity')
    expect(formatSignificant(-Infinity)).toBe('\u2212infinity')
  })

  it('counts and percentages', () => {
    expect(formatCount(9949672)).toBe('9,949,672')
    expect(formatCount(2627.57)).toBe('2,628')
    expect(formatPercent(0.5743)).toBe('57.4%')
    expect(formatPercent(1)).toBe('100%')
  })
})
