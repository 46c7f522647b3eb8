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
const mullerBrown = atlas('muller-brown').surface

/**
 * Fixed before any run from the curvatures at the deepest minimum: dt = 1/omega_max (half the
 * leapfrog stability limit 2/omega_max) and L dt = a quarter period of the softest mode,
 * pi / (2 omega_min), so a trajectory neither crawls nor comes back. Double well: dt = 0.354,
 * L = 3; Müller-Brown: dt = 0.0157, L = 5. One HMC step is one trajectory of L gradients.
 */
function hmcSettings(id: string, kT: number): { kT: number; dt: number; L: number } {
  const [lo, hi] = deepestCurvatures(id)
  const dt = 1 / Math.sqrt(hi)
  return { kT, dt, L: Math.round(Math.PI / (2 * Math.sqrt(lo) * dt)) }
}

describe('hmc', () => {
  // Exact sampler: leapfrog is volume-preserving and reversible, and the test on dH removes its
  // energy error, so there is no dt bias, only statistical error.
  it.each([
    ['double-well', 0.5, 2000, 100],
    ['muller-brown', 20, 10_000, 300],
  ] as const)('samples exp(-U/kT) on %s at kT = %s', (id, kT, steps, burnin) => {
    const r = runSampling({
      surface: atlas(id).surface,
      method: 'hmc',
      settings: hmcSettings(id, kT),
      walkers: 64,
      steps,
      burnin,
      seed: 31,
    })
    console.log(`${samplingLine('hmc', id, r)} mean kinetic ${r.report.meanKinetic?.toFixed(4)}`)
    expect(r.check.consistent).toBe(true)
    expect(r.report.acceptance).toBeGreaterThan(0.6)
    // The kinetic figure is the drawn momenta: exactly Maxwell-Boltzmann, <K> = kT in 2D,
    // sd kT / sqrt(64 x steps) (0.3% here, independent draws).
    expect(Math.abs((r.report.meanKinetic ?? 0) / kT - 1)).toBeLessThan(0.015)
    expect(cacheError(r.lane)).toBe(0)
  })

  it('matches the exact <x^2> and <y^2> of the double well within 4 standard errors', () => {
    const kT = 0.5
    const lane = testLane({
      method: 'hmc',
      surface: doubleWell,
      settings: hmcSettings('double-well', kT),
      walkers: 64,
      start: boltzmannStart(doubleWell, kT, 64, 32),
      seed: 32,
    })
    lane.advance(100)
    const m = secondMoments(lane, 2000)
    const exact = doubleWellMoments(kT)
    console.log(
      `hmc moments: <x^2> ${m.x2.mean.toFixed(4)} +- ${m.x2.error.toFixed(4)} (exact ${exact.x2.toFixed(4)}), ` +
        `<y^2> ${m.y2.mean.toFixed(4)} +- ${m.y2.error.toFixed(4)} (exact ${exact.y2})`,
    )
    expect(Math.abs(m.x2.mean - exact.x2)).toBeLessThan(4 * m.x2.error)
    expect(Math.abs(m.y2.mean - exact.y2)).toBeLessThan(4 * m.y2.error)
  })

  it('stays exact with a time step so large that most trajectories are rejected', () => {
    // omega_max dt = 1.8 on the double well (near leapfrog's limit 2): energy errors are large.
    const lane = testLane({
      method: 'hmc',
      surface: doubleWell,
      settings: { kT: 0.5, dt: 0.64, L: 3 },
      walkers: 64,
      start: boltzmannStart(doubleWell, 0.5, 64, 33),
      seed: 33,
    })
    lane.advance(100)
    const m = secondMoments(lane, 2000)
    console.log(
      `hmc dt 0.64: acceptance ${lane.report().acceptance?.toFixed(3)}, ` +
        `<y^2> ${m.y2.mean.toFixed(4)} +- ${m.y2.error.toFixed(4)} (exact 0.25)`,
    )
    expect(lane.report().acceptance).toBeLessThan(0.6)
    expect(Math.abs(m.y2.mean - 0.25)).toBeLessThan(4 * m.y2.error)
    expect(cacheError(lane)).toBe(0)
  })

  it('reproduces positions bit for bit whether advanced 1000 x 1 or 1 x 1000', () => {
    const { stepwise, whole } = splitRuns(
      () =>
        testLane({
          method: 'hmc',
          surface: mullerBrown,
          settings: hmcSettings('muller-brown', 20),
          walkers: 8,
          start: { kind: 'uniform' },
          seed: 9,
        }),
      1000,
    )
    expect(positionBits(stepwise)).toEqual(positionBits(whole))
  })
})
