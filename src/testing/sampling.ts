import { basinMap, type BasinMap } from '../core/landscape/basins'
import { exactBinProbabilities } from '../core/landscape/boltzmann'
import { criticalPoints } from '../core/landscape/critical'
import { checkCellsOf } from '../core/landscape/check-cells'
import { AliasTable } from '../core/studies/distances'
import { Histogram2D } from '../core/studies/histogram'
import { RunObserver, type RunSummary } from '../core/studies/observer'
import type { SamplingCheck } from '../core/studies/sampling-check'
import { RandomStream } from '../core/random'
import type { CompiledSurface } from '../core/surface'
import { Lane, type LaneReport, type Start } from '../core/dynamics/lane'
import { notBoltzmann } from '../core/dynamics/method'
import { methodById } from '../core/dynamics/methods'
import { UNIT_SCALES } from './test-lane'
import { resolveSettings } from '../core/dynamics/params'

/**
 * Support for the statistical tests of samplers (test code only): run a sampler,
 * histogram every walker at every step after burn-in with the page's RunObserver
 * (so walkers that are not samples of the target, such as tempering replicas above
 * the lowest rung, are left out, and parallel tempering's ensembles are its
 * independent units), and compare with the exact Boltzmann answer by the page's
 * check (checkSampling): the histogram of coarse cells against the exact one,
 * and each basin population against the exact one, both on the run's own batches.
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
  /**
   * The temperature of the exact density compared with (default: the sampler's kT); set apart only
   * to show a test catches a wrong one.
   */
  referenceKT?: number
  /** How many walkers' series feed the autocorrelation times (default 16). */
  chains?: number
  /** A basin map made once for many runs on the same surface (default: 120 x 120 made here). */
  basins?: BasinMap
}

export interface SamplingResult {
  tv: number
  kl: number
  check: SamplingCheck
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
  const basins = run.basins ?? basinMap(surface, criticalPoints(surface), 120)
  const start =
    run.start === undefined || run.start === 'boltzmann' ? boltzmannStart(surface, kT, walkers, seed) : run.start
  const lane = new Lane({ surface, method, settings: resolved.settings, walkers, start, seed, scales: UNIT_SCALES })
  // Every step of every chain is kept (no blocking): the tests' runs are short enough.
  const observer = new RunObserver(surface, basins, null, walkers, {
    bins: [bins, bins],
    chains: run.chains ?? 16,
    transitions: false,
    seriesCapacity: 2 * Math.ceil(steps / 2) + 2,
    units: lane.units,
    notBoltzmann: notBoltzmann(method, resolved.settings),
  })
  const histogram = observer.histogram
  const referenceKT = run.referenceKT ?? kT
  const exact = exactBins(surface, referenceKT, histogram)
  lane.stats.recording = false
  lane.advance(burnin)
  lane.stats.recording = true
  for (let t = 0; t < steps; t++) {
    lane.advance(1)
    observer.observe(lane)
  }
  const summary = observer.summary(referenceKT, exact, seed)
  return {
    tv: summary.tv,
    kl: summary.kl,
    check: summary.check,
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

const startTables = new WeakMap<CompiledSurface, Map<number, { h: Histogram2D; alias: AliasTable }>>()

/** Walkers drawn from the exact density on a 200 x 200 grid (uniform within a cell). */
export function boltzmannStart(surface: CompiledSurface, kT: number, walkers: number, seed: number): Start {
  const d = surface.domain
  // The table is the same for every seed: made once per surface and kT.
  const tables = startTables.get(surface) ?? new Map<number, { h: Histogram2D; alias: AliasTable }>()
  startTables.set(surface, tables)
  let table = tables.get(kT)
  if (!table) {
    const h = Histogram2D.uniform(d.xmin, d.xmax, 200, d.ymin, d.ymax, 200)
    table = { h, alias: new AliasTable(exactBinProbabilities(surface, kT, h.xEdges, h.yEdges, 1)) }
    tables.set(kT, table)
  }
  const { h, alias } = table
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
 * What the check would see of a configurational bias that acts like a temperature
 * error of `shift` (OBABO's <x^2> = kT / [omega^2 (1 - omega^2 dt^2 / 4)],
 * Euler-Maruyama's kT / [omega^2 (1 - h omega^2 / 2)]): the TV of the shapes within
 * the basins between the exact densities at kT and at kT (1 + shift), on the check's
 * cells, with the basins at their populations at kT. Tests keep it under a tenth of
 * the check's bound, so that a pass is not luck of a loose bound.
 */
export function shapeShiftTV(surface: CompiledSurface, basins: BasinMap, kT: number, shift: number): number {
  const cells = checkCellsOf(basins)
  const at = (t: number) => {
    const p = cells.exact(surface, t)
    const population = new Float64Array(cells.basins)
    for (let k = 0; k < p.length; k++) population[cells.pairBasin[k]] += p[k]
    return { p, population }
  }
  const a = at(kT)
  const b = at(kT * (1 + shift))
  const shapes = new Float64Array(cells.blocks)
  for (let k = 0; k < a.p.length; k++) {
    const basin = cells.pairBasin[k]
    if (a.population[basin] > 0 && b.population[basin] > 0)
      shapes[cells.pairBlock[k]] += a.population[basin] * (b.p[k] / b.population[basin] - a.p[k] / a.population[basin])
  }
  return 0.5 * shapes.reduce((sum, v) => sum + Math.abs(v), 0)
}
const binTables = new WeakMap<CompiledSurface, Map<string, Float64Array>>()

/** The exact bin probabilities of a histogram's edges at kT, made once per surface, kT and bins. */
function exactBins(surface: CompiledSurface, kT: number, histogram: Histogram2D): Float64Array {
  const tables = binTables.get(surface) ?? new Map<string, Float64Array>()
  binTables.set(surface, tables)
  const key = `${kT} ${histogram.nx} ${histogram.ny}`
  let p = tables.get(key)
  if (!p) {
    p = exactBinProbabilities(surface, kT, histogram.xEdges, histogram.yEdges)
    tables.set(key, p)
  }
  return p
}
