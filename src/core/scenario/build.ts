import { Lane } from '../dynamics/lane'
import { methodById } from '../dynamics/methods'
import { resolveSettings } from '../dynamics/params'
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

export function buildLane(surface: CompiledSurface, spec: LaneSpec, seed: number, scales: StatusScales): Lane {
  const method = methodById(spec.method)
  if (!method) throw new Error(`buildLane: unknown method ${spec.method}`)
  const resolved = resolveSettings(method.params, spec.settings, method.name)
  if (!resolved.ok) throw new Error(`buildLane: ${resolved.errors.map((e) => e.message).join('; ')}`)
  const conflict = method.check?.(resolved.settings, spec.walkers)
  if (conflict) throw new Error(`buildLane: ${conflict.message}`)
  return new Lane({ surface, method, settings: resolved.settings, walkers: spec.walkers, start: spec.start, seed, scales })
}
