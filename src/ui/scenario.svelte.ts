import { defaultScenario, MAX_LANES, type LaneSpec, type Scenario, type SurfaceSpec } from '../core/scenario'
import type { AtlasSurface } from '../core/surfaces'
import type { SimulationSetup } from '../core/run/simulation'
import type { TaskSurface } from '../engine/protocol'
import { atTemperature, laneTemperature, startAt, temperaturesAgree, withSharedTemperature } from './lanes/lane-edit'

/** A scenario's surface as checked on the page: what a worker compiles, with what the page labels it by. */
export interface CheckedSurface extends TaskSurface {
  axes: [string, string]
  /** The atlas entry, null for the user's own formula. */
  entry: AtlasSurface | null
}

/**
 * The single source of truth of what runs: the Scenario (surface spec, seed,
 * lane specs) and its surface as checked on the page. Every change replaces the
 * scenario (plain data, never mutated: it goes to the worker as it is), and the
 * run restarts from `setup`.
 */
export class PageScenario {
  #scenario = $state.raw<Scenario>(defaultScenario())
  #surface = $state.raw<CheckedSurface | null>(null)
  /**
   * Every lane with a temperature runs at the same kT: a sampler added or switched to joins
   * it, and changing one sampler's kT changes them all. On by default; a state whose
   * samplers run at different temperatures (a link, an experiment) turns it off.
   */
  sameTemperature = $state(true)

  /** What the simulation worker builds the run from; null until the first surface is checked. */
  readonly setup = $derived.by((): SimulationSetup | null => {
    const surface = this.#surface
    if (!surface) return null
    const { program, parameters, domain, analysis } = surface
    return { program, parameters, domain, analysis, seed: this.#scenario.seed, lanes: this.#scenario.lanes }
  })

  get scenario(): Scenario {
    return this.#scenario
  }
  get surface(): CheckedSurface | null {
    return this.#surface
  }
  get lanes(): readonly LaneSpec[] {
    return this.#scenario.lanes
  }
  get seed(): number {
    return this.#scenario.seed
  }

  /** A newly checked surface, with the lanes it comes with (an atlas pick suggests new settings). */
  setSurface(spec: SurfaceSpec, surface: CheckedSurface, lanes: LaneSpec[] = this.#scenario.lanes): void {
    this.#surface = surface
    if (lanes !== this.#scenario.lanes) this.sameTemperature = temperaturesAgree(lanes)
    this.#scenario = { ...this.#scenario, surface: spec, lanes }
  }

  setLane(index: number, lane: LaneSpec): void {
    const lanes = this.#scenario.lanes
    this.#scenario = {
      ...this.#scenario,
      lanes: this.sameTemperature
        ? withSharedTemperature(lanes, index, lane)
        : lanes.map((l, k) => (k === index ? lane : l)),
    }
  }

  addLane(lane: LaneSpec): void {
    const lanes = this.#scenario.lanes
    if (lanes.length >= MAX_LANES) return
    this.#scenario = {
      ...this.#scenario,
      lanes: this.sameTemperature ? withSharedTemperature(lanes, lanes.length, lane) : [...lanes, lane],
    }
  }

  /** Turns the shared temperature on (every sampler then takes the first one's kT) or off. */
  setSameTemperature(on: boolean): void {
    this.sameTemperature = on
    if (!on) return
    const lanes = this.#scenario.lanes
    const kT = lanes.map(laneTemperature).find((t) => t !== null) ?? null
    if (kT === null) return
    const aligned = lanes.map((l) => atTemperature(l, kT))
    if (aligned.some((l, k) => l !== lanes[k])) this.#scenario = { ...this.#scenario, lanes: aligned }
  }

  removeLane(index: number): void {
    if (this.#scenario.lanes.length <= 1) return
    this.#scenario = { ...this.#scenario, lanes: this.#scenario.lanes.filter((_, k) => k !== index) }
  }

  setSeed(seed: number): void {
    this.#scenario = { ...this.#scenario, seed }
  }

  /** Drops the walkers of one lane (or of every lane) at (x, y). */
  placeStart(which: number | 'all', x: number, y: number): void {
    const lanes = this.#scenario.lanes.map((l, k) =>
      which === 'all' || which === k ? { ...l, start: startAt(l.start, x, y) } : l,
    )
    this.#scenario = { ...this.#scenario, lanes }
  }
}
