import type { AttractionMap } from '../../core/studies/attraction'
import type { TaskSurface } from '../../engine/protocol'
import { TaskRunner } from './task-runner.svelte'

export interface AttractionRequest {
  surface: TaskSurface
  method: string
  settings: Record<string, number | string>
  seed: number
}

/** Starts per axis and the step limit of the panel's map. */
export const MAP_STARTS = 100
export const MAP_MAX_STEPS = 5000

/** One lane's basin-of-attraction computation, in the task worker. */
export class AttractionTask extends TaskRunner {
  map(request: AttractionRequest, done: (map: AttractionMap) => void): Promise<void> {
    return this.run({ type: 'attraction', ...request, n: MAP_STARTS, maxSteps: MAP_MAX_STEPS }, (answer) => {
      if (answer.type !== 'attraction') throw new Error(`the task worker answered with a ${answer.type}`)
      done(answer.value)
    })
  }
}
