import { FLAT_CURVATURE, hessianKind, symmetricEigenvalues } from '../landscape/eigen'
import type { StatusScales } from '../landscape/scales'
import type { CompiledSurface } from '../surface'
import type { Walkers } from './walkers'

/**
 * What each walker is doing, in the same words everywhere (engine, CLI, page).
 * Computed by the engine from the gradient, the Hessian and the recent path.
 */
export const WALKER_STATUSES = [
  'running',
  'minimum',
  'saddle',
  'maximum',
  'plateau',
  'oscillating',
  'diverged',
] as const
export type WalkerStatus = (typeof WALKER_STATUSES)[number]
export const STATUS = Object.fromEntries(WALKER_STATUSES.map((s, i) => [s, i])) as Record<WalkerStatus, number>

export type MinimumLabel = 'global' | 'local' | null

export type { StatusScales }

/** |grad U| below this fraction of the typical gradient counts as converged. */
export const CONVERGED = 1e-6
/**
 * |grad U| below this fraction of the typical gradient for PLATEAU_STEPS steps,
 * while the walker covers less than PLATEAU_PATH of the domain's diagonal, is a plateau.
 */
export const PLATEAU = 1e-3
export const PLATEAU_STEPS = 200
export const PLATEAU_PATH = 0.01
/** Steps per window of the oscillation test. */
export const OSCILLATION_WINDOW = 100
/**
 * An eigenvalue below this fraction of the other one makes a converged walker
 * degenerate. A walker stopped beside a ring of minima, where |grad U| fell under
 * CONVERGED, sees a tangential curvature of about |grad U|/r: 1e-5 of the radial
 * one on the ring surface. Rosenbrock's minimum, merely ill-conditioned (0.40 and
 * 1001.6, a ratio of 4e-4), is not degenerate.
 */
export const DEGENERATE_RATIO = 1e-4
/**
 * A walker stopped on flat ground this close to a known critical point (a fraction of the domain's diagonal) is at it.
 */
export const NEAR_CRITICAL = 0.02

/**
 * Follows each optimizer walker's path and names what it does: converged
 * (minimum, saddle or maximum by the Hessian's eigenvalues), on a plateau,
 * oscillating, or running. Diverged is set by the lane.
 */
export class StatusTracker {
  readonly degenerate: Uint8Array
  /** Plateau test: the step and |grad U| at which the current run of flat steps began. */
  private readonly flatSince: Float64Array
  private readonly flatGradient: Float64Array
  private readonly flatPath: Float64Array
  private readonly plateau: Uint8Array
  /** Oscillation test: path length, start point and |grad U| of the current window. */
  private readonly oscillating: Uint8Array
  private readonly path: Float64Array
  private readonly anchorX: Float64Array
  private readonly anchorY: Float64Array
  private readonly anchorGradient: Float64Array
  private readonly prevX: Float64Array
  private readonly prevY: Float64Array
  private readonly h = new Float64Array(3)
  private readonly eigen = new Float64Array(4)

  constructor(
    private readonly surface: CompiledSurface,
    private readonly w: Walkers,
    readonly scales: StatusScales,
  ) {
    const n = w.n
    this.degenerate = new Uint8Array(n)
    this.flatSince = new Float64Array(n).fill(-1)
    this.flatGradient = new Float64Array(n)
    this.flatPath = new Float64Array(n)
    this.plateau = new Uint8Array(n)
    this.oscillating = new Uint8Array(n)
    this.path = new Float64Array(n)
    this.anchorX = Float64Array.from(w.x)
    this.anchorY = Float64Array.from(w.y)
    this.anchorGradient = new Float64Array(n)
    this.prevX = Float64Array.from(w.x)
    this.prevY = Float64Array.from(w.y)
    for (let i = 0; i < n; i++) this.anchorGradient[i] = Math.sqrt(w.gx[i]! * w.gx[i]! + w.gy[i]! * w.gy[i]!)
  }

  /** Called after step t has moved the walkers (t + 1 steps done). */
  update(t: number): void {
    const w = this.w
    const done = t + 1
    const converged = CONVERGED * this.scales.gradient
    const flat = PLATEAU * this.scales.gradient
    const windowEnds = done % OSCILLATION_WINDOW === 0
    for (let i = 0; i < w.n; i++) {
      if (w.status[i] === STATUS.diverged || w.frozen[i] === 1) continue
      const g = Math.sqrt(w.gx[i]! * w.gx[i]! + w.gy[i]! * w.gy[i]!)
      const dx = w.x[i]! - this.prevX[i]!
      const dy = w.y[i]! - this.prevY[i]!
      const moved = Math.sqrt(dx * dx + dy * dy)
      this.path[i]! += moved
      this.flatPath[i]! += moved
      this.prevX[i] = w.x[i]!
      this.prevY[i] = w.y[i]!
      this.trackPlateau(i, g, done, converged, flat)
      if (windowEnds) this.closeWindow(i, g)
      // A walker whose method has stopped it (L-BFGS at its own tolerance) with a small
      // gradient has converged by that method's criterion.
      if (g <= converged || (moved === 0 && g <= flat)) {
        w.status[i] = this.classify(i)
      } else {
        this.degenerate[i] = 0
        w.status[i] = this.plateau[i] ? STATUS.plateau : this.oscillating[i] ? STATUS.oscillating : STATUS.running
      }
    }
  }

  /**
   * A plateau: |grad U| under the flat threshold for PLATEAU_STEPS steps without
   * halving, while the walker barely moves. Geometric convergence into a minimum
   * also passes through small gradients, but they shrink; Adam's steps near a
   * minimum keep their length, so it moves on.
   */
  private trackPlateau(i: number, g: number, done: number, converged: number, flat: number): void {
    if (g <= converged || g > flat) {
      this.flatSince[i] = -1
      this.plateau[i] = 0
      return
    }
    if (this.flatSince[i]! < 0) {
      this.flatSince[i] = done
      this.flatGradient[i] = g
      this.flatPath[i] = 0
    } else if (done - this.flatSince[i]! >= PLATEAU_STEPS) {
      const still = this.flatPath[i]! < PLATEAU_PATH * this.scales.extent
      this.plateau[i] = g >= 0.5 * this.flatGradient[i]! && still ? 1 : 0
      this.flatSince[i] = done
      this.flatGradient[i] = g
      this.flatPath[i] = 0
    }
  }

  /**
   * Oscillating: over the window the walker went back and forth (net displacement
   * under a tenth of the path) and its gradient did not halve (not converging).
   */
  private closeWindow(i: number, g: number): void {
    const w = this.w
    const ex = w.x[i]! - this.anchorX[i]!
    const ey = w.y[i]! - this.anchorY[i]!
    const net = Math.sqrt(ex * ex + ey * ey)
    this.oscillating[i] = this.path[i]! > 0 && net < 0.1 * this.path[i]! && g >= 0.5 * this.anchorGradient[i]! ? 1 : 0
    this.anchorX[i] = w.x[i]!
    this.anchorY[i] = w.y[i]!
    this.anchorGradient[i] = g
    this.path[i] = 0
  }

  private classify(i: number): number {
    const w = this.w
    this.surface.hessian(w.x[i]!, w.y[i]!, this.h)
    symmetricEigenvalues(this.h[0]!, this.h[1]!, this.h[2]!, this.eigen)
    const lo = this.eigen[0]!
    const hi = this.eigen[1]!
    const kind = hessianKind(lo, hi, this.scales.curvature, DEGENERATE_RATIO)
    this.degenerate[i] = kind === 'degenerate' ? 1 : 0
    // Stopped with mixed curvatures: a saddle if one of the surface's is here; elsewhere the ground is
    // merely too flat to move on (far out on exp(-r^2) |grad U| and the Hessian fade together).
    if (kind === 'saddle') return this.nearCritical(i) ? STATUS.saddle : STATUS.plateau
    if (kind !== 'degenerate') return STATUS[kind]
    // Degenerate: name it by the eigenvalue that is not flat (a ring of minima is a
    // minimum). When both are flat the signs are round-off: at a known critical point
    // (a monkey saddle's zero Hessian) a stationary point that is neither minimum nor
    // maximum is a saddle; anywhere else the ground is flat all round, a plateau
    // (gradient descent far out on exp(-r^2), where |grad U| underflows).
    const large = Math.abs(lo) > Math.abs(hi) ? lo : hi
    if (Math.abs(large) <= FLAT_CURVATURE * this.scales.curvature)
      return this.nearCritical(i) ? STATUS.saddle : STATUS.plateau
    return large > 0 ? STATUS.minimum : STATUS.maximum
  }

  private nearCritical(i: number): boolean {
    const points = this.scales.stationary
    if (!points) return true
    const r = NEAR_CRITICAL * this.scales.extent
    for (let k = 0; k + 1 < points.length; k += 2) {
      const dx = this.w.x[i]! - points[k]!
      const dy = this.w.y[i]! - points[k + 1]!
      if (dx * dx + dy * dy <= r * r) return true
    }
    return false
  }

  /** 'global' or 'local' for a walker at a minimum, when the surface's minima are known. */
  label(i: number): MinimumLabel {
    const w = this.w
    if (w.status[i] !== STATUS.minimum || Number.isNaN(this.scales.lowestMinimum)) return null
    const tolerance = 1e-6 * Math.max(this.scales.valueRange, Math.abs(this.scales.lowestMinimum), 1e-12)
    return w.u[i]! <= this.scales.lowestMinimum + tolerance ? 'global' : 'local'
  }
}
