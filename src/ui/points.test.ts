import { describe, expect, test } from 'vitest'
import { mullerBrown } from '../core/surfaces/muller-brown'
import { formatValue } from './format'
import { namePoints } from './points'

describe('formatValue', () => {
  test('two decimals with a true minus sign, never a negative zero', () => {
    expect([formatValue(-146.6995), formatValue(-1e-9), formatValue(0), formatValue(181.617)]).toEqual([
      '\u2212146.70',
      '0.00',
      '0.00',
      '181.62',
    ])
    expect(formatValue(-0.55822, 4)).toBe('\u22120.5582')
    expect(formatValue(2.5e5)).toBe('2.50e+5')
  })
})

describe('namePoints', () => {
  test('takes the literature label of a known point of the same kind nearby, else a number by kind', () => {
    const named = namePoints(
      [
        { x: -0.5582, y: 1.4417, value: -146.6995, kind: 'minimum', eigenvalues: [1, 2] },
        { x: -0.5582, y: 1.4417, value: -146.6995, kind: 'saddle', eigenvalues: [-1, 2] },
        { x: 0.9, y: 1.9, value: 12.345, kind: 'maximum', eigenvalues: [-2, -1] },
      ],
      mullerBrown.points,
      mullerBrown.domain,
    )
    // Müller-Brown's S1 and S2 are published names, kept for its saddles: another saddle is S3.
    expect(named.map((p) => p.label)).toEqual(['MA \u2212146.70', 'S3 \u2212146.70', 'X1 12.35'])
  })
})
