import { compileFormula } from '../core/formula'
import type { CompiledSurface, Domain } from '../core/surface'
import { atlasSurface } from '../core/surfaces'
import { compileAtlasSurface } from '../core/surfaces/compile'
import { Lane, type Start } from '../core/dynamics/lane'
import { methodById } from '../core/dynamics/methods'
import { resolveSettings } from '../core/dynamics/params'
import { statusScales } from '../core/landscape/scales'
import type { StatusScales } from '../core/dynamics/status'

/** Support for the optimizer tests (test code only): surfaces and lanes in one line each. */

export function formulaSurface(text: string, domain?: Domain): CompiledSurface {
  const compiled = compileFormula(text, { domain })
  if (!compiled.ok) throw new Error(compiled.error.message)
  return compiled.surface
}

const atlasCache = new Map<string, { surface: CompiledSurface; scales: StatusScales }>()

/** An atlas surface and its status scales, computed once per test file. */
export function atlas(id: string): { surface: CompiledSurface; scales: StatusScales } {
  let hit = atlasCache.get(id)
  if (!hit) {
    const entry = atlasSurface(id)
    if (!entry) throw new Error(`no atlas surface ${id}`)
    const surface = compileAtlasSurface(entry)
    hit = { surface, scales: statusScales(surface) }
    atlasCache.set(id, hit)
  }
  return hit
}

/** Scales for tests that look at positions only, not at statuses. */
export const UNIT_SCALES: StatusScales = { gradient: 1, curvature: 1, valueRange: 1, lowestMinimum: NaN, extent: 1 }

export interface TestLane {
  surface: CompiledSurface
  method: string
  settings?: Record<string, unknown>
  start: Start
  walkers?: number
  seed?: number
  scales?: StatusScales
}

export function testLane(run: TestLane): Lane {
  const method = methodById(run.method)
  if (!method) throw new Error(`no method ${run.method}`)
  const resolved = resolveSettings(method.params, run.settings ?? {}, method.name)
  if (!resolved.ok) throw new Error(resolved.errors.map((e) => e.message).join('; '))
  return new Lane({
    surface: run.surface,
    method,
    settings: resolved.settings,
    walkers: run.walkers ?? 1,
    start: run.start,
    seed: run.seed ?? 1,
    scales: run.scales ?? UNIT_SCALES,
  })
}

/** Walker 0's position after each of the next `steps` steps. */
export function path(lane: Lane, steps: number): [number, number][] {
  const out: [number, number][] = []
  for (let k = 0; k < steps; k++) {
    lane.advance(1)
    out.push([lane.walkers.x[0], lane.walkers.y[0]])
  }
  return out
}
