import { DEFAULT_SURFACE_ID } from '../surfaces'
import { SCENARIO_VERSION, type LaneSpec, type Scenario } from './types'

/**
 * The default scenario: on Müller-Brown, gradient descent starts up the slope at
 * (-0.2, 1), U = 12.0, well above every minimum, and is seen to descend (some
 * 90 units of U, about 0.55 across the map) into the shallow local minimum MC,
 * U = -80.77, not the global MA at -146.70; Langevin dynamics at kT = 20 started
 * at the same point crosses into MA and MB.
 */
export const DEFAULT_LANES: readonly LaneSpec[] = [
  { method: 'gd', settings: { lr: 1e-4 }, walkers: 1, start: { kind: 'point', x: -0.2, y: 1 } },
  { method: 'baoab', settings: { kT: 20, dt: 2e-3, gamma: 5 }, walkers: 500, start: { kind: 'point', x: -0.2, y: 1 } },
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
  const copy = { method: lane.method, settings: { ...lane.settings }, walkers: lane.walkers, start: { ...lane.start } }
  return lane.trail ? { ...copy, trail: lane.trail } : copy
}
