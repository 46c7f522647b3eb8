import { bandWorkerCount, SlicePool } from '../../engine/slice-pool'
import { trainingClient, type TrainingClient } from '../../engine/training-client'
import type {
  InterpolationAnswer,
  LossSliceAnswer,
  RegionGrid,
  SliceKind,
  TrainingFrame,
  TrainingFrameRequest,
  TrainingLoaded,
  TrainingService,
  TrainingSetup,
} from '../../engine/training-protocol'
import { Cancelled } from '../../engine/worker-client'
import { FRAME_BUDGET_MS, PulledRun } from '../run/pulled-run.svelte'

/** Points per axis of a loss slice. */
export const SLICE_GRID = 60

/**
 * The training section's run, seen from the page (a pulled run, ../run/pulled-run.svelte.ts): the
 * worker owns the networks; its frames carry the losses, the spectrum and the decision regions. A
 * slice is asked for on demand and kept until the next load; so is the line from the chosen
 * walker's initial to its current weights, which the next frame request carries.
 */
export class TrainingRunner extends PulledRun<
  TrainingService,
  TrainingSetup,
  TrainingLoaded,
  TrainingFrameRequest,
  TrainingFrame
> {
  /** Band workers for slices' grids, started when a run is loaded. */
  #pool: SlicePool | null = null
  #loaded = $state.raw<TrainingLoaded | null>(null)
  #regions = $state.raw<RegionGrid | null>(null)
  #slice = $state.raw<LossSliceAnswer | null>(null)
  #slicing = $state(false)
  #sliceFailure = $state<string | null>(null)
  #line = $state.raw<InterpolationAnswer | null>(null)
  /** The line is asked for: the next frame request carries the wish (set until a frame brings the line). */
  #lineWanted = $state(false)

  constructor(client: TrainingClient = trainingClient()) {
    super(client, 'training', 20)
  }

  get loaded(): TrainingLoaded | null {
    return this.#loaded
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

  choose(walker: number): void {
    this.chosen = walker
    this.refresh()
  }

  /** Builds a slice through the chosen walker's weights as they are now. */
  async buildSlice(kind: SliceKind): Promise<void> {
    const setup = this.setup
    if (setup === null || this.loading) return
    const load = this.loads
    this.#slicing = true
    this.#sliceFailure = null
    try {
      const answer = await this.#bands().slice(this.client, setup, { kind, grid: SLICE_GRID, chosen: this.chosen })
      if (load !== this.loads) return
      this.#slice = answer
    } catch (error) {
      if (error instanceof Cancelled || load !== this.loads) return
      this.#sliceFailure =
        error instanceof Error ? error.message.replace(/^(training|slice band \d+) worker: /, '') : String(error)
    } finally {
      if (load === this.loads) this.#slicing = false
    }
  }

  /** Asks for the loss along the line from the chosen walker's initial to its current weights. */
  drawLine(): void {
    if (this.setup === null || this.loading) return
    this.#lineWanted = true
    if (!this.playing) this.request(0)
  }

  override dispose(): void {
    super.dispose()
    this.#pool?.dispose()
  }

  protected reset(): void {
    this.#regions = null
    this.#slice = null
    this.#sliceFailure = null
    this.#line = null
    this.#lineWanted = false
  }

  protected onLoaded(answer: TrainingLoaded): void {
    this.#loaded = answer
    // The band workers start now and build the network, ready for the first slice.
    if (this.setup) this.#bands().prepare(this.setup)
  }

  #bands(): SlicePool {
    return (this.#pool ??= new SlicePool(bandWorkerCount(globalThis.navigator?.hardwareConcurrency)))
  }

  protected frameParams(advance: number): TrainingFrameRequest {
    return { advance, budgetMs: FRAME_BUDGET_MS, chosen: this.chosen, interpolate: this.#lineWanted }
  }

  protected onFrame(frame: TrainingFrame): void {
    if (frame.regions) this.#regions = frame.regions
    if (frame.interpolation) {
      this.#line = frame.interpolation
      this.#lineWanted = false
    } else if (this.#lineWanted && !this.playing) this.request(0)
  }

  /** A slice on its way ends by itself (its calls fail with the worker); the line does not. */
  protected override onStop(): void {
    this.#lineWanted = false
  }
}
