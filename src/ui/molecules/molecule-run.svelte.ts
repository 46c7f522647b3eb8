import type {
  CatalogueRow,
  FreeEnergyGrid,
  MoleculeFrame,
  FrameRequest,
  MoleculeLoaded,
  MoleculeService,
  MoleculeSetup,
} from '../../engine/system-protocol'
import { moleculeClient, type MoleculeClient } from '../../engine/system-clients'
import { FRAME_BUDGET_MS, PulledRun } from '../run/pulled-run.svelte'

/** The catalogue of minima as the last frame that carried it. */
export interface Catalogue {
  rows: CatalogueRow[]
  quenches: number
  failed: number
}

/**
 * The molecule section's run, seen from the page (a pulled run, ../run/pulled-run.svelte.ts): its
 * frames carry the walkers, the free-energy surface on the map's two variables and the catalogue
 * of minima.
 */
export class MoleculeRun extends PulledRun<
  MoleculeService,
  MoleculeSetup,
  MoleculeLoaded,
  FrameRequest,
  MoleculeFrame
> {
  #surface = $state.raw<FreeEnergyGrid | null>(null)
  #catalogue = $state.raw<Catalogue | null>(null)
  #cvLabels = $state.raw<{ id: string; label: string; description: string }[]>([])
  #thermal = $state(true)
  #biased = $state(false)

  /** The map's two variables. */
  cvs = $state.raw<[number, number]>([0, 1])

  constructor(client: MoleculeClient = moleculeClient()) {
    super(client, 'molecule', 100)
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

  /**
   * The map's variables: the surface starts afresh on them (the worker restarts its histogram). A
   * bias is built on its variables: a biased run starts again on the new ones.
   */
  setCvs(pair: [number, number]): void {
    if (this.#biased && this.setup) {
      void this.load({ ...this.setup, cvs: pair })
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

  protected reset(setup: MoleculeSetup): void {
    this.#surface = null
    this.#catalogue = null
    this.cvs = setup.cvs
  }

  protected onLoaded(answer: MoleculeLoaded): void {
    this.#cvLabels = answer.cvs
    this.#thermal = answer.thermal
    this.#biased = answer.biased
  }

  protected frameParams(advance: number): FrameRequest {
    return { advance, budgetMs: FRAME_BUDGET_MS, chosen: this.chosen, cvs: this.cvs }
  }

  protected onFrame(frame: MoleculeFrame): void {
    if (frame.surface) this.#surface = frame.surface
    if (frame.catalogue) this.#catalogue = frame.catalogue
  }
}
