import { describe, expect, test } from 'vitest'
import { fromPosition, sliderScale, SLIDER_STEPS, toPosition } from './slider'

const lr = { min: 1e-12, max: 1e6, scale: 'log' as const }

describe('sliderScale', () => {
  test('a log slider spans four decades either side of the default, inside the valid range', () => {
    expect(sliderScale(lr, 1e-3, 1e-3)).toMatchObject({ scale: 'log', lo: 1e-7, hi: 10, zero: false })
    expect(sliderScale({ min: 1e-4, max: 1e5, scale: 'log' }, 1, 1)).toMatchObject({ lo: 1e-4, hi: 1e4 })
  })

  test('widens to reach a value typed beyond its ends', () => {
    expect(sliderScale(lr, 1e-3, 500)).toMatchObject({ lo: 1e-7, hi: 500 })
  })

  test('a log setting whose range starts at 0 keeps position 0 for 0', () => {
    const clip = sliderScale({ min: 0, max: 1e12, scale: 'log' }, 0, 0)
    expect(clip.zero).toBe(true)
    expect(clip.lo).toBeGreaterThan(0)
    expect(toPosition(clip, 0)).toBe(0)
    expect(fromPosition(clip, 0)).toBe(0)
    expect(fromPosition(clip, 1)).toBe(clip.lo)
  })

  test('a linear slider spans the valid range', () => {
    expect(sliderScale({ min: 0, max: 1, scale: 'linear' }, 0.9, 0.9)).toMatchObject({ scale: 'linear', lo: 0, hi: 1 })
  })
})

describe('slider positions', () => {
  test('log: equal ratios per equal distance, ends at the ends', () => {
    const s = sliderScale(lr, 1e-3, 1e-3)
    expect(toPosition(s, 1e-7)).toBe(0)
    expect(toPosition(s, 10)).toBe(SLIDER_STEPS)
    expect(toPosition(s, 1e-3)).toBe(SLIDER_STEPS / 2)
    expect(fromPosition(s, SLIDER_STEPS / 2)).toBe(1e-3)
    expect(fromPosition(s, SLIDER_STEPS / 4)).toBe(1e-5)
  })

  test('values beyond the ends sit at the ends', () => {
    const s = sliderScale(lr, 1e-3, 1e-3)
    expect([toPosition(s, 1e-11), toPosition(s, 1e5)]).toEqual([0, SLIDER_STEPS])
  })

  test('round trip: a position gives a value that maps back to the same position', () => {
    for (const s of [
      sliderScale(lr, 1e-3, 1e-3),
      sliderScale({ min: 0, max: 1, scale: 'linear' }, 0.5, 0.5),
      sliderScale({ min: 1, max: 1e9, scale: 'log', integer: true }, 1000, 1000),
    ]) {
      for (const p of [0, 1, 137, 500, 999, 1000]) {
        const v = fromPosition(s, p)
        expect(Math.abs(toPosition(s, v) - p)).toBeLessThanOrEqual(s.integer ? 3 : 1)
      }
    }
  })

  test('integer settings give integers; linear values are rounded to the step', () => {
    const period = sliderScale({ min: 1, max: 1e9, scale: 'log', integer: true }, 1000, 1000)
    expect(Number.isInteger(fromPosition(period, 333))).toBe(true)
    expect(fromPosition(sliderScale({ min: 0, max: 1, scale: 'linear' }, 0.5, 0.5), 333)).toBe(0.333)
  })
})
