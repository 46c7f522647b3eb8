import { describe, expect, it } from 'vitest'
import { atlas, testLane } from '../../../testing/test-lane'
import { boltzmannStart, runSampling } from '../../../testing/sampling'
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

/**
 * h = 2 / lambda_max at the deepest minimum, fixed before any run: the step at which plain
 * Euler-Maruyama reaches its stability limit in the stiffest direction (0.25 on the double
 * well, 4.9e-4 on Müller-Brown). There Euler-Maruyama alone is useless (harmonic variance
 * kT / [omega^2 (1 - h omega^2 / 2)] diverges), yet MALA's test keeps the samples exact, with
 * acceptance near the optimal 0.574 (Roberts & Rosenthal 1998).
 */
function malaStep(id: string): number {
  return 2 / deepestCurvatures(id)[1]
}

describe('mala', () => {
  // Exact sampler: the proposal-density ratio makes the chain reversible for exp(-U/kT), so the
  // O(h) bias of the Euler-Maruyama proposal is removed and only statistical error is left.
  it.each([
    ['double-well', 0.5, 4000, 200],
    ['muller-brown', 20, 20_000, 500],
  ] as const)('samples exp(-U/kT) on %s at kT = %s', (id, kT, steps, burnin) => {
    const r = runSampling({
      surface: atlas(id).surface,
      method: 'mala',
      settings: { kT, h: malaStep(id) },
      walkers: 64,
      steps,
      burnin,
      seed: 21,
    })
    console.log(samplingLine('mala', id, r))
    expect(r.check.consistent).toBe(true)
    expect(r.report.acceptance).toBeGreaterThan(0.4)
    expect(r.report.acceptance).toBeLessThan(0.8)
    expect(cacheError(r.lane)).toBe(0)
  })

  // Without the q(x|y)/q(y|x) factor this run gives <y^2> ~ 0.14 instead of 0.25, yet a
  // histogram TV of ~0.14, inside the loose histogram bound: the moments are the sharp check.
  it('matches the exact <x^2> and <y^2> of the double well within 4 standard errors', () => {
    const kT = 0.5
    const lane = testLane({
      method: 'mala',
      surface: doubleWell,
      settings: { kT, h: malaStep('double-well') },
      walkers: 64,
      start: boltzmannStart(doubleWell, kT, 64, 22),
      seed: 22,
    })
    lane.advance(200)
    const m = secondMoments(lane, 4000)
    const exact = doubleWellMoments(kT)
    console.log(
      `mala moments: <x^2> ${m.x2.mean.toFixed(4)} +- ${m.x2.error.toFixed(4)} (exact ${exact.x2.toFixed(4)}), ` +
        `<y^2> ${m.y2.mean.toFixed(4)} +- ${m.y2.error.toFixed(4)} (exact ${exact.y2})`,
    )
    expect(Math.abs(m.x2.mean - exact.x2)).toBeLessThan(4 * m.x2.error)
    expect(Math.abs(m.y2.mean - exact.y2)).toBeLessThan(4 * m.y2.error)
  })

  it('reproduces positions bit for bit whether advanced 1000 x 1 or 1 x 1000', () => {
    const { stepwise, whole } = splitRuns(
      () =>
        testLane({
          method: 'mala',
          surface: doubleWell,
          settings: { kT: 0.5, h: 0.1 },
          walkers: 8,
          start: { kind: 'uniform' },
          seed: 9,
        }),
      1000,
    )
    expect(positionBits(stepwise)).toEqual(positionBits(whole))
  })
})
