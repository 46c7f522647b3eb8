import { basinMap, type BasinMap } from '../core/landscape/basins'
import { criticalPoints } from '../core/landscape/critical'
import { symmetricEigenvalues } from '../core/landscape/eigen'
import { FALSE_ALARM } from '../core/studies/sampling-check'
import type { CompiledSurface } from '../core/surface'
import type { Start } from '../core/dynamics/lane'
import { runSampling } from './sampling'

/**
 * Support for the calibration of the sampler check (test code only): one
 * configuration run with seeds 1..RUNS, counting how often the check calls it
 * consistent.
 *
 * The thresholds, derived: the check calls a correct sampler inconsistent with
 * probability FALSE_ALARM = 0.002 at most (sampling-check.ts), independently
 * from seed to seed, so the number of false alarms in 100 runs is at most
 * Binomial(100, 0.002) in distribution, and P(4 or more) <= C(100, 4) 0.002^4 =
 * 6.3e-5: a correct sampler fails "consistent in at least 97 of 100" once in
 * 16,000 test runs, and the 18 correct rows of the two surfaces together once in
 * 880. A wrong sampler must be called inconsistent in at least 95 of 100 runs:
 * a power of 95%, which the rows' sizes (walkers, steps) were chosen to reach
 * and which the counts printed beside each row show.
 */
export const RUNS = 100
export const CONSISTENT_AT_LEAST = 97
export const INCONSISTENT_AT_LEAST = 95

export interface CalibrationRow {
  method: string
  settings: Record<string, number>
  walkers: number
  steps: number
  burnin: number
  start: 'boltzmann' | 'uniform'
  /** The sampler runs at kT x this, compared with the density at kT (a negative control). */
  hot?: number
  note: string
}

export interface CalibrationCounts {
  consistent: number
  inconsistent: number
  unknown: number
  /** The first reason of each verdict against, by its opening words. */
  reasons: Map<string, number>
}

export function calibrate(
  surface: CompiledSurface,
  basins: BasinMap,
  kT: number,
  row: CalibrationRow,
): CalibrationCounts {
  const counts: CalibrationCounts = { consistent: 0, inconsistent: 0, unknown: 0, reasons: new Map() }
  const hot = row.hot ?? 1
  for (let seed = 1; seed <= RUNS; seed++) {
    const { check } = runSampling({
      surface,
      method: row.method,
      settings: { kT: kT * hot, ...row.settings },
      walkers: row.walkers,
      steps: row.steps,
      burnin: row.burnin,
      seed,
      start: row.start === 'uniform' ? ({ kind: 'uniform' } satisfies Start) : 'boltzmann',
      referenceKT: kT,
      basins,
      chains: 0,
    })
    if (check.consistent === true) counts.consistent++
    else if (check.consistent === false) {
      counts.inconsistent++
      // By what failed: a basin's population, or the histogram within the basins.
      const key = /^within the basins/.test(check.reasons[0]) ? 'the histogram within the basins' : 'a basin population'
      if (check.reasons.length > 1) counts.reasons.set('both', (counts.reasons.get('both') ?? 0) + 1)
      counts.reasons.set(key, (counts.reasons.get(key) ?? 0) + 1)
    } else counts.unknown++
  }
  return counts
}

export function describe(counts: CalibrationCounts): string {
  const reasons = [...counts.reasons].map(([k, n]) => `${k} ${n}`).join(', ')
  return (
    `consistent ${counts.consistent}, inconsistent ${counts.inconsistent}, cannot tell ${counts.unknown} ` +
    `(of ${RUNS}; false-alarm bound ${FALSE_ALARM})${reasons ? `; failed first on ${reasons}` : ''}`
  )
}

/** The basin map every run of a surface shares. */
export function sharedBasins(surface: CompiledSurface): BasinMap {
  return basinMap(surface, criticalPoints(surface), 120)
}

/**
 * Hessian eigenvalues (smaller first) at a surface's lowest minimum: the curvatures Monte Carlo
 * step sizes come from.
 */
export function lowestCurvatures(surface: CompiledSurface): [number, number] {
  const minimum = criticalPoints(surface)
    .filter((p) => p.kind === 'minimum')
    .reduce((a, b) => (b.value < a.value ? b : a))
  const h = new Float64Array(3)
  const e = new Float64Array(4)
  surface.hessian(minimum.x, minimum.y, h)
  symmetricEigenvalues(h[0], h[1], h[2], e)
  return [e[0], e[1]]
}

/**
 * Monte Carlo settings fixed from the curvatures before any run (as the samplers'
 * own tests choose them): Metropolis with 2.38/sqrt(2) times the geometric-mean
 * Boltzmann width (Gelman, Roberts & Gilks 1996), MALA at h = 2/lambda_max, HMC with
 * dt = 1/omega_max and L dt a quarter of the softest period.
 */
export function monteCarloRows(
  surface: CompiledSurface,
  kT: number,
  walkers: number,
  steps: number,
  burnin: number,
): CalibrationRow[] {
  const [lo, hi] = lowestCurvatures(surface)
  const dt = 1 / Math.sqrt(hi)
  return [
    {
      method: 'metropolis',
      settings: { step: ((2.38 / Math.SQRT2) * Math.sqrt(kT)) / Math.sqrt(Math.sqrt(lo * hi)) },
      walkers,
      steps,
      burnin,
      start: 'boltzmann',
      note: 'exact: symmetric proposal',
    },
    {
      method: 'mala',
      settings: { h: 2 / hi },
      walkers,
      steps,
      burnin,
      start: 'boltzmann',
      note: 'exact: proposal ratio',
    },
    {
      method: 'hmc',
      settings: { dt, L: Math.max(1, Math.round(Math.PI / (2 * Math.sqrt(lo) * dt))) },
      walkers,
      steps,
      burnin,
      start: 'boltzmann',
      note: 'exact: the test on dH',
    },
  ]
}
