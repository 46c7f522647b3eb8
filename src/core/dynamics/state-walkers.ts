import { MAX_STATE, MAX_WALKERS } from './walkers'

/**
 * N walkers whose states are vectors of `dim` coordinates (a cluster of atoms, a chain of
 * beads), stored walker after walker: walker i's coordinates are q[i*dim .. (i+1)*dim), and its
 * velocity and gradient are laid out the same way in v and g. A system's energy and gradient
 * read one contiguous vector, so `qs[i]`, `vs[i]` and `gs[i]` are views of walker i's slices,
 * made once here so that no step allocates. The gradient and energy at the current state are
 * cached (g, u), as on a surface.
 */
export class StateWalkers {
  readonly q: Float64Array
  readonly v: Float64Array
  readonly g: Float64Array
  readonly u: Float64Array
  /** Walker i's state, velocity and gradient: views into q, v and g. */
  readonly qs: readonly Float64Array[]
  readonly vs: readonly Float64Array[]
  readonly gs: readonly Float64Array[]
  /** A WalkerStatus code per walker (see status.ts). */
  readonly status: Uint8Array
  /** The step at which each walker diverged, or -1. */
  readonly divergedAt: Float64Array
  /** 1 for a walker no longer advanced (an analysis has what it needs from it). */
  readonly frozen: Uint8Array

  constructor(
    readonly n: number,
    readonly dim: number,
  ) {
    if (!Number.isInteger(n) || n < 1 || n > MAX_WALKERS)
      throw new RangeError(`walkers: ${n} is not an integer from 1 to ${MAX_WALKERS}`)
    if (!Number.isInteger(dim) || dim < 1 || dim * n > MAX_STATE)
      throw new RangeError(`walkers: ${dim} coordinates for ${n} walkers (at least 1, at most ${MAX_STATE} in all)`)
    this.q = new Float64Array(n * dim)
    this.v = new Float64Array(n * dim)
    this.g = new Float64Array(n * dim)
    this.u = new Float64Array(n)
    const views = (a: Float64Array) => Array.from({ length: n }, (_, i) => a.subarray(i * dim, (i + 1) * dim))
    this.qs = views(this.q)
    this.vs = views(this.v)
    this.gs = views(this.g)
    this.status = new Uint8Array(n)
    this.divergedAt = new Float64Array(n).fill(-1)
    this.frozen = new Uint8Array(n)
  }
}
