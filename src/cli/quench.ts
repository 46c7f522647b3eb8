import {
  DESCENT_METHODS,
  descentFromRandomStarts,
  type DescentMethod,
  type EnergyHistogram,
} from '../core/systems/descent'
import { VERSION } from '../core/version'
import { formatNumber } from './format'
import { parseNumber } from './inputs'
import { methodById } from '../core/dynamics/methods'
import { parseInteger, parseSettings } from './run-options'
import { asUsage, SYSTEM_HELP, SYSTEM_OPTIONS, systemOption } from './system-options'
import { UsageError, type Command } from './usage'

interface QuenchOutput {
  version: string
  system: string
  method: DescentMethod
  starts: number
  seed: number
  maxSteps: number
  steps: number
  settings: Readonly<Record<string, unknown>>
  /** How the starts ended. */
  minimum: number
  running: number
  diverged: number
  atGlobal: number
  /** atGlobal / starts. */
  globalShare: number
  global: number | null
  /** Final energies of the starts that reached a minimum, in bins from `from` of `width`. */
  histogram: EnergyHistogram
  /** Every start's final energy, in start order. */
  energies: number[]
}

/** The longest bar of the text histogram, in characters. */
const BAR = 50

export const quenchCommand: Command = {
  name: 'quench',
  summary: 'run a local minimiser from many random starts and histogram where they end',
  usage:
    'landscape quench (--system ID | --sequence AB...) --method gd|lbfgs|fire --starts N [--seed S] ' +
    '[--set NAME=VALUE ...] [--max-steps N] [--bin-width W] [--json]',
  help: [
    '"Gradient descent from random coordinates ends up with a mess": each of N seeded random starts',
    'is minimised on its own until its gradient vanishes (or --max-steps), and the final energies are',
    'counted: how many reached a minimum, how many the known global minimum, and the histogram of',
    'final energies against it (the first bin starts at the global minimum).',
    ...SYSTEM_HELP,
    `  --method M              a local minimiser: ${DESCENT_METHODS.join(', ')}`,
    '  --starts N              random starts (1 to 100000)',
    '  --seed S                the seed (a whole number; default 1)',
    '  --set NAME=VALUE        a setting of the minimiser (gradient descent: lr, default 1e-3 here)',
    '  --max-steps N           most steps per start (default 20000)',
    '  --bin-width W           histogram bin width in energy (default: 1/40 of the range)',
  ],
  options: {
    ...SYSTEM_OPTIONS,
    method: { type: 'string' },
    starts: { type: 'string' },
    seed: { type: 'string' },
    set: { type: 'string', multiple: true },
    'max-steps': { type: 'string' },
    'bin-width': { type: 'string' },
  },
  run(values): QuenchOutput {
    const descriptor = systemOption(values)
    const method = values.method as string | undefined
    if (method === undefined) throw new UsageError(`--method is required: one of ${DESCENT_METHODS.join(', ')}`)
    if (!(DESCENT_METHODS as readonly string[]).includes(method))
      throw new UsageError(`--method: '${method}' is not a local minimiser here; known: ${DESCENT_METHODS.join(', ')}`)
    const starts = parseInteger(values.starts as string | undefined, '--starts', 1, 100_000)
    const seed = parseInteger(values.seed as string | undefined, '--seed', 0, Number.MAX_SAFE_INTEGER, 1)
    const maxSteps = parseInteger(values['max-steps'] as string | undefined, '--max-steps', 1, 10_000_000, 20_000)
    let binWidth: number | undefined
    if (values['bin-width'] !== undefined) {
      binWidth = parseNumber(values['bin-width'] as string, '--bin-width')
      if (!(binWidth > 0)) throw new UsageError(`--bin-width: ${binWidth} is not positive`)
    }
    const r = asUsage(
      () =>
        descentFromRandomStarts(descriptor, {
          method: method as DescentMethod,
          starts,
          seed,
          maxSteps,
          binWidth,
          settings: parseSettings(values.set as string[] | undefined, methodById(method)!),
        }),
      '--method',
    )
    return {
      version: VERSION,
      system: descriptor.id,
      method: r.method,
      starts,
      seed,
      maxSteps,
      steps: r.steps,
      settings: r.settings,
      minimum: r.minimum,
      running: r.running,
      diverged: r.diverged,
      atGlobal: r.atGlobal,
      globalShare: r.atGlobal / starts,
      global: r.global,
      histogram: r.histogram,
      energies: Array.from(r.energies),
    }
  },
  table(result) {
    const r = result as QuenchOutput
    const share = `${formatNumber(100 * r.globalShare, 3)}%`
    return [
      `${r.system}, ${r.method} from ${r.starts} random starts (seed ${r.seed}), ${r.steps} steps:`,
      `  ${r.minimum} reached a minimum, ${r.running} still moving, ${r.diverged} diverged`,
      r.global === null
        ? '  no known global minimum to compare with'
        : `  ${r.atGlobal} (${share}) at the global minimum ${formatNumber(r.global, 8)}`,
      '',
      ...histogramBars(r.histogram, r.global),
    ].join('\n')
  },
}

/** The histogram as text bars, one line per bin: its energy range, its count and a bar of '#'. */
function histogramBars(h: EnergyHistogram, global: number | null): string[] {
  if (h.counts.length === 0) return ['no start reached a minimum: nothing to histogram']
  const most = Math.max(...h.counts)
  const edges = h.counts.map((_, k) => [h.from + k * h.width, h.from + (k + 1) * h.width])
  const labels = edges.map(([a, b]) => `${formatNumber(a!, 5)} to ${formatNumber(b!, 5)}`)
  const width = Math.max(...labels.map((l) => l.length))
  const countWidth = String(most).length
  const globalBin = global !== null && h.from <= global && global < h.from + h.width ? 0 : -1
  return [
    `final energies (bins of ${formatNumber(h.width, 3)}):`,
    ...h.counts.map((c, k) => {
      const bar = '#'.repeat(c === 0 ? 0 : Math.max(1, Math.round((BAR * c) / most)))
      const mark = k === globalBin ? '  <- global minimum' : ''
      return `  ${labels[k]!.padEnd(width)}  ${String(c).padStart(countWidth)}  ${bar}${mark}`.trimEnd()
    }),
  ]
}
