import type { Call } from './protocol'

/**
 * The messages of the worker that runs the guided experiments on training, declared once for both
 * sides. Each call is one computation of a second or so; cancelling terminates the worker.
 */

/** A guided experiment's run, judged: what it noted, the expectations that failed, the choice it bears out. */
export interface TrainingExperimentAnswer {
  id: string
  numbers: Record<string, number>
  failures: string[]
  /** The prediction's choice the numbers bear out, or null when they do not tell. */
  outcome: string | null
  seconds: number
}

export interface TrainingExperimentService {
  experiment: Call<{ id: string }, TrainingExperimentAnswer>
}
