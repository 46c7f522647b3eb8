/**
 * A sampler's samples kept in batches, for a check that measures the run's own
 * noise instead of assuming it: counts in each of a few coarse cells of the
 * domain split by basin (CheckCells' pairs), per group of walkers and per segment of time.
 *
 * Walkers are dealt into at most MAX_GROUPS groups by their independent unit (a
 * walker, or parallel tempering's ensemble of replicas): groups never exchange
 * anything, so their counts are independent whatever the dynamics' correlation
 * times. Time is cut into segments of equal length, a fixed number at most: when
 * they are full, neighbours merge and the length doubles, so memory stays fixed
 * for a run of any length. Segments let a check leave out the start of a run (its
 * burn-in), and serve as batches over time when there are too few groups.
 */
export const MAX_GROUPS = 32
/** Groups needed to batch by walkers alone; below, batches are (group, segment) pairs. */
export const MIN_GROUPS = 16
/**
 * Segments kept: with enough groups they only mark the burn-in, and 16 do (8 to 15 whole
 * ones, of which a quarter are left out); batching by time needs more, 64 (32 to 63 whole
 * ones, so that at least 24 remain after the burn-in, above the check's 16).
 */
export const SEGMENTS_FOR_WALKERS = 16
export const SEGMENTS_FOR_TIME = 64

export interface Batches {
  /** Samples in each batch, and its counts per pair (index b * pairs + p). */
  n: Float64Array
  counts: Float64Array
  count: number
  /** 'walkers': one batch per group of walkers over the steps used; 'time': per group and segment of time. */
  kind: 'walkers' | 'time'
  /** Steps per segment, and the first step used (counted from the start of the recording). */
  segmentLength: number
  from: number
  /** Steps used. */
  steps: number
}

export class SampleBatches {
  readonly groups: number
  /** Steps recorded so far. */
  steps = 0
  private segmentLength = 1
  private current = 0
  private inSegment = 0
  private readonly stride: number
  private readonly data: Float64Array
  private readonly maxSegments: number

  /** `units`: the number of independent units the walkers form (walkers, or parallel tempering's ensembles). */
  constructor(
    units: number,
    readonly pairs: number,
  ) {
    this.groups = Math.max(1, Math.min(MAX_GROUPS, units))
    this.stride = pairs + 1
    this.maxSegments = this.groups >= MIN_GROUPS ? SEGMENTS_FOR_WALKERS : SEGMENTS_FOR_TIME
    this.data = new Float64Array((this.maxSegments + 1) * this.groups * this.stride)
  }

  /** One sample of unit `unit` in pair `pair` (a coarse cell and a basin, CheckCells.pair). */
  add(unit: number, pair: number): void {
    const base = (this.current * this.groups + (unit % this.groups)) * this.stride
    this.data[base + pair]!++
    this.data[base + this.pairs]!++
  }

  /** Ends a step: every sample added since the last call belongs to it. */
  endStep(): void {
    this.steps++
    if (++this.inSegment < this.segmentLength) return
    this.inSegment = 0
    if (++this.current < this.maxSegments) return
    // Full: neighbouring segments merge, and each is now twice as long.
    const size = this.groups * this.stride
    const half = this.maxSegments / 2
    for (let s = 0; s < half; s++) {
      for (let k = 0; k < size; k++)
        this.data[s * size + k] = this.data[2 * s * size + k]! + this.data[(2 * s + 1) * size + k]!
    }
    this.data.fill(0, half * size)
    this.current = half
    this.segmentLength *= 2
  }

  /**
   * The batches a check compares, leaving out the segments that cover the first
   * `burnIn` fraction of the recorded steps: one per group of walkers (over every
   * step used, the current segment included) when there are MIN_GROUPS groups,
   * else one per group and whole segment.
   */
  batches(burnIn: number): Batches {
    const cut = Math.floor(this.current * burnIn + 0.5)
    const size = this.groups * this.stride
    const byWalkers = this.groups >= MIN_GROUPS
    const last = byWalkers && this.inSegment > 0 ? this.current + 1 : this.current
    const segments = Math.max(0, last - cut)
    const count = byWalkers ? this.groups : this.groups * segments
    const n = new Float64Array(count)
    const counts = new Float64Array(count * this.pairs)
    for (let s = cut; s < last; s++) {
      for (let g = 0; g < this.groups; g++) {
        const b = byWalkers ? g : (s - cut) * this.groups + g
        const base = s * size + g * this.stride
        for (let p = 0; p < this.pairs; p++) counts[b * this.pairs + p]! += this.data[base + p]!
        n[b]! += this.data[base + this.pairs]!
      }
    }
    const from = cut * this.segmentLength
    return {
      n,
      counts,
      count,
      kind: byWalkers ? 'walkers' : 'time',
      segmentLength: this.segmentLength,
      from,
      steps: (byWalkers ? this.steps : this.current * this.segmentLength) - from,
    }
  }
}
