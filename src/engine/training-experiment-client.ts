import type { TrainingExperimentService } from './training-experiment-protocol'
import { WorkerClient } from './worker-client'

export type TrainingExperimentClient = WorkerClient<TrainingExperimentService>

/** The worker of the guided experiments on training (its URL literal, for Vite to bundle it). */
export function trainingExperimentClient(): TrainingExperimentClient {
  return new WorkerClient(
    'training experiment',
    () => new Worker(new URL('./training-experiment.worker.ts', import.meta.url), { type: 'module' }),
  )
}
