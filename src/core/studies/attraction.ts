import { Lane } from '../dynamics/lane'
import type { MethodDescriptor } from '../dynamics/method'
import type { Settings } from '../dynamics/params'
import { CONVERGED, STATUS, WALKER_STATUSES, type StatusScales } from '../dynamics/status'
import type { CompiledSurface } from '../surface'
import type { CriticalPoint } from '../landscape/critical'
import { nearestIndex } from '../landscape/domain'

/** Where an optimizer started from a grid node ended up. */
export const OUTCOMES = [
  'global minimum',
  'local minimum',
  'saddle',
  'maximum',
  'plateau',
  'oscillating',
  'diverged',
  'running',
] as const
export type Outcome = (typeof OUTCOMES)[number]
export const OUTCOME = Object.fromEntries(OUTCOMES.map((o, i) => [o, i])) as Record<Outcome, number>

export interface AttractionMap {
  nx: number
  ny: number
  xs: Float64Array
  ys: Float64Array
  /** OUTCOME code of the start at (xs[i], ys[j]), at j * nx + i. */
  outcome: Uint8Array
  /** The minimum reached (index into the minima sorted by value), or -1. */
  minimum: Int32Array
  /** Steps run (every start converged or the limit was reached). */
  steps: number
  cancelled: boolean
}

export interface AttractionRequest {
  surface: CompiledSurface
  method: MethodDescriptor
  settings: Settings
  scales: StatusScales
  /** The surface's minima, lowest first. */
  minima: readonly CriticalPoint[]
  n?: number
  maxSteps?: number
  seed?: number
  progress?: (fraction: number) => boolean
}

/**
 * The basin-of-attraction map of an optimizer with its settings: one walker per
 * node of an n x n grid, run until each has converged (minimum, saddle or
 * maximum: it is then frozen, it has nothing more to tell) or maxSteps have
 * passed, then coloured by where it ended: "where would this optimizer have got stuck".
 */
export function attractionMap(r: AttractionRequest): AttractionMap {
  const n = r.n ?? 100
  const maxSteps = r.maxSteps ?? 20_000
  const d = r.surface.domain
  const axis = (min: number, max: number) =>
    Float64Array.from({ length: n }, (_, i) => min + ((max - min) * (i + 0.5)) / n)
  const xs = axis(d.xmin, d.xmax)
  const ys = axis(d.ymin, d.ymax)
  const startX = new Float64Array(n * n)
  const startY = new Float64Array(n * n)
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      startX[j * n + i] = xs[i]!
      startY[j * n + i] = ys[j]!
    }
  }
  const lane = new Lane({
    surface: r.surface,
    method: r.method,
    settings: r.settings,
    walkers: n * n,
    start: { kind: 'points', xs: startX, ys: startY },
    seed: r.seed ?? 1,
    scales: r.scales,
  })
  const w = lane.walkers
  // Converged, diverged, or stopped on flat ground (|grad U| under the converged threshold: it will not move again).
  const still = CONVERGED * r.scales.gradient
  const settled = (s: number, i: number) =>
    s === STATUS.minimum ||
    s === STATUS.saddle ||
    s === STATUS.maximum ||
    s === STATUS.diverged ||
    (s === STATUS.plateau && Math.sqrt(w.gx[i]! * w.gx[i]! + w.gy[i]! * w.gy[i]!) <= still)
  let cancelled = false
  const chunk = 50
  while (lane.t < maxSteps) {
    lane.advance(Math.min(chunk, maxSteps - lane.t))
    let running = 0
    for (let i = 0; i < w.n; i++) {
      if (settled(w.status[i]!, i)) w.frozen[i] = 1
      else running++
    }
    if (running === 0) break
    if (r.progress && r.progress(lane.t / maxSteps) === false) {
      cancelled = true
      break
    }
  }
  const outcome = new Uint8Array(n * n)
  const minimum = new Int32Array(n * n).fill(-1)
  for (let k = 0; k < w.n; k++) {
    const status = WALKER_STATUSES[w.status[k]!]!
    if (status === 'minimum') {
      minimum[k] = nearestIndex(r.surface.domain, r.minima, w.x[k]!, w.y[k]!)
      outcome[k] = lane.label(k) === 'global' ? OUTCOME['global minimum'] : OUTCOME['local minimum']
    } else {
      outcome[k] = OUTCOME[status]
    }
  }
  return { nx: n, ny: n, xs, ys, outcome, minimum, steps: lane.t, cancelled }
}
