/**
 * A time series of unbounded length kept in bounded memory: when full, pairs of
 * samples are averaged and the stride doubles (blocking). An integrated
 * autocorrelation time measured on the blocked series, times the stride, stays
 * a fair estimate of the time in steps as long as it spans several strides.
 */
export class BlockedSeries {
  readonly data: Float64Array
  length = 0
  /** Steps per stored sample. */
  stride = 1
  private pending = 0
  private pendingCount = 0

  constructor(readonly capacity = 8192) {
    if (capacity < 4 || capacity % 2 !== 0) throw new RangeError('capacity must be even and at least 4')
    this.data = new Float64Array(capacity)
  }

  push(v: number): void {
    this.pending += v
    this.pendingCount++
    if (this.pendingCount < this.stride) return
    if (this.length === this.capacity) this.halve()
    this.data[this.length++] = this.pending / this.pendingCount
    this.pending = 0
    this.pendingCount = 0
  }

  values(): Float64Array {
    return this.data.subarray(0, this.length)
  }

  private halve(): void {
    for (let k = 0; k < this.capacity / 2; k++) this.data[k] = 0.5 * (this.data[2 * k]! + this.data[2 * k + 1]!)
    this.length = this.capacity / 2
    this.stride *= 2
  }
}
