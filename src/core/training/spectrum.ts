import { RandomStream } from '../random'
import { lanczos, LanczosWorkspace, type Hvp } from './lanczos'

/**
 * The Hessian spectrum over training: every K steps, a Lanczos run (Lanczos 1950, with full
 * reorthogonalisation, lanczos.ts) on the Hessian-vector products at the walker's parameters gives
 * the extreme eigenvalues and a count of negative curvature, recorded with the step and |grad L|.
 * Saddles dominate the plateaus of training at high loss (Dauphin et al., NIPS 2014,
 * arXiv:1406.2572); the record shows the index fall as a walker leaves them. |grad L| is kept
 * beside every index (Frye et al., Neural Computation 33, 1469, 2021: small-gradient regions
 * need not be critical points).
 *
 * Memory is bounded: at most `capacity` records. When a new record would exceed it, every other
 * record is dropped (those at odd multiples of the interval) and the interval doubles, so the
 * records stay evenly spaced over the whole run, at multiples of the current interval, at most
 * `capacity` of them. The Lanczos buffers, the start vector and the gradient are allocated once;
 * a record allocates only itself.
 */

/** One look at the spectrum. */
export interface SpectrumRecord {
  readonly step: number
  /** The full-batch loss, or NaN when no gradient function was given. */
  readonly loss: number
  /** The smallest and largest Ritz values: lambda_min and lambda_max as Lanczos sees them. */
  readonly min: number
  readonly max: number
  /**
   * Ritz values below -rho max(|min|, |max|): by Cauchy interlacing the j-th smallest Ritz value is
   * at least the j-th smallest eigenvalue, so this is a lower bound on the index (the number of
   * negative eigenvalues), exact when the run spans the whole space (steps >= dim).
   */
  readonly index: number
  /** |grad L| (NaN when unknown). */
  readonly gradient: number
}

/** How the tracker reaches the Hessian. */
export type HessianSource =
  /** H(theta) v into out, allocation-free (`Network.hvp`). */
  | { readonly kind: 'product'; hvp(theta: Float64Array, v: Float64Array, out: Float64Array): void }
  /** A product operator for a point, built once per record (`DeepLinearNet.hvp`): its allocations are its own. */
  | { readonly kind: 'operator'; at(theta: Float64Array): Hvp }

export interface SpectrumTrackerOptions {
  /** The number of parameters. */
  readonly dim: number
  readonly hessian: HessianSource
  /** Writes grad L into g and returns L; used for the record's loss and |grad L|. */
  readonly gradient?: (theta: Float64Array, g: Float64Array) => number
  /** K: the first interval between records in steps (default 10). */
  readonly every?: number
  /** M: the most records kept (an even number >= 2; default 256). */
  readonly capacity?: number
  /** Lanczos steps per record (default 30, capped by dim). */
  readonly steps?: number
  /** rho of the index count (default 1e-3: see `SaddleWordsOptions.relativeCurvature`). */
  readonly relativeCurvature?: number
  /** Seed of the start vectors (a fresh normal vector per record, from one stream). */
  readonly seed?: number
}

export class SpectrumTracker {
  readonly dim: number
  readonly capacity: number
  readonly lanczosSteps: number
  private readonly rho: number
  private readonly source: HessianSource
  private readonly grad: ((theta: Float64Array, g: Float64Array) => number) | null
  private readonly workspace: LanczosWorkspace
  private readonly start: Float64Array
  private readonly g: Float64Array
  private readonly rng: RandomStream
  private readonly list: SpectrumRecord[] = []
  /** The parameters the product operator reads (copied at each record). */
  private readonly theta: Float64Array
  private readonly product: Hvp
  private current: Hvp | null = null
  private stride: number

  constructor(opts: SpectrumTrackerOptions) {
    const { dim } = opts
    if (!Number.isInteger(dim) || dim < 1) throw new RangeError(`SpectrumTracker: dimension ${dim} is not >= 1`)
    const every = opts.every ?? 10
    if (!Number.isInteger(every) || every < 1) throw new RangeError(`SpectrumTracker: every = ${every} is not >= 1`)
    const capacity = opts.capacity ?? 256
    if (!Number.isInteger(capacity) || capacity < 2 || capacity % 2 !== 0)
      throw new RangeError(`SpectrumTracker: capacity ${capacity} is not an even number >= 2`)
    this.dim = dim
    this.capacity = capacity
    this.stride = every
    this.lanczosSteps = Math.min(dim, opts.steps ?? 30)
    this.rho = opts.relativeCurvature ?? 1e-3
    this.source = opts.hessian
    this.grad = opts.gradient ?? null
    this.workspace = new LanczosWorkspace(dim, this.lanczosSteps)
    this.start = new Float64Array(dim)
    this.g = new Float64Array(dim)
    this.theta = new Float64Array(dim)
    this.rng = new RandomStream(opts.seed ?? 1, 0x5bec)
    const source = this.source
    this.product =
      source.kind === 'product'
        ? (v, out) => source.hvp(this.theta, v, out)
        : (v, out) => {
            this.current!(v, out)
          }
  }

  /** The current interval K between records (doubled at each thinning). */
  get every(): number {
    return this.stride
  }

  /** The records, in step order (a view: valid until the next `observe`). */
  get records(): readonly SpectrumRecord[] {
    return this.list
  }

  /** Whether `observe` at this step would record. */
  due(step: number): boolean {
    return step % this.stride === 0 && (this.list.length === 0 || step > this.list[this.list.length - 1]!.step)
  }

  /**
   * Records the spectrum at theta if the step is due (a multiple of the interval, after the last
   * record); `gradient` gives |grad L| when the tracker has no gradient function. Returns the
   * record, or null when not due.
   */
  observe(step: number, theta: Float64Array, gradient = NaN): SpectrumRecord | null {
    if (!this.due(step)) return null
    if (this.list.length === this.capacity) {
      this.thin()
      if (!this.due(step)) return null
    }
    const n = this.dim
    this.theta.set(theta.subarray(0, n))
    let loss = NaN
    let gnorm = gradient
    if (this.grad !== null) {
      loss = this.grad(this.theta, this.g)
      let s = 0
      for (let i = 0; i < n; i++) s += this.g[i]! * this.g[i]!
      gnorm = Math.sqrt(s)
    }
    if (this.source.kind === 'operator') this.current = this.source.at(this.theta)
    for (let i = 0; i < n; i++) this.start[i] = this.rng.normal()
    const r = lanczos(this.product, n, this.lanczosSteps, this.start, { workspace: this.workspace })
    this.current = null
    const k = r.steps
    const min = r.values[0]!
    const max = r.values[k - 1]!
    const tol = this.rho * Math.max(Math.abs(min), Math.abs(max))
    let index = 0
    while (index < k && r.values[index]! < -tol) index++
    const record: SpectrumRecord = { step, loss, min, max, index, gradient: gnorm }
    this.list.push(record)
    return record
  }

  /** Keeps the records at even multiples of the interval, in place, and doubles it. */
  private thin(): void {
    const next = 2 * this.stride
    let kept = 0
    for (const r of this.list) if (r.step % next === 0) this.list[kept++] = r
    this.list.length = kept
    this.stride = next
  }
}
