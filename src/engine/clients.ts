import type { SimulationService, SurfaceService, TaskService } from './protocol'
import { WorkerClient } from './worker-client'

/**
 * The page's three workers, each behind the generic client. The worker URLs are
 * written literally inside `new Worker(...)` so that Vite finds and bundles them.
 */
export type SurfaceClient = WorkerClient<SurfaceService>
export type SimulationClient = WorkerClient<SimulationService>
export type TaskClient = WorkerClient<TaskService>

export function surfaceClient(): SurfaceClient {
  return new WorkerClient(
    'surface',
    () => new Worker(new URL('./surface.worker.ts', import.meta.url), { type: 'module' }),
  )
}

export function simulationClient(): SimulationClient {
  return new WorkerClient(
    'simulation',
    () => new Worker(new URL('./simulation.worker.ts', import.meta.url), { type: 'module' }),
  )
}

export function taskClient(): TaskClient {
  return new WorkerClient('task', () => new Worker(new URL('./task.worker.ts', import.meta.url), { type: 'module' }))
}
