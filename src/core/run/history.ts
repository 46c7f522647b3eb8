import type { TrailMode } from '../scenario/types'

/**
 * Bounded histories for drawing. Every step is simulated; these keep what is
 * drawn: a decimating record of time series (when full, every other point is
 * dropped and the stride doubles, so memory stays fixed however long the run),
 * and the trails of a few walkers: their whole paths, decimated the same way, or
 * their last steps.
 */
export class DecimatingRecord {
  readonly steps: Float64Array
  readonly values: Float32Array[]
  length = 0
  stride = 1

  constructor(
    readonly names: readonly string[],
    readonly capacity = 1024,
  ) {
    this.steps = new Float64Array(capacity)
    this.values = names.map(() => new Float32Array(capacity))
  }

  /** Whether step t is one to record at the current stride. */
  wants(t: number): boolean {
    return t % this.stride === 0
  }

  push(t: number, values: readonly number[]): void {
    if (this.length === this.capacity) {
      const half = this.capacity / 2
      for (let k = 0; k < half; k++) {
        this.steps[k] = this.steps[2 * k]!
        for (const v of this.values) v[k] = v[2 * k]!
      }
      this.length = half
      this.stride *= 2
      if (t % this.stride !== 0) return
    }
    this.steps[this.length] = t
    values.forEach((v, k) => (this.values[k]![this.length] = v))
    this.length++
  }

  /** Copies of the recorded points (to transfer). */
  snapshot(): { step: Float64Array; series: Record<string, Float32Array> } {
    return {
      step: this.steps.slice(0, this.length),
      series: Object.fromEntries(this.names.map((name, k) => [name, this.values[k]!.slice(0, this.length)])),
    }
  }
}

/** Points kept per walker: a whole path keeps at most PATH_POINTS (plus the walker's latest point). */
export const PATH_POINTS = 2048
export const RECENT_POINTS = 512

/**
 * The trails of the first few walkers of a lane. A whole path keeps every step until
 * PATH_POINTS are recorded, then every other point and every second step from then on
 * (the stride doubles each time it fills), always ending at the walker's latest
 * position: it starts where the walker started however long the run. The last steps
 * are a ring of RECENT_POINTS.
 */
export class Trails {
  /** Points per walker in a snapshot. */
  readonly length: number
  private readonly data: Float32Array
  private readonly steps: Float64Array
  private readonly capacity: number
  private head = 0
  private filled = 0
  /** A whole path records every stride-th step. */
  stride = 1
  private readonly last: Float32Array
  private lastStep = -1

  constructor(
    readonly walkers: number,
    readonly mode: Exclude<TrailMode, 'none'>,
    capacity = mode === 'path' ? PATH_POINTS : RECENT_POINTS,
  ) {
    this.capacity = capacity
    this.length = mode === 'path' ? capacity + 1 : capacity
    this.data = new Float32Array(walkers * capacity * 2).fill(NaN)
    this.steps = new Float64Array(capacity).fill(NaN)
    this.last = new Float32Array(walkers * 2).fill(NaN)
  }

  /** Records the first `walkers` positions at step t (0 for the start). */
  push(t: number, x: Float64Array, y: Float64Array): void {
    const n = this.walkers
    for (let w = 0; w < n; w++) {
      this.last[2 * w] = x[w]!
      this.last[2 * w + 1] = y[w]!
    }
    this.lastStep = t
    if (this.mode === 'recent') {
      this.write(this.head, t, x, y)
      this.head = (this.head + 1) % this.capacity
      this.filled = Math.min(this.capacity, this.filled + 1)
      return
    }
    if (t % this.stride !== 0) return
    if (this.filled === this.capacity) {
      // Keep the even points (steps 0, 2s, 4s...): the start stays, the stride doubles.
      const half = this.capacity / 2
      for (let k = 0; k < half; k++) {
        this.steps[k] = this.steps[2 * k]!
        for (let w = 0; w < n; w++) {
          const to = (w * this.capacity + k) * 2
          const from = (w * this.capacity + 2 * k) * 2
          this.data[to] = this.data[from]!
          this.data[to + 1] = this.data[from + 1]!
        }
      }
      this.filled = half
      this.stride *= 2
      if (t % this.stride !== 0) return
    }
    this.write(this.filled, t, x, y)
    this.filled++
  }

  private write(slot: number, t: number, x: Float64Array, y: Float64Array): void {
    this.steps[slot] = t
    for (let w = 0; w < this.walkers; w++) {
      const k = (w * this.capacity + slot) * 2
      this.data[k] = x[w]!
      this.data[k + 1] = y[w]!
    }
  }

  /**
   * Each walker's trail, oldest first, padded at the start with NaN (`length` points of
   * x, y per walker), and the step of each point (NaN where padded). A whole path ends
   * with the latest position when that step was not recorded at the stride.
   */
  snapshot(): { points: Float32Array; steps: Float64Array } {
    const points = new Float32Array(this.walkers * this.length * 2).fill(NaN)
    const steps = new Float64Array(this.length).fill(NaN)
    const recent = this.mode === 'recent'
    const start = recent ? (this.head - this.filled + this.capacity) % this.capacity : 0
    const lastRecorded =
      this.filled > 0 ? this.steps[recent ? (this.head - 1 + this.capacity) % this.capacity : this.filled - 1]! : -1
    const extra = !recent && this.lastStep > lastRecorded ? 1 : 0
    const pad = this.length - this.filled - extra
    for (let k = 0; k < this.filled; k++) {
      const slot = (start + k) % this.capacity
      steps[pad + k] = this.steps[slot]!
      for (let w = 0; w < this.walkers; w++) {
        const from = (w * this.capacity + slot) * 2
        const to = (w * this.length + pad + k) * 2
        points[to] = this.data[from]!
        points[to + 1] = this.data[from + 1]!
      }
    }
    if (extra) {
      steps[this.length - 1] = this.lastStep
      for (let w = 0; w < this.walkers; w++) {
        const to = (w * this.length + this.length - 1) * 2
        points[to] = this.last[2 * w]!
        points[to + 1] = this.last[2 * w + 1]!
      }
    }
    return { points, steps }
  }
}
