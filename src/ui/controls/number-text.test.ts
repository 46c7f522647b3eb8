import { describe, expect, test } from 'vitest'
import { formatNumber, parseNumberText } from './number-text'

describe('parseNumberText', () => {
  test('reads decimals, exponents, a true minus sign and blanks around', () => {
    expect(['0.001', '1e-4', ' 2.5E3 ', '\u22122', '-.5', '+3', '7.'].map((t) => parseNumberText(t))).toEqual(
      [0.001, 1e-4, 2500, -2, -0.5, 3, 7].map((value) => ({ ok: true, value })),
    )
  })

  test('refuses what is not one number, saying so', () => {
    expect(parseNumberText('')).toEqual({ ok: false, message: 'enter a number' })
    for (const t of ['abc', '1,5', '0x10', '1e', '2 3', 'Infinity', 'NaN', '--1'])
      expect(parseNumberText(t).ok).toBe(false)
    expect(parseNumberText('1e999')).toEqual({ ok: false, message: '1e999 is too large' })
  })
})

describe('formatNumber', () => {
  test('short, exact to 6 digits, exponents for very small and large values', () => {
    expect([0, 1e-4, 2e-3, 0.1 + 0.2, -146.69951, 1e6, 1.5e-7, 123456789].map(formatNumber)).toEqual([
      '0',
      '0.0001',
      '0.002',
      '0.3',
      '-146.7',
      '1e6',
      '1.5e-7',
      '1.23457e8',
    ])
  })

  test('reads back as the number it shows', () => {
    for (const v of [1e-4, 2e-3, 20, 0.05, 1e-12, 1e6])
      expect(parseNumberText(formatNumber(v))).toEqual({ ok: true, value: v })
  })
})
