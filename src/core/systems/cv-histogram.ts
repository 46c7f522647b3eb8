import { FreeEnergyHistogram, type FreeEnergySurface, type GridAxis } from './free-energy'

/**
 * F(s1, s2) = -kT ln P accumulated while a run goes on, on a grid that fits the samples: a
 * collective variable's range is not known before the run has explored it. The samples are
 * kept (up to `capacity` pairs) so that when more than `outsideShare` of them fall off the grid,
 * the grid is refitted to their range with a margin and the histogram is rebuilt from them in
 * the order taken (the block error estimate of free-energy.ts needs that order). Past the
 * capacity, samples still enter the histogram but the grid stays.
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
    if (this.histogram === null) return
    if (!inside(s1, this.s1!) || !inside(s2, this.s2!)) this.outside++
    this.histogram.add(s1, s2)
  }

  /** The surface so far, refitting the grid first when too many samples fell off it; null before any sample. */
  surface(): FreeEnergySurface | null {
    if (this.samples === 0) return null
    const refit = this.histogram === null || (this.outside > this.share * this.samples && this.stored === this.samples)
    if (refit) this.rebuild()
    return this.histogram!.result()
  }

  private rebuild(): void {
    let lo1 = Infinity
    let hi1 = -Infinity
    let lo2 = Infinity
    let hi2 = -Infinity
    for (let t = 0; t < this.stored; t++) {
      const a = this.kept[2 * t]!
      const b = this.kept[2 * t + 1]!
      lo1 = Math.min(lo1, a)
      hi1 = Math.max(hi1, a)
      lo2 = Math.min(lo2, b)
      hi2 = Math.max(hi2, b)
    }
    this.s1 = fitted(lo1, hi1, this.bins)
    this.s2 = fitted(lo2, hi2, this.bins)
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
