import { DEFAULT_SURFACE_ID } from '../surfaces'
import { SCENARIO_VERSION, type LaneSpec, type Scenario } from './types'

/**
 * The default scenario: on Müller-Brown, gradient descent from (0, 0.5) settles
 * in the shallow local minimum MC, while Langevin dynamics at kT = 20 started at
 * the same point crosses into MA and MB.
 */
export const DEFAULT_LANES: readonly LaneSpec[] = [
  { method: 'gd', settings: { lr: 1e-4 }, walkers: 1, start: { kind: 'point', x: 0, y: 0.5 } },
  { method: 'baoab', settings: { kT: 20, dt: 2e-3, gamma: 5 }, walkers: 500, start: { kind: 'point', x: 0, y: 0.5 } },
]

export const DEFAULT_SEED = 1

export function defaultScenario(): Scenario {
  return {
    version: SCENARIO_VERSION,
    surface: { kind: 'atlas', id: DEFAULT_SURFACE_ID, parameters: {} },
    seed: DEFAULT_SEED,
    lanes: DEFAULT_LANES.map(copyLane),
  }
}

export function copyLane(lane: LaneSpec): LaneSpec {
  return { method: lane.method, settings: { ...lane.settings }, walkers: lane.walkers, start: { ...lane.start } }
}
