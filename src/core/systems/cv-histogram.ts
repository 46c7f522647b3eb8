import { FreeEnergyHistogram, type FreeEnergySurface, type GridAxis } from './free-energy'

/**
 * F(s1, s2) = -kT ln P accumulated while a run goes on, on a grid that fits the samples: a
 * collective variable's range is not known before the run has explored it. The samples are
 * kept (up to `capacity` pairs) so that when more than `outsideShare` of them fall off the grid,
 * or they fill less than half of it along a variable (the first samples of a run that starts in
 * one minimum all but coincide), the grid is refitted to their range with a margin and the
 * histogram is rebuilt from them in the order taken (the block error estimate of free-energy.ts
 * needs that order). Past the capacity, samples still enter the histogram but the grid stays.
 */
export interface CvHistogramOptions {
  readonly kT: number
  /** Bins along each variable; default 40. */
  readonly bins?: number
  /** Samples per block of the error estimate; default 1000. */
  readonly blockSize?: number
  /** Pairs kept for refitting; default 2^20. */
  readonly capacity?: number
  /** Share of samples off the grid that triggers a refit; default 0.01. */
  readonly outsideShare?: number
}

/** The margin added on each side of the samples' range, as a share of it. */
const MARGIN = 0.08

export class CvHistogram {
  private readonly kept: Float64Array
  private stored = 0
  private histogram: FreeEnergyHistogram | null = null
  private samples = 0
  private outside = 0
  private s1: GridAxis | null = null
  private s2: GridAxis | null = null
  /** The range of every sample so far. */
  private lo1 = Infinity
  private hi1 = -Infinity
  private lo2 = Infinity
  private hi2 = -Infinity
  private readonly bins: number
  private readonly share: number

  constructor(private readonly options: CvHistogramOptions) {
    this.bins = options.bins ?? 40
    this.share = options.outsideShare ?? 0.01
    this.kept = new Float64Array(2 * (options.capacity ?? 1 << 20))
  }

  /** Samples added so far. */
  get count(): number {
    return this.samples
  }

  add(s1: number, s2: number): void {
    if (!(Number.isFinite(s1) && Number.isFinite(s2))) return
    if (2 * this.stored < this.kept.length) {
      this.kept[2 * this.stored] = s1
      this.kept[2 * this.stored + 1] = s2
      this.stored++
    }
    this.samples++
    this.lo1 = Math.min(this.lo1, s1)
    this.hi1 = Math.max(this.hi1, s1)
    this.lo2 = Math.min(this.lo2, s2)
    this.hi2 = Math.max(this.hi2, s2)
    if (this.histogram === null) return
    if (!inside(s1, this.s1!) || !inside(s2, this.s2!)) this.outside++
    this.histogram.add(s1, s2)
  }

  /** The surface so far, refitting the grid first when it no longer fits the samples; null before any sample. */
  surface(): FreeEnergySurface | null {
    if (this.samples === 0) return null
    if (this.histogram === null || (this.stored === this.samples && this.refitDue())) this.rebuild()
    return this.histogram!.result()
  }

  /** Too many samples off the grid, or the samples fill too little of it. */
  private refitDue(): boolean {
    return (
      this.outside > this.share * this.samples ||
      this.loose(this.s1!, this.lo1, this.hi1) ||
      this.loose(this.s2!, this.lo2, this.hi2)
    )
  }

  /** The samples spread over less than half of the axis (and over some width of their own). */
  private loose(a: GridAxis, lo: number, hi: number): boolean {
    return hi > lo && hi - lo < 0.5 * (a.max - a.min)
  }

  private rebuild(): void {
    this.s1 = fitted(this.lo1, this.hi1, this.bins)
    this.s2 = fitted(this.lo2, this.hi2, this.bins)
    const h = new FreeEnergyHistogram({
      s1: this.s1,
      s2: this.s2,
      kT: this.options.kT,
      ...(this.options.blockSize === undefined ? {} : { blockSize: this.options.blockSize }),
    })
    for (let t = 0; t < this.stored; t++) h.add(this.kept[2 * t]!, this.kept[2 * t + 1]!)
    this.histogram = h
    this.outside = 0
  }
}

function inside(s: number, a: GridAxis): boolean {
  return s >= a.min && s <= a.max
}

/** A grid over [lo, hi] with a margin; a range of one value gets a width of its own size (or 1 at 0). */
function fitted(lo: number, hi: number, bins: number): GridAxis {
  const span = hi - lo
  const pad = span > 0 ? MARGIN * span : 0.5 * Math.max(Math.abs(lo), 1e-3)
  return { min: lo - pad, max: hi + pad, bins }
}
