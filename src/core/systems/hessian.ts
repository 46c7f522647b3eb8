import type { System } from '../system'

/**
 * Second derivatives and normal modes of a many-coordinate system: the Hessian by central
 * differences of the analytic gradient, a symmetric eigen-solver (cyclic Jacobi), and the
 * rigid-body (zero) modes of a cluster, which a free cluster's Hessian always has: 2
 * translations and 1 rotation in the plane, 3 and 3 in space.
 *
 * A stationary point's index is the number of negative eigenvalues among the other modes: 0 at
 * a minimum, 1 at a transition state (Murrell & Laidler, Trans. Faraday Soc. 64, 371, 1968).
 */

/** A layout of atoms for the rigid-body modes: `atoms` of `perAtom` coordinates, atom i at q[i*perAtom ..]. */
export interface RigidLayout {
  readonly atoms: number
  readonly perAtom: 2 | 3
}

/** Central-difference step for the Hessian: about eps^(1/3), balancing h^2 truncation and eps/h rounding. */
export const HESSIAN_STEP = 1e-5

/**
 * The Hessian of `system` at q by central differences of its gradient,
 * H_ij = (g_j(q + h e_i) - g_j(q - h e_i)) / 2h, symmetrised. Writes dim*dim entries, row-major,
 * into `out`; `scratch` holds 3*dim numbers. q is restored bit for bit. Allocates nothing.
 */
export function numericalHessian(
  system: System,
  q: Float64Array,
  out: Float64Array,
  scratch: Float64Array,
  step = HESSIAN_STEP,
): void {
  const n = system.dim
  const gp = scratch.subarray(0, n)
  const gm = scratch.subarray(n, 2 * n)
  for (let i = 0; i < n; i++) {
    const x = q[i]!
    q[i] = x + step
    system.gradient(q, gp)
    q[i] = x - step
    system.gradient(q, gm)
    q[i] = x
    for (let j = 0; j < n; j++) out[i * n + j] = (gp[j]! - gm[j]!) / (2 * step)
  }
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      const m = 0.5 * (out[i * n + j]! + out[j * n + i]!)
      out[i * n + j] = m
      out[j * n + i] = m
    }
}

/**
 * Eigenvalues and eigenvectors of the symmetric n x n matrix `a` (row-major) by the cyclic
 * Jacobi method (Jacobi 1846; the rotation as in Press et al., Numerical Recipes, sec. 11.1):
 * plane rotations that zero one off-diagonal entry at a time, sweeping until the off-diagonal
 * part is below rounding. `a` is overwritten. Writes the eigenvalues in ascending order into
 * values[0..n) and eigenvector k into column k of `vectors` (vectors[i*n + k]), orthonormal.
 * Returns the number of sweeps. Allocates nothing.
 */
export function jacobiEigen(a: Float64Array, n: number, values: Float64Array, vectors: Float64Array, maxSweeps = 64) {
  vectors.fill(0, 0, n * n)
  for (let i = 0; i < n; i++) vectors[i * n + i] = 1
  let sweeps = 0
  for (; sweeps < maxSweeps; sweeps++) {
    let off = 0
    let diag = 0
    for (let p = 0; p < n; p++) {
      diag += a[p * n + p]! * a[p * n + p]!
      for (let q = p + 1; q < n; q++) off += a[p * n + q]! * a[p * n + q]!
    }
    // Quadratic convergence: once the off-diagonal part is this small, the diagonal is exact to rounding.
    if (off === 0 || off <= 1e-34 * diag) break
    for (let p = 0; p < n - 1; p++)
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q]!
        if (apq === 0) continue
        const app = a[p * n + p]!
        const aqq = a[q * n + q]!
        const theta = (aqq - app) / (2 * apq)
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1))
        const c = 1 / Math.sqrt(t * t + 1)
        const s = t * c
        // A <- A J (columns p, q), then A <- J^T A (rows p, q); V <- V J.
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p]!
          const akq = a[k * n + q]!
          a[k * n + p] = c * akp - s * akq
          a[k * n + q] = s * akp + c * akq
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k]!
          const aqk = a[q * n + k]!
          a[p * n + k] = c * apk - s * aqk
          a[q * n + k] = s * apk + c * aqk
        }
        a[p * n + q] = 0
        a[q * n + p] = 0
        for (let k = 0; k < n; k++) {
          const vkp = vectors[k * n + p]!
          const vkq = vectors[k * n + q]!
          vectors[k * n + p] = c * vkp - s * vkq
          vectors[k * n + q] = s * vkp + c * vkq
        }
      }
  }
  for (let k = 0; k < n; k++) values[k] = a[k * n + k]!
  // Selection sort, ascending, moving the columns of V with their eigenvalues.
  for (let k = 0; k < n - 1; k++) {
    let m = k
    for (let j = k + 1; j < n; j++) if (values[j]! < values[m]!) m = j
    if (m === k) continue
    const t = values[k]!
    values[k] = values[m]!
    values[m] = t
    for (let i = 0; i < n; i++) {
      const u = vectors[i * n + k]!
      vectors[i * n + k] = vectors[i * n + m]!
      vectors[i * n + m] = u
    }
  }
  return sweeps
}

/**
 * An orthonormal basis of the rigid-body motions of the cluster q: translations along each
 * axis and infinitesimal rotations about the centre of mass (one in the plane, three in space),
 * Gram-Schmidt orthonormalised; a rotation that is dependent (about the axis of a linear
 * molecule) is dropped. Writes basis vector r into out[r*dim .. (r+1)*dim) (out holds 6*dim)
 * and returns how many there are.
 */
export function rigidBodyModes(q: Float64Array, layout: RigidLayout, out: Float64Array): number {
  const { atoms: n, perAtom: s } = layout
  const dim = n * s
  const c = [0, 0, 0]
  for (let i = 0; i < n; i++) for (let a = 0; a < s; a++) c[a]! += q[s * i + a]! / n
  const candidates = s === 2 ? 3 : 6
  let count = 0
  for (let m = 0; m < candidates; m++) {
    const v = out.subarray(count * dim, (count + 1) * dim)
    v.fill(0)
    if (m < s) {
      for (let i = 0; i < n; i++) v[s * i + m] = 1
    } else if (s === 2) {
      for (let i = 0; i < n; i++) {
        v[2 * i] = -(q[2 * i + 1]! - c[1]!)
        v[2 * i + 1] = q[2 * i]! - c[0]!
      }
    } else {
      // Rotation about axis e_k: the velocity e_k x (r_i - c).
      const k = m - 3
      for (let i = 0; i < n; i++) {
        const x = q[3 * i]! - c[0]!
        const y = q[3 * i + 1]! - c[1]!
        const z = q[3 * i + 2]! - c[2]!
        if (k === 0) {
          v[3 * i + 1] = -z
          v[3 * i + 2] = y
        } else if (k === 1) {
          v[3 * i] = z
          v[3 * i + 2] = -x
        } else {
          v[3 * i] = -y
          v[3 * i + 1] = x
        }
      }
    }
    let before = 0
    for (let k = 0; k < dim; k++) before += v[k]! * v[k]!
    for (let r = 0; r < count; r++) {
      let d = 0
      for (let k = 0; k < dim; k++) d += v[k]! * out[r * dim + k]!
      for (let k = 0; k < dim; k++) v[k] = v[k]! - d * out[r * dim + k]!
    }
    let size = 0
    for (let k = 0; k < dim; k++) size += v[k]! * v[k]!
    if (size <= 1e-20 * before || size === 0) continue
    size = Math.sqrt(size)
    for (let k = 0; k < dim; k++) v[k] = v[k]! / size
    count++
  }
  return count
}

/** The normal modes at one state (the solver's own object and buffers, overwritten by its next call). */
export interface NormalModes {
  /** Eigenvalues of the Hessian, ascending, rigid-body modes included. */
  readonly values: Float64Array
  /** Eigenvector k in column k: vectors[i*dim + k]. */
  readonly vectors: Float64Array
  /** 1 for the rigid-body (zero) modes, 0 for the others. */
  readonly rigid: Uint8Array
  /** How many of the other modes have a negative eigenvalue: the index of a stationary point. */
  readonly negative: number
  /** How many rigid-body modes were set aside. */
  readonly rigidCount: number
}

/** Computes the normal modes of a system at any state, with buffers allocated once. */
export interface ModeSolver {
  readonly dim: number
  modes(q: Float64Array): NormalModes
}

/**
 * A normal-mode solver for `system`. With a layout, the rigid-body motions of the cluster are
 * projected out of the Hessian, H' = P H P with P = 1 - sum_r r r^T (the projection operator of
 * Baker & Hehre, used for clusters by Wales, J. Chem. Soc. Faraday Trans. 89, 1305, 1993), and
 * the eigenvectors that lie mostly in their span are marked rigid: they are exact zero modes at a
 * stationary point, and away from one they are not modes of the cluster's shape. Without a layout
 * (a chain in internal coordinates) every mode counts.
 */
export function modeSolver(system: System, layout: RigidLayout | null, step = HESSIAN_STEP): ModeSolver {
  const n = system.dim
  if (layout !== null && layout.atoms * layout.perAtom !== n)
    throw new RangeError(`modeSolver: ${layout.atoms} atoms of ${layout.perAtom} is not ${n} coordinates`)
  const h = new Float64Array(n * n)
  const p = new Float64Array(n * n)
  const t = new Float64Array(n * n)
  const scratch = new Float64Array(3 * n)
  const basis = new Float64Array(6 * n)
  const values = new Float64Array(n)
  const vectors = new Float64Array(n * n)
  const rigid = new Uint8Array(n)
  const overlap = new Float64Array(n)
  const result = { values, vectors, rigid, negative: 0, rigidCount: 0 }
  return {
    dim: n,
    modes(q) {
      numericalHessian(system, q, h, scratch, step)
      let count = 0
      if (layout !== null) {
        count = rigidBodyModes(q, layout, basis)
        p.fill(0)
        for (let i = 0; i < n; i++) p[i * n + i] = 1
        for (let r = 0; r < count; r++)
          for (let i = 0; i < n; i++) {
            const ri = basis[r * n + i]!
            for (let j = 0; j < n; j++) p[i * n + j] = p[i * n + j]! - ri * basis[r * n + j]!
          }
        // t = H P, then h = P t.
        for (let i = 0; i < n; i++)
          for (let j = 0; j < n; j++) {
            let sum = 0
            for (let k = 0; k < n; k++) sum += h[i * n + k]! * p[k * n + j]!
            t[i * n + j] = sum
          }
        for (let i = 0; i < n; i++)
          for (let j = 0; j < n; j++) {
            let sum = 0
            for (let k = 0; k < n; k++) sum += p[i * n + k]! * t[k * n + j]!
            h[i * n + j] = sum
          }
        for (let i = 0; i < n; i++)
          for (let j = i + 1; j < n; j++) {
            const m = 0.5 * (h[i * n + j]! + h[j * n + i]!)
            h[i * n + j] = m
            h[j * n + i] = m
          }
      }
      jacobiEigen(h, n, values, vectors)
      rigid.fill(0)
      // The `count` eigenvectors with the largest weight in the rigid-body span are its modes.
      for (let k = 0; k < n; k++) {
        let o = 0
        for (let r = 0; r < count; r++) {
          let d = 0
          for (let i = 0; i < n; i++) d += basis[r * n + i]! * vectors[i * n + k]!
          o += d * d
        }
        overlap[k] = o
      }
      for (let r = 0; r < count; r++) {
        let best = -1
        for (let k = 0; k < n; k++) if (rigid[k] === 0 && (best < 0 || overlap[k]! > overlap[best]!)) best = k
        rigid[best] = 1
      }
      let negative = 0
      for (let k = 0; k < n; k++) if (rigid[k] === 0 && values[k]! < 0) negative++
      result.negative = negative
      result.rigidCount = count
      return result
    },
  }
}
