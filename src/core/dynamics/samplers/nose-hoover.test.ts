import { describe, expect, it } from 'vitest'
import { MASS } from '../method'
import { atlas, formulaSurface, testLane } from '../../../testing/test-lane'
import { runSampling } from '../../../testing/sampling'

/**
 * Plain Nosé-Hoover is not ergodic on a harmonic well (Legoll, Luskin & Moeckel 2007);
 * a chain is. The well is anisotropic, U = (x^2 + 2 y^2)/2 (omega_y = sqrt(2) omega_x):
 * on an isotropic one a scalar friction conserves L e^eta and both would fail. One walker
 * is followed for a long time and its time-averaged histogram compared with the exact
 * density (walkers started from the Boltzmann density would hide the failure, because
 * Nosé-Hoover keeps that density invariant).
 *
 * kT = 1, dt = 0.05 (omega dt <= 0.07), tau = 0.7: the thermostat frequency
 * sqrt(2 N_f kT/Q_1) = sqrt(2)/tau = 2.0 sits just above the well's 1 and 1.41.
 * 2e5 steps (10^4 time units), no burn-in, domain [-4, 4] x [-3, 3] (4 standard
 * deviations on each axis), 20 x 20 bins (0.4 x 0.3: about 2.5 bins per standard
 * deviation). Start (1, 0.5) with the lane's Maxwell-Boltzmann velocity for seed 1,
 * whose angular momentum is asserted non-zero. Over seeds 1-5 Nosé-Hoover's TV was
 * 0.10-0.36 (the orbit depends on the start) and the chain's 0.027-0.033. One walker's batches are
 * segments of time, independent once they are ten autocorrelation times long: 200,000 steps make 16 to 32
 * segments of 6,250 steps or more.
 */
const KT = 1
const SEED = 1
const START = { x: 1, y: 0.5 }

const RUN = {
  surface: formulaSurface('(x^2 + 2*y^2)/2', { xmin: -4, xmax: 4, ymin: -3, ymax: 3 }),
  settings: { kT: KT, dt: 0.05, tau: 0.7 },
  walkers: 1,
  seed: SEED,
  start: { kind: 'points', xs: [START.x], ys: [START.y] },
} as const

function timeAverage(method: string) {
  const result = runSampling({ ...RUN, method, steps: 200_000, burnin: 0, bins: 20 })
  console.log(
    `${method}, one walker on (x^2 + 2y^2)/2: ${result.check.reasons[0]}; tv ${result.tv.toFixed(4)}, ` +
      `slowest tau ${result.tau.slowest.toFixed(1)} steps, ${result.check.batches} batches over time`,
  )
  return result
}

describe('Nosé-Hoover is not ergodic on a harmonic well; the chain is', () => {
  it('starts with non-zero angular momentum', () => {
    // The same lane runSampling builds, before its first step.
    for (const method of ['nose-hoover', 'nose-hoover-chain']) {
      const w = testLane({ ...RUN, method }).walkers
      const angularMomentum = MASS * (w.x[0] * w.vy[0] - w.y[0] * w.vx[0])
      console.log(
        `${method}: start (${w.x[0]}, ${w.y[0]}), v (${w.vx[0].toFixed(4)}, ${w.vy[0].toFixed(4)}), ` +
          `L = ${angularMomentum.toFixed(4)}`,
      )
      expect(Math.abs(angularMomentum)).toBeGreaterThan(0.3)
    }
  })

  it('Nosé-Hoover: the time average stays far from the Boltzmann density, and the check says so', () => {
    const result = timeAverage('nose-hoover')
    expect(result.check.consistent).toBe(false)
    expect(result.check.reasons[0]).toMatch(/^within the basins the histogram is further from the exact density/)
  })

  it('Nosé-Hoover chain (length 3): the time average is consistent with exact sampling', () => {
    const result = timeAverage('nose-hoover-chain')
    expect(result.check.batchKind).toBe('time')
    expect(result.check.consistent).toBe(true)
  })
})

/**
 * The integrator (Martyna et al. 1996 splitting around velocity Verlet) keeps the extended
 * energy H' = K + U + sum Q_j zeta_j^2/2 + N_f kT eta_1 + kT sum eta_j to O(dt^2), the check
 * OpenMM applies to its Nosé-Hoover integrators. One walker on the double well from (0.2, 0.3)
 * at kT = 0.5, tau = 0.5, over 5 time units (before chaos separates the trajectories of
 * different dt). Over long runs the error random-walks (the extended system is not
 * Hamiltonian), so no long-time bound is asserted beyond 0.01 kT over 50 time units.
 */
function extendedEnergyError(method: string, dt: number, time: number): number {
  const lane = testLane({
    surface: atlas('double-well').surface,
    method,
    settings: { kT: 0.5, dt, tau: 0.5 },
    start: { kind: 'point', x: 0.2, y: 0.3 },
    seed: 1,
  })
  const energy = () => (lane.extras().conservedEnergy as Float64Array)[0]
  const e0 = energy()
  let max = 0
  for (let t = 0; t < Math.round(time / dt); t++) {
    lane.advance(1)
    max = Math.max(max, Math.abs(energy() - e0))
  }
  return max
}

describe.each(['nose-hoover', 'nose-hoover-chain'])('%s integrator', (method) => {
  it('conserves the extended energy to O(dt^2)', () => {
    const coarse = extendedEnergyError(method, 0.02, 5)
    const fine = extendedEnergyError(method, 0.01, 5)
    const long = extendedEnergyError(method, 0.01, 50)
    console.log(
      `${method}: max|H' - H'0| over 5 time units ${coarse.toExponential(3)} (dt 0.02), ` +
        `${fine.toExponential(3)} (dt 0.01), ratio ${(coarse / fine).toFixed(3)}; over 50: ${long.toExponential(3)}`,
    )
    expect(coarse / fine).toBeGreaterThan(3)
    expect(coarse / fine).toBeLessThan(5)
    expect(long).toBeLessThan(0.01 * 0.5)
  })
})
