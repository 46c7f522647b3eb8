import type { SystemExperimentService } from './system-experiment-protocol'
import { WorkerClient } from './worker-client'

export type SystemExperimentClient = WorkerClient<SystemExperimentService>

/** The worker of the molecules' guided experiments and descents (its URL literal, for Vite to bundle it). */
export function systemExperimentClient(): SystemExperimentClient {
  return new WorkerClient(
    'experiment',
    () => new Worker(new URL('./system-experiment.worker.ts', import.meta.url), { type: 'module' }),
  )
}
