import type { Landscape } from '../../core/landscape/saddles'
import type { LaneFrame } from '../../core/run/frame'
import type { SimulationSetup } from '../../core/run/simulation'
import { simulationClient, type SimulationClient } from '../../engine/clients'
import type { FrameAnswer, PositionsAnswer } from '../../engine/protocol'
import { DEFAULT_SPEED } from '../../core/scenario/view'
import { SAMPLING_INTERVAL_MS, samplingDelay } from './pace'

/** Frames handed to the views: `revision` grows with every new one, so a view redraws only when it changed. */
export interface PublishedFrames {
  revision: number
  frames: readonly LaneFrame[]
}

// One pair of limits for the run controls and for shared links.
export { DEFAULT_SPEED, MAX_SPEED } from '../../core/scenario/view'

/**
 * The running simulation, seen from the page. The worker owns the walkers; the
 * page pulls: in each animation frame (the scheduler's 'simulate' stage) `tick`
 * first hands over the frame that arrived since the last one, then, while
 * playing, asks for the next (`speed` steps further) unless one is on its way.
 * So frames come at most once per animation frame, and the worker computes the
 * next while the page draws this one.
 *
 * Loads are coalesced: while one is being built, later setups wait and only
 * the newest is built. Every load starts a new generation, and answers from an
 * older one are dropped.
 */
export class Run {
  readonly #client: SimulationClient
  #setup: SimulationSetup | null = null
  #generation = 0
  #loadWanted = false
  #loadInFlight = false
  #frameInFlight = false
  #arrived: { generation: number; answer: FrameAnswer } | null = null
  #samplingDue = 0
  /** The step of the newest frame that carried the comparison with the exact density. */
  #sampledAt = 0
  /** Steps asked for by hand (the Step button), done in one frame. */
  #stepsWanted = 0
  /** Frames published since the page opened, for the benchmark. */
  published = 0
  /** Skip the animation frame: publish and ask again as soon as a frame arrives (benchmark hook). */
  unthrottled = false

  #playing = $state(false)
  #speed = $state(DEFAULT_SPEED)
  #frames = $state.raw<readonly LaneFrame[]>([])
  #step = $state(0)
  #landscape = $state.raw<Landscape | null>(null)
  #surfaceKey = ''

  #loading = $state(false)
  #crash = $state<string | null>(null)
  #failure = $state<string | null>(null)
  /** A run-to: the step it pauses at, and its own pace (null: the run's speed). */
  #target = $state.raw<{ step: number; speed: number | null } | null>(null)

  /** The latest frames as plain data for the drawing tasks (read every animation frame, so not reactive). */
  latest: PublishedFrames = { revision: 0, frames: [] }

  constructor(client: SimulationClient = simulationClient()) {
    this.#client = client
    client.onCrash = (message) => {
      this.#crash = message
      this.#frameInFlight = false
      this.#loadInFlight = false
    }
  }

  get playing(): boolean {
    return this.#playing
  }
  get speed(): number {
    return this.#speed
  }
  get frames(): readonly LaneFrame[] {
    return this.#frames
  }
  /** Steps done by the lanes. */
  get step(): number {
    return this.#step
  }
  /** Minima and saddles of the running surface, as the worker found them. */
  get landscape(): Landscape | null {
    return this.#landscape
  }
  /** A new run is being built (its surface analysed) in the worker. */
  get loading(): boolean {
    return this.#loading
  }
  /** The worker died: its message. The page offers a restart. */
  get crash(): string | null {
    return this.#crash
  }
  /** The worker refused the setup (a bug: the page checks what it sends). */
  get failure(): string | null {
    return this.#failure
  }

  play(): void {
    this.#playing = true
  }
  pause(): void {
    this.#playing = false
  }
  toggle(): void {
    this.#playing = !this.#playing
  }
  setSpeed(steps: number): void {
    this.#speed = steps
  }

  /**
   * Pauses and advances `steps` steps in one frame, with the comparison with the
   * exact density refreshed: a step by hand shows every panel as it now is.
   */
  stepOnce(steps = 1): void {
    this.#playing = false
    this.#stepsWanted = steps
  }

  /** The step a run-to will pause at; null when there is none. */
  get target(): number | null {
    return this.#target?.step ?? null
  }

  /**
   * Plays to exactly `step` and pauses there (a shared link's step, an
   * experiment's length), `speed` steps a frame if given, else at the run's
   * speed; the frame that lands on it carries the comparison with the exact
   * density. A new load (any change of the scenario, a reset) drops it.
   */
  runTo(step: number, speed: number | null = null): void {
    this.#target = { step, speed }
    this.#playing = true
  }

  /** Exact (float64) states of a lane's walkers, after every frame asked for so far. */
  positions(lane: number): Promise<PositionsAnswer> {
    return this.#client.call('positions', { lane })
  }

  /** Builds the run from `setup` (a new scenario), or from the same setup again (reset). */
  load(setup: SimulationSetup | null = this.#setup): void {
    if (!setup) return
    // Another surface's minima and saddles describe nothing of this one: none until the worker answers.
    const surfaceKey = JSON.stringify([setup.program, setup.parameters, setup.domain])
    if (surfaceKey !== this.#surfaceKey) this.#landscape = null
    this.#surfaceKey = surfaceKey
    this.#setup = setup
    this.#generation++
    this.#arrived = null
    this.#sampledAt = 0
    this.#loadWanted = true
    this.#loading = true
    this.#target = null
    void this.#pumpLoad()
  }

  reset(): void {
    this.load()
  }

  /** After a crash: a fresh worker, the same scenario, nothing else lost. */
  restart(): void {
    this.#client.restart()
    this.#crash = null
    this.#frameInFlight = false
    this.#loadInFlight = false
    this.load()
  }

  /** The 'simulate' task of the page's animation frame. */
  tick(now: number): void {
    if (this.#arrived) this.#publish(this.#arrived)
    if (this.#frameInFlight || this.#loadInFlight || this.#loading || this.#crash) return
    if (this.#stepsWanted > 0) {
      this.#request(this.#stepsWanted, now, true)
      this.#stepsWanted = 0
    } else if (this.#playing) {
      this.#play(now)
    } else if (this.#step > 0 && this.#sampledAt !== this.#step && !this.#failure) {
      // Paused: the panels' comparison with the exact density is brought up to the step shown, so every
      // number on the page describes the same instant (while playing it lags by up to a sampling interval).
      this.#request(0, now, true)
    }
  }

  /** The next frame while playing: `speed` steps, or up to the run-to's step, where it pauses. */
  #play(now: number): void {
    const target = this.#target
    if (!target) return this.#request(this.#speed, now)
    const advance = Math.min(target.speed ?? this.#speed, target.step - this.#step)
    if (advance > 0) return this.#request(advance, now, advance === target.step - this.#step)
    this.#target = null
    this.#playing = false
  }

  /** Kills the worker as a crash would (the browser tests' hook). */
  simulateCrash(): void {
    this.#client.simulateCrash()
  }

  dispose(): void {
    this.#client.dispose()
  }

  async #pumpLoad(): Promise<void> {
    if (this.#loadInFlight || !this.#loadWanted || !this.#setup || this.#crash) return
    this.#loadWanted = false
    this.#loadInFlight = true
    const generation = this.#generation
    try {
      const answer = await this.#client.call('load', { setup: this.#setup })
      if (generation === this.#generation) {
        this.#landscape = answer.landscape
        this.#failure = null
      }
    } catch (e) {
      if (!this.#crash && generation === this.#generation) this.#failure = e instanceof Error ? e.message : String(e)
    }
    this.#loadInFlight = false
    if (this.#loadWanted) return void this.#pumpLoad()
    if (generation !== this.#generation || this.#crash) return
    this.#loading = false
    // The walkers move first; the (slow) first comparison with the exact density comes a second later.
    this.#samplingDue = performance.now() + SAMPLING_INTERVAL_MS
    // The walkers where they start, before any step.
    if (!this.#failure) this.#request(0, performance.now())
  }

  #request(advance: number, now: number, byHand = false): void {
    const generation = this.#generation
    const sampling = (advance > 0 || byHand) && (byHand || now >= this.#samplingDue)
    this.#frameInFlight = true
    const asked = performance.now()
    this.#client.call('frame', { advance, sampling }).then(
      (answer) => {
        this.#frameInFlight = false
        if (generation !== this.#generation) return
        if (sampling) {
          const arrived = performance.now()
          this.#samplingDue = arrived + samplingDelay(arrived - asked, this.#sampledAt === 0)
          this.#sampledAt = answer.step
        }
        this.#arrived = { generation, answer }
        if (this.unthrottled) {
          this.#publish(this.#arrived)
          if (this.#playing) this.#play(performance.now())
        }
      },
      (error: unknown) => {
        this.#frameInFlight = false
        if (!this.#crash && generation === this.#generation)
          this.#failure = error instanceof Error ? error.message : String(error)
      },
    )
  }

  #publish(arrived: { generation: number; answer: FrameAnswer }): void {
    this.#arrived = null
    if (arrived.generation !== this.#generation) return
    const { frames, step } = arrived.answer
    this.latest = { revision: this.latest.revision + 1, frames }
    this.published++
    this.#frames = frames
    this.#step = step
    if (this.#target && step >= this.#target.step) {
      this.#target = null
      this.#playing = false
    }
  }
}
