import type { TrainingService } from './training-protocol'
import { WorkerClient } from './worker-client'

/** The training section's worker behind the generic client (the URL literal inside `new Worker(...)` for Vite). */
export type TrainingClient = WorkerClient<TrainingService>

export function trainingClient(): TrainingClient {
  return new WorkerClient(
    'training',
    () => new Worker(new URL('./training.worker.ts', import.meta.url), { type: 'module' }),
  )
}
