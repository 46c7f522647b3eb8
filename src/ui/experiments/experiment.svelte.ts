import type { SweepResult } from '../../core/studies/sweep'
import { methodById } from '../../core/dynamics/methods'
import { capabilities } from '../../core/dynamics/resolve'
import type { Experiment } from '../../core/experiments'
import type { Scenario, ScenarioProblem } from '../../core/scenario'
import { decodePredict, type SharedState } from '../../core/scenario/url'
import { readExperiment, type ExperimentReading } from '../../core/experiments/reading'
import type { LaneFrame } from '../../core/run/frame'
import type { Run } from '../run/run.svelte'
import type { PageScenario } from '../scenario.svelte'
import { sessionPredictions, type PredictionRecord, type Predictions } from './predictions.svelte'

/** What the page now shows against an experiment's claim, judged on the frames at its stated step. */
export interface Verdict extends ExperimentReading {
  step: number
  /** The claim's check needs the sweep and it has not come yet. */
  waitingForSweep: boolean
}

/** JSON with object keys sorted: the same text for the same plain data, whatever order its keys came in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  )
}

/** Lanes with a temperature keep a comparison with the exact density; the checks read it. */
const samples = (lane: Scenario['lanes'][number]) => {
  const method = methodById(lane.method)
  return method ? capabilities(method).thermal : false
}

/** What opens an experiment's preset on the page: applies a shared state (the page's PageState). */
export interface StateApplier {
  applyState(state: SharedState): Promise<ScenarioProblem[]>
  /** A state is being applied (its own changes are not the user's). */
  readonly applying: boolean
}

/** Whether the page's link asks predictions (src/core/scenario/url.ts decodePredict). */
function linkPredict(): { predict: boolean } {
  return decodePredict(globalThis.location?.search ?? '')
}

/**
 * The guided experiment open on the page, if any: loading its preset (a copy),
 * asking its prediction first (unless the link turns predictions off, or one was
 * made for it in this session), playing it to its stated step and pausing there,
 * and the verdict on its claim
 * from the page's own frames at that step (the experiment's own check, run by
 * src/core/experiments/reading.ts as the Node tests run it). The verdict stands
 * until the run starts over; it is given only while the scenario is the
 * preset's, whose claim it is.
 */
export class ExperimentState {
  readonly #page: StateApplier
  readonly #scenario: PageScenario
  readonly #run: Run
  #active = $state.raw<Experiment | null>(null)
  /** The page's scenario just after the preset was loaded: what "unchanged" means. */
  #baseline = $state.raw<Scenario | null>(null)
  /** What was loaded is the preset's scenario (a link may carry a changed one). */
  #preset = $state(false)
  #frames = $state.raw<readonly LaneFrame[] | null>(null)
  #sweep = $state.raw<SweepResult | null>(null)
  /** The prediction is being asked: the run waits for it. */
  #asking = $state(false)
  readonly #predictions: Predictions
  /** Whether experiments ask a prediction before they run (the link's `predict`). */
  readonly predict: boolean

  constructor(
    page: StateApplier,
    scenario: PageScenario,
    run: Run,
    options: { predict: boolean } = linkPredict(),
    predictions: Predictions = sessionPredictions,
  ) {
    this.#page = page
    this.#scenario = scenario
    this.#run = run
    this.predict = options.predict
    this.#predictions = predictions
  }

  /** The open experiment's prediction question is shown, and the run waits for an answer or a skip. */
  get asking(): boolean {
    return this.#asking
  }

  /** The prediction made for the open experiment in this session, with its outcome once the check has run. */
  get prediction(): PredictionRecord | null {
    return this.#active ? this.#predictions.get(this.#active.id) : null
  }

  get active(): Experiment | null {
    return this.#active
  }

  /** The open experiment's preset is applied (its views now show its run). */
  get loaded(): boolean {
    return this.#active !== null && this.#baseline !== null
  }

  /** The settings differ from the preset's (its claim is not about them). */
  readonly changed = $derived.by(
    () =>
      this.#baseline !== null &&
      (!this.#preset || JSON.stringify(this.#scenario.scenario) !== JSON.stringify(this.#baseline)),
  )

  readonly verdict = $derived.by((): Verdict | null => {
    const e = this.#active
    const frames = this.#frames
    if (!e || !frames || this.changed) return null
    const waitingForSweep = e.sweep !== undefined && this.#sweep === null
    return { ...readExperiment(e, frames, this.#sweep), step: e.steps, waitingForSweep }
  })

  /**
   * Opens an experiment: its preset (or `state`, a link's version of it), then
   * plays to its stated step at the preset's speed, unless the state names a
   * step of its own (a link copied part-way, replayed there by applyState).
   */
  async open(
    experiment: Experiment,
    state: SharedState = structuredClone(experiment.state),
  ): Promise<ScenarioProblem[]> {
    this.#active = experiment
    this.#baseline = null
    this.#preset = canonical(state.scenario) === canonical(experiment.state.scenario)
    this.#frames = null
    this.#sweep = null
    // Asked before the run from the beginning, once per experiment in a session; a link part-way never asks.
    this.#asking =
      this.predict &&
      experiment.prediction !== undefined &&
      state.view.step === 0 &&
      this.#predictions.get(experiment.id) === null
    if (this.#asking) this.#run.pause()
    const problems = await this.#page.applyState(state)
    if (this.#active !== experiment || this.#page.applying) return problems
    this.#baseline = this.#scenario.scenario
    // The page may have started playing meanwhile (its autoplay): the question still comes first.
    if (this.#asking) this.#run.pause()
    else if (state.view.step === 0) this.#run.runTo(experiment.steps)
    return problems
  }

  /** Keeps the answer to the open experiment's question and runs it. */
  answer(choice: string): void {
    const e = this.#active
    if (!e?.prediction?.choices.includes(choice)) return
    this.#predictions.record(e.id, e.prediction.question, choice)
    this.#go()
  }

  /** Runs the open experiment without a prediction. */
  skip(): void {
    if (this.#active) this.#go()
  }

  /** Ends the question: the run starts from its beginning once the preset is loaded (open() starts it otherwise). */
  #go(): void {
    const e = this.#active
    if (!this.#asking || !e) return
    this.#asking = false
    if (!this.loaded) return
    if (this.#run.step > 0) this.#run.reset()
    this.#run.runTo(e.steps)
  }

  close(): void {
    this.#asking = false
    this.#active = null
    this.#baseline = null
    this.#frames = null
    this.#sweep = null
  }

  /** The Arrhenius sweep the page ran for the open experiment. */
  setSweep(result: SweepResult | null): void {
    this.#sweep = result
    this.#settle()
  }

  /** Adds the verdict's outcome to the open experiment's prediction. */
  #settle(): void {
    const e = this.#active
    const outcome = this.verdict?.outcome
    if (e && outcome) this.#predictions.settle(e.id, outcome)
  }

  /**
   * Called with each new set of frames: keeps the frames of the experiment's
   * stated step that carry every sampler's comparison with the exact answer
   * (the frame a run-to lands on does), and forgets them when the run starts over.
   */
  observe(frames: readonly LaneFrame[]): void {
    const e = this.#active
    const step = frames[0]?.step
    if (!e || step === undefined || this.#baseline === null) return
    if (step < e.steps) {
      if (this.#frames) this.#frames = null
      return
    }
    const lanes = this.#scenario.lanes
    const complete = frames.length === lanes.length && frames.every((f, k) => f.sampling !== null || !samples(lanes[k]))
    if (step === e.steps && complete && this.#frames === null) {
      this.#frames = frames
      this.#settle()
    }
  }
}
