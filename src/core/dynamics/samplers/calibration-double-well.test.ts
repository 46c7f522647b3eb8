import { describe as group, expect, it } from 'vitest'
import { formulaSurface } from '../../../testing/test-lane'
import {
  calibrate,
  CONSISTENT_AT_LEAST,
  describe,
  INCONSISTENT_AT_LEAST,
  monteCarloRows,
  sharedBasins,
  type CalibrationRow,
} from '../../../testing/calibration'

/**
 * The sampler check calibrated on the asymmetric double well (x^2-1)^2 + 0.3x + 2y^2 at
 * kT = 0.5 (left basin 0.745 exactly): every correct sampler is called consistent in at
 * least 97 of 100 seeded runs, every wrong one inconsistent in at least 95 (the derivation
 * of both counts is in testing/calibration.ts; the check's own thresholds in
 * analysis/sampling-check.ts, whose MEASURED_FALSE_ALARM counts the false alarms of the correct
 * rows here and on the other surface: update it when they change).
 *
 * Correct samplers start from the exact density (the question is the check's false
 * alarms on runs that are right) with a short burn-in; dt = 0.05 for the dynamics
 * (omega dt = 0.2 at the stiffest curvature, 16 in y: Verlet's temperature shift
 * 1/(1 - omega^2 dt^2 / 4) - 1 = 1%), overdamped at h = 0.002 (shift 1.6%), friction 1
 * (the Kramers turnover on this barrier). The wrong ones: a single Nosé-Hoover thermostat
 * from a uniform start (it keeps whatever invariant measure it starts near, and puts too
 * little in the left well), Berendsen's rescaling (no kinetic fluctuations, so the
 * configurations are microcanonical-like), and BAOAB run 20% hot and 20% cold.
 */
const KT = 0.5
const surface = formulaSurface('(x^2-1)^2 + 0.3*x + 2*y^2', { xmin: -2, xmax: 2, ymin: -1.5, ymax: 1.5 })
const basins = sharedBasins(surface)

const dynamics = (
  method: string,
  settings: Record<string, number>,
  note: string,
  walkers = 64,
  steps = 800,
): CalibrationRow => ({ method, settings, walkers, steps, burnin: 100, start: 'boltzmann', note })

const CORRECT: CalibrationRow[] = [
  dynamics('baoab', { dt: 0.05, gamma: 1 }, 'Langevin, BAOAB'),
  dynamics('obabo', { dt: 0.05, gamma: 1 }, 'Langevin, OBABO'),
  {
    method: 'overdamped',
    settings: { dt: 0.002, gamma: 1 },
    walkers: 64,
    steps: 2000,
    burnin: 200,
    start: 'boltzmann',
    note: 'Euler-Maruyama, h small',
  },
  dynamics('andersen', { dt: 0.05, nu: 1 }, 'collisions at the friction rate'),
  dynamics('bussi', { dt: 0.05, tau: 1 }, 'stochastic rescaling, tau = 1/gamma'),
  {
    method: 'nose-hoover-chain',
    settings: { dt: 0.05, tau: 0.5 },
    walkers: 32,
    steps: 300,
    burnin: 50,
    start: 'boltzmann',
    note: 'chain of 3, resonant with the wells',
  },
  ...monteCarloRows(surface, KT, 64, 800, 100),
]

const WRONG: CalibrationRow[] = [
  {
    method: 'nose-hoover',
    settings: { dt: 0.05 },
    walkers: 256,
    steps: 1000,
    burnin: 500,
    start: 'uniform',
    note: 'one thermostat: not ergodic',
  },
  {
    method: 'berendsen',
    settings: { dt: 0.05 },
    walkers: 64,
    steps: 1000,
    burnin: 200,
    start: 'boltzmann',
    note: 'no kinetic fluctuations',
  },
  { ...dynamics('baoab', { dt: 0.05, gamma: 1 }, '20% hot', 64, 1500), hot: 1.2 },
  { ...dynamics('baoab', { dt: 0.05, gamma: 1 }, '20% cold', 64, 1500), hot: 0.8 },
]

group('the sampler check on the asymmetric double well at kT = 0.5', () => {
  it.each(CORRECT)(
    'calls $method ($note) consistent in at least 97 of 100 runs',
    (row) => {
      const counts = calibrate(surface, basins, KT, row)
      console.log(`double well, ${row.method} (${row.note}): ${describe(counts)}`)
      expect(counts.consistent).toBeGreaterThanOrEqual(CONSISTENT_AT_LEAST)
    },
    300_000,
  )

  it.each(WRONG)(
    'calls $method ($note) inconsistent in at least 95 of 100 runs',
    (row) => {
      const counts = calibrate(surface, basins, KT, row)
      console.log(`double well, ${row.method} (${row.note}): ${describe(counts)}`)
      expect(counts.inconsistent).toBeGreaterThanOrEqual(INCONSISTENT_AT_LEAST)
    },
    300_000,
  )
})
