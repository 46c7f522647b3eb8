import type { LandscapeAnswer } from '../../engine/system-protocol'
import { landscapeClient, type LandscapeClient } from '../../engine/system-clients'
import { Cancelled } from '../../engine/worker-client'

/**
 * A disconnectivity graph built on demand in its own worker: busy while it runs (with the seconds
 * spent, since the pipeline reports no fraction), cancelled by terminating the worker.
 */
export class LandscapeBuild {
  readonly #client: LandscapeClient
  #timer: ReturnType<typeof setInterval> | null = null
  #started = 0
  #busy = $state(false)
  #seconds = $state(0)
  #result = $state.raw<LandscapeAnswer | null>(null)
  #failure = $state<string | null>(null)
  /** The system the result (or the build under way) belongs to. */
  system = $state<string | null>(null)

  constructor(client: LandscapeClient = landscapeClient()) {
    this.#client = client
  }

  get busy(): boolean {
    return this.#busy
  }
  get seconds(): number {
    return this.#seconds
  }
  get result(): LandscapeAnswer | null {
    return this.#result
  }
  get failure(): string | null {
    return this.#failure
  }

  async build(system: string, starts: number, seed: number): Promise<void> {
    this.cancel()
    this.system = system
    this.#result = null
    this.#failure = null
    this.#busy = true
    this.#started = performance.now()
    this.#seconds = 0
    this.#timer = setInterval(() => (this.#seconds = (performance.now() - this.#started) / 1000), 250)
    try {
      const answer = await this.#client.call('graph', { system, starts, seed }, { supersede: true })
      if (this.system === system) this.#result = answer
    } catch (error) {
      if (error instanceof Cancelled) return
      this.#failure = error instanceof Error ? error.message.replace(/^landscape worker: /, '') : String(error)
    } finally {
      if (this.system === system) this.#stop()
    }
  }

  cancel(): void {
    if (this.#busy) this.#client.cancel()
    this.#stop()
  }

  /** Forgets the graph (another system was chosen). */
  clear(): void {
    this.cancel()
    this.#result = null
    this.#failure = null
    this.system = null
  }

  dispose(): void {
    this.#stop()
    this.#client.dispose()
  }

  #stop(): void {
    this.#busy = false
    if (this.#timer !== null) clearInterval(this.#timer)
    this.#timer = null
  }
}
