import { RandomStream } from '../random'
import { LanczosWorkspace, topEigenvectors } from './lanczos'
import type { Network } from './network'
import { layout } from './spec'

/**
 * The loss landscape of a network seen on a plane through parameter space: the directions that
 * span the plane, the loss on a grid over it, and the honest projection of any other point
 * onto it (how far it lies off the plane, and how its true loss differs from the plane's).
 *
 * The plots follow Li, Xu, Taylor, Studer & Goldstein, "Visualizing the Loss Landscape of
 * Neural Nets" (NeurIPS 2018) and their program (github.com/tomgoldstein/loss-landscape,
 * net_plotter.py and projection.py): f(a, b) = L(theta* + a d + b e) on a grid, with d and e
 * either random and filter-normalised, or the top two principal components of the trajectory.
 * A plane of the top two Hessian eigenvectors shows the directions of strongest curvature.
 *
 * A slice is two dimensions out of P: a trajectory that seems to cross a hill on the map may
 * pass far from the plane, beside it. `SlicePlane.project` says how far, and what the loss
 * there really is.
 */

/** The random stream of the first random direction; the second draws from the next one. */
const DIRECTION_STREAM = 0x511ce

/** Options of `filterNormalisedDirection`. */
export interface DirectionOptions {
  /**
   * Biases get direction 0 (true, the default, as the program's `--xignore biasbn`, the usage its
   * README shows), or the biases themselves (false, d = theta there, as net_plotter.py does for
   * tensors of one dimension when they are not ignored).
   */
  ignoreBiases?: boolean
  /**
   * 'filter' (the default): each row of a weight matrix scaled to the norm of theta's row.
   * 'none': the raw normal draw, unscaled, biases included: only to show what the scaling is for.
   */
  normalisation?: 'filter' | 'none'
  /** The random stream (default: the first direction's); `randomPlane` takes two consecutive ones. */
  stream?: number
  /** Where to write the direction (default: a new array). */
  out?: Float64Array
}

/**
 * A random direction with filter normalisation (Li et al. 2018, sec. 4; net_plotter.py,
 * normalize_directions_for_weights): d ~ N(0, I) with theta's shape; in each weight matrix each
 * row (the weights into one neuron, the fully connected layer's "filter") is scaled,
 * d_row *= |theta_row| / (|d_row| + 1e-10), so that every neuron's weights move in proportion to
 * their size. A ReLU network computes the same function after W_l -> c W_l, b_l -> c b_l,
 * W_{l+1} -> W_{l+1} / c (c > 0), so raw distances in parameter space mean nothing for it; after
 * filter normalisation the direction scales with the weights, and f(a) = L(theta + a d) is the
 * same for both parameterisations. Biases: see `DirectionOptions.ignoreBiases`.
 *
 * The normals are drawn in layout order, one per parameter (biases too, whether used or not),
 * from RandomStream(seed, stream): the same seed gives the same direction in every engine.
 */
export function filterNormalisedDirection(
  layers: readonly number[],
  theta: Float64Array,
  seed: number,
  opts: DirectionOptions = {},
): Float64Array {
  const lay = layout(layers)
  const p = lay.count
  if (theta.length < p) throw new RangeError(`filterNormalisedDirection: theta has ${theta.length} numbers, not ${p}`)
  const d = opts.out ?? new Float64Array(p)
  if (d.length < p) throw new RangeError(`filterNormalisedDirection: out has ${d.length} numbers, not ${p}`)
  const rng = new RandomStream(seed, opts.stream ?? DIRECTION_STREAM)
  for (let k = 0; k < p; k++) d[k] = rng.normal()
  if ((opts.normalisation ?? 'filter') === 'none') return d
  const ignoreBiases = opts.ignoreBiases ?? true
  for (const l of lay.layers) {
    for (let j = 0; j < l.fanOut; j++) {
      const row = l.weights + j * l.fanIn
      let dn = 0
      let tn = 0
      for (let k = row; k < row + l.fanIn; k++) {
        dn += d[k]! * d[k]!
        tn += theta[k]! * theta[k]!
      }
      const scale = Math.sqrt(tn) / (Math.sqrt(dn) + 1e-10)
      for (let k = row; k < row + l.fanIn; k++) d[k] = d[k]! * scale
    }
    for (let j = l.biases; j < l.biases + l.fanOut; j++) d[j] = ignoreBiases ? 0 : theta[j]!
  }
  return d
}

/**
 * Two random filter-normalised directions from one seed (streams DIRECTION_STREAM and the next).
 * As in Li et al. 2018 they are independent draws, not orthogonalised: in P dimensions two
 * random vectors are nearly orthogonal anyway (E cos^2 = 1/P), and `SlicePlane` does not need
 * them orthogonal.
 */
export function randomPlane(
  layers: readonly number[],
  theta: Float64Array,
  seed: number,
  opts: Omit<DirectionOptions, 'stream' | 'out'> = {},
): { readonly d: Float64Array; readonly e: Float64Array } {
  return {
    d: filterNormalisedDirection(layers, theta, seed, { ...opts, stream: DIRECTION_STREAM }),
    e: filterNormalisedDirection(layers, theta, seed, { ...opts, stream: DIRECTION_STREAM + 1 }),
  }
}

/** Plane directions with what they capture. */
export interface PlaneDirections {
  /** Unit directions. */
  readonly d: Float64Array
  readonly e: Float64Array
}

/** The top two principal components of a trajectory. */
export interface PcaDirections extends PlaneDirections {
  /** The share of the trajectory's variance along d and along e (each in [0, 1], summing to at most 1). */
  readonly explained: readonly [number, number]
  /** The variances along d and e: eigenvalues of the covariance, with divisor (checkpoints - 1). */
  readonly variances: readonly [number, number]
}

function dot(a: Float64Array, b: Float64Array, n: number): number {
  let s = 0
  for (let i = 0; i < n; i++) s += a[i]! * b[i]!
  return s
}

/**
 * The top two principal directions of a trajectory, as Li et al. 2018 (sec. 7; projection.py)
 * take them: the rows theta_i - theta_n (checkpoints minus the final point), mean-centred; their
 * principal components d and e, unit vectors, spanning a plane through the final point on which
 * checkpoint i lies at ((theta_i - theta_n).d, (theta_i - theta_n).e). (Centring the rows removes
 * theta_n, so the directions do not depend on it; only the plane's origin does.)
 *
 * For m checkpoints of P parameters (a few hundred of up to about 5,000) no P × P covariance is
 * formed: the m × m Gram matrix G = X X^T of the centred rows has the same nonzero eigenvalues,
 * and an eigenvector u of G gives the principal direction X^T u / sqrt(lambda). G's top two
 * eigenpairs come from Lanczos with full reorthogonalisation, run to the whole Krylov space for
 * m <= 120 (exact then) and to 120 steps beyond. The sign of each direction is chosen so that the
 * first checkpoint has a coordinate >= 0 along it.
 *
 * A caveat from Antognini & Sohl-Dickstein (NeurIPS 2018): a pure random walk in high dimension
 * also puts most of its variance in the first two components, so a high explained variance does
 * not by itself mean that training moved in a low-dimensional subspace.
 *
 * If the trajectory spans only a line, e is a unit vector orthogonal to d (from the coordinate
 * axis least aligned with d) and its explained share is 0. Throws a RangeError for fewer than two
 * checkpoints, rows of the wrong length, or a trajectory that does not move.
 */
export function pcaDirections(trajectory: readonly Float64Array[], final: Float64Array): PcaDirections {
  const m = trajectory.length
  const p = final.length
  if (m < 2) throw new RangeError(`pcaDirections: ${m} checkpoints; principal components need at least 2`)
  for (let i = 0; i < m; i++)
    if (trajectory[i]!.length !== p)
      throw new RangeError(`pcaDirections: checkpoint ${i + 1} has ${trajectory[i]!.length} numbers, not ${p}`)
  // Centred rows x_i = (theta_i - theta_n) - mean_j (theta_j - theta_n), m × P.
  const mean = new Float64Array(p)
  for (const row of trajectory) for (let k = 0; k < p; k++) mean[k] = mean[k]! + (row[k]! - final[k]!)
  for (let k = 0; k < p; k++) mean[k] = mean[k]! / m
  const x = new Float64Array(m * p)
  const rows: Float64Array[] = []
  for (let i = 0; i < m; i++) {
    const r = x.subarray(i * p, (i + 1) * p)
    const t = trajectory[i]!
    for (let k = 0; k < p; k++) r[k] = t[k]! - final[k]! - mean[k]!
    rows.push(r)
  }
  const g = new Float64Array(m * m)
  let trace = 0
  for (let i = 0; i < m; i++) {
    for (let j = 0; j <= i; j++) g[i * m + j] = g[j * m + i] = dot(rows[i]!, rows[j]!, p)
    trace += g[i * m + i]!
  }
  if (!(trace > 0) || !Number.isFinite(trace))
    throw new RangeError('pcaDirections: the checkpoints are all the same point (or not finite)')
  const steps = Math.min(m, 120)
  const top = topEigenvectors(
    (v, out) => {
      for (let i = 0; i < m; i++) {
        let s = 0
        for (let j = 0; j < m; j++) s += g[i * m + j]! * v[j]!
        out[i] = s
      }
    },
    m,
    Math.min(2, steps),
    { steps, seed: 1, workspace: new LanczosWorkspace(m, steps) },
  )
  const lambda1 = Math.max(0, top.values[0]!)
  const lambda2 = top.values.length > 1 ? Math.max(0, top.values[1]!) : 0
  const d = new Float64Array(p)
  const e = new Float64Array(p)
  const direction = (u: Float64Array, out: Float64Array) => {
    for (let i = 0; i < m; i++) {
      const c = u[i]!
      const r = rows[i]!
      for (let k = 0; k < p; k++) out[k] = out[k]! + c * r[k]!
    }
    const n = Math.sqrt(dot(out, out, p))
    for (let k = 0; k < p; k++) out[k] = out[k]! / n
  }
  direction(top.vectors.subarray(0, m), d)
  // A second component below rounding of the first: the trajectory lies on a line.
  const flat = lambda2 <= 1e-13 * lambda1
  if (!flat) direction(top.vectors.subarray(m, 2 * m), e)
  else {
    let axis = 0
    for (let k = 1; k < p; k++) if (Math.abs(d[k]!) < Math.abs(d[axis]!)) axis = k
    e[axis] = 1
    const c = d[axis]!
    for (let k = 0; k < p; k++) e[k] = e[k]! - c * d[k]!
    const n = Math.sqrt(dot(e, e, p))
    for (let k = 0; k < p; k++) e[k] = e[k]! / n
  }
  // Signs: the first checkpoint at a coordinate >= 0 along each direction.
  const first = trajectory[0]!
  for (const v of [d, e]) {
    let s = 0
    for (let k = 0; k < p; k++) s += (first[k]! - final[k]!) * v[k]!
    if (s < 0) for (let k = 0; k < p; k++) v[k] = -v[k]!
  }
  const l2 = flat ? 0 : lambda2
  return {
    d,
    e,
    explained: [lambda1 / trace, l2 / trace],
    variances: [lambda1 / (m - 1), l2 / (m - 1)],
  }
}

/** The top two Hessian eigenpairs at a point. */
export interface HessianDirections extends PlaneDirections {
  /** The eigenvalues along d and e: the largest and the second largest. */
  readonly values: readonly [number, number]
  /** |H y - lambda y| of each Ritz pair: its eigenvalue lies that close to one of H's. */
  readonly residuals: readonly [number, number]
  /** Lanczos steps taken. */
  readonly steps: number
}

/** Options of `hessianDirections`. */
export interface HessianDirectionOptions {
  /** Lanczos steps (default 40, capped by P). */
  steps?: number
  /** Seed of the normal start vector (default 1). */
  seed?: number
  workspace?: LanczosWorkspace
}

/**
 * The top two eigenvectors of the Hessian of the full-batch loss at theta (largest eigenvalues,
 * signed: the directions in which the loss curves up most steeply), by Lanczos with full
 * reorthogonalisation on the network's exact Hessian-vector products (Pearlmutter's R-operator).
 * Each step costs one HVP, about two gradients. Check `residuals`: two outliers well above the
 * bulk (as trained networks show, Sagun et al., arXiv:1706.04454) converge in a few tens of steps.
 */
export function hessianDirections(
  network: Network,
  theta: Float64Array,
  opts: HessianDirectionOptions = {},
): HessianDirections {
  const p = network.dim
  if (p < 2) throw new RangeError(`hessianDirections: a plane needs 2 parameters, the network has ${p}`)
  const steps = Math.min(p, opts.steps ?? 40)
  const top = topEigenvectors((v, out) => network.hvp(theta, v, out), p, 2, {
    steps,
    seed: opts.seed ?? 1,
    workspace: opts.workspace,
  })
  return {
    d: top.vectors.slice(0, p),
    e: top.vectors.slice(p, 2 * p),
    values: [top.values[0]!, top.values[1]!],
    residuals: [top.residuals[0]!, top.residuals[1]!],
    steps: top.steps,
  }
}

/** Options of `lossSlice`. */
export interface SliceOptions {
  /** Points per axis: one number for both, or [along d, along e] (default 60). */
  grid?: number | readonly [number, number]
  /** The range of a and of b (default [-1, 1], as Li et al.'s README grid [-1, 1]^2). */
  span?: readonly [number, number]
  /** The range of a (along d), overriding span. */
  a?: readonly [number, number]
  /** The range of b (along e), overriding span. */
  b?: readonly [number, number]
  /**
   * Only the rows j0 <= j < j1 of the grid (default: every row), written from values[0]: a band,
   * so that several workers can share one slice. Each value is the one the whole grid has there,
   * bit for bit.
   */
  rows?: readonly [number, number]
  /** Where to write the values (at least na times the rows' count; default: a new array). */
  out?: Float64Array
  /** One parameter vector of scratch (default: allocated once per call). */
  scratch?: Float64Array
}

/** A loss slice. */
export interface LossSlice {
  /**
   * L(origin + a_i d + b_j e) at values[(j - j0) na + i] for the rows j0 <= j < j1 computed (all
   * by default), a_i = a0 + (a1 - a0) i/(na - 1) and b_j = b0 + (b1 - b0) j/(nb - 1) (row j = 0
   * at b0, as `Network.predictGrid`).
   */
  readonly values: Float64Array
  readonly na: number
  readonly nb: number
  readonly a: readonly [number, number]
  readonly b: readonly [number, number]
  /** The smallest and largest value on the grid (NaN if every value is NaN). */
  readonly min: number
  readonly max: number
}

function points(n: number, what: string): number {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`lossSlice: ${n} points ${what} is not a whole number >= 1`)
  return n
}

function range(r: readonly [number, number], what: string): readonly [number, number] {
  if (!Number.isFinite(r[0]) || !Number.isFinite(r[1]))
    throw new RangeError(`lossSlice: the range ${what} [${r[0]}, ${r[1]}] is not finite`)
  return [r[0], r[1]]
}

/** The grid coordinate i of n over [lo, hi]: lo + (hi - lo) i/(n - 1); a single point at lo. */
function at(lo: number, hi: number, i: number, n: number): number {
  return n > 1 ? lo + ((hi - lo) * i) / (n - 1) : lo
}

/**
 * The full-batch loss on a grid over the plane origin + a d + b e (Li et al. 2018). One scratch
 * parameter vector serves every point, so nothing is allocated per point. On a grid with an odd
 * number of points per axis over a symmetric range the middle point is origin itself, bit for bit,
 * and its value is L(origin).
 */
export function lossSlice(
  network: Network,
  origin: Float64Array,
  d: Float64Array,
  e: Float64Array,
  opts: SliceOptions = {},
): LossSlice {
  const p = network.dim
  if (origin.length < p || d.length < p || e.length < p)
    throw new RangeError(`lossSlice: origin, d and e need ${p} numbers (${origin.length}, ${d.length}, ${e.length})`)
  const grid = opts.grid ?? 60
  const na = points(typeof grid === 'number' ? grid : grid[0], 'along d')
  const nb = points(typeof grid === 'number' ? grid : grid[1], 'along e')
  const span = opts.span ?? [-1, 1]
  const [a0, a1] = range(opts.a ?? span, 'of a')
  const [b0, b1] = range(opts.b ?? span, 'of b')
  const [j0, j1] = opts.rows ?? [0, nb]
  if (!(Number.isInteger(j0) && Number.isInteger(j1) && j0 >= 0 && j0 <= j1 && j1 <= nb))
    throw new RangeError(`lossSlice: rows [${j0}, ${j1}) are not whole numbers within [0, ${nb}]`)
  const values = opts.out ?? new Float64Array(na * (j1 - j0))
  if (values.length < na * (j1 - j0))
    throw new RangeError(`lossSlice: out holds ${values.length} numbers, not ${na * (j1 - j0)}`)
  const theta = opts.scratch ?? new Float64Array(p)
  if (theta.length < p) throw new RangeError(`lossSlice: scratch holds ${theta.length} numbers, not ${p}`)
  let min = Infinity
  let max = -Infinity
  for (let j = j0; j < j1; j++) {
    const b = at(b0, b1, j, nb)
    for (let i = 0; i < na; i++) {
      const a = at(a0, a1, i, na)
      for (let k = 0; k < p; k++) theta[k] = origin[k]! + a * d[k]! + b * e[k]!
      const v = network.loss(theta)
      values[(j - j0) * na + i] = v
      if (v < min) min = v
      if (v > max) max = v
    }
  }
  return {
    values,
    na,
    nb,
    a: [a0, a1],
    b: [b0, b1],
    min: min === Infinity ? NaN : min,
    max: max === -Infinity ? NaN : max,
  }
}

/** Where a point of parameter space falls on a slice plane, and how far the plane misrepresents it. */
export interface PlanePoint {
  /** The coordinates along d and e: origin + a d + b e is the plane's point nearest theta. */
  readonly a: number
  readonly b: number
  /** |theta - (origin + a d + b e)|: how far theta lies off the plane (0 on it). */
  readonly distance: number
  /** The distance of theta from the origin, for scale. */
  readonly fromOrigin: number
  /** L(origin + a d + b e): what the slice shows at (a, b) (NaN without a network). */
  readonly planeLoss: number
  /** L(theta): the point's real loss (NaN without a network). */
  readonly trueLoss: number
  /** trueLoss - planeLoss: > 0 when the point lies higher than the slice shows. */
  readonly lossGap: number
}

/**
 * A slice plane origin + span{d, e}, for projecting many points without allocating. d and e need
 * be neither unit nor orthogonal (random filter-normalised directions are neither): a point's
 * coordinates come from least squares, the 2 × 2 normal equations
 *   [d.d d.e; d.e e.e] [a; b] = [d.r; e.r],  r = theta - origin,
 * and its distance from the plane is the norm of the residual r - a d - b e. (For orthonormal d
 * and e this is the orthogonal projection of `planeProjection` in system.ts.) Throws a RangeError
 * when d and e are (nearly) parallel or zero.
 */
export class SlicePlane {
  readonly dim: number
  private readonly origin: Float64Array
  private readonly d: Float64Array
  private readonly e: Float64Array
  private readonly dd: number
  private readonly de: number
  private readonly ee: number
  private readonly det: number
  private readonly scratch: Float64Array

  constructor(origin: ArrayLike<number>, d: ArrayLike<number>, e: ArrayLike<number>) {
    const n = origin.length
    if (n < 2 || d.length !== n || e.length !== n)
      throw new RangeError(`SlicePlane: origin, d and e need one length >= 2 (${n}, ${d.length}, ${e.length})`)
    this.dim = n
    this.origin = Float64Array.from(origin)
    this.d = Float64Array.from(d)
    this.e = Float64Array.from(e)
    this.dd = dot(this.d, this.d, n)
    this.de = dot(this.d, this.e, n)
    this.ee = dot(this.e, this.e, n)
    this.det = this.dd * this.ee - this.de * this.de
    // det = |d|^2 |e|^2 sin^2(angle): below 1e-12 |d|^2 |e|^2 the angle is under 1e-6 rad.
    if (!(this.det > 1e-12 * this.dd * this.ee) || !Number.isFinite(this.det))
      throw new RangeError('SlicePlane: d and e are parallel or zero: they span no plane')
    this.scratch = new Float64Array(n)
  }

  /** Writes origin + a d + b e into out and returns it. */
  point(a: number, b: number, out: Float64Array = new Float64Array(this.dim)): Float64Array {
    const { origin, d, e } = this
    for (let k = 0; k < this.dim; k++) out[k] = origin[k]! + a * d[k]! + b * e[k]!
    return out
  }

  /** Projects theta onto the plane; with a network, also compares the plane's loss there with the true one. */
  project(theta: ArrayLike<number>, network?: Network): PlanePoint {
    const { origin, d, e, dim } = this
    if (theta.length !== dim) throw new RangeError(`SlicePlane.project: theta has ${theta.length} numbers, not ${dim}`)
    let dr = 0
    let er = 0
    let rr = 0
    for (let k = 0; k < dim; k++) {
      const r = theta[k]! - origin[k]!
      dr += d[k]! * r
      er += e[k]! * r
      rr += r * r
    }
    const a = (this.ee * dr - this.de * er) / this.det
    const b = (this.dd * er - this.de * dr) / this.det
    // The residual itself, not |r|^2 - (a d.r + b e.r), which cancels for points near the plane.
    let res = 0
    for (let k = 0; k < dim; k++) {
      const r = theta[k]! - origin[k]! - a * d[k]! - b * e[k]!
      res += r * r
    }
    let planeLoss = NaN
    let trueLoss = NaN
    if (network) {
      if (network.dim !== dim)
        throw new RangeError(`SlicePlane.project: the network has ${network.dim} parameters, not ${dim}`)
      planeLoss = network.loss(this.point(a, b, this.scratch))
      for (let k = 0; k < dim; k++) this.scratch[k] = theta[k]!
      trueLoss = network.loss(this.scratch)
    }
    return {
      a,
      b,
      distance: Math.sqrt(res),
      fromOrigin: Math.sqrt(rr),
      planeLoss,
      trueLoss,
      lossGap: trueLoss - planeLoss,
    }
  }
}

/**
 * Projects one point onto the plane origin + span{d, e} (see `SlicePlane`): its coordinates (a, b),
 * its distance from the plane, and with a network the plane's loss at (a, b) against its true loss,
 * so a page can say "this point lies 0.8 off the plane; its true loss is 0.12 higher than the plane
 * shows". For many points, make one `SlicePlane`.
 */
export function projectPoint(
  theta: ArrayLike<number>,
  origin: ArrayLike<number>,
  d: ArrayLike<number>,
  e: ArrayLike<number>,
  network?: Network,
): PlanePoint {
  return new SlicePlane(origin, d, e).project(theta, network)
}
