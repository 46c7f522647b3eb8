import { basinMap, type BasinMap } from '../../analysis/basins'
import { exactBinProbabilities } from '../../analysis/boltzmann'
import { criticalPoints } from '../../analysis/critical'
import { AliasTable, totalVariation } from '../../analysis/distances'
import { Histogram2D } from '../../analysis/histogram'
import { RunObserver, type RunSummary } from '../../analysis/observer'
import { RandomStream } from '../../random'
import type { CompiledSurface } from '../../surface'
import { Lane, type LaneReport, type Start } from '../lane'
import { methodById } from '../methods'
import { resolveSettings } from '../params'
import { statusScales } from '../scales'

/**
 * Support for the statistical tests of samplers (test code only): run a sampler,
 * histogram every walker at every step after burn-in, and compare with the exact
 * Boltzmann bin probabilities, with the page's RunObserver (so walkers that are
 * not samples of the target, such as tempering replicas above the lowest rung, are
 * left out). The pass bound is the 99.9th percentile of the TV distance a perfect
 * sampler with the same effective sample size reaches, with N_eff = N / (2 tau)
 * and tau the slowest integrated autocorrelation time of U, x, y and the basin indicator.
 */
export interface SamplingRun {
  surface: CompiledSurface
  method: string
  /** Method settings; kT must be among them. */
  settings: Record<string, unknown>
  walkers: number
  /** Steps recorded after burn-in. */
  steps: number
  burnin: number
  seed: number
  /** Bins per axis over the surface's domain (default 30). */
  bins?: number
  /** Where walkers start; 'boltzmann' draws them from the exact density (the default). */
  start?: Start | 'boltzmann'
  /** The temperature of the exact density compared with (default: the sampler's kT); set apart only to show a test catches a wrong one. */
  referenceKT?: number
  /** How many walkers' series feed the autocorrelation times (default 16). */
  chains?: number
}

export interface SamplingResult {
  tv: number
  kl: number
  bound: number
  nEff: number
  samples: number
  tau: RunSummary['tau']
  exact: Float64Array
  histogram: Histogram2D
  report: LaneReport
  lane: Lane
  basins: BasinMap
}

export function runSampling(run: SamplingRun): SamplingResult {
  const { surface, walkers, steps, burnin, seed } = run
  const method = methodById(run.method)
  if (!method) throw new Error(`no method ${run.method}`)
  const resolved = resolveSettings(method.params, run.settings, method.name)
  if (!resolved.ok) throw new Error(resolved.errors.map((e) => e.message).join('; '))
  const kT = resolved.settings.kT as number
  const bins = run.bins ?? 30
  const points = criticalPoints(surface)
  const basins = basinMap(surface, points, 120)
  const start = run.start === undefined || run.start === 'boltzmann' ? boltzmannStart(surface, kT, walkers, seed) : run.start
  const lane = new Lane({ surface, method, settings: resolved.settings, walkers, start, seed, scales: statusScales(surface, points) })
  // Every step of every chain is kept (no blocking): the tests' runs are short enough.
  const observer = new RunObserver(surface, basins, null, walkers, { bins: [bins, bins], chains: run.chains ?? 16, transitions: false, seriesCapacity: 2 * Math.ceil(steps / 2) + 2 })
  const histogram = observer.histogram
  const exact = exactBinProbabilities(surface, run.referenceKT ?? kT, histogram.xEdges, histogram.yEdges)
  lane.stats.recording = false
  lane.advance(burnin)
  lane.stats.recording = true
  for (let t = 0; t < steps; t++) {
    lane.advance(1)
    observer.observe(lane)
  }
  const summary = observer.summary(run.referenceKT ?? kT, exact, [], seed)
  return {
    tv: summary.tv,
    kl: summary.kl,
    bound: summary.tvPerfect,
    nEff: summary.nEff,
    samples: summary.samples,
    tau: summary.tau,
    exact,
    histogram,
    report: lane.report(),
    lane,
    basins,
  }
}

/** Walkers drawn from the exact density on a 200 x 200 grid (uniform within a cell). */
export function boltzmannStart(surface: CompiledSurface, kT: number, walkers: number, seed: number): Start {
  const d = surface.domain
  const h = Histogram2D.uniform(d.xmin, d.xmax, 200, d.ymin, d.ymax, 200)
  const p = exactBinProbabilities(surface, kT, h.xEdges, h.yEdges, 1)
  const alias = new AliasTable(p)
  const random = new RandomStream(seed, 0xb017)
  const xs = new Float64Array(walkers)
  const ys = new Float64Array(walkers)
  for (let k = 0; k < walkers; k++) {
    const b = alias.sample(random.uniform(), random.uniform())
    const i = Math.floor(b / h.ny)
    const j = b % h.ny
    xs[k] = h.xEdges[i] + (h.xEdges[i + 1] - h.xEdges[i]) * random.uniform()
    ys[k] = h.yEdges[j] + (h.yEdges[j + 1] - h.yEdges[j]) * random.uniform()
  }
  return { kind: 'points', xs, ys }
}

/**
 * The TV distance between the exact densities at kT and at kT (1 + shift): the
 * size of a configurational bias that acts like a temperature error of `shift`
 * (OBABO's <x^2> = kT / [omega^2 (1 - omega^2 dt^2 / 4)], Euler-Maruyama's
 * kT / [omega^2 (1 - h omega^2 / 2)]). Tests keep it under a tenth of the bound.
 */
export function temperatureShiftTV(surface: CompiledSurface, kT: number, shift: number, bins = 30): number {
  const d = surface.domain
  const h = Histogram2D.uniform(d.xmin, d.xmax, bins, d.ymin, d.ymax, bins)
  return totalVariation(exactBinProbabilities(surface, kT, h.xEdges, h.yEdges), exactBinProbabilities(surface, kT * (1 + shift), h.xEdges, h.yEdges))
}
