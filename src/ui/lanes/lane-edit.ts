import type { MethodDescriptor } from '../../core/dynamics/method'
import { methodById, NEW_LANE_ORDER } from '../../core/dynamics/methods'
import { settingProblem, type NumberParam } from '../../core/dynamics/params'
import { resolveLane } from '../../core/dynamics/resolve'
import type { ScenarioStart } from '../../core/scenario'
import type { LaneSpec, TrailMode } from '../../core/scenario/types'
import type { Domain } from '../../core/surface'
import type { AtlasSurface } from '../../core/surfaces'

/** Walkers per lane the page allows (the engine allows more; the views are tuned for this many). */
export { MAX_PAGE_WALKERS as MAX_LANE_WALKERS } from '../../core/scenario/view'

/**
 * The settings an atlas surface suggests for a method: its stable learning rate,
 * its accurate time step, and a temperature between its "rare" and "frequent"
 * crossing ones (their geometric mean). Only settings the method has, and only
 * values its descriptor accepts.
 */
export function suggestedSettings(methodId: string, entry: AtlasSurface | null): Record<string, number> {
  const method = methodById(methodId)
  if (!method || !entry) return {}
  const wanted: Record<string, number> = {
    lr: entry.learningRate,
    dt: entry.dt,
    kT: Number(Math.sqrt(entry.kT[0] * entry.kT[1]).toPrecision(2)),
  }
  const out: Record<string, number> = {}
  for (const p of method.params) {
    const v = wanted[p.name]
    if (v !== undefined && settingProblem(p, v) === null) out[p.name] = v
  }
  return out
}

/** A lane switched to another method: that method's defaults with the surface's suggestions; walkers and start kept. */
export function withMethod(lane: LaneSpec, methodId: string, entry: AtlasSurface | null): LaneSpec {
  return withTrail(
    { method: methodId, settings: suggestedSettings(methodId, entry), walkers: lane.walkers, start: { ...lane.start } },
    lane.trail,
  )
}

/** The lane with its trails kept as `trail`, or as its default when undefined. */
export function withTrail(lane: LaneSpec, trail: TrailMode | undefined): LaneSpec {
  const { trail: _, ...rest } = lane
  return trail === undefined ? rest : { ...rest, trail }
}

/**
 * A start inside the domain: kept if it is; else a point a little off the
 * centre (many surfaces have a critical point exactly at the centre, where
 * gradient descent would never move).
 */
export function startInside(start: ScenarioStart, d: Domain): ScenarioStart {
  if (start.kind === 'uniform') return start
  if (inside(d, start.x, start.y)) return start
  const x = roundCoordinate(d.xmin + 0.6 * (d.xmax - d.xmin), d.xmax - d.xmin)
  const y = roundCoordinate(d.ymin + 0.63 * (d.ymax - d.ymin), d.ymax - d.ymin)
  return start.kind === 'point'
    ? { kind: 'point', x, y }
    : { ...start, x, y, sigma: Math.min(start.sigma, 0.1 * (d.xmax - d.xmin)) }
}

/**
 * The lanes on a newly picked atlas surface: the same methods and walkers, its suggested settings,
 * starts inside it.
 */
export function lanesForSurface(lanes: readonly LaneSpec[], entry: AtlasSurface, domain: Domain): LaneSpec[] {
  return lanes.map((lane) => ({
    ...withMethod(lane, lane.method, entry),
    settings: { ...keptSettings(lane), ...suggestedSettings(lane.method, entry) },
    start: startInside(lane.start, domain),
  }))
}

/** Settings that do not depend on the surface's scale (friction, schedules) carry over to a new surface. */
function keptSettings(lane: LaneSpec): Record<string, number | string> {
  return Object.fromEntries(Object.entries(lane.settings).filter(([name]) => !SCALED.has(name)))
}
const SCALED = new Set(['lr', 'dt', 'kT'])

export function newLane(lanes: readonly LaneSpec[], entry: AtlasSurface | null): LaneSpec {
  const method = NEW_LANE_ORDER.find((id) => !lanes.some((l) => l.method === id)) ?? NEW_LANE_ORDER[0]!
  const sampler = methodById(method)?.family === 'sampler'
  const start = lanes[0]?.start ?? { kind: 'uniform' }
  return { method, settings: suggestedSettings(method, entry), walkers: sampler ? 500 : 1, start: { ...start } }
}

/**
 * The start moved to a point clicked on the map: a Gaussian cloud keeps its spread, anything else
 * becomes that point.
 */
export function startAt(start: ScenarioStart, x: number, y: number): ScenarioStart {
  return start.kind === 'gaussian' ? { ...start, x, y } : { kind: 'point', x, y }
}

function inside(d: Domain, x: number, y: number): boolean {
  return x >= d.xmin && x <= d.xmax && y >= d.ymin && y <= d.ymax
}

/**
 * A clicked or computed coordinate rounded to a thousandth of the domain's width
 * (to a power of ten), so the boxes read well: 0.4817 on Müller-Brown, not 0.48172934.
 */
export function roundCoordinate(v: number, width: number): number {
  const decimals = Math.max(0, -Math.floor(Math.log10(width / 1000)))
  return Number(v.toFixed(Math.min(decimals, 12)))
}

/** A lane's temperature as it runs (its kT, or its method's default), or null when its method has none. */
export function laneTemperature(lane: LaneSpec): number | null {
  const resolved = resolveLane(lane.method, lane.settings)
  if (!resolved.ok || !resolved.lane.capabilities.thermal) return null
  const kT = resolved.lane.settings.kT
  return typeof kT === 'number' ? kT : null
}

/** Whether every lane with a temperature runs at the same one (true with fewer than two). */
export function temperaturesAgree(lanes: readonly LaneSpec[]): boolean {
  const kTs = lanes.map(laneTemperature).filter((kT): kT is number => kT !== null)
  return kTs.every((kT) => kT === kTs[0])
}

/** The lane at temperature kT when its method has one and accepts that value; otherwise as it is. */
export function atTemperature(lane: LaneSpec, kT: number): LaneSpec {
  const p = methodById(lane.method)?.params.find((q) => q.name === 'kT')
  if (!p || settingProblem(p, kT) !== null || laneTemperature(lane) === kT) return lane
  return { ...lane, settings: { ...lane.settings, kT } }
}

/**
 * The lanes after lane `index` becomes `next` (or after `next` is added, at index
 * lanes.length), with one temperature for every sampler:
 * a lane that has just taken a method with a temperature joins the others' kT; a lane
 * whose kT was changed takes the others with it.
 */
export function withSharedTemperature(lanes: readonly LaneSpec[], index: number, next: LaneSpec): LaneSpec[] {
  // index === lanes.length: `next` is a lane being added.
  const before = lanes[index]
  const all = before === undefined ? [...lanes, next] : lanes
  const replaced = (lane: LaneSpec) => all.map((l, k) => (k === index ? lane : l))
  const mine = laneTemperature(next)
  if (mine === null) return replaced(next)
  if (before === undefined || before.method !== next.method) {
    const others = all.filter((_, k) => k !== index)
    const theirs = others.map(laneTemperature).find((kT) => kT !== null) ?? null
    return replaced(theirs === null ? next : atTemperature(next, theirs))
  }
  if (laneTemperature(before) === mine) return replaced(next)
  return all.map((l, k) => (k === index ? next : atTemperature(l, mine)))
}

/**
 * The setting a lane is mostly steered by, shown beside the map: kT for a method with
 * a temperature, else the learning rate, else the time step; null when it has none
 * of these (Newton's method).
 */
export function mainSetting(method: MethodDescriptor): NumberParam | null {
  for (const name of ['kT', 'lr', 'dt']) {
    const p = method.params.find((q) => q.name === name)
    if (p?.kind === 'number') return p
  }
  return null
}
