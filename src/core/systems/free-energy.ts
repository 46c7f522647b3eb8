import { portableMath } from '../portable-math'

/**
 * Free-energy surfaces over two collective variables from samples of them:
 *
 *   F(s1, s2) = -kT ln P(s1, s2),
 *
 * P the probability of a bin of a regular grid, shifted so that the lowest bin is at 0.
 * Samples may carry weights: a run under a bias V(s) samples P_biased ~ P exp(-V/kT), and
 * weighting each sample by exp(+V/kT) recovers P (umbrella sampling, Torrie & Valleau,
 * J. Comput. Phys. 23, 187, 1977; for a converged metadynamics bias the same reweighting
 * applies, Bonomi, Barducci & Parrinello, J. Comput. Chem. 30, 1615, 2009).
 *
 * Statistical errors by block averaging (Flyvbjerg & Petersen, J. Chem. Phys. 91, 461, 1989):
 * the samples are cut into blocks of `blockSize` consecutive samples; each block gives its own
 * bin probabilities P_b, and the standard error of their mean over the B complete blocks,
 *   sigma_P = sqrt(sum_b (P_b - Pbar)^2 / ((B - 1) B)),
 * carries over to F by the delta method, sigma_F = kT sigma_P / P. Blocks much longer than the
 * correlation time of the run make the blocks nearly independent, so sigma_P sees the
 * correlations that a count-based error (sqrt of the count) would miss.
 */

/** A regular grid on one variable: `bins` bins from `min` to `max` (the last bin includes max). */
export interface GridAxis {
  readonly min: number
  readonly max: number
  readonly bins: number
}

export interface HistogramOptions {
  readonly s1: GridAxis
  readonly s2: GridAxis
  /** Thermal energy kT, in the energy units of F. */
  readonly kT: number
  /** Samples per block for the error estimate; default 1000. */
  readonly blockSize?: number
}

/** One axis of the result: bins + 1 edges and bins centres. */
export interface SurfaceAxis {
  readonly edges: number[]
  readonly centres: number[]
}

/** A free-energy surface as plain data (arrays of numbers and nulls; JSON as it is). */
export interface FreeEnergySurface {
  readonly s1: SurfaceAxis
  readonly s2: SurfaceAxis
  /** F[i][j] at (s1.centres[i], s2.centres[j]): -kT ln P - shift, 0 at the lowest bin; null for an empty bin. */
  readonly F: (number | null)[][]
  /** The standard error of F[i][j] from the blocks; null for an empty bin or fewer than two complete blocks. */
  readonly error: (number | null)[][]
  /** Samples that fell in each bin (unweighted). */
  readonly counts: number[][]
  /** The value subtracted: F = -kT ln P - shift with P the bin's probability (weights included). */
  readonly shift: number
  readonly kT: number
  /** All samples added, inside the grid or not. */
  readonly samples: number
  /** Samples outside the grid (or with a non-finite variable); they count in P's normalisation. */
  readonly outside: number
  /** Complete blocks behind `error`, and their size. */
  readonly blocks: number
  readonly blockSize: number
}

function checkAxis(name: string, a: GridAxis): void {
  if (!(Number.isFinite(a.min) && Number.isFinite(a.max) && a.max > a.min))
    throw new RangeError(`free energy: the ${name} axis needs finite min < max (${a.min}, ${a.max})`)
  if (!(Number.isInteger(a.bins) && a.bins >= 1 && a.bins <= 10000))
    throw new RangeError(`free energy: the ${name} axis needs 1 to 10000 bins, not ${a.bins}`)
}

function axisOf(a: GridAxis): SurfaceAxis {
  const h = (a.max - a.min) / a.bins
  const edges: number[] = []
  const centres: number[] = []
  for (let i = 0; i <= a.bins; i++) edges.push(i === a.bins ? a.max : a.min + i * h)
  for (let i = 0; i < a.bins; i++) centres.push(a.min + (i + 0.5) * h)
  return { edges, centres }
}

/** The bin of s on axis a, or -1 outside [min, max] (max belongs to the last bin). */
function binOf(s: number, a: GridAxis): number {
  if (!(s >= a.min && s <= a.max)) return -1
  const k = Math.floor(((s - a.min) / (a.max - a.min)) * a.bins)
  return k >= a.bins ? a.bins - 1 : k
}

/**
 * The reweighting factor exp((V - reference)/kT) of a sample taken under a bias V. Only ratios
 * of weights matter, so `reference` (for example the largest bias of the run) may be chosen to
 * keep the factors from overflowing.
 */
export function biasWeight(bias: number, kT: number, reference = 0): number {
  return portableMath.exp((bias - reference) / kT)
}

/**
 * Accumulates samples (s1, s2) on a grid, with the block sums for the error estimate; `result`
 * can be called at any time. Memory O(bins); nothing is allocated per sample.
 */
export class FreeEnergyHistogram {
  private readonly a1: GridAxis
  private readonly a2: GridAxis
  private readonly kT: number
  private readonly blockSize: number
  private readonly nBins: number
  /** Total weight and sample count per bin (all samples). */
  private readonly weight: Float64Array
  private readonly count: Float64Array
  /** This block's weight per bin, and the bins it touched. */
  private readonly blockWeight: Float64Array
  private readonly touched: Int32Array
  private nTouched = 0
  /** Sums over complete blocks of P_b and P_b^2 per bin. */
  private readonly sumP: Float64Array
  private readonly sumP2: Float64Array
  private totalWeight = 0
  private blockTotal = 0
  private inBlock = 0
  private samples = 0
  private outside = 0
  private blocks = 0

  constructor(options: HistogramOptions) {
    checkAxis('s1', options.s1)
    checkAxis('s2', options.s2)
    if (!(options.kT > 0 && Number.isFinite(options.kT)))
      throw new RangeError(`free energy: kT must be positive, not ${options.kT}`)
    const blockSize = options.blockSize ?? 1000
    if (!(Number.isInteger(blockSize) && blockSize >= 1))
      throw new RangeError(`free energy: blockSize must be a positive integer, not ${blockSize}`)
    this.a1 = { ...options.s1 }
    this.a2 = { ...options.s2 }
    this.kT = options.kT
    this.blockSize = blockSize
    this.nBins = options.s1.bins * options.s2.bins
    this.weight = new Float64Array(this.nBins)
    this.count = new Float64Array(this.nBins)
    this.blockWeight = new Float64Array(this.nBins)
    this.touched = new Int32Array(Math.min(this.nBins, blockSize))
    this.sumP = new Float64Array(this.nBins)
    this.sumP2 = new Float64Array(this.nBins)
  }

  /** Adds one sample with weight w >= 0 (1 unless reweighting; see biasWeight). */
  add(s1: number, s2: number, w = 1): void {
    if (!(w >= 0 && w < Infinity))
      throw new RangeError(`free energy: a sample weight must be finite and >= 0, not ${w}`)
    this.samples++
    this.totalWeight += w
    this.blockTotal += w
    const i = binOf(s1, this.a1)
    const j = binOf(s2, this.a2)
    if (i < 0 || j < 0) this.outside++
    else {
      const k = i * this.a2.bins + j
      this.weight[k] = this.weight[k]! + w
      this.count[k] = this.count[k]! + 1
      if (this.blockWeight[k] === 0 && w > 0) this.touched[this.nTouched++] = k
      this.blockWeight[k] = this.blockWeight[k]! + w
    }
    if (++this.inBlock === this.blockSize) this.closeBlock()
  }

  /** Ends the current block: its P_b enter the sums (bins it missed have P_b = 0 and add nothing). */
  private closeBlock(): void {
    const total = this.blockTotal
    for (let t = 0; t < this.nTouched; t++) {
      const k = this.touched[t]!
      if (total > 0) {
        const p = this.blockWeight[k]! / total
        this.sumP[k] = this.sumP[k]! + p
        this.sumP2[k] = this.sumP2[k]! + p * p
      }
      this.blockWeight[k] = 0
    }
    this.nTouched = 0
    this.blockTotal = 0
    this.inBlock = 0
    this.blocks++
  }

  /**
   * The surface so far. P comes from all samples (a block still open included); the errors from
   * the complete blocks only.
   */
  result(): FreeEnergySurface {
    const n1 = this.a1.bins
    const n2 = this.a2.bins
    const kT = this.kT
    const B = this.blocks
    let shift = Infinity
    if (this.totalWeight > 0)
      for (let k = 0; k < this.nBins; k++) {
        const w = this.weight[k]!
        if (w > 0) shift = Math.min(shift, -kT * portableMath.log(w / this.totalWeight))
      }
    const F: (number | null)[][] = []
    const error: (number | null)[][] = []
    const counts: number[][] = []
    for (let i = 0; i < n1; i++) {
      const fRow: (number | null)[] = []
      const eRow: (number | null)[] = []
      const cRow: number[] = []
      for (let j = 0; j < n2; j++) {
        const k = i * n2 + j
        const w = this.weight[k]!
        cRow.push(this.count[k]!)
        if (!(w > 0)) {
          fRow.push(null)
          eRow.push(null)
          continue
        }
        const p = w / this.totalWeight
        fRow.push(-kT * portableMath.log(p) - shift)
        if (B < 2) {
          eRow.push(null)
          continue
        }
        const mean = this.sumP[k]! / B
        const variance = Math.max(0, (this.sumP2[k]! - B * mean * mean) / (B - 1))
        eRow.push((kT * Math.sqrt(variance / B)) / p)
      }
      F.push(fRow)
      error.push(eRow)
      counts.push(cRow)
    }
    return {
      s1: axisOf(this.a1),
      s2: axisOf(this.a2),
      F,
      error,
      counts,
      shift: Number.isFinite(shift) ? shift : 0,
      kT,
      samples: this.samples,
      outside: this.outside,
      blocks: B,
      blockSize: this.blockSize,
    }
  }
}

/**
 * The free-energy surface of paired samples s1[t], s2[t] in the order taken (blocks are runs of
 * consecutive samples), with optional weights w[t] (exp(+V/kT) for samples under a bias V).
 */
export function freeEnergySurface(
  s1: ArrayLike<number>,
  s2: ArrayLike<number>,
  options: HistogramOptions,
  weight?: ArrayLike<number>,
): FreeEnergySurface {
  if (s1.length !== s2.length || (weight !== undefined && weight.length !== s1.length))
    throw new RangeError(
      `free energy: s1, s2${weight ? ' and the weights' : ''} need one length ` +
        `(${s1.length}, ${s2.length}${weight ? `, ${weight.length}` : ''})`,
    )
  const h = new FreeEnergyHistogram(options)
  for (let t = 0; t < s1.length; t++) h.add(s1[t]!, s2[t]!, weight === undefined ? 1 : weight[t]!)
  return h.result()
}
