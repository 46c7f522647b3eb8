import type { CompiledSurface } from '../surface'
import { effectiveSampleSize, integratedTime } from './autocorrelation'
import { basinAt, type BasinMap } from './basins'
import { klDivergence, perfectSamplerDistances, totalVariation } from './distances'
import { Histogram2D } from './histogram'
import type { BasinPopulation } from './populations'
import type { Landscape } from './saddles'
import { BlockedSeries } from './series'
import { TransitionCounter, type TransitionOptions } from './transitions'

/** What the observer reads after each step: the walkers of a lane. */
export interface ObservedWalkers {
  walkers: { n: number; x: Float64Array; y: Float64Array; u: Float64Array }
  /** Whether walker i is a sample of the target distribution now (see Lane.counts). */
  counts(i: number): boolean
}

export interface ObserverOptions {
  bins?: [number, number]
  /** Walkers whose time series give the autocorrelation times (default 16). */
  chains?: number
  /** Transition counting; false for none. */
  transitions?: TransitionOptions | false
  /** Samples kept per series before blocking halves them (see BlockedSeries). */
  seriesCapacity?: number
}

export interface BasinComparison {
  minimum: number
  /** Fraction of samples in the basin, with its standard error from N_eff. */
  sampled: number
  sampledError: number
  exact: number
  /** -kT ln p_hat with its error bar (kT sigma_p / p_hat), beside the exact -kT ln P. */
  freeEnergy: number
  freeEnergyError: number
  exactFreeEnergy: number
}

export interface RunSummary {
  samples: number
  /** Integrated autocorrelation times in steps of U, x, y and the basin label, and the slowest of them. */
  tau: { energy: number; x: number; y: number; basin: number; slowest: number }
  nEff: number
  tv: number
  kl: number
  /** The 99.9th percentile of the TV a perfect sampler of the same N_eff reaches. */
  tvPerfect: number
  /** The same for the KL distance. */
  klPerfect: number
  /** Its mean, sum sqrt(p_i / (2 pi N_eff)) (a perfect sampler exceeds it about 44% of the time). */
  tvPerfectMean: number
  basins: BasinComparison[]
}

/**
 * How far N_eff may move before the perfect-sampler bound is drawn again: a
 * factor of 2 either way. Between N_eff = 300 and 30,000 on 1,600 bins TV's
 * 99.9th percentile falls as N_eff^-0.44 to ^-0.49, not ^-0.5, so the scaled
 * value is off by about 2^0.06 - 1 = 4% at most, under the 4,000 draws' own noise at
 * that percentile (a handful of draws beyond it); and a page run draws it again
 * once each time its N_eff doubles (a few hundred ms each), not every second.
 */
const BOUND_REUSE = 2

/**
 * Watches a running sampler: histograms every counted walker at every step,
 * counts samples per basin, keeps the time series of U, x, y and the basin label
 * of a few walkers (in bounded memory) for autocorrelation times, and counts
 * transitions. summary() compares all of it with the exact answer at kT.
 */
export class RunObserver {
  readonly histogram: Histogram2D
  readonly basinCounts: Float64Array
  readonly transitions: TransitionCounter | undefined
  readonly chains: number
  private readonly series: { energy: BlockedSeries[]; x: BlockedSeries[]; y: BlockedSeries[]; basin: BlockedSeries[] }
  /**
   * The last perfect-sampler bound (it costs a few hundred ms), reused while N_eff
   * stays within a factor BOUND_REUSE of the N_eff it was made for, scaled as the distances
   * of many samples scale: TV as 1/sqrt(N_eff), KL as 1/N_eff.
   */
  private bound: { exact: Float64Array; nEff: number; tv: number; kl: number } | null = null

  /** `landscape` is needed only when transitions are counted. */
  constructor(surface: CompiledSurface, readonly map: BasinMap, landscape: Landscape | null, walkers: number, options: ObserverOptions = {}) {
    const d = surface.domain
    const [nx, ny] = options.bins ?? [30, 30]
    this.histogram = Histogram2D.uniform(d.xmin, d.xmax, nx, d.ymin, d.ymax, ny)
    this.basinCounts = new Float64Array(map.minima.length)
    this.chains = Math.min(walkers, options.chains ?? 16)
    const make = () => Array.from({ length: this.chains }, () => new BlockedSeries(options.seriesCapacity))
    this.series = { energy: make(), x: make(), y: make(), basin: make() }
    if (options.transitions !== false && !landscape) throw new Error('RunObserver: counting transitions needs the landscape')
    this.transitions = options.transitions === false ? undefined : new TransitionCounter(surface, map, landscape!, walkers, options.transitions)
  }

  observe(run: ObservedWalkers): void {
    const w = run.walkers
    for (let i = 0; i < w.n; i++) {
      if (!run.counts(i)) continue
      const x = w.x[i]
      const y = w.y[i]
      this.histogram.add(x, y)
      const label = basinAt(this.map, x, y)
      if (label >= 0 && this.histogram.bin(x, y) >= 0) this.basinCounts[label]++
      this.transitions?.observe(i, x, y, w.u[i])
      if (i < this.chains) {
        this.series.energy[i].push(w.u[i])
        this.series.x[i].push(x)
        this.series.y[i].push(y)
        this.series.basin[i].push(label)
      }
    }
  }

  /** Integrated autocorrelation time in steps of one observable over the chains. */
  private tau(series: BlockedSeries[]): number {
    const stride = series[0]?.stride ?? 1
    return integratedTime(series.map((s) => s.values())) * stride
  }

  private perfectBounds(exact: Float64Array, nEff: number, seed: number): { tv: number; kl: number } {
    const b = this.bound
    if (b && b.exact === exact && nEff <= BOUND_REUSE * b.nEff && nEff >= b.nEff / BOUND_REUSE) return { tv: b.tv * Math.sqrt(b.nEff / nEff), kl: (b.kl * b.nEff) / nEff }
    const bounds = perfectSamplerDistances(exact, nEff, 0.999, seed)
    this.bound = { exact, nEff, ...bounds }
    return bounds
  }

  summary(kT: number, exact: Float64Array, populations: readonly BasinPopulation[], seed = 1): RunSummary {
    const energy = this.tau(this.series.energy)
    const x = this.tau(this.series.x)
    const y = this.tau(this.series.y)
    const basin = this.tau(this.series.basin)
    const finite = [energy, x, y, basin].filter(Number.isFinite)
    const slowest = finite.length > 0 ? Math.max(...finite) : NaN
    const samples = this.histogram.total
    const nEff = effectiveSampleSize(samples, slowest)
    const pHat = this.histogram.probabilities()
    let mean = 0
    for (const p of exact) mean += Math.sqrt(p / (2 * Math.PI * nEff))
    const inBasins = this.basinCounts.reduce((a, b) => a + b, 0)
    const bounds = samples > 0 ? this.perfectBounds(exact, nEff, seed) : { tv: NaN, kl: NaN }
    return {
      samples,
      tau: { energy, x, y, basin, slowest },
      nEff,
      tv: totalVariation(pHat, exact),
      kl: klDivergence(pHat, exact),
      tvPerfect: bounds.tv,
      klPerfect: bounds.kl,
      tvPerfectMean: mean,
      basins: populations.map((pop, k) => {
        const p = inBasins > 0 ? this.basinCounts[k] / inBasins : 0
        // One standard error with Wilson's score correction (z = 1): the plain binomial sqrt(p(1-p)/n) from
        // n = N_eff, plus 1/(4n^2), so a basin never or always visited still gets an error of about 1/(2n).
        const n = Math.max(1, nEff)
        const error = Math.sqrt((p * (1 - p)) / n + 1 / (4 * n * n)) / (1 + 1 / n)
        return {
          minimum: k,
          sampled: p,
          sampledError: error,
          exact: pop.exact,
          freeEnergy: -kT * Math.log(p),
          freeEnergyError: p > 0 ? (kT * error) / p : Infinity,
          exactFreeEnergy: pop.freeEnergy,
        }
      }),
    }
  }
}
