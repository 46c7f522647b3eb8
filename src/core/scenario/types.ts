import type { Start } from '../dynamics/lane'
import type { Domain } from '../surface'

/**
 * A run as plain, serialisable data: what surface, which methods with which
 * settings, how many walkers starting where, and the seed. The CLI, the page,
 * its URLs and saved sessions all produce Scenarios; the same Scenario gives the
 * same positions, bit for bit, wherever it runs.
 */
export const SCENARIO_VERSION = 1

export type SurfaceSpec =
  /** An atlas surface; `domain` zooms its plotting domain (not allowed on a periodic surface). */
  | { kind: 'atlas'; id: string; parameters: Record<string, number>; domain?: Domain }
  | { kind: 'formula'; text: string; parameters: Record<string, number>; domain: Domain }

/** Start positions a scenario can describe (explicit per-walker lists are for tests and tools). */
export type ScenarioStart = Exclude<Start, { kind: 'points' }>

export interface LaneSpec {
  method: string
  /** Method settings by name; missing ones take the method's defaults. */
  settings: Record<string, number | string>
  walkers: number
  start: ScenarioStart
}

export interface Scenario {
  version: typeof SCENARIO_VERSION
  surface: SurfaceSpec
  seed: number
  lanes: LaneSpec[]
}

export const MAX_LANES = 4
/** Seeds are integers a double holds exactly. */
export const MAX_SEED = Number.MAX_SAFE_INTEGER
