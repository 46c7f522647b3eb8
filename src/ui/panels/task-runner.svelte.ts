import { taskClient } from '../../engine/clients'
import type { Params, Result, TaskService } from '../../engine/protocol'
import { Cancelled } from '../../engine/worker-client'

/** A task as a panel asks for it (the call and its parameters), and what it answers. */
type Methods = keyof TaskService
export type TaskBody = { [M in Methods]: { type: M } & Params<TaskService, M> }[Methods]
export type TaskResult = { [M in Methods]: { type: M; value: Result<TaskService, M> } }[Methods]

/**
 * One panel's long task in the task worker (a basin-of-attraction map, a
 * temperature sweep): its own worker (started on the first request), progress,
 * cancel, and the failure message, if any. One task at a time: a new run or a
 * cancel drops whatever was running, and its answer is never reported.
 */
export class TaskRunner {
  readonly #client = taskClient()
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

  /** Runs `request`; `done` gets the answer unless a later run or a cancel came first. */
  async run(request: TaskBody, done: (answer: TaskResult) => void): Promise<void> {
    const generation = ++this.#generation
    this.#running = true
    this.#progress = 0
    this.#failure = null
    try {
      // A $state proxy cannot be posted to a worker: plain copies.
      const { type, ...params } = $state.snapshot(request) as TaskBody
      const onProgress = (fraction: number) => {
        if (generation === this.#generation) this.#progress = fraction
      }
      // One task at a time: a new one stops whatever was running.
      this.#client.cancel()
      const value = await this.#client.call(type, params as never, { onProgress })
      if (generation === this.#generation) done({ type, value } as TaskResult)
    } catch (e) {
      if (generation === this.#generation && !(e instanceof Cancelled))
        this.#failure = e instanceof Error ? e.message : String(e)
    } finally {
      if (generation === this.#generation) this.#running = false
    }
  }

  /** Stops a running task; nothing is reported. */
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
