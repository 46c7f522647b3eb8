import type { AttractionMap } from '../../core/analysis/attraction'
import { TaskClient } from '../../engine/task-client'
import type { TaskSurface } from '../../engine/task-messages'

export interface AttractionRequest {
  surface: TaskSurface
  method: string
  settings: Record<string, number | string>
  seed: number
}

/** Starts per axis and the step limit of the panel's map. */
export const MAP_STARTS = 100
export const MAP_MAX_STEPS = 5000

/**
 * One lane's basin-of-attraction computation: its own task worker (started on
 * the first request), progress, cancel and the failure message, if any.
 */
export class AttractionTask {
  readonly #client = new TaskClient()
  #running = $state(false)
  #progress = $state(0)
  #failure = $state<string | null>(null)
  /** Bumped by every run and cancel, so an answer from before is dropped. */
  #generation = 0

  get running(): boolean {
    return this.#running
  }
  /** Fraction done, 0 to 1. */
  get progress(): number {
    return this.#progress
  }
  get failure(): string | null {
    return this.#failure
  }

  async run(request: AttractionRequest, done: (map: AttractionMap) => void): Promise<void> {
    const generation = ++this.#generation
    this.#running = true
    this.#progress = 0
    this.#failure = null
    try {
      // A $state proxy cannot be posted to a worker: plain copies.
      const plain = $state.snapshot(request)
      const answer = await this.#client.run({ type: 'attraction', ...plain, n: MAP_STARTS, maxSteps: MAP_MAX_STEPS }, (fraction) => {
        if (generation === this.#generation) this.#progress = fraction
      })
      if (generation !== this.#generation) return
      if (answer.type !== 'attraction') throw new Error(`the task worker answered with a ${answer.type}`)
      done(answer.map)
    } catch (e) {
      if (generation === this.#generation) this.#failure = e instanceof Error ? e.message : String(e)
    } finally {
      if (generation === this.#generation) this.#running = false
    }
  }

  /** Stops a running map; nothing is reported. */
  cancel(): void {
    this.#generation++
    this.#client.cancel()
    this.#running = false
    this.#progress = 0
  }

  dispose(): void {
    this.cancel()
    this.#client.dispose()
  }
}
