import type { CatalogueRow, FreeEnergyGrid, MoleculeFrame, MoleculeSetup } from '../../engine/system-protocol'
import { moleculeClient, type MoleculeClient } from '../../engine/system-clients'
import { Cancelled } from '../../engine/worker-client'
import { FrameScheduler } from '../run/scheduler'

/**
 * The worker's time per frame: it stops advancing after this many milliseconds, so that a frame is
 * ready by the next animation frame (the page draws meanwhile).
 */
const FRAME_BUDGET_MS = 12

/** The catalogue of minima as the last frame that carried it. */
export interface Catalogue {
  rows: CatalogueRow[]
  quenches: number
  failed: number
}

/**
 * The molecule section's run, seen from the page: the worker owns the walkers; the page pulls one
 * frame per animation frame while playing (never more than one on its way), so the worker computes
 * the next while the page draws this one. A setup loads a new run (paused at step 0, its first frame
 * shown); answers from an older load are dropped.
 */
export class MoleculeRun {
  readonly #client: MoleculeClient
  readonly #scheduler = new FrameScheduler()
  #load = 0
  #setup: MoleculeSetup | null = null
  #inFlight = false
  #removeTask: (() => void) | null = null

  #playing = $state(false)
  #loading = $state(false)
  #failure = $state<string | null>(null)
  #frame = $state.raw<MoleculeFrame | null>(null)
  #surface = $state.raw<FreeEnergyGrid | null>(null)
  #catalogue = $state.raw<Catalogue | null>(null)
  #cvLabels = $state.raw<{ id: string; label: string; description: string }[]>([])
  #thermal = $state(true)
  #biased = $state(false)

  /** Steps asked for per frame (the worker may do fewer within its time budget). */
  speed = $state(100)
  /** The walker shown in the molecule view, and the map's two variables. */
  chosen = $state(0)
  cvs = $state.raw<[number, number]>([0, 1])
  /** Frames received since the page opened (the benchmark reads it). */
  published = 0

  constructor(client: MoleculeClient = moleculeClient()) {
    this.#client = client
    client.onCrash = (message) => {
      this.#failure = `the molecule worker stopped: ${message}`
      this.#inFlight = false
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
  get frame(): MoleculeFrame | null {
    return this.#frame
  }
  get surface(): FreeEnergyGrid | null {
    return this.#surface
  }
  get catalogue(): Catalogue | null {
    return this.#catalogue
  }
  get cvLabels(): readonly { id: string; label: string; description: string }[] {
    return this.#cvLabels
  }
  /** The method has a temperature: its samples build F. */
  get thermal(): boolean {
    return this.#thermal
  }
  /** The method biases the map's variables and estimates F from its bias (metadynamics). */
  get biased(): boolean {
    return this.#biased
  }
  get step(): number {
    return this.#frame?.step ?? 0
  }

  /** Builds a new run from `setup` (paused, unless it was playing) and shows its first frame. */
  async load(setup: MoleculeSetup): Promise<void> {
    const load = ++this.#load
    this.#setup = setup
    this.#loading = true
    this.#failure = null
    this.#frame = null
    this.#surface = null
    this.#catalogue = null
    this.cvs = setup.cvs
    this.chosen = Math.min(this.chosen, setup.walkers - 1)
    try {
      const loaded = await this.#client.call('load', { setup, load }, { supersede: true })
      if (load !== this.#load) return
      this.#cvLabels = loaded.cvs
      this.#thermal = loaded.thermal
      this.#biased = loaded.biased
      this.#loading = false
      this.#inFlight = false
      this.#request(0)
    } catch (error) {
      if (error instanceof Cancelled || load !== this.#load) return
      this.#loading = false
      this.#failure = error instanceof Error ? error.message.replace(/^molecule worker: /, '') : String(error)
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

  /**
   * The map's variables: the surface starts afresh on them (the worker restarts its histogram). A
   * bias is built on its variables: a biased run starts again on the new ones.
   */
  setCvs(pair: [number, number]): void {
    if (this.#biased && this.#setup) {
      void this.load({ ...this.#setup, cvs: pair })
      return
    }
    this.cvs = pair
    this.#surface = null
    this.refresh()
  }

  /** The walker the molecule view shows. */
  choose(walker: number): void {
    this.chosen = walker
    this.refresh()
  }

  /** Asks for a frame at once with no steps (a new walker chosen, new variables), when paused. */
  refresh(): void {
    if (!this.#playing && !this.#loading) this.#request(0)
  }

  dispose(): void {
    this.pause()
    this.#scheduler.dispose()
    this.#client.dispose()
  }

  #tick(): void {
    if (this.#loading || this.#setup === null) return
    // The field may be empty or hold a fraction while it is typed in.
    this.#request(Math.max(1, Math.floor(this.speed) || 1))
  }

  #request(advance: number): void {
    if (this.#inFlight || this.#setup === null) return
    this.#inFlight = true
    const load = this.#load
    this.#client
      .call('frame', { advance, budgetMs: FRAME_BUDGET_MS, chosen: this.chosen, cvs: this.cvs })
      .then((frame) => {
        if (load !== this.#load || frame.load !== load) return
        this.#inFlight = false
        this.published++
        this.#frame = frame
        if (frame.surface) this.#surface = frame.surface
        if (frame.catalogue) this.#catalogue = frame.catalogue
      })
      .catch((error: unknown) => {
        if (load !== this.#load) return
        this.#inFlight = false
        if (error instanceof Cancelled) return
        this.#failure = error instanceof Error ? error.message : String(error)
        this.pause()
      })
  }
}
