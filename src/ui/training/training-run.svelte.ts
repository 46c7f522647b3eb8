import { bandWorkerCount, SlicePool } from '../../engine/slice-pool'
import { trainingClient, type TrainingClient } from '../../engine/training-client'
import type {
  InterpolationAnswer,
  LossSliceAnswer,
  RegionGrid,
  SliceKind,
  TrainingFrame,
  TrainingLoaded,
  TrainingSetup,
} from '../../engine/training-protocol'
import { Cancelled } from '../../engine/worker-client'
import { FrameScheduler } from '../run/scheduler'

/** The worker's time per frame: it stops stepping after this many milliseconds. */
const FRAME_BUDGET_MS = 12
/** Points per axis of a loss slice. */
export const SLICE_GRID = 60

/**
 * The training section's run, seen from the page: the worker owns the networks; the page pulls one
 * frame per animation frame while playing (never more than one on its way). A setup loads a new run
 * (paused at step 0, its first frame shown); answers from an older load are dropped. A slice is
 * asked for on demand and kept until the next load; so is the line from the chosen walker's initial
 * to its current weights, which the next frame request carries.
 */
export class TrainingRunner {
  readonly #client: TrainingClient
  /** Band workers for slices' grids, started at the first slice. */
  #pool: SlicePool | null = null
  readonly #scheduler = new FrameScheduler()
  #load = 0
  #setup: TrainingSetup | null = null
  #inFlight = false
  #removeTask: (() => void) | null = null

  #playing = $state(false)
  #loading = $state(false)
  #failure = $state<string | null>(null)
  #loaded = $state.raw<TrainingLoaded | null>(null)
  #frame = $state.raw<TrainingFrame | null>(null)
  #regions = $state.raw<RegionGrid | null>(null)
  #slice = $state.raw<LossSliceAnswer | null>(null)
  #slicing = $state(false)
  #sliceFailure = $state<string | null>(null)
  #line = $state.raw<InterpolationAnswer | null>(null)
  /** The line is asked for: the next frame request carries the wish (set until a frame brings the line). */
  #lineWanted = $state(false)

  /** Steps asked for per frame (the worker may do fewer within its time budget). */
  speed = $state(20)
  chosen = $state(0)

  constructor(client: TrainingClient = trainingClient()) {
    this.#client = client
    client.onCrash = (message) => {
      this.#failure = `the training worker stopped: ${message}`
      this.#inFlight = false
      this.#slicing = false
      this.#lineWanted = false
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
  get loaded(): TrainingLoaded | null {
    return this.#loaded
  }
  get frame(): TrainingFrame | null {
    return this.#frame
  }
  get regions(): RegionGrid | null {
    return this.#regions
  }
  get slice(): LossSliceAnswer | null {
    return this.#slice
  }
  get slicing(): boolean {
    return this.#slicing
  }
  get sliceFailure(): string | null {
    return this.#sliceFailure
  }
  get line(): InterpolationAnswer | null {
    return this.#line
  }
  get lineWanted(): boolean {
    return this.#lineWanted
  }
  get step(): number {
    return this.#frame?.step ?? 0
  }

  async load(setup: TrainingSetup): Promise<void> {
    const load = ++this.#load
    this.#setup = setup
    this.#loading = true
    this.#failure = null
    this.#frame = null
    this.#regions = null
    this.#slice = null
    this.#sliceFailure = null
    this.#line = null
    this.#lineWanted = false
    this.chosen = Math.min(this.chosen, setup.walkers - 1)
    try {
      const loaded = await this.#client.call('load', { setup, load }, { supersede: true })
      if (load !== this.#load) return
      this.#loaded = loaded
      this.#loading = false
      this.#inFlight = false
      this.#request(0)
    } catch (error) {
      if (error instanceof Cancelled || load !== this.#load) return
      this.#loading = false
      this.#failure = error instanceof Error ? error.message.replace(/^training worker: /, '') : String(error)
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

  choose(walker: number): void {
    this.chosen = walker
    if (!this.#playing && !this.#loading) this.#request(0)
  }

  /** Builds a slice through the chosen walker's weights as they are now. */
  async buildSlice(kind: SliceKind): Promise<void> {
    if (this.#setup === null || this.#loading) return
    const load = this.#load
    const setup = this.#setup
    this.#slicing = true
    this.#sliceFailure = null
    try {
      this.#pool ??= new SlicePool(bandWorkerCount(globalThis.navigator?.hardwareConcurrency))
      const answer = await this.#pool.slice(this.#client, setup, { kind, grid: SLICE_GRID, chosen: this.chosen })
      if (load !== this.#load) return
      this.#slice = answer
    } catch (error) {
      if (error instanceof Cancelled || load !== this.#load) return
      this.#sliceFailure =
        error instanceof Error ? error.message.replace(/^(training|slice band \d+) worker: /, '') : String(error)
    } finally {
      if (load === this.#load) this.#slicing = false
    }
  }

  /** Asks for the loss along the line from the chosen walker's initial to its current weights. */
  drawLine(): void {
    if (this.#setup === null || this.#loading) return
    this.#lineWanted = true
    if (!this.#playing) this.#request(0)
  }

  dispose(): void {
    this.pause()
    this.#scheduler.dispose()
    this.#client.dispose()
    this.#pool?.dispose()
  }

  #tick(): void {
    if (this.#loading || this.#setup === null) return
    this.#request(Math.max(1, Math.floor(this.speed) || 1))
  }

  #request(advance: number): void {
    if (this.#inFlight || this.#setup === null) return
    this.#inFlight = true
    const load = this.#load
    const interpolate = this.#lineWanted
    this.#client
      .call('frame', { advance, budgetMs: FRAME_BUDGET_MS, chosen: this.chosen, interpolate })
      .then((frame) => {
        if (load !== this.#load || frame.load !== load) return
        this.#inFlight = false
        this.#frame = frame
        if (frame.regions) this.#regions = frame.regions
        if (frame.interpolation) {
          this.#line = frame.interpolation
          this.#lineWanted = false
        } else if (this.#lineWanted && !this.#playing) this.#request(0)
      })
      .catch((error: unknown) => {
        if (load !== this.#load) return
        this.#inFlight = false
        this.#lineWanted = false
        if (error instanceof Cancelled) return
        this.#failure = error instanceof Error ? error.message : String(error)
        this.pause()
      })
  }
}
