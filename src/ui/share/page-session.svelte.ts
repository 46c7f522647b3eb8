import { untrack } from 'svelte'
import type { ScenarioProblem } from '../../core/scenario'
import { defaultScenario } from '../../core/scenario'
import { defaultView } from '../../core/scenario/view'
import { ExperimentState } from '../experiments/experiment.svelte'
import type { SurfaceEditor } from '../surface-editor.svelte'
import type { PageProbe } from '../run/bench-hook'
import type { Run } from '../run/run.svelte'
import type { FrameScheduler } from '../run/scheduler'
import type { PageScenario } from '../scenario.svelte'
import { Appearance } from '../theme/appearance.svelte'
import type { MapOverlays } from '../views/map-overlays.svelte'
import { encodeState } from '../../core/scenario/url'
import { readOpening, type Opening } from './address'
import { carryPoints } from './carried-points'
import { AddressSync } from './address-sync.svelte'
import { CameraSync } from './camera'
import { SavedSurfaces } from './saved-surfaces.svelte'
import { PageState, PageView } from './shared-state.svelte'
import { browserStore, forgetAll, LAST_STATE_KEY, readItem } from '../storage'

/** What the page names in its notice: where the state came from, and what of it was not read. */
export interface NoticeText {
  title: string
  problems: ScenarioProblem[]
}

const SOURCE_TITLE: Record<Opening['source'], string> = {
  link: 'This link',
  experiment: 'This link',
  stored: 'Your last session',
  default: 'This link',
}

/**
 * Everything that makes the page shareable and remembered, set up in one
 * place: the state read from the address (or storage) when the page opens, the
 * address and storage following the state, the 3D camera kept in step, saved
 * surfaces, the guided experiments and the appearance.
 */
export class PageSession {
  readonly opening: Opening
  readonly view = new PageView()
  readonly page: PageState
  readonly experiments: ExperimentState
  readonly saved: SavedSurfaces
  readonly appearance: Appearance
  readonly #camera: CameraSync
  readonly #address: AddressSync
  readonly #store = browserStore()
  readonly #run: Run
  #notice = $state.raw<NoticeText | null>(null)

  constructor(parts: { scenario: PageScenario; surfaceEditor: SurfaceEditor; run: Run; overlays: MapOverlays }) {
    this.#run = parts.run
    this.opening = readOpening(location.search, readItem(this.#store, LAST_STATE_KEY))
    carryPoints(this.opening.points)
    this.page = new PageState({ ...parts, view: this.view })
    // The link's predict field (what it could not read is in the page's notice, with the rest of the link's).
    this.experiments = new ExperimentState(this.page, parts.scenario, parts.run, { predict: this.opening.predict })
    this.saved = new SavedSurfaces(this.#store)
    this.appearance = new Appearance(this.#store, this.opening.theme)
    this.#camera = new CameraSync(this.view)
    this.#address = new AddressSync(this.page, () => this.experiments.active?.id ?? null, this.opening, this.#store)
    this.#say(SOURCE_TITLE[this.opening.source], [...this.opening.problems, ...this.saved.problems])
    void this.#open()
  }

  get embed(): boolean {
    return this.opening.embed
  }

  /** What the page could not read, until dismissed. */
  get notice(): NoticeText | null {
    return this.#notice
  }

  dismiss(): void {
    this.#notice = null
  }

  /**
   * Starts what follows the page's state: the camera (a 'draw' task), the address and storage,
   * the experiment's verdict.
   */
  start(scheduler: FrameScheduler): () => void {
    const stopCamera = scheduler.add('draw', this.#camera.tick)
    const stopAddress = this.#address.start()
    const stopEffects = $effect.root(() => {
      $effect(() => {
        document.documentElement.dataset.theme = this.appearance.dark ? 'dark' : 'light'
      })
      $effect(() => {
        const frames = this.#run.frames
        untrack(() => this.experiments.observe(frames))
      })
    })
    return () => {
      stopCamera()
      stopAddress()
      stopEffects()
    }
  }

  /** Forgets what is stored (last state, saved surfaces, appearance) and opens the defaults. */
  async reset(): Promise<void> {
    forgetAll(this.#store)
    this.saved.clear()
    this.appearance.reset()
    this.experiments.close()
    this.#notice = null
    await this.page.applyState({ scenario: defaultScenario(), view: defaultView() })
  }

  /** What the browser tests read (the ?bench hook). */
  readonly probe: PageProbe = {
    state: () => encodeState(this.page.currentState()),
    experiment: () => {
      const e = this.experiments.active
      if (!e) return null
      const verdict = this.experiments.verdict
      return {
        id: e.id,
        failures: verdict ? [...verdict.failures] : null,
        waitingForSweep: verdict?.waitingForSweep ?? false,
      }
    },
  }

  async #open(): Promise<void> {
    const { state, experiment, source } = this.opening
    if (!state) return
    const problems = experiment ? await this.experiments.open(experiment, state) : await this.page.applyState(state)
    this.#say(SOURCE_TITLE[source], problems)
  }

  /** Adds to the notice (the opening's own problems come first, what applying found after). */
  #say(title: string, problems: readonly ScenarioProblem[]): void {
    if (problems.length === 0) return
    this.#notice = { title: this.#notice?.title ?? title, problems: [...(this.#notice?.problems ?? []), ...problems] }
  }
}
