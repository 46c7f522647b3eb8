import { describe, expect, test } from 'vitest'
import { fromPosition, keyStep, niceStep, sliderScale, SLIDER_STEPS, toPosition } from './slider'

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

describe('keys on a slider', () => {
  const decade = (a: number, b: number) => Math.log10(b / a)

  test('a log slider moves a twentieth of a decade per arrow, half a decade per page', () => {
    const s = sliderScale(lr, 1e-3, 1e-3)
    const up = keyStep(s, 1e-3, 'ArrowRight') ?? NaN
    expect(up).toBe(0.00112)
    expect(decade(1e-3, up)).toBeCloseTo(1 / 20, 2)
    expect(keyStep(s, 1e-3, 'ArrowUp')).toBe(up)
    expect(keyStep(s, 1e-3, 'ArrowLeft')).toBe(0.000891)
    expect(keyStep(s, 1e-3, 'ArrowDown')).toBe(0.000891)
    expect(keyStep(s, 1e-3, 'PageUp')).toBe(0.00316)
    expect(keyStep(s, 1e-3, 'PageDown')).toBe(0.000316)
  })

  test('twenty arrows up cross one decade, and as many down come back', () => {
    const s = sliderScale({ min: 1e-6, max: 1e6, scale: 'log' }, 1, 1)
    let v = 0.5
    for (let k = 0; k < 20; k++) v = keyStep(s, v, 'ArrowUp') ?? NaN
    expect(decade(0.5, v)).toBeCloseTo(1, 2)
    for (let k = 0; k < 20; k++) v = keyStep(s, v, 'ArrowDown') ?? NaN
    expect(v).toBeCloseTo(0.5, 2)
  })

  test('an arrow moves much further than one of the SLIDER_STEPS positions (8 decades of a log slider)', () => {
    const s = sliderScale(lr, 1e-3, 1e-3)
    const positions = toPosition(s, keyStep(s, 1e-3, 'ArrowUp') ?? NaN) - toPosition(s, 1e-3)
    expect(positions).toBeGreaterThan(5)
    expect(positions).toBeLessThan(8)
  })

  test('steps per frame (whole numbers, log scale) move by exactly 1; a page by half a decade', () => {
    const speed = sliderScale({ min: 1, max: 1000, scale: 'log', integer: true }, 10, 10)
    expect(keyStep(speed, 10, 'ArrowRight')).toBe(11)
    expect(keyStep(speed, 10, 'ArrowLeft')).toBe(9)
    expect(keyStep(speed, 1, 'ArrowUp')).toBe(2)
    expect(keyStep(speed, 250, 'ArrowUp')).toBe(251)
    expect(keyStep(speed, 10, 'PageUp')).toBe(32)
    expect(keyStep(speed, 2, 'PageDown')).toBe(1)
    expect(keyStep(speed, 1000, 'ArrowUp')).toBe(1000)
    expect(keyStep(speed, 1, 'ArrowDown')).toBe(1)
  })

  test('a linear slider moves by a round step near a hundredth of its span, landing on its multiples', () => {
    const unit = sliderScale({ min: 0, max: 1, scale: 'linear' }, 0.9, 0.9)
    expect(keyStep(unit, 0.9, 'ArrowUp')).toBe(0.91)
    expect(keyStep(unit, 0.9, 'ArrowDown')).toBe(0.89)
    expect(keyStep(unit, 0.333, 'ArrowUp')).toBe(0.34)
    expect(keyStep(unit, 0.333, 'ArrowDown')).toBe(0.33)
    expect(keyStep(unit, 0.5, 'PageUp')).toBe(0.6)
    expect(keyStep(unit, 0.995, 'ArrowUp')).toBe(1)
    expect(keyStep(unit, 0, 'ArrowDown')).toBe(0)
    const wide = sliderScale({ min: -3, max: 3, scale: 'linear' }, 0, 0)
    expect(keyStep(wide, -1.5, 'ArrowUp')).toBe(-1.45)
  })

  test('a log slider whose range starts at 0 steps from 0 to its first value and back', () => {
    const clip = sliderScale({ min: 0, max: 1e12, scale: 'log' }, 0, 0)
    expect(keyStep(clip, 0, 'ArrowUp')).toBe(clip.lo)
    expect(keyStep(clip, clip.lo, 'ArrowDown')).toBe(0)
    expect(keyStep(clip, 0, 'ArrowDown')).toBe(0)
  })

  test('other keys are left to the browser', () => {
    const s = sliderScale(lr, 1e-3, 1e-3)
    for (const key of ['Home', 'End', 'Tab', 'Enter', 'a']) expect(keyStep(s, 1e-3, key)).toBeNull()
  })

  test('round steps: 1, 2 or 5 times a power of ten', () => {
    expect([0.01, 0.013, 0.03, 0.06, 0.08, 6, 140].map(niceStep)).toEqual([0.01, 0.01, 0.02, 0.05, 0.1, 5, 100])
  })
})
