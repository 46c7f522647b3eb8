import { trainingExperimentById } from '../core/experiments/training'
import type { TrainingExperimentAnswer } from './training-experiment-protocol'

/** What the training experiments' worker answers, as a plain function (the worker only serves it). */

/**
 * Runs guided experiment `id` at its preset and judges its claim; `progress` hears the fraction done.
 * Throws a RangeError for an unknown id.
 */
export function runTrainingExperiment(id: string, progress?: (fraction: number) => void): TrainingExperimentAnswer {
  const t0 = performance.now()
  const e = trainingExperimentById(id)
  if (!e) throw new RangeError(`unknown experiment '${id}'`)
  const numbers = e.run(progress)
  const verdict = e.verdict(numbers)
  return {
    id,
    numbers: { ...numbers },
    failures: [...verdict.failures],
    outcome: e.prediction.outcome(numbers),
    seconds: (performance.now() - t0) / 1000,
  }
}
