import type { DescentMethod, EnergyHistogram } from '../core/systems/descent'
import type { Call } from './protocol'

/**
 * The messages of the worker that runs the molecules' guided experiments and the descents from
 * random starts, declared once for both sides. Each call is one computation of seconds; cancelling
 * terminates the worker.
 */

/** A guided experiment's run, checked: what it noted, the expectations that failed, the choice it bears out. */
export interface SystemExperimentAnswer {
  id: string
  numbers: Record<string, number>
  failures: string[]
  /** The prediction's choice the numbers bear out, or null when they do not tell. */
  outcome: string | null
  seconds: number
}

/** The systems the descent runs on: LJ13 and the AB-13 chain. */
export const DESCENT_SYSTEMS = ['lj13', 'ab-2d-13'] as const
export type DescentSystem = (typeof DESCENT_SYSTEMS)[number]

export interface DescentRequest {
  system: DescentSystem
  method: DescentMethod
  starts: number
  seed: number
  /** Most steps per start. */
  maxSteps: number
}

export interface DescentAnswer extends DescentRequest {
  /** Final energy of every start, in start order. */
  energies: Float64Array
  minimum: number
  running: number
  diverged: number
  atGlobal: number
  global: number | null
  /** Steps run: the slowest start's, or the cap. */
  steps: number
  /** Every start's final energy that is finite (those still moving at the cap included) up to `limit`. */
  histogram: EnergyHistogram
  /** Starts that ended above `limit`, left off the chart. */
  offChart: number
  limit: number
  seconds: number
}

export interface SystemExperimentService {
  experiment: Call<{ id: string }, SystemExperimentAnswer>
  descent: Call<DescentRequest, DescentAnswer>
}
