import type { CompiledSurface } from '../surface'
import type { KnownPoint } from '../surfaces/types'
import type { CriticalPoint } from './critical'
import { nameCriticalPoints } from './names'
import { nearestIndex, wrap } from './domain'
import { symmetricEigen } from './eigen'
import { sampleSurface } from './sample'

/** A saddle (one negative Hessian eigenvalue) and the two minima it joins. */
export interface SaddleConnection {
  saddle: CriticalPoint
  /** Its name, as the map labels it (see names.ts). */
  name: string
  /** Indices into the minima sorted by value (lowest first), smaller index first. */
  joins: [number, number]
  /** U(saddle) - U(minimum), seen from joins[0] and from joins[1]. */
  barriers: [number, number]
}

export interface Landscape {
  /** The minima, lowest first: the indices used everywhere. */
  minima: CriticalPoint[]
  /**
   * The minima's names, as the map labels them (names.ts): the one name of each basin in the tables, the status
   * lines, the CSV and the captions.
   */
  names: string[]
  /** Each transition state with the basins it connects, by saddle value (lowest first). */
  saddles: SaddleConnection[]
}

/**
 * Joins every saddle to the two minima on either side: steepest descent started
 * a small step from the saddle along the eigenvector of its negative eigenvalue,
 * both ways, down to where the gradient has nearly vanished, then the nearest
 * minimum. A saddle whose two descents reach the same minimum (possible at a
 * domain edge) joins nothing and is left out. `known` are the surface's
 * published points, whose names the found ones take.
 */
export function connectSaddles(
  surface: CompiledSurface,
  points: readonly CriticalPoint[],
  known: readonly KnownPoint[] = [],
): Landscape {
  const allNames = nameCriticalPoints(points, known, surface.domain)
  const nameOf = (p: CriticalPoint) => allNames[points.indexOf(p)]!
  const minima = points.filter((p) => p.kind === 'minimum').sort((a, b) => a.value - b.value)
  const sample = sampleSurface(surface, 41)
  const extent = sample.extent
  const h = new Float64Array(3)
  const eigen = new Float64Array(4)
  const saddles: SaddleConnection[] = []
  for (const s of points.filter((p) => p.kind === 'saddle').sort((a, b) => a.value - b.value)) {
    surface.hessian(s.x, s.y, h)
    symmetricEigen(h[0]!, h[1]!, h[2]!, eigen)
    // The eigenvector of the smaller (negative) eigenvalue is (-sin t, cos t).
    const vx = -eigen[3]!
    const vy = eigen[2]!
    const offset = 1e-3 * extent
    // The minimum reached by descending from one side of the saddle (nearestIndex: -1 for none).
    const below = (side: number) => {
      const end = descend(
        surface,
        s.x + side * offset * vx,
        s.y + side * offset * vy,
        0.02 * extent,
        1e-6 * sample.gradientScale,
      )
      return nearestIndex(surface.domain, minima, end[0], end[1])
    }
    const a = below(1)
    const b = below(-1)
    if (a < 0 || b < 0 || a === b) continue
    const joins: [number, number] = a < b ? [a, b] : [b, a]
    saddles.push({
      saddle: s,
      name: nameOf(s),
      joins,
      barriers: [s.value - minima[joins[0]]!.value, s.value - minima[joins[1]]!.value],
    })
  }
  return { minima, names: minima.map(nameOf), saddles }
}

/**
 * Steepest descent with a backtracking step (Armijo's condition): the step grows
 * by half while it is accepted and halves when it is not, never longer than
 * maxStep. Stops where |grad U| <= tolerance, or after 20,000 steps.
 */
function descend(
  surface: CompiledSurface,
  x0: number,
  y0: number,
  maxStep: number,
  tolerance: number,
): [number, number] {
  const d = surface.domain
  const g = new Float64Array(2)
  const trial = new Float64Array(2)
  let x = x0
  let y = y0
  let u = surface.gradient(x, y, g)
  let alpha = maxStep
  for (let k = 0; k < 20_000 && Number.isFinite(u); k++) {
    const norm = Math.hypot(g[0]!, g[1]!)
    if (norm <= tolerance) break
    const length = Math.min(alpha, maxStep)
    let nx = x - (length * g[0]!) / norm
    let ny = y - (length * g[1]!) / norm
    if (d.periodic) {
      nx = wrap(nx, d.xmin, d.xmax - d.xmin)
      ny = wrap(ny, d.ymin, d.ymax - d.ymin)
    }
    const nu = surface.gradient(nx, ny, trial)
    if (nu <= u - 1e-4 * length * norm) {
      x = nx
      y = ny
      u = nu
      g.set(trial)
      alpha = length * 1.5
    } else {
      alpha = length * 0.5
      if (alpha < 1e-15 * maxStep) break
    }
  }
  return [x, y]
}
