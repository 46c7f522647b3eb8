import { describe, expect, it } from 'vitest'
import type { SweepRate } from '../../core/studies/sweep'
import { arrheniusLayout, arrheniusPoints, fittedLnRate } from './arrhenius-plot'
import {
  defaultTemperatures,
  parseTemperatures,
  stepsProblem,
  temperaturesText,
  walkersProblem,
  workProblem,
} from './sweep-inputs'
import { barrierSentence, plotWords } from './sweep-words'

const KT_RANGE = { min: 1e-4, max: 1e5 }
const NO_PASSAGES = { passages: 0, censored: 0, exposure: 0, mfpt: NaN, mfptLow: NaN, mfptHigh: NaN }
const THEORY = { barrierOverKT: 5, theoryError: 0.2, theoryHolds: true }

/** A sweep on a barrier of 1 with prefactor 0.5, measured exactly: k = 0.5 exp(-1/kT). */
function exactRates(kTs: number[], transitions = 100): SweepRate[] {
  return kTs.map((kT) => {
    const rate = 0.5 * Math.exp(-1 / kT)
    return {
      kT,
      rate,
      rateLow: 0.8 * rate,
      rateHigh: 1.25 * rate,
      transitions,
      time: transitions / rate,
      ...NO_PASSAGES,
      theory: 0.6 * Math.exp(-1 / kT),
      ...THEORY,
    }
  })
}

const BOX = { width: 300, height: 200, margin: { left: 40, right: 10, top: 10, bottom: 30 } }

describe('the temperatures of a sweep, as typed', () => {
  it('reads numbers and fractions, cold to hot', () => {
    expect(parseTemperatures('0.5, 0.2; 1/3  0.25', KT_RANGE)).toEqual({ ok: true, kTs: [0.2, 0.25, 1 / 3, 0.5] })
    expect(parseTemperatures('\u22121', KT_RANGE)).toMatchObject({ ok: false, message: /at least 2/ })
  })

  it('refuses what cannot be swept, saying why', () => {
    expect(parseTemperatures('0.2, 0', KT_RANGE)).toEqual({ ok: false, message: 'kT = 0 must be above 0' })
    expect(parseTemperatures('0.2, -1', KT_RANGE)).toEqual({ ok: false, message: 'kT = -1 must be above 0' })
    expect(parseTemperatures('0.2, 1/0', KT_RANGE)).toEqual({ ok: false, message: '1/0 divides by zero' })
    expect(parseTemperatures('0.2, hot', KT_RANGE)).toEqual({ ok: false, message: "'hot' is not a number" })
    expect(parseTemperatures('0.2, 1e6', KT_RANGE)).toMatchObject({ ok: false, message: /out of range/ })
    expect(parseTemperatures('0.2, 0.2', KT_RANGE)).toEqual({ ok: false, message: 'kT = 0.2 is listed twice' })
    expect(parseTemperatures(Array.from({ length: 13 }, (_, k) => k + 1).join(','), KT_RANGE)).toMatchObject({
      ok: false,
      message: /at most 12/,
    })
  })

  it('defaults to dE/kT from 5 to 2, which for a barrier of 1 is 0.2, 0.25, 1/3, 0.5', () => {
    expect(defaultTemperatures(1)).toEqual([0.2, 0.25, 1 / 3, 0.5])
    expect(temperaturesText([0.2, 1 / 3])).toBe('0.2, 0.333333')
  })

  it('bounds walkers, steps and the whole work', () => {
    expect(walkersProblem(100)).toBeNull()
    expect(walkersProblem(0)).toMatch(/1 to 10,000/)
    expect(walkersProblem(2.5)).toMatch(/whole number/)
    expect(stepsProblem(20_000)).toBeNull()
    expect(stepsProblem(10)).toMatch(/100 to 1,000,000/)
    expect(workProblem(4, 100, 20_000)).toBeNull()
    expect(workProblem(4, 10_000, 20_000)).toMatch(/too long a sweep/)
    expect(workProblem(12, 10_000, 1_000_000)).toMatch(/at most 100,000,000 walker-steps/)
  })
})

describe('the Arrhenius plot', () => {
  it('puts ln k against 1/kT, with no ln of a zero rate', () => {
    const rates = exactRates([0.25, 0.5])
    rates.push({
      kT: 0.1,
      rate: 0,
      rateLow: 0,
      rateHigh: 3.69 / 1000,
      transitions: 0,
      time: 1000,
      ...NO_PASSAGES,
      theory: null,
      ...THEORY,
    })
    const [a, , none] = arrheniusPoints(rates)
    expect(a.beta).toBe(4)
    expect(a.lnRate).toBeCloseTo(Math.log(0.5) - 4, 12)
    expect(a.lnTheory).toBeCloseTo(Math.log(0.6) - 4, 12)
    expect(none).toMatchObject({ lnRate: null, lnLow: null, lnTheory: null })
    expect(none.lnHigh).toBeCloseTo(Math.log(3.69e-3), 12)
  })

  it('draws the fitted line through the exact points: slope -barrier, intercept ln A', () => {
    const rates = exactRates([0.2, 0.25, 1 / 3, 0.5])
    const fit = { barrier: 1, stderr: 0.01, prefactor: 0.5 }
    expect(fittedLnRate(fit, 4)).toBeCloseTo(Math.log(0.5) - 4, 12)
    const layout = arrheniusLayout(rates, fit, BOX)!
    const { x1, y1, x2, y2 } = layout.fit!
    const slope = (y2 - y1) / (x2 - x1)
    for (const p of layout.points) {
      // Each measured point lies on the line, in pixels.
      expect(p.py!).toBeCloseTo(y1 + slope * (p.px - x1), 6)
    }
    // ln k falls as 1/kT grows: the line goes down to the right (pixel y grows downwards).
    expect(y2).toBeGreaterThan(y1)
  })

  it('keeps every mark inside the plot box, with room around the points', () => {
    const layout = arrheniusLayout(exactRates([0.2, 0.5]), { barrier: 1, stderr: 0.01, prefactor: 0.5 }, BOX)!
    const { left, right, top, bottom } = BOX.margin
    const xs = layout.points.map((p) => p.px)
    const ys = layout.points.flatMap((p) => [p.py!, p.barLow!, p.barHigh!, p.theory!])
    expect(Math.min(...xs)).toBeGreaterThan(left)
    expect(Math.max(...xs)).toBeLessThan(BOX.width - right)
    expect(Math.min(...ys)).toBeGreaterThanOrEqual(top)
    expect(Math.max(...ys)).toBeLessThanOrEqual(BOX.height - bottom)
    // The x scale is linear in 1/kT: 1/kT = 5 and 2 are 3 units apart.
    expect(layout.x.at(5) - layout.x.at(2)).toBeCloseTo(3 * (layout.x.at(3) - layout.x.at(2)), 9)
    expect(layout.x.ticks.length).toBeGreaterThanOrEqual(2)
  })

  it('draws a temperature with no crossing as an upper bound from the axis, and a lone point with room', () => {
    const none: SweepRate = {
      kT: 0.1,
      rate: 0,
      rateLow: 0,
      rateHigh: 3.7e-3,
      transitions: 0,
      time: 1000,
      ...NO_PASSAGES,
      theory: null,
      ...THEORY,
    }
    const layout = arrheniusLayout([none], null, BOX)!
    const [p] = layout.points
    expect(p.py).toBeNull()
    expect(p.barLow).toBe(BOX.height - BOX.margin.bottom)
    expect(p.barHigh).toBeGreaterThan(BOX.margin.top)
    expect(layout.fit).toBeNull()
    expect(arrheniusLayout([], null, BOX)).toBeNull()
  })
})

describe('the sweep in words', () => {
  it('puts the fitted barrier beside the saddle point', () => {
    expect(barrierSentence({ fit: { barrier: 0.9712, stderr: 0.0312, prefactor: 0.5 }, saddleBarrier: 1 })).toBe(
      'Fitted barrier 0.971 ± 0.031 from the slope of ln k against 1/kT; the saddle point gives 1.00.',
    )
    expect(barrierSentence({ fit: null, saddleBarrier: 106.04 })).toBe(
      'No Arrhenius fit: the slope needs crossings at two temperatures at least; the saddle point gives 106.',
    )
  })

  it('tells the plot', () => {
    const rates = exactRates([0.5])
    rates.push({
      kT: 0.1,
      rate: 0,
      rateLow: 0,
      rateHigh: 1,
      transitions: 0,
      time: 1,
      ...NO_PASSAGES,
      theory: null,
      ...THEORY,
    })
    expect(plotWords({ rates })).toBe('ln k = \u22122.69 at kT = 0.5; no crossing at kT = 0.1')
  })
})
