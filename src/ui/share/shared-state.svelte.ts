import type { Camera } from '../../core/scenario/view'
import { tick } from 'svelte'
import type { ScenarioProblem } from '../../core/scenario'
import type { SharedState } from '../../core/scenario/url'
import { MAX_SPEED, type ViewState } from '../../core/scenario/view'
import { atlasSurface } from '../../core/surfaces'
import type { SurfaceEditor } from '../surface-editor.svelte'
import type { Run } from '../run/run.svelte'
import type { PageScenario } from '../scenario.svelte'
import type { MapOverlays } from '../views/map-overlays.svelte'

/**
 * How the page shows the run beyond what the other state classes hold: the 3D view and its camera, and
 * whether an embed shows the status lines.
 */
export class PageView {
  show3d = $state(true)
  statusLines = $state(true)
  /** The 3D camera (from the figure's relayout): its eye, or eye, centre and up; null for the figure's own. */
  camera = $state.raw<Camera | null>(null)
}

interface Parts {
  scenario: PageScenario
  surfaceEditor: SurfaceEditor
  run: Run
  overlays: MapOverlays
  view: PageView
}

/**
 * The page's whole state as a SharedState, read from the classes that own each
 * part (PageScenario: what runs; SurfaceEditor: the colour scale; Run: speed and
 * step; MapOverlays: the basin overlay; PageView: 3D and camera), and applied
 * back to them. The same state gives the same positions at the same step, bit
 * for bit: the run is deterministic in its scenario and its step count, however
 * the steps are split into frames.
 */
export class PageState {
  readonly #parts: Parts
  #generation = 0
  #applying = $state(false)
  /** The step a link is being replayed to (while the run has it as its target). */
  #replayTo = $state<number | null>(null)

  constructor(parts: Parts) {
    this.#parts = parts
  }

  /** A state is being applied: its surface computed, its run built. */
  get applying(): boolean {
    return this.#applying
  }

  /** A state is being applied or replayed to its step: what the page shows is not yet that state. */
  get replaying(): boolean {
    const { run } = this.#parts
    return this.#applying || (this.#replayTo !== null && run.target === this.#replayTo)
  }

  /** The step being replayed to, while replaying. */
  get replayStep(): number | null {
    return this.replaying ? this.#replayTo : null
  }

  /** The whole state, at the step the run is at now. */
  currentState(): SharedState {
    return this.#state(this.#parts.run.step)
  }

  /**
   * The state for the address bar: with its step only while paused (reopening a
   * paused page replays to where it stood; a playing one starts again and plays),
   * so the step is read, and the address rewritten, only when it stands still.
   */
  addressState(): SharedState {
    const { run } = this.#parts
    return this.#state(run.playing ? 0 : run.step)
  }

  #state(step: number): SharedState {
    const { scenario, surfaceEditor, run, overlays, view } = this.#parts
    const spec = scenario.scenario.surface
    // 'auto' is the surface's own scale: a link then reads as the atlas suggests.
    const hint = (spec.kind === 'atlas' ? atlasSurface(spec.id)?.colourScale : undefined) ?? 'linear'
    const shown = surfaceEditor.colourScale
    const viewState: ViewState = {
      colourScale: shown === hint ? 'auto' : shown,
      basins: overlays.showBasins,
      show3d: view.show3d,
      camera: view.camera ? [...view.camera] : null,
      speed: run.speed,
      step,
      statusLines: view.statusLines,
    }
    return { scenario: structuredClone(scenario.scenario), view: viewState }
  }

  /**
   * Applies a state (a copy is taken: presets are shared): the view at once,
   * then the seed, the surface and the lanes as one new scenario; then, when
   * view.step > 0, runs to exactly that step (at the fastest speed: a replay,
   * not a show) and pauses. Resolves once the run is built and set going, with
   * what could not be used. A later call supersedes an earlier one.
   */
  async applyState(given: SharedState): Promise<ScenarioProblem[]> {
    const { scenario, surfaceEditor, run, overlays, view } = this.#parts
    const generation = ++this.#generation
    const { scenario: s, view: v } = structuredClone(given)
    this.#applying = true
    this.#replayTo = null
    try {
      view.show3d = v.show3d
      view.camera = v.camera
      view.statusLines = v.statusLines ?? true
      overlays.showBasins = v.basins
      run.setSpeed(v.speed)
      scenario.setSeed(s.seed)
      const problems = await surfaceEditor.load(s.surface, s.lanes, v.colourScale)
      if (generation !== this.#generation) return problems
      // The scenario's change reaches the run through the page's effect: let it load first.
      await tick()
      if (v.step > 0) {
        this.#replayTo = v.step
        run.runTo(v.step, MAX_SPEED)
      }
      return problems
    } finally {
      if (generation === this.#generation) this.#applying = false
    }
  }
}
