import { resolveLane } from '../core/dynamics/resolve'
import type { Scenario } from '../core/scenario/types'

/** The scenario with every lane's settings filled in with defaults: what the run really used. */
export function resolvedScenario(scenario: Scenario): Scenario {
  return {
    ...scenario,
    lanes: scenario.lanes.map((lane) => {
      const r = resolveLane(lane.method, lane.settings)
      return { ...lane, settings: r.ok ? { ...r.lane.settings } : lane.settings }
    }),
  }
}
