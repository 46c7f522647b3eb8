import { integratedTime, effectiveSampleSize } from '../../analysis/autocorrelation'
import { basinAt, basinMap, type BasinMap } from '../../analysis/basins'
import { exactBinProbabilities } from '../../analysis/boltzmann'
import { criticalPoints } from '../../analysis/critical'
import { AliasTable, klDivergence, perfectSamplerTV, totalVariation } from '../../analysis/distances'
import { Histogram2D } from '../../analysis/histogram'
import { RandomStream } from '../../random'
import type { CompiledSurface } from '../../surface'
import { Lane, type LaneReport, type Start } from '../lane'
import { methodById } from '../methods'
import { resolveSettings } from '../params'
import { statusScales } from '../scales'

/**
 * Support for the statistical tests of samplers (test code only): run a sampler,
 * histogram every walker at every step after burn-in, and compare with the exact
 * Boltzmann bin probabilities. The pass bound is the 99.9th percentile of the TV
 * distance a perfect sampler with the same effective sample size reaches, with
 * N_eff = N / (2 tau) and tau the slowest integrated autocorrelation time of U,
 * x and the basin indicator.
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
  /** How many walkers' series feed the autocorrelation times (default 16). */
  chains?: number
}

export interface SamplingResult {
  tv: number
  kl: number
  bound: number
  nEff: number
  samples: number
  tau: { energy: number; x: number; basin: number; slowest: number }
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
  const d = surface.domain
  const bins = run.bins ?? 30
  const histogram = Histogram2D.uniform(d.xmin, d.xmax, bins, d.ymin, d.ymax, bins)
  const exact = exactBinProbabilities(surface, kT, histogram.xEdges, histogram.yEdges)
  const points = criticalPoints(surface)
  const basins = basinMap(surface, points, 120)
  const start = run.start === undefined || run.start === 'boltzmann' ? boltzmannStart(surface, kT, walkers, seed) : run.start
  const lane = new Lane({ surface, method, settings: resolved.settings, walkers, start, seed, scales: statusScales(surface, points) })
  lane.stats.recording = false
  lane.advance(burnin)
  lane.stats.recording = true
  const chains = Math.min(walkers, run.chains ?? 16)
  const series = { energy: chainsOf(chains, steps), x: chainsOf(chains, steps), basin: chainsOf(chains, steps) }
  const w = lane.walkers
  for (let t = 0; t < steps; t++) {
    lane.advance(1)
    for (let i = 0; i < w.n; i++) histogram.add(w.x[i], w.y[i])
    for (let c = 0; c < chains; c++) {
      series.energy[c][t] = w.u[c]
      series.x[c][t] = w.x[c]
      series.basin[c][t] = basinAt(basins, w.x[c], w.y[c])
    }
  }
  const tau = {
    energy: integratedTime(series.energy),
    x: integratedTime(series.x),
    // A walker that never leaves one basin has no variance here: its indicator says nothing.
    basin: integratedTime(series.basin),
  }
  const slowest = Math.max(...[tau.energy, tau.x, tau.basin].filter(Number.isFinite))
  const samples = histogram.total
  const nEff = effectiveSampleSize(samples, slowest)
  const pHat = histogram.probabilities()
  return {
    tv: totalVariation(pHat, exact),
    kl: klDivergence(pHat, exact),
    bound: perfectSamplerTV(exact, nEff, 0.999, seed),
    nEff,
    samples,
    tau: { ...tau, slowest },
    exact,
    histogram,
    report: lane.report(),
    lane,
    basins,
  }
}

function chainsOf(count: number, length: number): Float64Array[] {
  return Array.from({ length: count }, () => new Float64Array(length))
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
