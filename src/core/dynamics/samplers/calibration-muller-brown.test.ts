import { describe as group, expect, it } from 'vitest'
import { atlas } from '../../../testing/test-lane'
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
 * The sampler check calibrated on Müller-Brown at kT = 20: every correct sampler is
 * called consistent in at least 97 of 100 seeded runs, every wrong one inconsistent in at
 * least 95 (derivation in testing/calibration.ts; the check's thresholds in
 * analysis/sampling-check.ts, whose MEASURED_FALSE_ALARM counts the false alarms of the correct
 * rows here and on the other surface: update it when they change).
 *
 * The stiffest well (MA, omega = 63.8) sets dt = 0.002 (omega dt = 0.13: Verlet's
 * temperature shift 0.4%), friction 10 (the fastest hopping in a scan of 1 to 25),
 * overdamped h = 5e-6 (shift 1%). Correct samplers start from the exact density and
 * run 1,000 steps, less than the time to leave MA: the check must not call a run wrong
 * because its batches have not yet shared out their time between the wells as they
 * will. The wrong ones: a single Nosé-Hoover thermostat from a uniform start,
 * Berendsen's rescaling, and BAOAB 20% hot and 20% cold.
 */
const KT = 20
const { surface } = atlas('muller-brown')
const basins = sharedBasins(surface)

const dynamics = (
  method: string,
  settings: Record<string, number>,
  note: string,
  walkers = 64,
  steps = 1000,
): CalibrationRow => ({ method, settings, walkers, steps, burnin: 200, start: 'boltzmann', note })

const CORRECT: CalibrationRow[] = [
  dynamics('baoab', { dt: 0.002, gamma: 10 }, 'Langevin, BAOAB'),
  dynamics('obabo', { dt: 0.002, gamma: 10 }, 'Langevin, OBABO'),
  dynamics('overdamped', { dt: 5e-6, gamma: 1 }, 'Euler-Maruyama, h well below 2/omega^2'),
  dynamics('andersen', { dt: 0.002, nu: 10 }, 'collisions at the friction rate'),
  dynamics('bussi', { dt: 0.002, tau: 0.1 }, 'stochastic rescaling, tau = 1/gamma'),
  dynamics('nose-hoover-chain', { dt: 0.002, tau: 0.1 }, 'chain of 3, tau = 1/gamma', 32, 300),
  ...monteCarloRows(surface, KT, 64, 1000, 200),
]

const WRONG: CalibrationRow[] = [
  {
    method: 'nose-hoover',
    settings: { dt: 0.002, tau: 0.1 },
    walkers: 256,
    steps: 1000,
    burnin: 200,
    start: 'uniform',
    note: 'one thermostat: not ergodic',
  },
  dynamics('berendsen', { dt: 0.002 }, 'no kinetic fluctuations', 64, 2000),
  { ...dynamics('baoab', { dt: 0.002, gamma: 10 }, '20% hot', 64, 3000), hot: 1.2 },
  { ...dynamics('baoab', { dt: 0.002, gamma: 10 }, '20% cold', 64, 3000), hot: 0.8 },
]

group('the sampler check on Müller-Brown at kT = 20', () => {
  it.each(CORRECT)(
    'calls $method ($note) consistent in at least 97 of 100 runs',
    (row) => {
      const counts = calibrate(surface, basins, KT, row)
      console.log(`Müller-Brown, ${row.method} (${row.note}): ${describe(counts)}`)
      expect(counts.consistent).toBeGreaterThanOrEqual(CONSISTENT_AT_LEAST)
    },
    300_000,
  )

  it.each(WRONG)(
    'calls $method ($note) inconsistent in at least 95 of 100 runs',
    (row) => {
      const counts = calibrate(surface, basins, KT, row)
      console.log(`Müller-Brown, ${row.method} (${row.note}): ${describe(counts)}`)
      expect(counts.inconsistent).toBeGreaterThanOrEqual(INCONSISTENT_AT_LEAST)
    },
    300_000,
  )
})
