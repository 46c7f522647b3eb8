import { basinMap } from '../core/landscape/basins'
import { criticalPoints } from '../core/landscape/critical'
import { connectSaddles } from '../core/landscape/saddles'
import { sweepRefusal, temperatureSweep, type SweepRate } from '../core/studies/sweep'
import { MFPT_ESTIMATOR } from '../core/studies/transitions'
import { THEORY_MIN_BARRIER, theoryAccuracyWords } from '../core/landscape/rates'
import { statusScales } from '../core/landscape/scales'
import { VERSION } from '../core/version'
import { formatNumber, renderTable } from './format'
import { parseNumber } from './inputs'
import { resolvedScenario } from './resolved'
import { parseInteger, parseSettings, RUN_HELP, RUN_OPTIONS, runInput } from './run-options'
import { namesSystem, SYSTEM_OPTIONS } from './system-options'
import { refuseSystemOnlyOptions } from './system-run'
import { isSystemSweep, SYSTEM_SWEEP_HELP, SYSTEM_SWEEP_OPTIONS, sweepOnSystem, systemSweepTable } from './system-sweep'
import { UsageError, type Command } from './usage'

interface SweepOutput {
  version: string
  seed: number
  scenario: unknown
  from: number
  to: number
  rates: SweepRate[]
  fit: { barrier: number; stderr: number; prefactor: number } | null
  saddleBarrier: number
  /** The rate theory each rate's `theory` comes from, and why it does not apply when it does not. */
  theoryName: string | null
  theoryCaveat: string | null
  /** How mfpt is estimated (censored passages are counted). */
  mfptEstimator: typeof MFPT_ESTIMATOR
}

export const sweepCommand: Command = {
  name: 'sweep',
  summary: 'measure a transition rate at several temperatures and fit Arrhenius',
  usage:
    'landscape sweep (--surface ID | --formula TEXT) [--param ...] --method M [--set ...] --kT T1,T2,... ' +
    '--walkers W --steps N [--burnin B] [--dt DT] [--from I --to J] [--seed S] [--json]\n' +
    '       landscape sweep (--system ID | --sequence AB...) --kT T1,T2,... --walkers W --steps N [--dt DT] ' +
    '[--from I] [--to J,K,...] [--interval K] [--graph] [--seed S] [--json]',
  help: [
    'Runs W walkers from minimum I at each kT and counts transitions to minimum J (core sets:',
    'recrossings at the saddle do not count), for the rate from I to J per unit time. Beside each',
    'rate, the rate theory of the dynamics (Eyring-Kramers for overdamped Langevin, Kramers-Langer',
    'for Langevin with friction gamma); then the Arrhenius fit of ln k against 1/kT, beside the',
    'barrier read from the saddle. A rate theory is asymptotic: its own error is of order kT/barrier,',
    `and below a barrier of ${THEORY_MIN_BARRIER} kT it is not expected to hold. Mean first-passage times count the`,
    'passages still under way when the run ends (exponential maximum likelihood: time at risk over',
    'completed passages). Minima are numbered lowest first (see `landscape basins`);',
    'by default I = 0 and J = 1, the two lowest. Methods without physical time are refused.',
    ...RUN_HELP.filter((line) => !line.includes('--start')),
    '  --kT T1,T2,...          the temperatures',
    '  --walkers W             walkers per temperature',
    '  --burnin B              steps before counting (default 0)',
    '  --dt DT                 the time step',
    '  --from I, --to J        the minima (default 0 and 1)',
    ...SYSTEM_SWEEP_HELP,
  ],
  options: {
    ...RUN_OPTIONS,
    kT: { type: 'string' },
    walkers: { type: 'string' },
    burnin: { type: 'string' },
    dt: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    ...SYSTEM_OPTIONS,
    ...SYSTEM_SWEEP_OPTIONS,
  },
  run(values, warn): SweepOutput | ReturnType<typeof sweepOnSystem> {
    if (values.kT === undefined) throw new UsageError('--kT is required: a list such as 0.2,0.25,0.5')
    const kTs = (values.kT as string).split(',').map((t) => parseNumber(t, '--kT'))
    if (kTs.some((t) => !(t > 0))) throw new UsageError('--kT: every temperature must be positive')
    if (namesSystem(values)) return sweepOnSystem(values, kTs)
    refuseSystemOnlyOptions(values, ['interval', 'graph'])
    const steps = parseInteger(values.steps as string | undefined, '--steps', 1, 100_000_000)
    const burnin = parseInteger(values.burnin as string | undefined, '--burnin', 0, 100_000_000, 0)
    const input = runInput(
      values,
      (m) => sweepRefusal(m),
      (method) => {
        const extra: Record<string, number> = { kT: kTs[0] }
        if (values.dt !== undefined) extra.dt = parseNumber(values.dt as string, '--dt')
        return {
          settings: parseSettings(values.set as string[] | undefined, method, extra),
          walkers: parseInteger(values.walkers as string | undefined, '--walkers', 1, 100_000),
          start: { kind: 'point', x: 0, y: 0 },
        }
      },
    )
    input.surface.warnings.forEach(warn)
    const surface = input.surface.compiled
    const points = criticalPoints(surface)
    const landscape = connectSaddles(surface, points)
    const last = landscape.minima.length - 1
    if (last < 1) throw new UsageError('the surface has fewer than two minima: there is no transition to measure')
    const from = parseInteger(values.from as string | undefined, '--from', 0, last, 0)
    const to = parseInteger(values.to as string | undefined, '--to', 0, last, 1)
    if (from === to) throw new UsageError('--from and --to must be different minima')
    const lane = input.scenario.lanes[input.laneIndex]
    const result = temperatureSweep({
      surface,
      landscape,
      map: basinMap(surface, points, 200),
      scales: statusScales(surface, points),
      method: input.method,
      settings: lane.settings,
      kTs,
      walkers: lane.walkers,
      steps,
      burnin,
      seed: input.scenario.seed,
      from,
      to,
    })
    if ('error' in result) throw new UsageError(`--${result.error.field}: ${result.error.message}`)
    if (result.theoryCaveat) warn(`rate theory: ${result.theoryCaveat}`)
    // The walkers start at minimum `from`, whatever start the scenario gave: the echo says so.
    const origin = landscape.minima[from]
    const scenario = resolvedScenario(input.scenario)
    scenario.lanes[input.laneIndex] = {
      ...scenario.lanes[input.laneIndex],
      start: { kind: 'point', x: origin.x, y: origin.y },
    }
    return {
      version: VERSION,
      seed: input.scenario.seed,
      scenario,
      from,
      to,
      rates: result.rates,
      fit: result.fit,
      saddleBarrier: result.saddleBarrier,
      theoryName: result.theory,
      theoryCaveat: result.theoryCaveat,
      mfptEstimator: MFPT_ESTIMATOR,
    }
  },
  table(result) {
    if (isSystemSweep(result)) return systemSweepTable(result)
    const r = result as SweepOutput
    const interval = (low: number, high: number) =>
      `${formatNumber(low, 3)} - ${Number.isFinite(high) ? formatNumber(high, 3) : 'inf'}`
    const rows = renderTable(
      [
        'kT',
        'rate',
        '95% interval',
        'transitions',
        'MFPT',
        '95% interval',
        r.theoryName ?? 'theory',
        'measured/theory (95%)',
        'barrier/kT',
        'theory accuracy',
      ],
      r.rates.map((p) => [
        formatNumber(p.kT, 4),
        formatNumber(p.rate, 4),
        interval(p.rateLow, p.rateHigh),
        String(p.transitions),
        Number.isFinite(p.mfpt) ? formatNumber(p.mfpt, 4) : '-',
        p.mfptLow > 0 ? interval(p.mfptLow, p.mfptHigh) : '-',
        p.theory === null ? '-' : formatNumber(p.theory, 4),
        p.theory === null
          ? '-'
          : `${formatNumber(p.rate / p.theory, 3)} ` +
            `(${formatNumber(p.rateLow / p.theory, 2)} - ${formatNumber(p.rateHigh / p.theory, 2)})`,
        formatNumber(p.barrierOverKT, 3),
        p.theory === null ? '-' : theoryAccuracyWords(p),
      ]),
    )
    const fit = r.fit
      ? `Arrhenius fit: barrier ${formatNumber(r.fit.barrier, 4)} ± ${formatNumber(r.fit.stderr, 2)}, ` +
        `prefactor ${formatNumber(r.fit.prefactor, 4)}`
      : 'Arrhenius fit: needs transitions at two temperatures at least'
    const notes = [
      `barrier from the saddle: ${formatNumber(r.saddleBarrier, 4)}`,
      `MFPT: ${r.mfptEstimator.text}`,
      ...(r.theoryCaveat ? [`rate theory not applied: ${r.theoryCaveat}`] : []),
    ]
    return `${rows}\n\n${fit}\n${notes.join('\n')}`
  },
}
