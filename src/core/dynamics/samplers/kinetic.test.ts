import { describe, expect, it } from 'vitest'
import { atlas, testLane } from '../../../testing/test-lane'
import { STATUS } from '../status'

/**
 * Kinetic energy of one particle in 2D at temperature kT: K = |v|^2/2 is exponential,
 * mean kT and variance (kT)^2. Each sampler records K from the velocity that is
 * Maxwell-Boltzmann for its integrator (BAOAB: right after O; the others: on-step).
 *
 * Double well at kT = 0.5, dt = 0.05 (omega dt = 0.14 in the wells: Verlet's on-step
 * velocity is exact on a harmonic well, and the anharmonic error is far below 1%).
 * All 500 walkers start at the left minimum (-1, 0) with Maxwell-Boltzmann
 * velocities, so the thermostat must also bring the potential energy up to kT: 1000 steps
 * (50 time units, many relaxation times) of burn-in, then 2000 recorded steps. K
 * decorrelates in ~10-20 steps, so the 10^6 samples hold N_eff ~ 3e4 or more: the
 * standard error is ~0.6% on the mean and ~sqrt(8/N_eff) ~ 1.6% on the variance,
 * against tolerances of 3% and 10%.
 */
const KT = 0.5
const WALKERS = 500
const BURNIN = 1000
const STEPS = 2000

function kineticMoments(
  method: string,
  settings: Record<string, number>,
  seed: number,
): { mean: number; variance: number } {
  const lane = testLane({
    surface: atlas('double-well').surface,
    method,
    settings: { kT: KT, dt: 0.05, ...settings },
    start: { kind: 'point', x: -1, y: 0 },
    walkers: WALKERS,
    seed,
  })
  lane.stats.recording = false
  lane.advance(BURNIN)
  lane.stats.recording = true
  lane.advance(STEPS)
  const report = lane.report()
  if (report.meanKinetic === null || report.kineticVariance === null)
    throw new Error(`${method} recorded no kinetic energy`)
  console.log(
    `${method}: <K>/kT = ${(report.meanKinetic / KT).toFixed(4)}, ` +
      `Var K/(kT)^2 = ${(report.kineticVariance / KT ** 2).toFixed(4)}`,
  )
  return { mean: report.meanKinetic, variance: report.kineticVariance }
}

describe('thermostats give the canonical kinetic energy', () => {
  it.each([
    ['baoab', { gamma: 1 }],
    ['obabo', { gamma: 1 }],
    ['andersen', { nu: 1 }],
    ['bussi', { tau: 0.1 }],
    // tau 0.5: the thermostat frequency sqrt(2)/tau matches the wells' omega = 2.83 (see histogram.test.ts).
    ['nose-hoover-chain', { tau: 0.5 }],
  ] as const)('%s: <K> = kT within 3%, Var K = (kT)^2 within 10%', (method, settings) => {
    const { mean, variance } = kineticMoments(method, settings, 21)
    expect(Math.abs(mean / KT - 1)).toBeLessThan(0.03)
    expect(Math.abs(variance / KT ** 2 - 1)).toBeLessThan(0.1)
  })

  it('Berendsen gets the mean right but pins K: its variance is far below (kT)^2 (not canonical)', () => {
    // tau 0.1 (its default) = 2 dt: the strong coupling of typical use. Bussi with the same tau passes above.
    const { mean, variance } = kineticMoments('berendsen', { tau: 0.1 }, 21)
    expect(Math.abs(mean / KT - 1)).toBeLessThan(0.05)
    expect(variance / KT ** 2).toBeLessThan(0.5)
  })

  it.each([
    ['bussi', true],
    ['berendsen', false],
  ] as const)('%s: a walker at rest at the minimum (K = 0) stays finite; heated: %s', (method, heated) => {
    // K = 0 is absorbing for both rescalings (and T0/T divides by zero in Berendsen's lambda).
    const lane = testLane({
      surface: atlas('double-well').surface,
      method,
      settings: { kT: KT, dt: 0.05 },
      start: { kind: 'point', x: -1, y: 0 },
    })
    const w = lane.walkers
    w.vx[0] = 0
    w.vy[0] = 0
    lane.advance(10)
    const kinetic = 0.5 * (w.vx[0] ** 2 + w.vy[0] ** 2)
    expect(w.status[0]).not.toBe(STATUS.diverged)
    expect(Number.isFinite(kinetic)).toBe(true)
    expect(kinetic > 0).toBe(heated)
  })
})
