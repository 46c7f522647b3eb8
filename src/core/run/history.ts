/**
 * Bounded histories for drawing. Every step is simulated; these keep what is
 * drawn: a decimating record of time series (when full, every other point is
 * dropped and the stride doubles, so memory stays fixed however long the run),
 * and ring buffers for the trails of a few walkers.
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

export class Trails {
  private readonly data: Float32Array
  private head = 0
  private filled = 0

  constructor(
    readonly walkers: number,
    readonly length = 512,
  ) {
    this.data = new Float32Array(walkers * length * 2).fill(NaN)
  }

  push(x: Float64Array, y: Float64Array): void {
    for (let w = 0; w < this.walkers; w++) {
      const k = (w * this.length + this.head) * 2
      this.data[k] = x[w]!
      this.data[k + 1] = y[w]!
    }
    this.head = (this.head + 1) % this.length
    this.filled = Math.min(this.length, this.filled + 1)
  }

  /** Each walker's trail, oldest first, padded at the start with NaN. */
  snapshot(): Float32Array {
    const out = new Float32Array(this.data.length).fill(NaN)
    const pad = this.length - this.filled
    for (let w = 0; w < this.walkers; w++) {
      for (let k = 0; k < this.filled; k++) {
        const from = (w * this.length + ((this.head - this.filled + k + this.length) % this.length)) * 2
        const to = (w * this.length + pad + k) * 2
        out[to] = this.data[from]!
        out[to + 1] = this.data[from + 1]!
      }
    }
    return out
  }
}
