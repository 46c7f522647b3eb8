import { describe, expect, test } from 'vitest'
import { chartedHistogram } from './descent-histogram'

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0)

describe('the charted histogram of final energies', () => {
  test('leaves a start stuck far uphill off the chart, and counts it', () => {
    const energies = [...Array.from({ length: 99 }, (_, k) => -3 + k / 50), 24000, NaN]
    const c = chartedHistogram(energies, -3.294)
    expect(c.offChart).toBe(1)
    expect(sum(c.histogram.counts)).toBe(99)
    expect(c.histogram.from).toBeCloseTo(-3.294 - 1e-4, 12)
  })

  test('keeps every energy of an ordinary spread', () => {
    const energies = Array.from({ length: 1000 }, (_, k) => -44.3268 + (7 * k) / 999)
    const c = chartedHistogram(energies, -44.326801)
    expect(c.offChart).toBe(0)
    expect(sum(c.histogram.counts)).toBe(1000)
  })

  test('draws nothing from no finite energy', () => {
    expect(chartedHistogram([NaN], null)).toEqual({
      histogram: { from: 0, width: 1, counts: [] },
      offChart: 0,
      limit: Infinity,
    })
  })
})
