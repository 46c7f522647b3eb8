import { criticalPoints, type CriticalPoint } from '../analysis/critical'
import { sampleSurface } from '../analysis/sample'
import type { CompiledSurface } from '../surface'
import type { StatusScales } from './status'

/**
 * The scales a surface's walker statuses are judged on: typical gradient and
 * curvature over the domain, and the lowest minimum for global/local labels
 * (from the critical points, computed here unless the caller has them).
 */
export function statusScales(surface: CompiledSurface, points: readonly CriticalPoint[] = criticalPoints(surface)): StatusScales {
  const sample = sampleSurface(surface, 41)
  const minima = points.filter((p) => p.kind === 'minimum' || (p.kind === 'degenerate' && p.eigenvalues !== null && p.eigenvalues[1] > 0))
  return {
    gradient: sample.gradientScale,
    curvature: sample.curvatureScale,
    valueRange: sample.valueRange,
    lowestMinimum: minima.length > 0 ? Math.min(...minima.map((p) => p.value)) : NaN,
    extent: sample.extent,
    stationary: points.flatMap((p) => [p.x, p.y]),
  }
}
