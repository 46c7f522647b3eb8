import { deepLinearPlateau } from './deep-linear-plateau'
import { langevinForSgd } from './langevin-for-sgd'
import { randomVsHessianDirections } from './random-vs-hessian-directions'
import { sgdEscapesSaddle } from './sgd-escapes-saddle'
import type { TrainingExperiment } from './types'

export type {
  TrainingExperiment,
  TrainingExperimentPrediction,
  TrainingNumbers,
  TrainingPreset,
  TrainingVerdict,
} from './types'

/**
 * The guided experiments on training, in number order. Adding one is one file in this folder,
 * named by its id, that exports its TrainingExperiment, and one line here with the next number
 * (training.test.ts holds every file and this list to that). Experiments whose training set is
 * built from per-example pulls share that construction through pull-training-set.ts.
 */
// prettier-ignore
export const TRAINING_EXPERIMENTS: readonly TrainingExperiment[] = [
  deepLinearPlateau,
  sgdEscapesSaddle,
  langevinForSgd,
  randomVsHessianDirections,
]

// A Map, not an object literal: ids like 'constructor' must find nothing.
const byId = new Map(TRAINING_EXPERIMENTS.map((e) => [e.id, e]))

export function trainingExperimentById(id: string): TrainingExperiment | undefined {
  return byId.get(id)
}
