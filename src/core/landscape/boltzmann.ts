import type { CompiledSurface } from '../surface'

/** Gauss-Legendre nodes and weights on [-1, 1], 6 points: exact for polynomials of degree 11. */
export const GL_NODES = [
  -0.9324695142031521, -0.6612093864662645, -0.2386191860831969, 0.2386191860831969, 0.6612093864662645,
  0.9324695142031521,
]
export const GL_WEIGHTS = [
  0.1713244923791704, 0.3607615730481386, 0.467913934572691, 0.467913934572691, 0.3607615730481386, 0.1713244923791704,
]

/**
 * Exact Boltzmann probability of each histogram bin at temperature kT:
 * P_ij = integral over the bin of exp(-U/kT) / Z, with Z the integral over all
 * bins (the histogram's region). Each bin is integrated by Gauss-Legendre
 * quadrature on a sub x sub grid of cells (centre values alone miss by TV ~0.02 on
 * a 30x30 Müller-Brown grid). Weights are combined in log space, so
 * exp(-U_min/kT) ~ e^1467 (Müller-Brown at kT = 0.1) does not overflow.
 * Returns probabilities in the histogram's layout: index i * ny + j.
 */
export function exactBinProbabilities(
  surface: CompiledSurface,
  kT: number,
  xEdges: Float64Array,
  yEdges: Float64Array,
  sub = 4,
): Float64Array {
  if (!(kT > 0)) throw new RangeError(`kT must be positive, not ${kT}`)
  const nx = xEdges.length - 1
  const ny = yEdges.length - 1
  const logW = new Float64Array(nx * ny)
  const q = GL_NODES.length
  const logTerms = new Float64Array(sub * sub * q * q)
  for (let i = 0; i < nx; i++) {
    for (let j = 0; j < ny; j++) {
      const hx = (xEdges[i + 1]! - xEdges[i]!) / sub
      const hy = (yEdges[j + 1]! - yEdges[j]!) / sub
      let k = 0
      for (let a = 0; a < sub; a++) {
        for (let b = 0; b < sub; b++) {
          const cx = xEdges[i]! + (a + 0.5) * hx
          const cy = yEdges[j]! + (b + 0.5) * hy
          for (let s = 0; s < q; s++) {
            for (let r = 0; r < q; r++) {
              const u = surface.value(cx + 0.5 * hx * GL_NODES[s]!, cy + 0.5 * hy * GL_NODES[r]!)
              // A point where U is not finite (a pole, log of a negative) carries no weight.
              logTerms[k++] = Number.isFinite(u)
                ? Math.log(GL_WEIGHTS[s]! * GL_WEIGHTS[r]! * 0.25 * hx * hy) - u / kT
                : -Infinity
            }
          }
        }
      }
      logW[i * ny + j] = logSumExp(logTerms)
    }
  }
  const logZ = logSumExp(logW)
  const p = new Float64Array(nx * ny)
  for (let k = 0; k < p.length; k++) p[k] = Math.exp(logW[k]! - logZ)
  return p
}

/** log(sum exp(v)), without overflow. */
export function logSumExp(v: ArrayLike<number>): number {
  let max = -Infinity
  for (let k = 0; k < v.length; k++) if (v[k]! > max) max = v[k]!
  if (max === -Infinity) return -Infinity
  let s = 0
  for (let k = 0; k < v.length; k++) s += Math.exp(v[k]! - max)
  return max + Math.log(s)
}

/**
 * The Boltzmann density exp(-U/kT)/Z at grid nodes from their values U, with Z
 * by the midpoint rule over cells of area `cellArea` (log-sum-exp: no overflow
 * at any kT). Nodes where U is not finite get density 0. For display and for
 * quick sums; exactBinProbabilities integrates each bin properly.
 */
export function boltzmannDensity(values: Float64Array, kT: number, cellArea: number): Float64Array {
  if (!(kT > 0)) throw new RangeError(`kT must be positive, not ${kT}`)
  const logW = Float64Array.from(values, (u) => (Number.isFinite(u) ? -u / kT : -Infinity))
  const logZ = logSumExp(logW) + Math.log(cellArea)
  return Float64Array.from(logW, (w) => Math.exp(w - logZ))
}
