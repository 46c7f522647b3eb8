/**
 * N walkers in typed arrays, advanced in place. The gradient and energy at the
 * current positions are cached (gx, gy, u), so a method that needs the force at
 * the start of its step does not compute it again.
 */
export class Walkers {
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

  constructor(readonly n: number) {
    if (!Number.isInteger(n) || n < 1 || n > MAX_WALKERS)
      throw new RangeError(`walkers: ${n} is not an integer from 1 to ${MAX_WALKERS}`)
    this.x = new Float64Array(n)
    this.y = new Float64Array(n)
    this.vx = new Float64Array(n)
    this.vy = new Float64Array(n)
    this.gx = new Float64Array(n)
    this.gy = new Float64Array(n)
    this.u = new Float64Array(n)
    this.status = new Uint8Array(n)
    this.divergedAt = new Float64Array(n).fill(-1)
    this.frozen = new Uint8Array(n)
  }
}

export const MAX_WALKERS = 100_000
