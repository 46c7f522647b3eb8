import { criticalPoints, type CriticalPoint } from './critical'
import { sampleSurface } from './sample'
import type { CompiledSurface } from '../surface'

/** The scales a surface's statuses are judged on, from a sample of its domain. */
export interface StatusScales {
  /** Typical |grad U| over the domain. */
  gradient: number
  /** Typical Hessian norm. */
  curvature: number
  /** Range of U over the domain. */
  valueRange: number
  /**
   * The lowest U on the domain's sample grid: a walker that leaves the domain lower still went downhill out of
   * it. Absent: not known.
   */
  lowestValue?: number
  /** The lowest known minimum, for global/local labels; NaN when none is known. */
  lowestMinimum: number
  /** Diagonal of the domain: what 'barely moves' is measured against. */
  extent: number
  /**
   * The surface's known critical points, x0, y0, x1, y1...: a walker stopped where
   * the Hessian is flat too is at one of them (a monkey saddle) or on a plateau
   * (far out on exp(-r^2)). Absent: not known, and such a walker is called a saddle.
   */
  stationary?: readonly number[]
}

/**
 * The scales a surface's walker statuses are judged on: typical gradient and
 * curvature over the domain, and the lowest minimum for global/local labels
 * (from the critical points, computed here unless the caller has them).
 */
export function statusScales(
  surface: CompiledSurface,
  points: readonly CriticalPoint[] = criticalPoints(surface),
): StatusScales {
  const sample = sampleSurface(surface, 41)
  const minima = points.filter(
    (p) => p.kind === 'minimum' || (p.kind === 'degenerate' && p.eigenvalues !== null && p.eigenvalues[1] > 0),
  )
  return {
    gradient: sample.gradientScale,
    curvature: sample.curvatureScale,
    valueRange: sample.valueRange,
    lowestValue: sample.lowest,
    lowestMinimum: minima.length > 0 ? Math.min(...minima.map((p) => p.value)) : NaN,
    extent: sample.extent,
    stationary: points.flatMap((p) => [p.x, p.y]),
  }
}
