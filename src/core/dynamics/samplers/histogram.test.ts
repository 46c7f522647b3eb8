import { describe, expect, it } from 'vitest'
import { atlas } from '../../../testing/test-lane'
import { runSampling, shapeShiftTV } from '../../../testing/sampling'

/**
 * Each equation-of-motion sampler against the exact Boltzmann answer, by the check the
 * page and the CLI use (analysis/sampling-check.ts: shapes within the basins and basin
 * populations, on the run's own batches). On the double well the walkers start uniform
 * over the domain, so a sampler must reach the Boltzmann density, not only keep it (the
 * check leaves out the first quarter of the recorded steps); on Müller-Brown they start
 * from the exact density, since reaching its populations from anywhere else takes many
 * hops out of MA. Each row also predicts the discretization bias of its dt as a
 * temperature shift s (Leimkuhler & Matthews 2013) and requires what the check would see of it,
 * shapeShiftTV(s), to stay under a tenth of the check's bound, so that a pass is not luck.
 * The check's own calibration, 100 seeded runs per sampler, is in calibration-*.test.ts.
 *
 * Shifts, with omega^2 the largest Hessian eigenvalue at the minima (8 on the double
 * well, 4068 at MA on Müller-Brown):
 * - Verlet-based (OBABO, Andersen, Bussi, Nosé-Hoover chain): on-step positions sample
 *   exp(-[p^2/2 + omega^2 (1 - omega^2 dt^2/4) q^2/2]/kT), Verlet's shadow invariant on a
 *   harmonic well, so s = 1/(1 - omega^2 dt^2/4) - 1.
 * - BAOAB: exact on a harmonic well, O(dt^2) otherwise; the Verlet s stands in as a
 *   conservative size of that O(dt^2) term.
 * - Euler-Maruyama (overdamped): s = 1/(1 - h omega^2/2) - 1, h = dt/gamma.
 *
 * Physical choices. Double well at kT = 0.5: barrier 1 = 2 kT; omega = 2.83 in the
 * wells, so dt = 0.05 (omega dt = 0.14); friction 1, near the Kramers turnover (a scan
 * of BAOAB's slowest tau over gamma = 0.1 to 8 was lowest at 1), nu = 1 for Andersen,
 * tau = 1/gamma for Bussi; overdamped h = 0.002 (h omega^2/2 = 0.008).
 * Müller-Brown at kT = 20: the stiffest well (MA, omega = 63.8) sets dt = 0.002
 * (omega dt = 0.13), friction 10 (the fastest basin hopping in a scan of 1 to 25),
 * overdamped h = 5e-6 (h omega^2/2 = 0.010).
 */

interface Row {
  method: string
  settings: Record<string, number>
  walkers: number
  steps: number
  burnin: number
  /** Predicted discretization bias as a relative temperature shift. */
  shift: number
  /** Why these settings. */
  note: string
}

const verletShift = (omega2: number, dt: number) => 1 / (1 - (omega2 * dt * dt) / 4) - 1
const eulerShift = (omega2: number, h: number) => 1 / (1 - (h * omega2) / 2) - 1

const DOUBLE_WELL: Row[] = [
  {
    method: 'baoab',
    settings: { dt: 0.05, gamma: 1 },
    walkers: 256,
    steps: 2000,
    burnin: 500,
    shift: verletShift(8, 0.05),
    note: 'friction at the turnover',
  },
  {
    method: 'obabo',
    settings: { dt: 0.05, gamma: 1 },
    walkers: 256,
    steps: 2000,
    burnin: 500,
    shift: verletShift(8, 0.05),
    note: 'as BAOAB',
  },
  // A hop takes ~1.1 exp(2) = 8.2 time units = 4,100 steps of h = 0.002.
  {
    method: 'overdamped',
    settings: { dt: 0.002, gamma: 1 },
    walkers: 128,
    steps: 15000,
    burnin: 5000,
    shift: eulerShift(8, 0.002),
    note: 'h small against 2/omega^2 = 0.25',
  },
  {
    method: 'andersen',
    settings: { dt: 0.05, nu: 1 },
    walkers: 256,
    steps: 2000,
    burnin: 500,
    shift: verletShift(8, 0.05),
    note: 'collision rate like the friction',
  },
  {
    method: 'bussi',
    settings: { dt: 0.05, tau: 1 },
    walkers: 256,
    steps: 2000,
    burnin: 500,
    shift: verletShift(8, 0.05),
    note: 'tau = 1/gamma',
  },
  // The thermostat's own frequency sqrt(2 N_f kT/Q_1) = sqrt(2)/tau = 2.83 matches the wells' omega;
  // its step costs ~15 BAOAB steps.
  {
    method: 'nose-hoover-chain',
    settings: { dt: 0.05, tau: 0.5 },
    walkers: 64,
    steps: 2000,
    burnin: 500,
    shift: verletShift(8, 0.05),
    note: 'thermostat resonant with the wells',
  },
]

const MULLER_BROWN: Row[] = [
  {
    method: 'baoab',
    settings: { dt: 0.002, gamma: 10 },
    walkers: 64,
    steps: 5000,
    burnin: 500,
    shift: verletShift(4068, 0.002),
    note: 'friction near the turnover',
  },
  {
    method: 'obabo',
    settings: { dt: 0.002, gamma: 10 },
    walkers: 64,
    steps: 5000,
    burnin: 500,
    shift: verletShift(4068, 0.002),
    note: 'as BAOAB',
  },
  // 5,000 steps of h = 5e-6 are 0.025 time units, far shorter than the time to leave MA: the check mostly
  // sees the shape of each basin, and that nothing drifts away from the Boltzmann start.
  {
    method: 'overdamped',
    settings: { dt: 5e-6, gamma: 1 },
    walkers: 64,
    steps: 5000,
    burnin: 500,
    shift: eulerShift(4068, 5e-6),
    note: 'h well below 2/omega^2 = 4.9e-4',
  },
  {
    method: 'andersen',
    settings: { dt: 0.002, nu: 10 },
    walkers: 64,
    steps: 5000,
    burnin: 500,
    shift: verletShift(4068, 0.002),
    note: 'collision rate like the friction',
  },
  {
    method: 'bussi',
    settings: { dt: 0.002, tau: 0.1 },
    walkers: 64,
    steps: 5000,
    burnin: 500,
    shift: verletShift(4068, 0.002),
    note: 'tau = 1/gamma',
  },
  {
    method: 'nose-hoover-chain',
    settings: { dt: 0.002, tau: 0.1 },
    walkers: 32,
    steps: 5000,
    burnin: 500,
    shift: verletShift(4068, 0.002),
    note: 'tau = 1/gamma',
  },
]

function histogramTest(surfaceId: string, kT: number, row: Row, seed: number, start: 'boltzmann' | 'uniform'): void {
  const { surface } = atlas(surfaceId)
  const result = runSampling({
    surface,
    method: row.method,
    settings: { kT, ...row.settings },
    walkers: row.walkers,
    steps: row.steps,
    burnin: row.burnin,
    seed,
    start: start === 'uniform' ? { kind: 'uniform' } : 'boltzmann',
  })
  const predicted = shapeShiftTV(surface, result.basins, kT, row.shift)
  console.log(
    `${row.method} on ${surfaceId} (kT ${kT}): ${result.check.reasons.join('; ')}; ` +
      `predicted bias ${predicted.toFixed(4)} (s = ${row.shift.toFixed(4)})`,
  )
  expect(predicted).toBeLessThan(result.check.tvBound / 10)
  expect(result.check.consistent).toBe(true)
}

describe('equation-of-motion samplers match the exact Boltzmann answer', () => {
  describe.each(DOUBLE_WELL)('double well at kT = 0.5: $method ($note)', (row) => {
    it('reaches it from a uniform start, as the check finds', () =>
      histogramTest('double-well', 0.5, row, 11, 'uniform'))
  })
  describe.each(MULLER_BROWN)('Müller-Brown at kT = 20: $method ($note)', (row) => {
    it('keeps it, as the check finds', () => histogramTest('muller-brown', 20, row, 12, 'boltzmann'))
  })
})
