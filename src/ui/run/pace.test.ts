import { describe, expect, test } from 'vitest'
import { samplingDelay } from './pace'

describe('samplingDelay', () => {
  test('about once a second while the comparison is cheap', () => {
    expect(samplingDelay(5)).toBe(1000)
    expect(samplingDelay(100)).toBe(1000)
  })

  test('stretches so an expensive comparison takes a tenth of the time', () => {
    const cost = 250
    const delay = samplingDelay(cost)
    expect(cost / (cost + delay)).toBeCloseTo(0.1, 12)
  })

  test(
    'never beyond 3 s, so the numbers trail the walkers by a few seconds at most; ' +
      'the first of a run does not stretch it',
    () => {
      expect(samplingDelay(2000)).toBe(3000)
      expect(samplingDelay(2000, true)).toBe(1000)
    },
  )
})
