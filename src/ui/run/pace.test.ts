import { describe, expect, test } from 'vitest'
import { samplingDelay } from './pace'

describe('samplingDelay', () => {
  test('about once a second while the comparison is cheap', () => {
    expect(samplingDelay(5)).toBe(1000)
    expect(samplingDelay(100)).toBe(1000)
  })

  test('stretches so an expensive comparison takes a tenth of the time', () => {
    const cost = 2000
    const delay = samplingDelay(cost)
    expect(cost / (cost + delay)).toBeCloseTo(0.1, 12)
  })
})
