import { describe, expect, it } from 'vitest'
import { atlas, testLane } from '../../../testing/test-lane'
import { resolveSettings } from '../params'
import { temperature } from '../schedules'
import { boltzmannStart, runSampling } from '../../../testing/sampling'
import { metropolis } from './metropolis'
import {
  cacheError,
  deepestCurvatures,
  doubleWellMoments,
  positionBits,
  samplingLine,
  secondMoments,
  splitRuns,
} from '../../../testing/monte-carlo'

const doubleWell = atlas('double-well').surface
const mullerBrown = atlas('muller-brown').surface

/**
 * Gelman, Roberts & Gilks (1996): for a Gaussian target in d = 2 the best random-walk
 * scale is 2.38/sqrt(2) times the width. We take the geometric-mean Boltzmann width
 * sqrt(kT) / (det H)^(1/4) at the deepest minimum, fixed before any run: 0.595 on the
 * double well at kT = 0.5, 0.209 on Müller-Brown at kT = 20 (acceptance lands in 0.23-0.44).
 */
function rwmStep(id: string, kT: number): number {
  const [lo, hi] = deepestCurvatures(id)
  return ((2.38 / Math.SQRT2) * Math.sqrt(kT)) / Math.sqrt(Math.sqrt(lo * hi))
}

describe('metropolis', () => {
  // Exact sampler: the symmetric proposal and the Metropolis test satisfy detailed balance for
  // exp(-U/kT) with no step-size bias, so only statistical error is left. Müller-Brown hops
  // between basins slowly (tau ~ 200 steps): 20,000 steps keep the run ~100 tau long.
  it.each([
    ['double-well', 0.5, 4000, 200],
    ['muller-brown', 20, 20_000, 500],
  ] as const)('samples exp(-U/kT) on %s at kT = %s', (id, kT, steps, burnin) => {
    const r = runSampling({
      surface: atlas(id).surface,
      method: 'metropolis',
      settings: { kT, step: rwmStep(id, kT) },
      walkers: 64,
      steps,
      burnin,
      seed: 11,
    })
    console.log(samplingLine('metropolis', id, r))
    expect(r.check.consistent).toBe(true)
    expect(r.report.acceptance).toBeGreaterThan(0.23)
    expect(r.report.acceptance).toBeLessThan(0.44)
    expect(cacheError(r.lane)).toBe(0)
  })

  // The histogram bound (slowest tau applied to every bin) is loose; exact moments are sharper.
  it('matches the exact <x^2> and <y^2> of the double well within 4 standard errors', () => {
    const kT = 0.5
    const lane = testLane({
      method: 'metropolis',
      surface: doubleWell,
      settings: { kT, step: rwmStep('double-well', kT) },
      walkers: 64,
      start: boltzmannStart(doubleWell, kT, 64, 12),
      seed: 12,
    })
    lane.advance(200)
    const m = secondMoments(lane, 4000)
    const exact = doubleWellMoments(kT)
    console.log(
      `metropolis moments: <x^2> ${m.x2.mean.toFixed(4)} +- ${m.x2.error.toFixed(4)} (exact ${exact.x2.toFixed(4)}), ` +
        `<y^2> ${m.y2.mean.toFixed(4)} +- ${m.y2.error.toFixed(4)} (exact ${exact.y2})`,
    )
    expect(Math.abs(m.x2.mean - exact.x2)).toBeLessThan(4 * m.x2.error)
    expect(Math.abs(m.y2.mean - exact.y2)).toBeLessThan(4 * m.y2.error)
  })

  it('keeps the cached U and gradient of a rejected walker without evaluating again', () => {
    // A step far larger than the well: nearly every proposal is rejected.
    const lane = testLane({
      method: 'metropolis',
      surface: doubleWell,
      settings: { kT: 0.1, step: 5 },
      walkers: 16,
      start: { kind: 'point', x: 1, y: 0 },
      seed: 3,
    })
    lane.advance(100)
    expect(lane.report().acceptance).toBeLessThan(0.05)
    expect(cacheError(lane)).toBe(0)
  })

  it('anneals: the linear schedule reaches kT end, and geometric cooling ends in a minimum', () => {
    const linear = resolveSettings(
      metropolis.params,
      { kT: 1, anneal: 'linear', kTEnd: 0.01, annealSteps: 1000 },
      'metropolis',
    )
    if (!linear.ok) throw new Error('bad settings')
    expect(temperature(linear.settings, 0)).toBe(1)
    expect(temperature(linear.settings, 500)).toBeCloseTo(0.505, 12)
    // kT + (kTEnd - kT) * 1 rounds to 0.010000000000000009: reached to the last bit but one.
    expect(temperature(linear.settings, 1000)).toBeCloseTo(0.01, 15)
    expect(temperature(linear.settings, 5000)).toBeCloseTo(0.01, 15)

    // Logarithmic, kT(t) = kT ln 2 / ln(2 + t/stage): kT at 0, kT/2 at 2 stages (ln 4), kT/3 at 6 (ln 8),
    // and the floor kT end.
    const log = resolveSettings(
      metropolis.params,
      { kT: 1, anneal: 'logarithmic', kTEnd: 0.2, annealSteps: 100 },
      'metropolis',
    )
    if (!log.ok) throw new Error('bad settings')
    expect(temperature(log.settings, 0)).toBe(1)
    expect(temperature(log.settings, 200)).toBeCloseTo(0.5, 14)
    expect(temperature(log.settings, 600)).toBeCloseTo(1 / 3, 14)
    // ln 2 / ln(2 + t/100) = 0.2 at t = 100 (2^5 - 2) = 3,000: the floor holds from there.
    expect(temperature(log.settings, 2999)).toBeGreaterThan(0.2)
    expect(temperature(log.settings, 10_000)).toBe(0.2)

    // kT 1 -> 1e-3 by factors of 0.9 every 100 steps (66 stages, 6,600 steps), then 1,400 steps at 1e-3.
    const settings = { kT: 1, step: 0.05, anneal: 'geometric', alpha: 0.9, annealSteps: 100, kTEnd: 1e-3 }
    const lane = testLane({
      method: 'metropolis',
      surface: doubleWell,
      settings,
      walkers: 16,
      start: { kind: 'uniform' },
      seed: 5,
    })
    lane.advance(8000)
    const w = lane.walkers
    for (let i = 0; i < w.n; i++) {
      // At kT = 1e-3 the walker sits within a few sqrt(kT/8) ~ 0.01 of (+-1, 0), U of order kT.
      expect(w.u[i]).toBeLessThan(0.01)
      expect(Math.abs(Math.abs(w.x[i]) - 1)).toBeLessThan(0.05)
      expect(Math.abs(w.y[i])).toBeLessThan(0.1)
    }
    console.log(
      `metropolis geometric annealing: final kT ${temperature(lane.config.settings, lane.t - 1)}, ` +
        `max U ${Math.max(...w.u).toExponential(2)} over ${w.n} walkers`,
    )
  })

  it('reproduces positions bit for bit whether advanced 1000 x 1 or 1 x 1000', () => {
    const { stepwise, whole } = splitRuns(
      () =>
        testLane({
          method: 'metropolis',
          surface: mullerBrown,
          settings: { kT: 20, step: 0.2 },
          walkers: 8,
          start: { kind: 'uniform' },
          seed: 9,
        }),
      1000,
    )
    expect(positionBits(stepwise)).toEqual(positionBits(whole))
  })
})
