import { Lane } from '../dynamics/lane'
import { resolveLane } from '../dynamics/resolve'
import type { StatusScales } from '../dynamics/status'
import type { CompiledSurface } from '../surface'
import type { LaneSpec, Scenario } from './types'

/**
 * Lanes from a validated scenario on its compiled surface. Uses no mathjs, so
 * the worker runs it on the program the page sends. Throws on a lane the
 * validator should have refused (a bug, not a user mistake).
 */
export function buildLanes(surface: CompiledSurface, scenario: Scenario, scales: StatusScales): Lane[] {
  return scenario.lanes.map((spec) => buildLane(surface, spec, scenario.seed, scales))
}

export function buildLane(surface: CompiledSurface, spec: LaneSpec, seed: number, scales?: StatusScales): Lane {
  const resolved = resolveLane(spec.method, spec.settings, spec.walkers)
  if (!resolved.ok) throw new Error(`buildLane: ${resolved.errors.map((e) => e.message).join('; ')}`)
  const { method, settings } = resolved.lane
  return new Lane({ surface, method, settings, walkers: spec.walkers, start: spec.start, seed, scales })
}
