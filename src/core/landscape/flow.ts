import type { CompiledSurface } from '../surface'
import type { CriticalPoint } from './critical'
import { distance, nearestIndex, wrap } from './domain'
import { symmetricEigen, symmetricEigenvalues } from './eigen'

/** Where the gradient flow of a point ends: the index of a minimum (lowest first), or NO_BASIN. */
export const NO_BASIN = -1

/** What the flow needs besides the surface: the minima and the scales of the grid it labels. */
export interface FlowOptions {
  /** The minima, lowest first: labels are indices into this list. */
  minima: readonly CriticalPoint[]
  /** A length the tolerances are measured against (the basin map's node spacing). */
  spacing: number
  /**
   * Local error allowed per step, as a fraction of the step's length (error per unit
   * step: the drift over a path is at most this fraction of its length).
   */
  tolerance: number
  /** Typical |grad U| over the domain: a flow with |grad U| under 1e-12 of it has stopped. */
  gradientScale: number
}

/**
 * Optional early answer while a flow runs: the label of the region the point has
 * reached, or undefined to go on (a basin map's cells that are known to lie deep
 * inside one basin).
 */
export type Shortcut = (x: number, y: number) => number | undefined

/** Accepted steps after which a flow that has not arrived is given up (no basin). */
const MAX_STEPS = 20_000
/** Buckets per axis of the capture balls' lookup. */
const BUCKETS = 64
/** Rosenbrock ROS2's gamma, 1 + 1/sqrt(2): L-stable, second order with any Jacobian (a W-method). */
const GAMMA = 1 + Math.SQRT1_2

/**
 * Labels points with the minimum that steepest descent, the gradient flow
 * dq/dt = -grad U(q), reaches from them: the true basins of attraction, whose
 * borders are the stable manifolds of the saddles (ridges).
 *
 * The flow is stiff (Müller-Brown's curvatures span 4,000 to 10 near MA,
 * Rosenbrock's 1,000 to 0.4), so it is integrated by the two-stage Rosenbrock method
 * ROS2 (Verwer, Spee, Blom & Hundsdorfer, SIAM J. Sci. Comput. 20:1456, 1999) with the
 * exact Hessian as Jacobian: (I + gamma h H) k1 = -g(q), (I + gamma h H) k2 =
 * -g(q + h k1) - 2 k1, q' = q + h (3 k1 + k2)/2, and the first-order q + h k1 beside it
 * for the local error, which sets the next step. Where the Hessian has a negative
 * eigenvalue the step keeps 1 + gamma h lambda above 1/2, so the flow still runs away
 * from a ridge on the side it started.
 *
 * A flow ends when it enters a ball around a minimum in which the flow points
 * inward on every circle (so the ball holds no other critical point and every point
 * of it flows to that minimum), when a shortcut answers, or, having stopped on
 * flat ground, at the nearest minimum if it is a minimum-like point (both
 * curvatures non-negative: a degenerate floor). Stopped at a saddle (a point
 * exactly on a ridge) it is pushed off along the unstable direction, always to the
 * same side. Running off far beyond the domain or into non-finite U, it reaches no
 * minimum (NO_BASIN).
 */
export class GradientFlow {
  readonly radius: Float64Array
  private readonly g = new Float64Array(2)
  private readonly trial = new Float64Array(2)
  private readonly h = new Float64Array(3)
  private readonly e = new Float64Array(4)
  private readonly k1 = new Float64Array(2)
  private readonly k2 = new Float64Array(2)

  /** Minima whose capture balls meet each cell of a grid `bucket` wide (BUCKETS per axis over the domain). */
  private readonly buckets: number[][]
  private readonly bucket: [number, number]

  constructor(
    private readonly surface: CompiledSurface,
    private readonly options: FlowOptions,
  ) {
    this.radius = Float64Array.from(options.minima, (_, k) => this.captureRadius(k))
    const d = surface.domain
    this.bucket = [(d.xmax - d.xmin) / BUCKETS, (d.ymax - d.ymin) / BUCKETS]
    this.buckets = Array.from({ length: BUCKETS * BUCKETS }, () => [])
    options.minima.forEach((m, k) => {
      const r = this.radius[k]!
      if (!(r > 0)) return
      const [i0, j0] = this.cellOf(m.x - r, m.y - r, false)
      const [i1, j1] = this.cellOf(m.x + r, m.y + r, false)
      for (let j = j0; j <= j1; j++) {
        for (let i = i0; i <= i1; i++) {
          const [a, b] = d.periodic
            ? [((i % BUCKETS) + BUCKETS) % BUCKETS, ((j % BUCKETS) + BUCKETS) % BUCKETS]
            : [i, j]
          if (a >= 0 && b >= 0 && a < BUCKETS && b < BUCKETS) this.buckets[b * BUCKETS + a]!.push(k)
        }
      }
    })
  }

  /** The bucket of (x, y): wrapped on a periodic domain when `wrapped`, clamped to the grid's border otherwise. */
  private cellOf(x: number, y: number, wrapped = true): [number, number] {
    const d = this.surface.domain
    const i = Math.floor((x - d.xmin) / this.bucket[0])
    const j = Math.floor((y - d.ymin) / this.bucket[1])
    if (!wrapped) return [i, j]
    if (d.periodic) return [((i % BUCKETS) + BUCKETS) % BUCKETS, ((j % BUCKETS) + BUCKETS) % BUCKETS]
    return [Math.min(BUCKETS - 1, Math.max(0, i)), Math.min(BUCKETS - 1, Math.max(0, j))]
  }

  /** The minimum the flow from (x, y) reaches, or NO_BASIN. */
  label(x0: number, y0: number, shortcut?: Shortcut): number {
    const { surface, options } = this
    const d = surface.domain
    const width = d.xmax - d.xmin
    const height = d.ymax - d.ymin
    const far = 4 * Math.max(width, height)
    const cx = 0.5 * (d.xmin + d.xmax)
    const cy = 0.5 * (d.ymin + d.ymax)
    const floor = 1e-9 * options.spacing
    const maxMove = options.spacing
    const still = 1e-12 * options.gradientScale
    const { g, h, e, k1, k2 } = this
    let x = x0
    let y = y0
    let u = surface.gradient(x, y, g)
    let step = NaN
    let pushes = 0
    for (let accepted = 0; accepted < MAX_STEPS;) {
      if (!Number.isFinite(u) || !Number.isFinite(g[0]) || !Number.isFinite(g[1])) return NO_BASIN
      if (!d.periodic && Math.max(Math.abs(x - cx), Math.abs(y - cy)) > far) return NO_BASIN
      const captured = this.captured(x, y)
      if (captured >= 0) return captured
      const known = shortcut?.(x, y)
      if (known !== undefined) return known
      const norm = Math.hypot(g[0]!, g[1]!)
      surface.hessian(x, y, h)
      // Eigenvalues at every step; the eigenvector (atan2, cos, sin) only where the flow has stopped.
      symmetricEigenvalues(h[0]!, h[1]!, h[2]!, e)
      if (norm <= still) {
        symmetricEigen(h[0]!, h[1]!, h[2]!, e)
        // Stopped: on a floor (a degenerate minimum), or exactly on a ridge at its saddle.
        if (e[0]! >= 0 || pushes >= 2)
          return e[0]! >= -1e-9 * Math.abs(e[1]!)
            ? nearestIndex(this.surface.domain, this.options.minima, x, y)
            : NO_BASIN
        pushes++
        // The unstable direction (-sin t, cos t), oriented to a fixed side.
        const sx = -e[3]!
        const sy = e[2]!
        const side = sx > 0 || (sx === 0 && sy > 0) ? 1 : -1
        x += side * 1e-6 * options.spacing * sx
        y += side * 1e-6 * options.spacing * sy
        u = surface.gradient(x, y, g)
        step = NaN
        continue
      }
      // Keep I + gamma h H positive definite by a margin where the surface curves down.
      const limit = e[0]! < 0 ? 0.5 / (GAMMA * -e[0]!) : Infinity
      if (!(step > 0)) step = Math.min(limit, (0.1 * options.spacing) / norm)
      step = Math.min(step, limit, maxMove / norm)
      // (I + gamma h H) k = r, a symmetric 2 x 2 system.
      const a = 1 + GAMMA * step * h[0]!
      const b = GAMMA * step * h[1]!
      const c = 1 + GAMMA * step * h[2]!
      const det = a * c - b * b
      k1[0] = (-c * g[0]! + b * g[1]!) / det
      k1[1] = (b * g[0]! - a * g[1]!) / det
      let mx = x + step * k1[0]
      let my = y + step * k1[1]
      surface.gradient(mx, my, this.trial)
      const r0 = -this.trial[0]! - 2 * k1[0]
      const r1 = -this.trial[1]! - 2 * k1[1]
      k2[0] = (c * r0 - b * r1) / det
      k2[1] = (-b * r0 + a * r1) / det
      const dx = 0.5 * step * (3 * k1[0] + k2[0])
      const dy = 0.5 * step * (3 * k1[1] + k2[1])
      const error = 0.5 * step * Math.hypot(k1[0] + k2[0], k1[1] + k2[1])
      const ratio = error / Math.max(floor, options.tolerance * Math.hypot(dx, dy))
      if (Number.isFinite(ratio) && ratio <= 1) {
        mx = x + dx
        my = y + dy
        if (d.periodic) {
          mx = wrap(mx, d.xmin, width)
          my = wrap(my, d.ymin, height)
        }
        x = mx
        y = my
        accepted++
        u = surface.gradient(x, y, g)
      }
      // The first-order estimate relative to the step scales as h.
      step *= Number.isFinite(ratio) ? Math.min(4, Math.max(0.2, 0.9 / Math.max(ratio, 1e-12))) : 0.2
    }
    return NO_BASIN
  }

  /** The minimum whose capture ball holds (x, y), or -1. */
  private captured(x: number, y: number): number {
    const minima = this.options.minima
    const d = this.surface.domain
    const [i, j] = this.cellOf(x, y)
    for (const k of this.buckets[j * BUCKETS + i]!) {
      const m = minima[k]!
      if (distance(d, x, y, m.x, m.y) < this.radius[k]!) return k
    }
    return -1
  }

  /**
   * The radius of a ball around minimum k that the flow never leaves: the flow
   * points inward, (q - m) . grad U(q) > 0, at 48 points on each of several circles
   * up to that radius. Starts from half the distance to the nearest other minimum
   * (or a tenth of the domain) and shrinks until the test holds; 0 when even a tiny
   * ball fails (a degenerate minimum: its flows end by stopping instead).
   */
  private captureRadius(k: number): number {
    const { surface, options } = this
    const m = options.minima[k]!
    const d = surface.domain
    let r = 0.1 * Math.hypot(d.xmax - d.xmin, d.ymax - d.ymin)
    options.minima.forEach((other, j) => {
      if (j !== k) r = Math.min(r, 0.5 * distance(d, m.x, m.y, other.x, other.y))
    })
    const g = this.g
    const inward = (radius: number) => {
      for (let a = 0; a < 48; a++) {
        const angle = (2 * Math.PI * a) / 48
        const dx = radius * Math.cos(angle)
        const dy = radius * Math.sin(angle)
        const u = surface.gradient(m.x + dx, m.y + dy, g)
        if (!(Number.isFinite(u) && dx * g[0]! + dy * g[1]! > 0)) return false
      }
      return true
    }
    const floor = 1e-3 * options.spacing
    while (r > floor) {
      if ([1, 0.75, 0.5, 0.3, 0.15, 0.05].every((f) => inward(f * r))) return r
      r *= 0.6
    }
    return 0
  }
}
