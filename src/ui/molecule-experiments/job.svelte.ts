import { Cancelled } from '../../engine/worker-client'

/**
 * One computation of seconds in a worker, as the page shows it: busy with the time elapsed, then
 * its result or the error. A new run supersedes the result; cancelling stops the worker.
 */
export class WorkerJob<T> {
  #busy = $state(false)
  #seconds = $state(0)
  #result = $state.raw<T | null>(null)
  #error = $state<string | null>(null)
  #timer: ReturnType<typeof setInterval> | null = null
  #run = 0

  constructor(private readonly stop: () => void) {}

  get busy(): boolean {
    return this.#busy
  }
  /** Seconds since the run started (while busy), or that it took. */
  get seconds(): number {
    return this.#seconds
  }
  get result(): T | null {
    return this.#result
  }
  get error(): string | null {
    return this.#error
  }

  async run(call: () => Promise<T>): Promise<T | null> {
    const run = ++this.#run
    const t0 = performance.now()
    this.#busy = true
    this.#error = null
    this.#result = null
    this.#seconds = 0
    this.#timer ??= setInterval(() => (this.#seconds = (performance.now() - t0) / 1000), 100)
    try {
      const value = await call()
      if (run === this.#run) this.#result = value
      return value
    } catch (error) {
      if (run === this.#run && !(error instanceof Cancelled))
        this.#error = error instanceof Error ? error.message : String(error)
      return null
    } finally {
      if (run === this.#run) {
        this.#seconds = (performance.now() - t0) / 1000
        this.#finish()
      }
    }
  }

  cancel(): void {
    this.#run++
    this.stop()
    this.#finish()
  }

  #finish(): void {
    this.#busy = false
    if (this.#timer !== null) clearInterval(this.#timer)
    this.#timer = null
  }
}
