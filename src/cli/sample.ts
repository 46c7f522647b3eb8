import type { BasinComparison } from '../core/studies/observer'
import { checkWords, type SamplingCheck } from '../core/studies/sampling-check'
import { capabilities } from '../core/dynamics/resolve'
import { VERSION } from '../core/version'
import { formatNumber } from './format'
import { startObserving } from './observe-aside'
import { parseNumber } from './inputs'
import { resolvedScenario } from './resolved'
import { buildRunLane, parseInteger, parseSettings, RUN_HELP, RUN_OPTIONS, runInput, startOption } from './run-options'
import { namesSystem } from './system-options'
import {
  isSystemRun,
  refuseSystemOnlyOptions,
  runOnSystem,
  SYSTEM_RUN_HELP,
  SYSTEM_RUN_OPTIONS,
  systemRunTable,
  type SystemRunOutput,
} from './system-run'
import { UsageError, type Command } from './usage'

interface SampleOutput {
  version: string
  seed: number
  scenario: unknown
  steps: number
  burnin: number
  histogram: { xEdges: number[]; yEdges: number[]; counts: number[][]; outside: number }
  positions: [number, number][]
  meanKinetic: number | null
  /** 2<K>/N_f (N_f = 2): the temperature the velocities show, and the variance of K (canonical: kT^2). */
  kineticTemperature: number | null
  kineticVariance: number | null
  acceptance: number | null
  /**
   * What the method reports beyond these: parallel tempering's ladder and swap
   * acceptance per neighbouring pair, metadynamics' bias and reconstructed free
   * energy on its grid (see `landscape methods`).
   */
  method: Record<string, unknown>
  /** Distances of the histogram from the exact Boltzmann bin probabilities at the final kT. */
  tv: number
  kl: number
  /** Samples over twice the slowest autocorrelation time. */
  nEff: number
  basins: (BasinComparison & { name: string })[]
  /** Whether the run is consistent with exact sampling, and why (see checkSampling). */
  check: SamplingCheck
}

export const sampleCommand: Command = {
  name: 'sample',
  summary: 'run a sampler and print the histogram of where its walkers went',
  usage:
    'landscape sample (--surface ID | --formula TEXT) --method M --kT T [--set NAME=VALUE ...] --walkers W --steps N ' +
    '[--burnin B] [--dt DT] [--seed S] [--start X,Y] [--bins NX,NY] [--domain X0,X1,Y0,Y1] [--json]\n' +
    '       landscape sample (--system ID | --sequence AB...) --method M [--kT T] [--set ...] [--walkers W] ' +
    '--steps N [--burnin B] [--dt DT] [--start random|minimum:K] [--seed S] [--xyz FILE [--every K]] ' +
    '[--final-xyz FILE] [--json]',
  help: [
    'Runs W walkers of a sampler for B + N steps and histograms every walker at every step',
    'after the burn-in: counts[i][j] for x-bin i and y-bin j over the domain (samples outside',
    'are not counted). Walkers start at --start, by default the global minimum of an atlas',
    "surface or the centre of a formula's domain. The check (JSON: check) says whether the run is",
    "consistent with exact sampling: the histogram within the basins and each basin's population against",
    "the exact ones, on the run's own batches of walkers, leaving out the first quarter of the steps as burn-in.",
    ...RUN_HELP,
    '  --kT T                  the temperature (energy units)',
    '  --walkers W             number of walkers (1 to 100000)',
    '  --burnin B              steps run before counting (default 0)',
    '  --dt DT                 the time step, for methods that have one',
    '  --bins NX,NY            histogram bins (default 30,30)',
    ...SYSTEM_RUN_HELP,
    "  (on a system, --kT defaults to the system's, --walkers to 10, --every to 100; the output is each walker's",
    '  final energy and status, the mean energy after the burn-in and the kinetic temperature)',
  ],
  options: {
    ...RUN_OPTIONS,
    kT: { type: 'string' },
    walkers: { type: 'string' },
    burnin: { type: 'string' },
    dt: { type: 'string' },
    bins: { type: 'string' },
    ...SYSTEM_RUN_OPTIONS,
    every: { type: 'string' },
  },
  async run(values, warn): Promise<SampleOutput | SystemRunOutput> {
    if (namesSystem(values)) return runOnSystem(values, 'sample')
    refuseSystemOnlyOptions(values, ['xyz', 'final-xyz', 'every'])
    const steps = parseInteger(values.steps as string | undefined, '--steps', 0, 100_000_000)
    const burnin = parseInteger(values.burnin as string | undefined, '--burnin', 0, 100_000_000, 0)
    const [nx, ny] = parseBins(values.bins as string | undefined)
    if (values.scenario !== undefined) {
      for (const option of ['kT', 'walkers', 'dt'])
        if (values[option] !== undefined)
          throw new UsageError(`--${option} cannot be combined with --scenario (the scenario says it)`)
    }
    const input = runInput(
      values,
      (m) => (capabilities(m).thermal ? null : `${m.id} has no temperature: run it with \`landscape optimize\``),
      (method, surface) => {
        if (values.kT === undefined) throw new UsageError('--kT is required')
        const extra: Record<string, number> = { kT: parseNumber(values.kT as string, '--kT') }
        if (values.dt !== undefined) extra.dt = parseNumber(values.dt as string, '--dt')
        return {
          settings: parseSettings(values.set as string[] | undefined, method, extra),
          walkers: parseInteger(values.walkers as string | undefined, '--walkers', 1, 100_000),
          start: startOption(values, surface),
        }
      },
    )
    input.surface.warnings.forEach(warn)
    const surface = input.surface.compiled
    // A sampler's lane judges no statuses, so it needs no critical points: the observer finds them, for the basins
    // the samples are counted in, while this thread integrates (observe-aside.ts).
    const lane = buildRunLane(input)
    const observing = startObserving({
      surface,
      known: input.surface.atlas?.points ?? [],
      kT: lane.live(0).kT!,
      walkers: lane.walkers.n,
      steps,
      countsEvery: lane.countsEvery,
      unitIsWalker: lane.unitIsWalker,
      options: {
        bins: [nx, ny],
        transitions: false,
        units: lane.units,
        notBoltzmann: lane.capabilities.notBoltzmann,
        firstStep: burnin,
      },
    })
    try {
      lane.stats.recording = false
      lane.advance(burnin)
      lane.stats.recording = true
      for (let t = 0; t < steps; t++) {
        lane.advance(1)
        observing.observe(lane)
      }
    } catch (e) {
      observing.cancel()
      throw e
    }
    const w = lane.walkers
    const report = lane.report()
    // Under annealing the target at the end is the final temperature.
    const { names, histogram, summary } = await observing.finish(lane.live().kT!, input.scenario.seed)
    return {
      version: VERSION,
      seed: input.scenario.seed,
      scenario: resolvedScenario(input.scenario),
      steps,
      burnin,
      histogram,
      positions: Array.from({ length: w.n }, (_, i) => [w.x[i], w.y[i]]),
      meanKinetic: report.meanKinetic,
      kineticTemperature: report.kineticTemperature,
      kineticVariance: report.kineticVariance,
      acceptance: report.acceptance,
      method: lane.extras(),
      tv: summary.tv,
      kl: summary.kl,
      nEff: summary.nEff,
      // Each basin with the name the page gives its minimum.
      basins: summary.basins.map((b) => ({ name: names[b.minimum] ?? String(b.minimum), ...b })),
      check: summary.check,
    }
  },
  table(result) {
    if (isSystemRun(result)) return systemRunTable(result)
    const r = result as SampleOutput
    const total = r.histogram.counts.flat().reduce((a, b) => a + b, 0)
    const rung = (a: number | null) => (a === null ? '-' : formatNumber(a, 3))
    return [
      `${r.positions.length} walkers, ${r.burnin} burn-in + ${r.steps} steps: ` +
        `${total} samples in the histogram, ${r.histogram.outside} outside the domain`,
      `mean kinetic energy: ${r.meanKinetic === null ? '-' : formatNumber(r.meanKinetic)}; ` +
        `kinetic temperature: ${r.kineticTemperature === null ? '-' : formatNumber(r.kineticTemperature)}`,
      `acceptance: ${r.acceptance === null ? '-' : formatNumber(r.acceptance, 3)}`,
      ...(Array.isArray(r.method.swapAcceptance)
        ? [
            'swap acceptance per pair of neighbouring rungs: ' +
              `${(r.method.swapAcceptance as (number | null)[]).map(rung).join(', ')}`,
          ]
        : []),
      `TV distance from the exact density: ${formatNumber(r.tv, 3)}; KL ${formatNumber(r.kl, 3)}; ` +
        `N_eff ${Math.round(r.nEff)}`,
      ...r.basins.map(
        (b) =>
          `basin ${b.name}: sampled ${formatNumber(b.sampled, 3)} ± ${formatNumber(b.sampledError, 2)}, ` +
          `exact ${formatNumber(b.exact, 3)}`,
      ),
      checkWords(r.check),
      'use --json for the histogram and positions',
    ].join('\n')
  },
}

function parseBins(text: string | undefined): [number, number] {
  if (text === undefined) return [30, 30]
  const parts = text.split(',')
  if (parts.length !== 2) throw new UsageError(`--bins: expected NX,NY, got '${text}'`)
  return [parseInteger(parts[0], '--bins', 1, 1000), parseInteger(parts[1], '--bins', 1, 1000)]
}
