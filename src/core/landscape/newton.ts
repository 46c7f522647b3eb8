import type { CompiledSurface } from '../surface'
import { outside, wrap } from './domain'
import { symmetricEigen } from './eigen'

/** Limits of one local search, in the surface's own units. */
export interface SearchLimits {
  /** A gradient norm at or below this counts as zero. */
  gradientTolerance: number
  /** The longest single step: a few seed spacings keep each seed near its own critical point. */
  maxStep: number
  /** How far an iterate may leave a non-periodic domain before the seed is given up. */
  margin: number
}

const MAX_ITERATIONS = 80
/**
 * Iterations to reach the tolerance; the rest only polish. Every critical point has seeds
 * within a grid spacing, so a seed still far from one after this many is not worth more.
 */
const SEARCH_ITERATIONS = 30
/** Damping, as a fraction of the largest squared eigenvalue, below which the step is pure Newton. */
const MIN_DAMPING = 1e-20
const MAX_DAMPING = 1e20

/**
 * Newton's method on the gradient, damped in the Levenberg-Marquardt way: the step
 * -(H^2 + mu I)^-1 H g is Newton's for mu = 0 and turns into descent on |g|^2 as mu
 * grows, so a singular Hessian (the ring, the monkey saddle) never gives an infinite step.
 * One instance per surface; solve() allocates nothing.
 */
export class NewtonSolver {
  x = 0
  y = 0
  value = 0
  /** Uxx, Uxy, Uyy at (x, y). */
  readonly hessian = new Float64Array(3)
  private readonly g = new Float64Array(2)
  private readonly trial = new Float64Array(2)
  private readonly step = new Float64Array(2)
  /** Eigenvalues and eigenvector of the Hessian at (x, y), see symmetricEigen. */
  private readonly eigen = new Float64Array(4)

  constructor(
    private readonly surface: CompiledSurface,
    private readonly limits: SearchLimits,
  ) {}

  /** Runs from (x0, y0); true when it ends on a critical point inside the domain. */
  solve(x0: number, y0: number): boolean {
    const { surface, limits, g, trial, step } = this
    const d = surface.domain
    this.x = x0
    this.y = y0
    this.value = surface.gradient(x0, y0, g)
    if (!this.evaluateHessian()) return false
    let norm = Math.hypot(g[0]!, g[1]!)
    let damping = MIN_DAMPING
    for (let i = 0; i < MAX_ITERATIONS && norm > 0; i++) {
      if (i === SEARCH_ITERATIONS && norm > limits.gradientTolerance) return false
      // Deuflhard's natural monotonicity test (Newton Methods for Nonlinear Problems,
      // Springer 2004, sec. 3.3): a step is accepted when the Newton
      // correction it leaves behind is shorter. Unlike |g| this is blind to the scaling of
      // the two directions, so Rosenbrock's valley (eigenvalues 0.4 and 1000) does not
      // reject the very steps that converge.
      const merit = this.correction(g, MIN_DAMPING, step)
      if (!(merit > 0)) break
      const length = this.correction(g, damping, step)
      const shrink = Math.min(1, limits.maxStep / length)
      if (length * shrink <= 1e-15 * (Math.abs(this.x) + Math.abs(this.y) + limits.maxStep)) break
      let nx = this.x + step[0]! * shrink
      let ny = this.y + step[1]! * shrink
      if (d.periodic) {
        nx = wrap(nx, d.xmin, d.xmax - d.xmin)
        ny = wrap(ny, d.ymin, d.ymax - d.ymin)
      } else if (outside(d, nx, ny, limits.margin)) {
        return false
      }
      const value = surface.gradient(nx, ny, trial)
      const trialMerit = this.correction(trial, MIN_DAMPING, step)
      if (!(trialMerit < merit)) {
        // At round-off level a failed step means the point is as good as it gets.
        if (norm <= limits.gradientTolerance) break
        damping *= 16
        if (damping > MAX_DAMPING) break
        continue
      }
      this.x = nx
      this.y = ny
      this.value = value
      g[0] = trial[0]!
      g[1] = trial[1]!
      if (!this.evaluateHessian()) return false
      norm = Math.hypot(g[0], g[1])
      // Polish past the tolerance while each step still halves the correction: that
      // reaches round-off at a regular point and creeps into a degenerate one, where
      // Newton only halves the distance, until the steps are far below any plotted scale.
      if (norm <= limits.gradientTolerance && (trialMerit > 0.5 * merit || trialMerit < 1e-10 * limits.maxStep)) break
      damping = Math.max(damping / 16, MIN_DAMPING)
    }
    // A small gradient is not enough where the surface is tiny (exp(100 x) far left):
    // the Newton correction must have shrunk too, as it does at a critical point.
    const remaining = this.correction(g, MIN_DAMPING, step)
    return (
      norm <= limits.gradientTolerance &&
      !(remaining > 1e-6 * limits.maxStep) &&
      Number.isFinite(this.value) &&
      !outside(d, this.x, this.y, 0)
    )
  }

  /**
   * Writes the damped Newton step -(H^2 + mu I)^-1 H g for the Hessian at the current
   * point into out, with mu = damping times the largest squared eigenvalue, and returns
   * its length. Newton's step for a tiny damping, a short step down |g|^2 for a large one;
   * a zero eigenvalue (the ring, the monkey saddle) gives no infinite step.
   */
  private correction(g: Float64Array, damping: number, out: Float64Array): number {
    const e = this.eigen
    const lo = e[0]!
    const hi = e[1]!
    const c = e[2]!
    const s = e[3]!
    // In units of the largest |eigenvalue| m, so that m^2 cannot overflow (exp(100 x) reaches 1e166).
    const m = Math.max(Math.abs(lo), Math.abs(hi))
    const a = m > 0 ? hi / m : 0
    const b = m > 0 ? lo / m : 0
    const along = m > 0 ? ((c * g[0]! + s * g[1]!) * a) / (m * (a * a + damping)) : 0
    const across = m > 0 ? ((-s * g[0]! + c * g[1]!) * b) / (m * (b * b + damping)) : 0
    out[0] = -(c * along - s * across)
    out[1] = -(s * along + c * across)
    return Math.hypot(out[0], out[1])
  }

  private evaluateHessian(): boolean {
    const h = this.hessian
    this.surface.hessian(this.x, this.y, h)
    symmetricEigen(h[0]!, h[1]!, h[2]!, this.eigen)
    return Number.isFinite(h[0]) && Number.isFinite(h[1]) && Number.isFinite(h[2])
  }
}
