import type { CompiledSurface, Domain } from '../surface'
import type { CriticalKind } from '../surfaces/types'
import { PointCells } from './cells'
import { compassMinimum, isRoughMinimum } from './compass'
import { hessianKind, symmetricEigen } from './eigen'
import { sampleSurface, type SurfaceSample } from './sample'
import { outside } from './domain'
import { NewtonSolver } from './newton'
import { GroundProbe, OVERFLOW_BOUND } from './ground'

export interface CriticalPoint {
  x: number
  y: number
  value: number
  kind: CriticalKind
  /** Hessian eigenvalues, smaller first; null where the surface is not smooth (a cone tip). */
  eigenvalues: [number, number] | null
}

export interface CriticalOptions {
  /** Seeds per axis (the grid has seeds x seeds nodes). */
  seeds?: number
}

/** At least six seeds per unit period: Rastrigin's and Ackley's ripples over [-5, 5]. */
const DEFAULT_SEEDS = 81
/** A gradient this small relative to the surface's typical gradient counts as zero. */
const ZERO_GRADIENT = 1e-9

/**
 * Every minimum, saddle and maximum of a surface inside its domain, sorted by value
 * (ties by x, then y). Newton runs from every node of a grid; points it cannot reach
 * because the gradient is undefined there (a cone tip) come from a compass search
 * started at the grid's own discrete minima. A curve of degenerate points, such as a
 * ring of minima, is reported once. Deterministic.
 */
export function criticalPoints(surface: CompiledSurface, options: CriticalOptions = {}): CriticalPoint[] {
  const seeds = options.seeds ?? DEFAULT_SEEDS
  if (!Number.isInteger(seeds) || seeds < 3)
    throw new RangeError(`criticalPoints: seeds must be an integer >= 3, not ${seeds}`)
  const grid = sampleSurface(surface, seeds)
  const solver = new NewtonSolver(surface, {
    gradientTolerance: ZERO_GRADIENT * grid.gradientScale,
    maxStep: 2 * grid.spacing,
    margin: 0.05 * grid.extent,
  })
  const eigen = new Float64Array(4)
  const classify = (): CriticalPoint => classifyPoint(solver, grid.curvatureScale, eigen)
  const smooth: CriticalPoint[] = []
  for (const y of grid.ys) {
    for (const x of grid.xs) {
      if (solver.solve(x, y)) smooth.push(classify())
    }
  }
  const rough = roughMinima(surface, grid, smooth, solver, classify)
  const d = surface.domain
  const merge = 1e-6 * grid.extent
  const solid = solidGround(surface, grid)
  const points = [
    ...mergeDuplicates(
      d,
      smooth.filter((p) => p.kind !== 'degenerate'),
      merge,
    ),
    ...collapseChains(
      d,
      mergeDuplicates(
        d,
        smooth.filter((p) => p.kind === 'degenerate'),
        merge,
      ),
      2 * grid.spacing,
    ),
    ...mergeDuplicates(d, rough, merge),
  ].filter(solid)
  // Values equal to round-off (Himmelblau's four zeros) order by position, not by noise.
  const quantum = 1e-12 * grid.valueRange
  const key = (p: CriticalPoint) => (quantum > 0 ? Math.round(p.value / quantum) : p.value)
  return points.sort((a, b) => key(a) - key(b) || a.x - b.x || a.y - b.y)
}

/**
 * Whether a candidate stands on solid ground: U is a usable number there and at every seed node of its cell and the
 * cells around it (nodeless NaN or overflow beside it means Newton met a cliff edge or a pole, not a critical point),
 * and its flatness is not an artefact of an exp that underflowed (exp(1000 x) is exactly 0 for x < -0.745, with
 * gradient and Hessian 0 too, though U has no critical point).
 */
function solidGround(surface: CompiledSurface, grid: SurfaceSample): (p: CriticalPoint) => boolean {
  const d = surface.domain
  const { xs, ys, values } = grid
  const nx = xs.length
  const ny = ys.length
  const broken = (v: number) => !(Math.abs(v) <= OVERFLOW_BOUND)
  if (!values.some(broken) && !values.some((v) => v === 0 || Math.abs(v) < MIN_NORMAL)) {
    // Nothing broken and nothing near underflow on the seed grid: no probe needed (the atlas).
    return () => true
  }
  const probe = new GroundProbe(surface)
  const dx = (d.xmax - d.xmin) / (d.periodic ? nx : nx - 1)
  const dy = (d.ymax - d.ymin) / (d.periodic ? ny : ny - 1)
  const g = new Float64Array(2)
  const h = new Float64Array(3)
  const flat = (v: number) => Math.abs(v) < MIN_NORMAL
  return (p) => {
    const fx = (p.x - d.xmin) / dx
    const fy = (p.y - d.ymin) / dy
    for (let j = Math.floor(fy) - 1; j <= Math.ceil(fy) + 1; j++) {
      for (let i = Math.floor(fx) - 1; i <= Math.ceil(fx) + 1; i++) {
        const ii = d.periodic ? (i + nx) % nx : i
        const jj = d.periodic ? (j + ny) % ny : j
        if (ii < 0 || jj < 0 || ii >= nx || jj >= ny) continue
        if (broken(values[jj * nx + ii]!)) return false
      }
    }
    if (broken(probe.value(p.x, p.y))) return false
    if (!probe.underflow) return true
    surface.gradient(p.x, p.y, g)
    surface.hessian(p.x, p.y, h)
    return !(flat(g[0]!) && flat(g[1]!) && flat(h[0]!) && flat(h[1]!) && flat(h[2]!))
  }
}

/** The smallest normal double. */
const MIN_NORMAL = 2 ** -1022

function classifyPoint(solver: NewtonSolver, curvatureScale: number, eigen: Float64Array): CriticalPoint {
  const h = solver.hessian
  symmetricEigen(h[0]!, h[1]!, h[2]!, eigen)
  const kind = hessianKind(eigen[0]!, eigen[1]!, curvatureScale)
  return { x: solver.x, y: solver.y, value: solver.value, kind, eigenvalues: [eigen[0]!, eigen[1]!] }
}

/**
 * Minima Newton cannot land on: a grid node lower than its eight neighbours with no
 * smooth minimum near it is refined by compass search. If Newton then converges from
 * there the point was smooth after all and joins `smooth`; otherwise it is a minimum
 * without a Hessian.
 */
function roughMinima(
  surface: CompiledSurface,
  grid: SurfaceSample,
  smooth: CriticalPoint[],
  solver: NewtonSolver,
  classify: () => CriticalPoint,
): CriticalPoint[] {
  const d = surface.domain
  const { xs, ys, values, spacing, extent } = grid
  const nx = xs.length
  const ny = ys.length
  const near = 1.5 * spacing
  const lows = new PointCells(d, near)
  smooth.forEach((p, k) => {
    if (p.kind === 'minimum' || p.kind === 'degenerate') lows.add(k, p.x, p.y)
  })
  const found: CriticalPoint[] = []
  const out = new Float64Array(3)
  const gradient = new Float64Array(2)
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      if (!isDiscreteMinimum(values, nx, ny, i, j, d.periodic === true)) continue
      const x = xs[i]!
      const y = ys[j]!
      let covered = false
      lows.forEachNear(x, y, (k) => {
        const p = smooth[k]!
        covered ||= lows.distance(p.x, p.y, x, y) <= near
      })
      if (covered) continue
      compassMinimum(surface, x, y, spacing, 1e-13 * extent, out)
      if (solver.solve(out[0]!, out[1]!)) {
        smooth.push(classify())
      } else if (
        Number.isFinite(out[2]) &&
        // A search that ran into the edge of the domain found the edge, not a minimum.
        !outside(d, out[0]!, out[1]!, -1e-9 * extent) &&
        isRoughMinimum(surface, out[0]!, out[1]!, extent, grid.gradientScale, gradient)
      ) {
        found.push({ x: out[0]!, y: out[1]!, value: out[2]!, kind: 'minimum', eigenvalues: null })
      }
    }
  }
  return found
}

function isDiscreteMinimum(
  values: Float64Array,
  nx: number,
  ny: number,
  i: number,
  j: number,
  periodic: boolean,
): boolean {
  if (!periodic && (i === 0 || j === 0 || i === nx - 1 || j === ny - 1)) return false
  const v = values[j * nx + i]!
  if (!Number.isFinite(v)) return false
  for (let dj = -1; dj <= 1; dj++) {
    for (let di = -1; di <= 1; di++) {
      if (di === 0 && dj === 0) continue
      const neighbour = values[((j + dj + ny) % ny) * nx + ((i + di + nx) % nx)]!
      if (!(v < neighbour)) return false
    }
  }
  return true
}

/** Keeps the first of the points that lie within `radius` of one another (seeds that met). */
function mergeDuplicates(d: Domain, points: CriticalPoint[], radius: number): CriticalPoint[] {
  const cells = new PointCells(d, radius)
  const kept: CriticalPoint[] = []
  for (const p of points) {
    let duplicate = false
    cells.forEachNear(p.x, p.y, (k) => {
      const q = kept[k]!
      duplicate ||= cells.distance(p.x, p.y, q.x, q.y) <= radius
    })
    if (duplicate) continue
    cells.add(kept.length, p.x, p.y)
    kept.push(p)
  }
  return kept
}

/**
 * Degenerate points that chain together within `link` are one curve (a ring of minima)
 * or one point reached slowly from many sides (the monkey saddle): each chain is reported
 * once, by its member of largest x (then smallest y), which on a ring about the origin is
 * the point at angle zero.
 */
function collapseChains(d: Domain, points: CriticalPoint[], link: number): CriticalPoint[] {
  const chain = points.map((_, i) => i)
  const root = (i: number): number => {
    while (chain[i] !== i) i = chain[i] = chain[chain[i]!]!
    return i
  }
  const cells = new PointCells(d, link)
  points.forEach((p, i) => {
    cells.forEachNear(p.x, p.y, (k) => {
      const q = points[k]!
      if (cells.distance(p.x, p.y, q.x, q.y) <= link) chain[root(k)] = root(i)
    })
    cells.add(i, p.x, p.y)
  })
  const best = new Map<number, CriticalPoint>()
  points.forEach((p, i) => {
    const r = root(i)
    const q = best.get(r)
    if (!q || p.x > q.x || (p.x === q.x && p.y < q.y)) best.set(r, p)
  })
  return [...best.values()]
}
