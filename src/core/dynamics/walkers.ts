/**
 * N walkers in typed arrays, advanced in place. Each walker's state is a vector of
 * `dim` coordinates, stored one array per coordinate (coords[k][i] is coordinate k of
 * walker i), with its velocity and gradient laid out the same way. On a surface
 * (dim = 2) x, y, vx, vy, gx and gy are those arrays themselves, which the planar
 * steppers' loops read directly. The gradient and energy at the current positions are
 * cached (gx, gy, u), so a method that needs the force at the start of its step does
 * not compute it again.
 */
export class Walkers {
  /** Coordinate k of every walker; coords[0] is x and coords[1] is y. */
  readonly coords: readonly Float64Array[]
  /** Velocity component k of every walker (vx, vy on a surface). */
  readonly velocities: readonly Float64Array[]
  /** dU/dq_k of every walker (gx, gy on a surface). */
  readonly gradients: readonly Float64Array[]
  readonly x: Float64Array
  readonly y: Float64Array
  readonly vx: Float64Array
  readonly vy: Float64Array
  /** dU/dx, dU/dy and U at (x, y). */
  readonly gx: Float64Array
  readonly gy: Float64Array
  readonly u: Float64Array
  /** A WalkerStatus code per walker (see status.ts). */
  readonly status: Uint8Array
  /** The step at which each walker diverged, or -1. */
  readonly divergedAt: Float64Array
  /**
   * 1 for a walker no longer advanced because an analysis has what it needs from
   * it (a basin-of-attraction map stops walkers once they have converged).
   */
  readonly frozen: Uint8Array

  constructor(
    readonly n: number,
    readonly dim = 2,
  ) {
    if (!Number.isInteger(n) || n < 1 || n > MAX_WALKERS)
      throw new RangeError(`walkers: ${n} is not an integer from 1 to ${MAX_WALKERS}`)
    if (!Number.isInteger(dim) || dim < 2 || dim * n > MAX_STATE)
      throw new RangeError(`walkers: ${dim} coordinates for ${n} walkers (at least 2, at most ${MAX_STATE} in all)`)
    const arrays = () => Array.from({ length: dim }, () => new Float64Array(n))
    this.coords = arrays()
    this.velocities = arrays()
    this.gradients = arrays()
    this.x = this.coords[0]!
    this.y = this.coords[1]!
    this.vx = this.velocities[0]!
    this.vy = this.velocities[1]!
    this.gx = this.gradients[0]!
    this.gy = this.gradients[1]!
    this.u = new Float64Array(n)
    this.status = new Uint8Array(n)
    this.divergedAt = new Float64Array(n).fill(-1)
    this.frozen = new Uint8Array(n)
  }

  /** Writes walker i's state vector into out[0..dim). */
  state(i: number, out: Float64Array): Float64Array {
    const c = this.coords
    for (let k = 0; k < this.dim; k++) out[k] = c[k]![i]!
    return out
  }

  /** Sets walker i's state from q[0..dim). */
  setState(i: number, q: ArrayLike<number>): void {
    const c = this.coords
    for (let k = 0; k < this.dim; k++) c[k]![i] = q[k]!
  }
}

export const MAX_WALKERS = 100_000
/** At most this many coordinates over all of a lane's walkers (walkers x dim). */
export const MAX_STATE = 10_000_000
