import type { CriticalKind } from '../surfaces/types'
import { portableMath as pm } from '../portable-math'

/** Entries between these are squared without underflow or overflow; others are rescaled first. */
const SMALL = 2 ** -450
const LARGE = 2 ** 450

/**
 * Eigenvalues of the symmetric 2x2 matrix [[a, b], [b, c]]: out[0] <= out[1].
 * What walker statuses need at every step, without the eigenvector's atan2, cos and sin.
 */
export function symmetricEigenvalues(a: number, b: number, c: number, out: Float64Array): void {
  const size = Math.max(Math.abs(a), Math.abs(b), Math.abs(c))
  if ((size < SMALL && size > 0) || (size > LARGE && size < Infinity)) {
    // Squares of entries this small underflow (exp(1000 x) far left has Uxx = 1e-300) and of entries this large
    // overflow: work on the matrix scaled by a power of two, which is exact, and scale the eigenvalues back.
    const scale = 2 ** -Math.round(Math.log2(size))
    symmetricEigenvalues(a * scale, b * scale, c * scale, out)
    out[0] = out[0]! / scale
    out[1] = out[1]! / scale
    return
  }
  const mean = 0.5 * (a + c)
  const half = 0.5 * (a - c)
  const radius = Math.sqrt(half * half + b * b)
  // m - r loses every digit when the two nearly cancel (a valley floor, a ring of minima):
  // the small eigenvalue comes from the determinant instead.
  const large = mean >= 0 ? mean + radius : mean - radius
  const small = large === 0 ? 0 : (a * c - b * b) / large
  out[0] = Math.min(large, small)
  out[1] = Math.max(large, small)
}

/**
 * Eigen-decomposition of the symmetric 2x2 matrix [[a, b], [b, c]].
 * Writes out[0] <= out[1] (the eigenvalues) and out[2], out[3] = (cos t, sin t),
 * the unit eigenvector of out[1]; the eigenvector of out[0] is (-sin t, cos t).
 */
export function symmetricEigen(a: number, b: number, c: number, out: Float64Array): void {
  symmetricEigenvalues(a, b, c, out)
  const angle = 0.5 * pm.atan2(2 * b, a - c)
  out[2] = pm.cos(angle)
  out[3] = pm.sin(angle)
}

/** An eigenvalue this small relative to the other one counts as zero. */
export const FLAT_RATIO = 1e-6
/** A Hessian this small relative to the surface's typical curvature counts as zero. */
export const FLAT_CURVATURE = 1e-8

/**
 * The kind of a critical point from its Hessian eigenvalues lo <= hi: degenerate
 * when one is near zero (a ring of minima, a monkey saddle), else by their signs.
 */
export function hessianKind(lo: number, hi: number, curvatureScale: number, flatRatio = FLAT_RATIO): CriticalKind {
  const large = Math.max(Math.abs(lo), Math.abs(hi))
  const small = Math.min(Math.abs(lo), Math.abs(hi))
  if (small <= flatRatio * large || large <= FLAT_CURVATURE * curvatureScale) return 'degenerate'
  return lo > 0 ? 'minimum' : hi < 0 ? 'maximum' : 'saddle'
}
