import { untrack } from 'svelte'
import { methodById } from '../../core/dynamics/methods'
import { VERSION } from '../../core/version'
import type { LaneFrame } from '../../core/run/frame'
import type { SurfaceView } from '../figures'
import type { Run } from '../run/run.svelte'
import type { PageScenario } from '../scenario.svelte'
import type { MapOverlays } from '../views/map-overlays.svelte'
import { figureCaption } from './caption'
import { encodeState, type SharedState } from '../../core/scenario/url'
import { pageLink } from '../share/address'
import type { ExportSnapshot } from './snapshot'
import { captionInput } from './state-caption'

/** The parts of the page an export reads. */
export interface ExportPage {
  scenario: PageScenario
  run: Run
  overlays: MapOverlays
  /** The surface as drawn (colour scale and cut resolved). */
  view: () => SurfaceView | null
  /** The lanes' colours as drawn. */
  colours: () => readonly string[]
  /** The page's whole state now (PageState.currentState, src/ui/share). */
  shared: () => SharedState
}

/** How long an export waits for the first frame of new settings before it gives up. */
const READY_TIMEOUT_MS = 30_000

/**
 * Takes snapshots of the page for the export menu, and makes sure each is
 * taken from frames of the run the scenario describes: every change of a
 * setting loads a new run, and until that run's first frame is published the
 * frames on the page are the old run's, which no caption may describe with
 * the new settings. So the source notes the frame revision at each new setup,
 * and an export waits for a newer frame.
 *
 * It also keeps the newest frames that carried the comparison with the exact
 * density (about once a second), for the histogram data.
 */
export class ExportSource {
  readonly #page: ExportPage
  /** run.latest.revision when the current setup was loaded: newer frames are the current run's. */
  #setupRevision = -1
  #sampled: { revision: number; frames: readonly LaneFrame[] } | null = null

  /** Must be made while a component initialises: it watches the page with effects. */
  constructor(page: ExportPage) {
    this.#page = page
    $effect(() => {
      void page.scenario.setup
      untrack(() => {
        this.#setupRevision = page.run.latest.revision
        this.#sampled = null
      })
    })
    $effect(() => {
      const frames = page.run.frames
      if (frames.some((f) => f.sampling)) this.#sampled = { revision: untrack(() => page.run.latest.revision), frames }
    })
  }

  /** Whether the frames on the page come from the run the scenario describes. */
  get ready(): boolean {
    const { run, scenario } = this.#page
    return (
      !run.loading &&
      !run.crash &&
      run.latest.revision > this.#setupRevision &&
      run.latest.frames.length === scenario.lanes.length &&
      scenario.surface !== null &&
      this.#page.view() !== null
    )
  }

  /** Whether `snapshot` still describes what the page shows (no setting changed since it was taken). */
  current(snapshot: ExportSnapshot): boolean {
    return this.#page.scenario.setup === snapshot.setup && this.#page.view() === snapshot.view
  }

  /** Resolves once the frames are the current run's (waiting for a new run's first frame). */
  async whenReady(timeout = READY_TIMEOUT_MS): Promise<void> {
    const start = performance.now()
    while (!this.ready) {
      if (this.#page.run.crash) throw new Error('the simulation stopped: restart it first')
      if (performance.now() - start > timeout)
        throw new Error('the run did not start: no frame of the current settings arrived')
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }

  async snapshot(): Promise<ExportSnapshot> {
    await this.whenReady()
    const { scenario: page, run, overlays } = this.#page
    const frames = run.latest.frames
    const scenario = page.scenario
    const surface = page.surface!
    const setup = page.setup!
    const view = this.#page.view()!
    const step = frames[0]?.step ?? run.step
    const shared = this.#page.shared()
    // The page's state with the step of the frames drawn: the link reopens exactly what is exported.
    const stateAt = (at: number): SharedState => ({ scenario, view: { ...shared.view, step: at } })
    const describe = (at: number) => ({
      caption: figureCaption(captionInput(scenario, surface, at, VERSION)),
      link: pageLink(location, encodeState(stateAt(at))),
    })
    const sampled = this.#sampled && this.#sampled.revision > this.#setupRevision ? this.#sampled.frames : null
    const sampledStep = sampled?.[0]?.step ?? 0
    return {
      state: stateAt(step),
      setup,
      view,
      frames,
      step,
      methods: scenario.lanes.map((lane) => methodById(lane.method)?.name ?? lane.method),
      overlays: overlays.layers,
      colours: [...this.#page.colours()],
      ...describe(step),
      sampled: sampled && { step: sampledStep, frames: sampled, ...describe(sampledStep) },
      // eslint-disable-next-line svelte/prefer-svelte-reactivity -- when the snapshot was taken, for file names
      date: new Date(),
    }
  }
}
