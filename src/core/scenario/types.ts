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

/**
 * How a lane's trails are kept: the whole path from the first step (decimated for
 * drawing, never cut: the default for optimizers), the last steps only, or none (the
 * default for a cloud of many walkers, whose trails would hide the map).
 */
export type TrailMode = 'path' | 'recent' | 'none'

export const TRAIL_MODES: readonly TrailMode[] = ['path', 'recent', 'none']

/** Trails are kept for at most this many walkers of a lane, its first ones. */
export const TRAIL_WALKERS = 8

/**
 * How a lane's trails are kept unless it says: an optimizer's whole path, the last
 * steps of a sampler's few walkers, none for a cloud.
 */
export function defaultTrailMode(family: 'optimizer' | 'sampler', walkers: number): TrailMode {
  if (family === 'optimizer') return 'path'
  return walkers <= TRAIL_WALKERS ? 'recent' : 'none'
}

export interface LaneSpec {
  method: string
  /** Method settings by name; missing ones take the method's defaults. */
  settings: Record<string, number | string>
  walkers: number
  start: ScenarioStart
  /** How its trails are kept; absent: the default for its method's family and walkers. */
  trail?: TrailMode
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
