import type { ArrheniusFit } from '../core/landscape/rates'
import type { SystemDescriptor } from '../core/systems/descriptor'
import { buildLandscapeGraph } from '../core/systems/graph'
import { countIsomerTransitions, directBarrier, isomerArrhenius, type IsomerRate } from '../core/systems/rates'
import { VERSION } from '../core/version'
import { formatNumber, renderTable } from './format'
import { parseNumber } from './inputs'
import { parseInteger } from './run-options'
import { asUsage, SYSTEM_HELP, systemOption } from './system-options'
import { UsageError, type OptionSpec } from './usage'

/**
 * `sweep` on a many-coordinate system: BAOAB Langevin runs at each kT from a known minimum,
 * every walker quenched every `interval` steps and labelled by the known minimum it reaches
 * (inherent structures, core sets with commitment: rates.ts), the rate out of one minimum into
 * others, and the Arrhenius fit beside the barrier of the landscape graph when asked for.
 */

export const SYSTEM_SWEEP_OPTIONS: Record<string, OptionSpec> = {
  interval: { type: 'string' },
  graph: { type: 'boolean' },
}

export const SYSTEM_SWEEP_HELP = [
  "On a many-coordinate system (BAOAB Langevin dynamics only, with the system's friction, and its dt unless --dt):",
  ...SYSTEM_HELP,
  '  --from I                the known minimum the walkers start in (default 0, the lowest)',
  '  --to J,K,...            the known minima a transition goes to (default: every other one)',
  '  --interval K            steps between quenches that label each walker (default 100; divides --steps)',
  '  --graph                 also build the landscape graph (200 random starts) for the barrier to compare',
]

interface SystemSweepOutput {
  version: string
  system: string
  method: 'baoab'
  seed: number
  walkers: number
  steps: number
  interval: number
  dt: number
  friction: number
  from: { index: number; name: string; energy: number }
  to: { index: number; name: string; energy: number }[]
  rates: (IsomerRate & { kT: number; unlabelled: number; looks: number })[]
  fit: ArrheniusFit | null
  /** The lowest saddle joining `from` to one of `to` on the landscape graph, less E(from); null unless --graph. */
  graphBarrier: number | null
}

function minimumIndex(text: string, descriptor: SystemDescriptor, option: string): number {
  return parseInteger(text, option, 0, descriptor.minima.length - 1)
}

export function sweepOnSystem(values: Record<string, unknown>, kTs: number[]): SystemSweepOutput {
  const descriptor = systemOption(values, ['start'])
  if (values.method !== undefined && values.method !== 'baoab')
    throw new UsageError(`--method: on a system, sweep runs baoab (Langevin dynamics) only, not '${values.method}'`)
  if (values.set !== undefined)
    throw new UsageError("--set: on a system, sweep takes --dt only (BAOAB, friction the system's)")
  if (descriptor.minima.length < 2)
    throw new UsageError(
      `--system: ${descriptor.id} has fewer than two known minima: no transitions between them to count`,
    )
  const steps = parseInteger(values.steps as string | undefined, '--steps', 1, 100_000_000)
  const burnin = values.burnin
  if (burnin !== undefined)
    throw new UsageError('--burnin: on a system, the walkers start in a minimum and count from step 0')
  const interval = parseInteger(values.interval as string | undefined, '--interval', 1, steps, Math.min(100, steps))
  if (steps % interval !== 0) throw new UsageError(`--interval: ${interval} does not divide --steps ${steps}`)
  const walkers = parseInteger(values.walkers as string | undefined, '--walkers', 1, 100_000)
  const seed = parseInteger(values.seed as string | undefined, '--seed', 0, Number.MAX_SAFE_INTEGER, 1)
  const dt = values.dt === undefined ? descriptor.defaults.dt : parseNumber(values.dt as string, '--dt')
  if (!(dt > 0)) throw new UsageError(`--dt: ${dt} is not positive`)
  const from = minimumIndex((values.from as string | undefined) ?? '0', descriptor, '--from')
  const to =
    values.to === undefined
      ? descriptor.minima.map((_, i) => i).filter((i) => i !== from)
      : (values.to as string).split(',').map((t) => minimumIndex(t, descriptor, '--to'))
  if (to.includes(from)) throw new UsageError('--from and --to must be different minima')
  const runs = kTs.map((kT) =>
    asUsage(() => countIsomerTransitions({ descriptor, kT, dt, walkers, steps, interval, start: from, seed }), '--kT'),
  )
  const { rates, fit } = isomerArrhenius(runs, from, to)
  let graphBarrier: number | null = null
  if (values.graph === true) {
    const land = asUsage(() => buildLandscapeGraph(descriptor, { seed }), '--graph')
    // The graph numbers its minima as it found them; the known minima are matched by energy.
    const index = (k: number) => land.minima.findIndex((m) => Math.abs(m.energy - descriptor.minima[k]!.energy) < 1e-3)
    const g = index(from)
    const gTo = to.map(index).filter((i) => i >= 0)
    const b = g >= 0 && gTo.length > 0 ? directBarrier(land, g, gTo) : NaN
    graphBarrier = Number.isFinite(b) ? b : null
  }
  const known = (k: number) => ({ index: k, name: descriptor.minima[k]!.name, energy: descriptor.minima[k]!.energy })
  return {
    version: VERSION,
    system: descriptor.id,
    method: 'baoab',
    seed,
    walkers,
    steps,
    interval,
    dt,
    friction: descriptor.defaults.friction,
    from: known(from),
    to: to.map(known),
    rates: rates.map((r, k) => ({ ...r, unlabelled: runs[k]!.unlabelled, looks: runs[k]!.looks })),
    fit,
    graphBarrier,
  }
}

export function systemSweepTable(r: SystemSweepOutput): string {
  const interval = (low: number, high: number) => `${formatNumber(low, 3)} - ${formatNumber(high, 3)}`
  return [
    `${r.system}: rates out of ${r.from.name} (${r.from.index}) into ` +
      `${r.to.map((m) => `${m.name} (${m.index})`).join(', ')}, ` +
      `${r.walkers} walkers x ${r.steps} steps of BAOAB (dt ${r.dt}), a quench every ${r.interval} steps`,
    '',
    renderTable(
      ['kT', 'rate', '95% interval', 'transitions', 'time in from', 'unlabelled looks'],
      r.rates.map((p) => [
        formatNumber(p.kT, 4),
        formatNumber(p.rate, 4),
        Number.isFinite(p.rateLow) ? interval(p.rateLow, p.rateHigh) : '-',
        String(p.transitions),
        formatNumber(p.time, 4),
        `${p.unlabelled} of ${p.looks}`,
      ]),
    ),
    '',
    r.fit
      ? `Arrhenius fit: barrier ${formatNumber(r.fit.barrier, 4)} ± ${formatNumber(r.fit.stderr, 2)}, ` +
        `prefactor ${formatNumber(r.fit.prefactor, 4)}`
      : 'Arrhenius fit: needs transitions at two temperatures at least',
    r.graphBarrier === null
      ? 'barrier from the landscape graph: - (use --graph)'
      : `barrier from the landscape graph: ${formatNumber(r.graphBarrier, 4)}`,
  ].join('\n')
}

export function isSystemSweep(result: unknown): result is SystemSweepOutput {
  return typeof result === 'object' && result !== null && 'system' in result && 'interval' in result
}
