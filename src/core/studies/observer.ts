import type { CompiledSurface } from '../surface'
import { effectiveSampleSize, integratedTime } from './autocorrelation'
import { SampleBatches } from './batches'
import { checkCellsOf, type CheckCells } from '../landscape/check-cells'
import { basinInCell, type BasinMap } from '../landscape/basins'
import { klDivergence, totalVariation } from './distances'
import { Histogram2D } from './histogram'
import type { Landscape } from '../landscape/saddles'
import { BURN_IN, checkSampling, type SamplingCheck } from './sampling-check'
import { BlockedSeries } from './series'
import { TransitionCounter, type TransitionOptions } from './transitions'

/** What the observer reads after each step: the walkers of a lane. */
export interface ObservedWalkers {
  walkers: { n: number; x: Float64Array; y: Float64Array; u: Float64Array }
  /** Whether walker i is a sample of the target distribution now (see Lane.counts). */
  counts(i: number): boolean
  /** The independent unit walker i belongs to (see Lane.unit). */
  unit(i: number): number
  /**
   * Every walker counts (counts(i) is always true), and each is its own unit (unit(i) = i): the observer skips the
   * calls.
   */
  countsEvery?: boolean
  unitIsWalker?: boolean
}

export interface ObserverOptions {
  bins?: [number, number]
  /** Walkers whose time series give the autocorrelation times (default 8). */
  chains?: number
  /** Transition counting; false for none. */
  transitions?: TransitionOptions | false
  /** Samples kept per series before blocking halves them (see BlockedSeries). */
  seriesCapacity?: number
  /** The independent units the walkers form (default: each walker is one; see Lane.units). */
  units?: number
  /** The lane's step count when observing begins (after a burn-in), so that the check names the lane's own steps. */
  firstStep?: number
  /**
   * Why the method's samples are not exp(-U/kT) at one kT, or null (the default):
   * the check of the run against the exact density then says so instead of judging.
   */
  notBoltzmann?: string | null
}

export interface BasinComparison {
  minimum: number
  /** Fraction of the samples in the domain that are in the basin, with its standard error from the run's batches. */
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
  /** Samples over twice the slowest autocorrelation time: how many independent ones the run is worth. */
  nEff: number
  /** Distances of the whole histogram from the exact bin probabilities. */
  tv: number
  kl: number
  basins: BasinComparison[]
  /** The verdict: is the run consistent with exact sampling? (checkSampling) */
  check: SamplingCheck
}

/**
 * Watches a running sampler: histograms every counted walker at every step,
 * counts samples per basin, keeps them in batches (SampleBatches) for the check,
 * keeps the time series of U, x, y and the basin label of a few walkers (in
 * bounded memory) for autocorrelation times, and counts transitions. summary()
 * compares all of it with the exact answer at kT.
 */
export class RunObserver {
  readonly histogram: Histogram2D
  readonly basinCounts: Float64Array
  readonly transitions: TransitionCounter | undefined
  readonly chains: number
  readonly batches: SampleBatches
  readonly cells: CheckCells
  private readonly notBoltzmann: string | null
  private readonly firstStep: number
  private readonly units: number
  private readonly series: { energy: BlockedSeries[]; x: BlockedSeries[]; y: BlockedSeries[]; basin: BlockedSeries[] }

  /** `landscape` is needed only when transitions are counted. */
  constructor(
    private readonly surface: CompiledSurface,
    readonly map: BasinMap,
    landscape: Landscape | null,
    walkers: number,
    options: ObserverOptions = {},
  ) {
    const d = surface.domain
    const [nx, ny] = options.bins ?? [30, 30]
    this.histogram = Histogram2D.uniform(d.xmin, d.xmax, nx, d.ymin, d.ymax, ny)
    this.basinCounts = new Float64Array(map.minima.length)
    this.cells = checkCellsOf(map)
    this.batches = new SampleBatches(options.units ?? walkers, this.cells.pairs)
    this.notBoltzmann = options.notBoltzmann ?? null
    this.firstStep = options.firstStep ?? 0
    this.units = options.units ?? walkers
    this.chains = Math.min(walkers, options.chains ?? 8)
    const make = () => Array.from({ length: this.chains }, () => new BlockedSeries(options.seriesCapacity))
    this.series = { energy: make(), x: make(), y: make(), basin: make() }
    if (options.transitions !== false && !landscape)
      throw new Error('RunObserver: counting transitions needs the landscape')
    this.transitions =
      options.transitions === false
        ? undefined
        : new TransitionCounter(surface, map, landscape!, walkers, options.transitions)
  }

  observe(run: ObservedWalkers): void {
    const w = run.walkers
    // Most methods count every walker, each its own unit: no call per walker for those.
    const everyWalker = run.countsEvery === true
    const ownUnits = run.unitIsWalker === true
    const { histogram, map, cells, batches, basinCounts, transitions } = this
    // Histogram2D.bin and cellAt written out (the same operations, so the same bins): they run for every sample.
    const { nx, ny, xEdges, yEdges } = histogram
    const x0 = xEdges[0]!
    const y0 = yEdges[0]!
    const width = xEdges[nx]! - x0
    const height = yEdges[ny]! - y0
    const { cx, cy, hx, hy } = map.cells
    const mx0 = map.xs[0]!
    const my0 = map.ys[0]!
    const periodic = map.periodic
    for (let i = 0; i < w.n; i++) {
      if (!everyWalker && !run.counts(i)) continue
      const x = w.x[i]!
      const y = w.y[i]!
      const fx = ((x - x0) / width) * nx
      const fy = ((y - y0) / height) * ny
      const bin =
        fx >= 0 && fx <= nx && fy >= 0 && fy <= ny
          ? Math.min(nx - 1, Math.floor(fx)) * ny + Math.min(ny - 1, Math.floor(fy))
          : -1
      histogram.addToBin(bin)
      let gx = (x - mx0) / hx
      let gy = (y - my0) / hy
      if (periodic) {
        gx = ((gx % cx) + cx) % cx
        gy = ((gy % cy) + cy) % cy
      }
      const cell =
        gx >= 0 && gx <= cx && gy >= 0 && gy <= cy
          ? Math.min(cy - 1, Math.floor(gy)) * cx + Math.min(cx - 1, Math.floor(gx))
          : -1
      const label = basinInCell(map, cell, x, y)
      if (bin >= 0 && label >= 0) basinCounts[label]!++
      const pair = cells.pair(cell, label)
      if (pair >= 0) batches.add(ownUnits ? i : run.unit(i), pair)
      if (transitions) transitions.observe(i, x, y, w.u[i]!)
      if (i < this.chains) {
        this.series.energy[i]!.push(w.u[i]!)
        this.series.x[i]!.push(x)
        this.series.y[i]!.push(y)
        this.series.basin[i]!.push(label)
      }
    }
    this.batches.endStep()
  }

  /** Integrated autocorrelation time in steps of one observable over the chains. */
  private tau(series: BlockedSeries[]): number {
    const stride = series[0]?.stride ?? 1
    return integratedTime(series.map((s) => s.values())) * stride
  }

  /**
   * Everything compared with the exact answer at kT: `exact` holds the exact
   * probabilities of the histogram's bins; the basins' come from the map's own
   * quadrature (CheckCells). `basinName` names basins in the check's reasons.
   */
  summary(kT: number, exact: Float64Array, seed = 1, basinName?: (k: number) => string): RunSummary {
    const energy = this.tau(this.series.energy)
    const x = this.tau(this.series.x)
    const y = this.tau(this.series.y)
    const basin = this.tau(this.series.basin)
    const finite = [energy, x, y, basin].filter(Number.isFinite)
    const slowest = finite.length > 0 ? Math.max(...finite) : NaN
    const samples = this.histogram.total
    const pHat = this.histogram.probabilities()
    const pairs = this.cells.exact(this.surface, kT)
    const batches = this.batches.batches(BURN_IN)
    const check = checkSampling({
      batches: { ...batches, from: batches.from + this.firstStep },
      cells: this.cells,
      exact: pairs,
      notApplicable: this.notBoltzmann,
      tau: slowest,
      units: this.units,
      basinName,
      seed,
    })
    // The basins over the whole run, with the spread of every batch from the first step.
    const whole = checkSampling({
      batches: this.batches.batches(0),
      cells: this.cells,
      exact: pairs,
      notApplicable: 'not checked',
      tau: slowest,
      units: this.units,
    }).basins
    return {
      samples,
      tau: { energy, x, y, basin, slowest },
      nEff: effectiveSampleSize(samples, slowest),
      tv: totalVariation(pHat, exact),
      kl: klDivergence(pHat, exact),
      check,
      basins: this.map.minima.map((_, k) => {
        // One check per basin of the map's cells: each minimum's, then the ground that reaches none.
        const { sampled, standardError, exact: population } = whole[k]!
        return {
          minimum: k,
          sampled,
          sampledError: standardError,
          exact: population,
          freeEnergy: -kT * Math.log(sampled),
          freeEnergyError: sampled > 0 ? (kT * standardError) / sampled : Infinity,
          exactFreeEnergy: -kT * Math.log(population),
        }
      }),
    }
  }
}
