import { RandomStream } from '../random'
import type { System } from '../system'
import { jacobiEigen } from '../systems/hessian'

/**
 * The Hessian of a loss seen only through its products with vectors: the Lanczos method
 * (Lanczos, J. Res. Natl. Bur. Stand. 45, 255, 1950) for its extreme eigenpairs, and the index
 * (the number of negative eigenvalues, Dauphin et al., NIPS 2014) by a dense eigen-solve for a
 * few hundred parameters or by stochastic Lanczos quadrature (Ghorbani, Krishnan & Xiao, ICML
 * 2019) beyond.
 *
 * Lanczos builds an orthonormal basis q_1..q_k of the Krylov space of a start vector, in which H
 * is the tridiagonal T = tridiag(beta, alpha, beta); the eigenvalues of T (Ritz values) converge
 * to those of H from the extremes inwards. In floating point the basis loses orthogonality as
 * soon as a Ritz value converges, and copies of converged eigenvalues ("ghosts") appear (Paige,
 * J. Inst. Math. Appl. 18, 341, 1976); here every new vector is orthogonalised against the whole
 * basis, twice ("twice is enough": Giraud, Langou & Rozloznik, Comput. Math. Appl. 50, 1069,
 * 2005), which keeps the basis orthonormal to rounding.
 */

/** A Hessian-vector product: writes H v into out (both of the Hessian's dimension). */
export type Hvp = (v: Float64Array, out: Float64Array) => void

/**
 * The buffers of the Lanczos method for a dimension and a largest number of steps, allocated once:
 * a caller that runs it again and again during training passes one of these, and nothing large
 * is allocated per call. The results of a run are views into these buffers, overwritten by the
 * next run.
 */
export class LanczosWorkspace {
  /** The basis: q_j at basis[j*dim .. (j+1)*dim). */
  readonly basis: Float64Array
  /** Views of the basis vectors, one per step. */
  readonly rows: Float64Array[]
  readonly w: Float64Array
  readonly alpha: Float64Array
  readonly beta: Float64Array
  /** The tridiagonal matrix as a dense one (the eigen-solver overwrites it). */
  readonly t: Float64Array
  readonly values: Float64Array
  /** Eigenvectors of T: eigenvector j in column j, with the row stride of the run's step count. */
  readonly eigenvectors: Float64Array
  readonly tau: Float64Array
  readonly residuals: Float64Array
  private ritz: Float64Array | null = null

  constructor(
    readonly dim: number,
    readonly maxSteps: number,
  ) {
    if (!Number.isInteger(dim) || dim < 1) throw new RangeError(`LanczosWorkspace: dimension ${dim} is not >= 1`)
    if (!Number.isInteger(maxSteps) || maxSteps < 1)
      throw new RangeError(`LanczosWorkspace: ${maxSteps} steps is not >= 1`)
    const k = Math.min(maxSteps, dim)
    this.maxSteps = k
    this.basis = new Float64Array(k * dim)
    this.rows = []
    for (let j = 0; j < k; j++) this.rows.push(this.basis.subarray(j * dim, (j + 1) * dim))
    this.w = new Float64Array(dim)
    this.alpha = new Float64Array(k)
    this.beta = new Float64Array(k)
    this.t = new Float64Array(k * k)
    this.values = new Float64Array(k)
    this.eigenvectors = new Float64Array(k * k)
    this.tau = new Float64Array(k)
    this.residuals = new Float64Array(k)
  }

  /** Whether this workspace serves a run of `steps` steps in `dim` dimensions. */
  fits(dim: number, steps: number): boolean {
    return dim === this.dim && Math.min(steps, dim) <= this.maxSteps
  }

  /** The buffer for all Ritz vectors, allocated on first request. */
  ritzBuffer(): Float64Array {
    if (this.ritz === null) this.ritz = new Float64Array(this.maxSteps * this.dim)
    return this.ritz
  }
}

/** Options of `lanczos`. */
export interface LanczosOptions {
  /**
   * Orthogonalise every new vector against the whole basis, twice (default true). False runs the
   * plain three-term recurrence, which shows ghost eigenvalues once a Ritz value converges: only
   * for demonstrating that.
   */
  reorthogonalize?: boolean
  /** Also form all Ritz vectors in the full space (default false; see `ritzVector` for single ones). */
  vectors?: boolean
  /**
   * Stop early ("breakdown") when beta_j <= breakdown * |T|, |T| the largest row sum of |T| so far:
   * the basis then spans an invariant subspace up to a perturbation of size beta_j, which moves the
   * Ritz values by at most beta_j (default 1e-10, far above the 1e-16 |T| left by reorthogonalisation).
   */
  breakdown?: number
  workspace?: LanczosWorkspace
}

/** A Lanczos run. Arrays are views into the workspace, overwritten by its next run. */
export interface LanczosResult {
  /** Steps taken: the size k of T (fewer than asked after a breakdown). */
  readonly steps: number
  /** Ritz values (eigenvalues of T), ascending. */
  readonly values: Float64Array
  /**
   * First components of the eigenvectors of T, in the order of `values`: tau_j^2 are the weights of
   * the Gauss quadrature of the start vector's spectral measure (Golub & Meurant, "Matrices, Moments
   * and Quadrature with Applications", 2010): v^T f(H) v / |v|^2 ~ sum_j tau_j^2 f(values_j).
   */
  readonly tau: Float64Array
  /** |beta_k s_kj|: the norm of H y_j - values_j y_j for the Ritz vector y_j (exact in exact arithmetic). */
  readonly residuals: Float64Array
  /** All Ritz vectors if asked: vector j at vectors[j*dim .. (j+1)*dim); otherwise null. */
  readonly vectors: Float64Array | null
  /** Whether the run stopped on a breakdown (an invariant subspace found). */
  readonly breakdown: boolean
  /** The workspace that holds the basis and T's eigenvectors, for `ritzVector`. */
  readonly workspace: LanczosWorkspace
}

function dot(a: Float64Array, b: Float64Array, n: number): number {
  let s = 0
  for (let i = 0; i < n; i++) s += a[i]! * b[i]!
  return s
}

/**
 * Runs `steps` Lanczos steps (at most dim) on the operator `hvp` of dimension `dim`, from `start`
 * (a vector, normalised here; or a RandomStream, from which a standard normal vector is drawn).
 * Each step costs one HVP and, with reorthogonalisation, 4 j dim multiply-adds at step j.
 */
export function lanczos(
  hvp: Hvp,
  dim: number,
  steps: number,
  start: Float64Array | RandomStream,
  opts: LanczosOptions = {},
): LanczosResult {
  if (!Number.isInteger(steps) || steps < 1) throw new RangeError(`lanczos: ${steps} steps is not >= 1`)
  const ws = opts.workspace ?? new LanczosWorkspace(dim, steps)
  if (!ws.fits(dim, steps))
    throw new RangeError(
      `lanczos: the workspace holds ${ws.maxSteps} steps of dimension ${ws.dim}, not ${steps} of ${dim}`,
    )
  const reorth = opts.reorthogonalize ?? true
  const tol = opts.breakdown ?? 1e-10
  const kMax = Math.min(steps, dim)
  const { rows, w, alpha, beta } = ws
  const q0 = rows[0]!
  if (start instanceof RandomStream) for (let i = 0; i < dim; i++) q0[i] = start.normal()
  else {
    if (start.length !== dim) throw new RangeError(`lanczos: the start vector has ${start.length} entries, not ${dim}`)
    q0.set(start)
  }
  const n0 = Math.sqrt(dot(q0, q0, dim))
  if (!(n0 > 0) || !Number.isFinite(n0)) throw new RangeError('lanczos: the start vector is zero or not finite')
  for (let i = 0; i < dim; i++) q0[i] = q0[i]! / n0

  let k = kMax
  let breakdown = false
  let scale = 0
  for (let j = 0; j < kMax; j++) {
    const qj = rows[j]!
    hvp(qj, w)
    if (j > 0) {
      const b = beta[j - 1]!
      const qp = rows[j - 1]!
      for (let i = 0; i < dim; i++) w[i] = w[i]! - b * qp[i]!
    }
    let a = dot(qj, w, dim)
    for (let i = 0; i < dim; i++) w[i] = w[i]! - a * qj[i]!
    if (reorth)
      for (let pass = 0; pass < 2; pass++)
        for (let r = 0; r <= j; r++) {
          const qr = rows[r]!
          const c = dot(qr, w, dim)
          if (r === j) a += c
          for (let i = 0; i < dim; i++) w[i] = w[i]! - c * qr[i]!
        }
    const b = Math.sqrt(dot(w, w, dim))
    alpha[j] = a
    beta[j] = b
    scale = Math.max(scale, Math.abs(a) + b + (j > 0 ? beta[j - 1]! : 0))
    if (j === kMax - 1) break
    if (b <= tol * scale) {
      k = j + 1
      breakdown = true
      break
    }
    const qn = rows[j + 1]!
    for (let i = 0; i < dim; i++) qn[i] = w[i]! / b
  }

  const { t, values, eigenvectors: s, tau, residuals } = ws
  t.fill(0, 0, k * k)
  for (let i = 0; i < k; i++) {
    t[i * k + i] = alpha[i]!
    if (i + 1 < k) t[i * k + i + 1] = t[(i + 1) * k + i] = beta[i]!
  }
  jacobiEigen(t, k, values, s)
  const last = beta[k - 1]!
  for (let j = 0; j < k; j++) {
    tau[j] = s[j]!
    residuals[j] = Math.abs(last * s[(k - 1) * k + j]!)
  }
  const result: LanczosResult = {
    steps: k,
    values: values.subarray(0, k),
    tau: tau.subarray(0, k),
    residuals: residuals.subarray(0, k),
    vectors: null,
    breakdown,
    workspace: ws,
  }
  if (!opts.vectors) return result
  const all = ws.ritzBuffer()
  for (let j = 0; j < k; j++) ritzVector(result, j, all.subarray(j * dim, (j + 1) * dim))
  return { ...result, vectors: all.subarray(0, k * dim) }
}

/**
 * Writes the unit Ritz vector j of a run (y_j = Q s_j, in the full space) into out and returns it.
 * Valid until the workspace's next run.
 */
export function ritzVector(result: LanczosResult, j: number, out: Float64Array): Float64Array {
  const { steps: k, workspace: ws } = result
  if (j < 0 || j >= k) throw new RangeError(`ritzVector: ${j} is not one of the ${k} Ritz vectors`)
  const dim = ws.dim
  out.fill(0, 0, dim)
  for (let i = 0; i < k; i++) {
    const c = ws.eigenvectors[i * k + j]!
    const qi = ws.rows[i]!
    for (let x = 0; x < dim; x++) out[x] = out[x]! + c * qi[x]!
  }
  return out
}

/** Options shared by the eigenvalue functions below. */
export interface EigenOptions {
  /** Lanczos steps (capped by dim; default 60). */
  steps?: number
  /** The start vector or stream (default: normal vector from RandomStream(seed, stream)). */
  start?: Float64Array | RandomStream
  seed?: number
  stream?: number
  workspace?: LanczosWorkspace
}

function startOf(opts: EigenOptions): Float64Array | RandomStream {
  return opts.start ?? new RandomStream(opts.seed ?? 1, opts.stream ?? 0)
}

/** The extreme eigenpairs of a Hessian found by Lanczos. */
export interface ExtremeEigenvalues {
  readonly min: number
  readonly max: number
  /** Unit eigenvector estimates (sign arbitrary). */
  readonly minVector: Float64Array
  readonly maxVector: Float64Array
  /** Residual norms |H y - lambda y| of the two pairs: their eigenvalues are that close to one of H's. */
  readonly minResidual: number
  readonly maxResidual: number
  /** Lanczos steps taken. */
  readonly steps: number
}

/** The smallest and largest eigenvalue of H with their eigenvectors, by one Lanczos run. */
export function extremeEigenvalues(hvp: Hvp, dim: number, opts: EigenOptions = {}): ExtremeEigenvalues {
  const steps = Math.min(dim, opts.steps ?? 60)
  const r = lanczos(hvp, dim, steps, startOf(opts), { workspace: opts.workspace })
  const k = r.steps
  return {
    min: r.values[0]!,
    max: r.values[k - 1]!,
    minVector: ritzVector(r, 0, new Float64Array(dim)),
    maxVector: ritzVector(r, k - 1, new Float64Array(dim)),
    minResidual: r.residuals[0]!,
    maxResidual: r.residuals[k - 1]!,
    steps: k,
  }
}

/** Eigenpairs at the top of the spectrum, and the bottom one. */
export interface TopEigenvectors {
  /** The k selected eigenvalues, in the chosen order (largest first). */
  readonly values: Float64Array
  /** Eigenvector i at vectors[i*dim .. (i+1)*dim), unit, sign arbitrary. */
  readonly vectors: Float64Array
  readonly residuals: Float64Array
  /** The most negative (smallest) eigenpair: the curvature of the slowest escape direction. */
  readonly lowest: { readonly value: number; readonly vector: Float64Array; readonly residual: number }
  readonly steps: number
}

/**
 * The k top eigenpairs of H. order 'largest' (the default) takes the k largest eigenvalues,
 * signed: the "top Hessian eigenvectors" that span a loss-slice plane, the directions of steepest
 * curvature upwards. order 'magnitude' takes the k largest |lambda|, which can include strongly
 * negative ones. Either way, `lowest` is the smallest eigenpair. The k pairs must be well
 * separated from the rest for a modest number of steps to resolve them: check `residuals`.
 */
export function topEigenvectors(
  hvp: Hvp,
  dim: number,
  k: number,
  opts: EigenOptions & { order?: 'largest' | 'magnitude' } = {},
): TopEigenvectors {
  const steps = Math.min(dim, opts.steps ?? 60)
  if (!Number.isInteger(k) || k < 1 || k > steps)
    throw new RangeError(`topEigenvectors: k = ${k} is not between 1 and the ${steps} Lanczos steps`)
  const r = lanczos(hvp, dim, steps, startOf(opts), { workspace: opts.workspace })
  const n = r.steps
  if (k > n) throw new RangeError(`topEigenvectors: the Krylov space has dimension ${n}, fewer than k = ${k}`)
  const order: number[] = []
  for (let j = n - 1; j >= 0; j--) order.push(j)
  if (opts.order === 'magnitude') order.sort((a, b) => Math.abs(r.values[b]!) - Math.abs(r.values[a]!))
  const values = new Float64Array(k)
  const vectors = new Float64Array(k * dim)
  const residuals = new Float64Array(k)
  for (let i = 0; i < k; i++) {
    const j = order[i]!
    values[i] = r.values[j]!
    residuals[i] = r.residuals[j]!
    ritzVector(r, j, vectors.subarray(i * dim, (i + 1) * dim))
  }
  return {
    values,
    vectors,
    residuals,
    lowest: { value: r.values[0]!, vector: ritzVector(r, 0, new Float64Array(dim)), residual: r.residuals[0]! },
    steps: n,
  }
}

/** Options of `hessianIndex`. */
export interface HessianIndexOptions {
  /** 'auto' (default): dense for dim <= denseLimit, quadrature above. */
  method?: 'auto' | 'dense' | 'quadrature'
  /** Default 300. */
  denseLimit?: number
  /**
   * An eigenvalue counts as negative below -relativeTolerance * max|lambda| (default 1e-6). Below
   * that size a curvature is numerically zero (central-difference HVPs err by about 1e-10 |H|) and
   * dynamically flat: at a stable learning rate eta < 2/max|lambda| a direction of curvature
   * -1e-6 max|lambda| takes more than 5e5 steps to grow by a factor e.
   */
  relativeTolerance?: number
  /** Quadrature: Rademacher probes (default 30) and Lanczos steps per probe (default 60, capped by dim). */
  probes?: number
  steps?: number
  seed?: number
  stream?: number
  workspace?: LanczosWorkspace
}

/** The index of a Hessian: how many eigenvalues are negative. */
export interface HessianIndex {
  /** The count (an integer for 'dense'; an estimate for 'quadrature'). */
  readonly negative: number
  readonly method: 'dense' | 'quadrature'
  /** All eigenvalues, ascending (dense only). */
  readonly eigenvalues?: Float64Array
  /** The absolute threshold used: eigenvalues below -tolerance count. */
  readonly tolerance: number
  readonly relativeTolerance: number
  /** max |lambda| (dense), or the largest |Ritz value| over the probes (quadrature). */
  readonly scale: number
  /** Quadrature: the standard error of the mean over probes, times dim (0 for dense). */
  readonly standardError: number
  /**
   * Quadrature: a bound on the bias of the Gauss quadrature of the step function, dim times the
   * mean over probes of the larger of the two weights tau^2 next to the threshold (by the
   * Chebyshev-Markov-Stieltjes inequalities, Szego, "Orthogonal Polynomials", Thm 3.41.1; exact
   * arithmetic). 0 for dense.
   */
  readonly quadratureBound: number
  /** Probes used (0 for dense). */
  readonly probes: number
}

/**
 * The number of negative eigenvalues of H. Dense (dim HVPs with the unit vectors, the matrix
 * symmetrised, diagonalised by cyclic Jacobi; O(dim^3)): exact up to the tolerance. Quadrature
 * (stochastic Lanczos quadrature, Ghorbani et al. 2019; Ubaru, Chen & Saad, SIAM J. Matrix Anal.
 * Appl. 38, 1075, 2017): for Rademacher probes v, E[v^T f(H) v] = tr f(H), and v^T f(H) v / dim is
 * approximated by the Gauss quadrature sum_i tau_i^2 f(r_i) of a Lanczos run from v; with f the
 * indicator of lambda < -tol, # ~ dim * mean over probes of sum_i tau_i^2 [r_i < -tol].
 */
export function hessianIndex(hvp: Hvp, dim: number, opts: HessianIndexOptions = {}): HessianIndex {
  const relativeTolerance = opts.relativeTolerance ?? 1e-6
  const method = opts.method ?? 'auto'
  const dense = method === 'dense' || (method === 'auto' && dim <= (opts.denseLimit ?? 300))
  if (dense) {
    const h = new Float64Array(dim * dim)
    const e = new Float64Array(dim)
    const col = new Float64Array(dim)
    for (let i = 0; i < dim; i++) {
      e.fill(0)
      e[i] = 1
      hvp(e, col)
      for (let j = 0; j < dim; j++) h[i * dim + j] = col[j]!
    }
    for (let i = 0; i < dim; i++)
      for (let j = i + 1; j < dim; j++) h[i * dim + j] = h[j * dim + i] = 0.5 * (h[i * dim + j]! + h[j * dim + i]!)
    const values = new Float64Array(dim)
    jacobiEigen(h, dim, values, new Float64Array(dim * dim))
    const scale = Math.max(Math.abs(values[0]!), Math.abs(values[dim - 1]!))
    const tolerance = relativeTolerance * scale
    let negative = 0
    while (negative < dim && values[negative]! < -tolerance) negative++
    return {
      negative,
      method: 'dense',
      eigenvalues: values,
      tolerance,
      relativeTolerance,
      scale,
      standardError: 0,
      quadratureBound: 0,
      probes: 0,
    }
  }
  const probes = opts.probes ?? 30
  if (!Number.isInteger(probes) || probes < 2) throw new RangeError(`hessianIndex: ${probes} probes is not >= 2`)
  const steps = Math.min(dim, opts.steps ?? 60)
  const ws = opts.workspace ?? new LanczosWorkspace(dim, steps)
  const rng = new RandomStream(opts.seed ?? 1, opts.stream ?? 0)
  const v = new Float64Array(dim)
  // Every probe's Ritz values and weights, kept until the scale (hence the threshold) is known.
  const ritz = new Float64Array(probes * steps)
  const weight = new Float64Array(probes * steps)
  const count = new Int32Array(probes)
  let scale = 0
  for (let p = 0; p < probes; p++) {
    for (let i = 0; i < dim; i++) v[i] = rng.uniform() < 0.5 ? -1 : 1
    const r = lanczos(hvp, dim, steps, v, { workspace: ws })
    count[p] = r.steps
    for (let j = 0; j < r.steps; j++) {
      ritz[p * steps + j] = r.values[j]!
      weight[p * steps + j] = r.tau[j]! * r.tau[j]!
      scale = Math.max(scale, Math.abs(r.values[j]!))
    }
  }
  const tolerance = relativeTolerance * scale
  let sum = 0
  let sum2 = 0
  let bound = 0
  for (let p = 0; p < probes; p++) {
    let est = 0
    let below = 0
    const k = count[p]!
    while (below < k && ritz[p * steps + below]! < -tolerance) est += weight[p * steps + below++]!
    const wLow = below > 0 ? weight[p * steps + below - 1]! : 0
    const wHigh = below < k ? weight[p * steps + below]! : 0
    bound += Math.max(wLow, wHigh)
    sum += est
    sum2 += est * est
  }
  const mean = sum / probes
  const variance = Math.max(0, (sum2 - probes * mean * mean) / (probes - 1))
  return {
    negative: dim * mean,
    method: 'quadrature',
    tolerance,
    relativeTolerance,
    scale,
    standardError: dim * Math.sqrt(variance / probes),
    quadratureBound: (dim * bound) / probes,
    probes,
  }
}

/**
 * The HVP of a system at q by central differences of its gradient,
 * H v ~ (g(q + h v/|v|) - g(q - h v/|v|)) |v| / 2h, error O(h^2) + O(eps/h): h = 1e-5 (about
 * eps^(1/3)) gives about 1e-10 relative in float64. q is copied; the product allocates nothing.
 */
export function finiteDifferenceHvp(system: System, q: ArrayLike<number>, step = 1e-5): Hvp {
  const n = system.dim
  const base = Float64Array.from(q)
  const x = new Float64Array(n)
  const gp = new Float64Array(n)
  const gm = new Float64Array(n)
  return (v, out) => {
    let norm = 0
    for (let i = 0; i < n; i++) norm += v[i]! * v[i]!
    norm = Math.sqrt(norm)
    if (norm === 0) {
      out.fill(0, 0, n)
      return
    }
    const h = step / norm
    for (let i = 0; i < n; i++) x[i] = base[i]! + h * v[i]!
    system.gradient(x, gp)
    for (let i = 0; i < n; i++) x[i] = base[i]! - h * v[i]!
    system.gradient(x, gm)
    for (let i = 0; i < n; i++) out[i] = (gp[i]! - gm[i]!) / (2 * h)
  }
}
