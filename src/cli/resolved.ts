import { methodById } from '../core/dynamics/methods'
import { resolveSettings } from '../core/dynamics/params'
import type { Scenario } from '../core/scenario/types'

/** The scenario with every lane's settings filled in with defaults: what the run really used. */
export function resolvedScenario(scenario: Scenario): Scenario {
  return {
    ...scenario,
    lanes: scenario.lanes.map((lane) => {
      const method = methodById(lane.method)!
      const r = resolveSettings(method.params, lane.settings, method.id)
      return { ...lane, settings: r.ok ? { ...r.settings } : lane.settings }
    }),
  }
}
