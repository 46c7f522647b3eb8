import { TaskClient } from '../../engine/task-client'

/** What TaskClient.run takes (a task request without its id) and what it answers. */
export type TaskBody = Parameters<TaskClient['run']>[0]
export type TaskResult = Awaited<ReturnType<TaskClient['run']>>

/**
 * One panel's long task in the task worker (a basin-of-attraction map, a
 * temperature sweep): its own worker (started on the first request), progress,
 * cancel, and the failure message, if any. One task at a time: a new run or a
 * cancel drops whatever was running, and its answer is never reported.
 */
export class TaskRunner {
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

  /** Runs `request`; `done` gets the answer unless a later run or a cancel came first. */
  async run(request: TaskBody, done: (answer: TaskResult) => void): Promise<void> {
    const generation = ++this.#generation
    this.#running = true
    this.#progress = 0
    this.#failure = null
    try {
      // A $state proxy cannot be posted to a worker: plain copies.
      const answer = await this.#client.run($state.snapshot(request) as TaskBody, (fraction) => {
        if (generation === this.#generation) this.#progress = fraction
      })
      if (generation === this.#generation) done(answer)
    } catch (e) {
      if (generation === this.#generation) this.#failure = e instanceof Error ? e.message : String(e)
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
