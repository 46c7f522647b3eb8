import type { Call, Params, Result } from '../../engine/protocol'
import { Cancelled, type WorkerClient } from '../../engine/worker-client'
import { FrameScheduler } from './scheduler'

/**
 * The worker's time per frame: it stops advancing after this many milliseconds, so that a frame is
 * ready by the next animation frame (the page draws meanwhile).
 */
export const FRAME_BUDGET_MS = 12

/** What a section's worker offers for a pulled run: a load of a setup, then frames. */
export interface PulledService<Setup, Loaded, FrameParams, Frame> {
  load: Call<{ setup: Setup; load: number }, Loaded>
  frame: Call<FrameParams, Frame>
}

/**
 * A section's run seen from the page (the molecules and training sections): the worker owns the
 * walkers; the page pulls one frame per animation frame while playing (never more than one on its
 * way), so the worker computes the next while the page draws this one. A setup loads a new run
 * (paused at step 0, its first frame shown); answers from an older load are dropped. A section adds
 * what its frames carry (`onFrame`), what a new load clears (`reset`) and what it asks of each
 * frame (`frameParams`).
 */
export abstract class PulledRun<
  S extends PulledService<Setup, Loaded, FrameParams, Frame>,
  Setup extends { walkers: number },
  Loaded,
  FrameParams,
  Frame extends { load: number; step: number },
> {
  protected readonly client: WorkerClient<S>
  readonly #scheduler = new FrameScheduler()
  readonly #name: string
  /** Loads so far: the newest is this one, and answers of older ones are dropped. */
  protected loads = 0
  protected setup: Setup | null = null
  #inFlight = false
  #removeTask: (() => void) | null = null

  #playing = $state(false)
  #loading = $state(false)
  #failure = $state<string | null>(null)
  #frame = $state.raw<Frame | null>(null)

  /** Steps asked for per frame (the worker may do fewer within its time budget). */
  speed = $state(100)
  /** The walker the section follows. */
  chosen = $state(0)
  /** Frames received since the page opened (the benchmark reads it). */
  published = 0

  constructor(client: WorkerClient<S>, name: string, speed: number) {
    this.client = client
    this.#name = name
    this.speed = speed
    client.onCrash = (message) => {
      this.#failure = `the ${name} worker stopped: ${message}`
      this.#inFlight = false
      this.onStop()
      this.pause()
    }
  }

  get playing(): boolean {
    return this.#playing
  }
  get loading(): boolean {
    return this.#loading
  }
  get failure(): string | null {
    return this.#failure
  }
  get frame(): Frame | null {
    return this.#frame
  }
  get step(): number {
    return this.#frame?.step ?? 0
  }

  /** Builds a new run from `setup` (paused, unless it was playing) and shows its first frame. */
  async load(setup: Setup): Promise<void> {
    const load = ++this.loads
    this.setup = setup
    this.#loading = true
    this.#failure = null
    this.#frame = null
    this.chosen = Math.min(this.chosen, setup.walkers - 1)
    this.reset(setup)
    try {
      const params = { setup, load } as Params<S, 'load'>
      const loaded = (await this.client.call('load', params, { supersede: true })) as Result<S, 'load'> & Loaded
      if (load !== this.loads) return
      this.onLoaded(loaded)
      this.#loading = false
      this.#inFlight = false
      this.request(0)
    } catch (error) {
      if (error instanceof Cancelled || load !== this.loads) return
      this.#loading = false
      this.#failure = this.message(error)
      this.pause()
    }
  }

  play(): void {
    if (this.#playing) return
    this.#playing = true
    this.#removeTask ??= this.#scheduler.add('simulate', () => this.#tick())
  }

  pause(): void {
    this.#playing = false
    this.#removeTask?.()
    this.#removeTask = null
  }

  toggle(): void {
    if (this.#playing) this.pause()
    else this.play()
  }

  /** Asks for a frame at once with no steps (another walker chosen, other variables), when paused. */
  refresh(): void {
    if (!this.#playing && !this.#loading) this.request(0)
  }

  dispose(): void {
    this.pause()
    this.#scheduler.dispose()
    this.client.dispose()
  }

  /** A worker's error as the page says it, without the worker's name in front. */
  protected message(error: unknown): string {
    if (!(error instanceof Error)) return String(error)
    return error.message.startsWith(`${this.#name} worker: `)
      ? error.message.slice(this.#name.length + 9)
      : error.message
  }

  /** A new load begins: the section clears what belonged to the last one. */
  protected abstract reset(setup: Setup): void
  /** The worker built the run. */
  protected abstract onLoaded(answer: Loaded): void
  /** What the next frame request asks for, with `advance` steps. */
  protected abstract frameParams(advance: number): FrameParams
  /** A frame of the newest load arrived (`frame` is already it). */
  protected abstract onFrame(frame: Frame): void
  /** The worker stopped, or a frame request failed: the section drops what it was waiting for. */
  protected onStop(): void {}

  #tick(): void {
    if (this.#loading || this.setup === null) return
    // The field may be empty or hold a fraction while it is typed in.
    this.request(Math.max(1, Math.floor(this.speed) || 1))
  }

  /** One frame request at a time: none while one is on its way or before a setup. */
  protected request(advance: number): void {
    if (this.#inFlight || this.setup === null) return
    this.#inFlight = true
    const load = this.loads
    this.client
      .call('frame', this.frameParams(advance) as Params<S, 'frame'>)
      .then((answer) => {
        const frame = answer as Result<S, 'frame'> & Frame
        if (load !== this.loads || frame.load !== load) return
        this.#inFlight = false
        this.published++
        this.#frame = frame
        this.onFrame(frame)
      })
      .catch((error: unknown) => {
        if (load !== this.loads) return
        this.#inFlight = false
        this.onStop()
        if (error instanceof Cancelled) return
        this.#failure = error instanceof Error ? error.message : String(error)
        this.pause()
      })
  }
}
