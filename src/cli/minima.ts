import { atomRows, SEARCH_METHODS, searchMinima, type SearchMethod } from '../core/systems/search'
import { minimaXyz } from '../core/systems/xyz'
import { VERSION } from '../core/version'
import { formatNumber, renderTable } from './format'
import { parseInteger } from './run-options'
import { asUsage, SYSTEM_HELP, SYSTEM_OPTIONS, systemOption, writeXyzFile, XYZ_OPTION } from './system-options'
import { UsageError, type Command } from './usage'

interface MinimaOutput {
  version: string
  system: string
  method: SearchMethod
  budget: number
  seed: number
  walkers: number
  /** Steps done per walker, quenches run. */
  steps: number
  quenches: number
  /** The lowest known minimum, and the step after which a quench first reached it (null: never). */
  global: number | null
  globalAt: number | null
  settings: Readonly<Record<string, unknown>>
  best: { energy: number; positions: number[][] }
  minima: { energy: number; count: number }[]
  xyz: string | null
}

export const minimaCommand: Command = {
  name: 'minima',
  summary: 'search a system for its lowest minima: basin hopping, parallel tempering or annealing',
  usage:
    'landscape minima (--system ID | --sequence AB...) --method basin-hopping|parallel-tempering|annealing ' +
    '--budget N [--seed S] [--walkers W] [--xyz FILE] [--json]',
  help: [
    'Runs a global search for a budget of steps per walker and quenches what it visits into a',
    'catalogue of minima, told apart up to translation, rotation and permutation. Basin hopping',
    'quenches every step; parallel tempering and annealing (BAOAB cooled linearly over the budget)',
    'are quenched every budget/50 steps and at the end. Prints the lowest minimum with its atom',
    'positions, and every minimum found with how many quenches ended in it, lowest first.',
    ...SYSTEM_HELP,
    `  --method M              ${SEARCH_METHODS.join(', ')}`,
    '  --budget N              steps per walker (basin hopping: one quench each)',
    '  --seed S                the seed (a whole number; default 1)',
    "  --walkers W             walkers, or replicas for parallel tempering (default: the method's)",
    '  --xyz FILE              write the catalogue of minima, one XYZ frame each, lowest first',
  ],
  options: {
    ...SYSTEM_OPTIONS,
    ...XYZ_OPTION,
    method: { type: 'string' },
    budget: { type: 'string' },
    seed: { type: 'string' },
    walkers: { type: 'string' },
  },
  run(values): MinimaOutput {
    const descriptor = systemOption(values)
    const method = values.method as string | undefined
    if (method === undefined) throw new UsageError(`--method is required: one of ${SEARCH_METHODS.join(', ')}`)
    if (!(SEARCH_METHODS as readonly string[]).includes(method))
      throw new UsageError(`--method: '${method}' is not a global search; known: ${SEARCH_METHODS.join(', ')}`)
    const budget = parseInteger(values.budget as string | undefined, '--budget', 1, 100_000_000)
    const seed = parseInteger(values.seed as string | undefined, '--seed', 0, Number.MAX_SAFE_INTEGER, 1)
    const walkers =
      values.walkers === undefined ? undefined : parseInteger(values.walkers as string, '--walkers', 1, 10_000)
    const result = asUsage(
      () => searchMinima(descriptor, { method: method as SearchMethod, budget, seed, walkers }),
      '--method',
    )
    const xyz = values.xyz as string | undefined
    if (xyz !== undefined)
      writeXyzFile(
        xyz,
        minimaXyz(
          descriptor,
          result.minima.map((m) => ({ q: m.q, energy: m.energy, hits: m.count })),
        ),
      )
    return {
      version: VERSION,
      system: descriptor.id,
      method: result.method,
      budget,
      seed,
      walkers: result.walkers,
      steps: result.steps,
      quenches: result.quenches,
      global: result.global,
      globalAt: result.globalAt,
      settings: result.settings,
      best: { energy: result.best.energy, positions: atomRows(descriptor, result.best.q) },
      minima: result.minima.map((m) => ({ energy: m.energy, count: m.count })),
      xyz: xyz ?? null,
    }
  },
  table(result) {
    const r = result as MinimaOutput
    const known = globalMinimumWords(r)
    return [
      `${r.system}, ${r.method}: ${r.walkers} walker${r.walkers === 1 ? '' : 's'} x ${r.steps} steps, ` +
        `${r.quenches} quenches, ${r.minima.length} distinct minima`,
      `lowest: E = ${formatNumber(r.best.energy, 8)}; ${known}`,
      '',
      renderTable(
        ['rank', 'energy', 'count'],
        r.minima.map((m, k) => [String(k + 1), formatNumber(m.energy, 8), String(m.count)]),
      ),
      ...(r.xyz ? ['', `minima written to ${r.xyz}`] : []),
      'use --json for the positions of the lowest',
    ].join('\n')
  },
}

function globalMinimumWords(r: MinimaOutput): string {
  if (r.global === null) return 'no known global minimum to compare with'
  if (r.globalAt === null) return `the known global minimum ${formatNumber(r.global, 8)} was not reached`
  return `the known global minimum ${formatNumber(r.global, 8)} first reached after step ${r.globalAt}`
}
