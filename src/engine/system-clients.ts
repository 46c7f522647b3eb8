import type { LandscapeService, MoleculeService } from './system-protocol'
import { WorkerClient } from './worker-client'

/**
 * The molecule section's two workers behind the generic client (the URLs written literally
 * inside `new Worker(...)` so that Vite finds and bundles them).
 */
export type MoleculeClient = WorkerClient<MoleculeService>
export type LandscapeClient = WorkerClient<LandscapeService>

export function moleculeClient(): MoleculeClient {
  return new WorkerClient(
    'molecule',
    () => new Worker(new URL('./system.worker.ts', import.meta.url), { type: 'module' }),
  )
}

export function landscapeClient(): LandscapeClient {
  return new WorkerClient(
    'landscape',
    () => new Worker(new URL('./system-landscape.worker.ts', import.meta.url), { type: 'module' }),
  )
}
