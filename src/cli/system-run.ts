import { offeredWithoutData, type MethodDescriptor } from '../core/dynamics/method'
import { methodById, METHODS } from '../core/dynamics/methods'
import { resolveLane } from '../core/dynamics/resolve'
import { SystemLane, type SystemStart, type SystemWalkerStatus } from '../core/dynamics/system-lane'
import type { SystemDescriptor } from '../core/systems/descriptor'
import { cvsFor } from '../core/systems/cvs'
import { systemRunSettings } from '../core/systems/run-settings'
import { atomRows } from '../core/systems/search'
import { systemWalkerWords } from '../core/systems/words'
import { formatXyzFrame, positionsOf, stateFrame } from '../core/systems/xyz'
import { VERSION } from '../core/version'
import { formatNumber, renderTable } from './format'
import { parseNumber } from './inputs'
import { NEEDS_TRAINING_SET, parseInteger, parseSettings } from './run-options'
import { SYSTEM_OPTIONS, systemOption, writeXyzFile, XYZ_OPTION } from './system-options'
import { UsageError, type OptionSpec } from './usage'

/**
 * `optimize` and `sample` on a many-coordinate system (--system or --sequence): a SystemLane of
 * W walkers from random states or a known minimum, run for N steps, and what each walker ended
 * as, in the words the page uses. Samplers add the mean energy and the kinetic temperature.
 */

export const SYSTEM_RUN_OPTIONS: Record<string, OptionSpec> = {
  ...SYSTEM_OPTIONS,
  ...XYZ_OPTION,
  'final-xyz': { type: 'string' },
}

export const SYSTEM_RUN_HELP = [
  'On a many-coordinate system instead of a surface:',
  '  --system ID             a system (see `landscape systems`), or --sequence AB... for a 2D AB chain',
  '  --start random|minimum:K  each walker at its own random state (default), or at known minimum K',
  '  --walkers W             walkers (optimize: default 1)',
  '  --xyz FILE              write the trajectory of walker 0 as XYZ, a frame every --every K steps',
  '  --final-xyz FILE        write every walker where it ended, one XYZ frame each',
]

/** What one walker of a system ended as. */
export interface WalkerEnd {
  kind: SystemWalkerStatus['kind']
  energy: number
  atGlobal: boolean
  divergedAt: number | null
  /** In words: "quenched to a local minimum E = -41.47 (global -44.33)", "diverged at step 11". */
  words: string
}

export interface SystemRunOutput {
  version: string
  system: string
  method: string
  seed: number
  steps: number
  burnin: number
  walkers: number
  start: SystemStart
  settings: Record<string, unknown>
  /** The lowest known minimum, or null. */
  global: number | null
  ends: WalkerEnd[]
  /** The walker with the lowest final energy, with its atoms. */
  lowest: { walker: number; energy: number; positions: number[][] }
  /** Samplers: the energy averaged over walkers and steps after the burn-in (walkers at the target only). */
  meanEnergy: number | null
  meanKinetic: number | null
  /** 2<K>/N_f over the degrees of freedom left after drift removal; canonical sampling gives kT. */
  kineticTemperature: number | null
  kineticVariance: number | null
  acceptance: number | null
  extras: Record<string, unknown>
  xyz: string | null
  finalXyz: string | null
}

function startOption(text: string | undefined, descriptor: SystemDescriptor): SystemStart {
  if (text === undefined || text === 'random') return { kind: 'random' }
  const m = /^minimum:(\d+)$/.exec(text)
  if (m === null) throw new UsageError(`--start: on a system, give random or minimum:K, not '${text}'`)
  const index = Number(m[1])
  const known = descriptor.minima[index]
  if (!known?.start)
    throw new UsageError(
      `--start: ${descriptor.id} has no geometry for known minimum ${index}; ` +
        `those with one: ${
          descriptor.minima
            .map((k, i) => (k.start ? String(i) : null))
            .filter((i) => i !== null)
            .join(', ') || 'none'
        }`,
    )
  return { kind: 'minimum', index }
}

/** The options only a run on a system reads: given with a surface, they are a mistake. */
export function refuseSystemOnlyOptions(values: Record<string, unknown>, options: readonly string[]): void {
  for (const option of options)
    if (values[option] !== undefined)
      throw new UsageError(`--${option} applies to a run on a system: give --system ID (see \`landscape systems\`)`)
}

/** A SystemLane built from the options, with what the run loop needs to know. */
interface SystemRunPlan {
  descriptor: SystemDescriptor
  method: MethodDescriptor
  lane: SystemLane
  start: SystemStart
  seed: number
  walkers: number
  steps: number
  burnin: number
  /** Steps between trajectory frames. */
  every: number
}

function planFromOptions(values: Record<string, unknown>, family: 'optimize' | 'sample'): SystemRunPlan {
  // The histogram bins of `sample` are over a plane.
  const descriptor = systemOption(values, ['bins'])
  const method = methodOf(values.method as string | undefined, family)
  const sampler = family === 'sample'
  const steps = parseInteger(values.steps as string | undefined, '--steps', 0, 100_000_000)
  const burnin = parseInteger(values.burnin as string | undefined, '--burnin', 0, 100_000_000, 0)
  const every = parseInteger(values.every as string | undefined, '--every', 1, 100_000_000, sampler ? 100 : 10)
  const seed = parseInteger(values.seed as string | undefined, '--seed', 0, Number.MAX_SAFE_INTEGER, 1)
  const walkers = parseInteger(values.walkers as string | undefined, '--walkers', 1, 100_000, sampler ? 10 : 1)
  const start = startOption(values.start as string | undefined, descriptor)
  const extra: Record<string, number> = {}
  if (values.kT !== undefined) extra.kT = parseNumber(values.kT as string, '--kT')
  if (values.dt !== undefined) extra.dt = parseNumber(values.dt as string, '--dt')
  const given = parseSettings(values.set as string[] | undefined, method, extra)
  // The system's own dt, friction and kT first (a surface's step is far too large for LJ walls), then what was given.
  const base = systemRunSettings(method, descriptor, extra.kT ?? descriptor.defaults.kT, walkers)
  const resolved = resolveLane(method.id, { ...base, ...given }, walkers, descriptor.dim)
  if (!resolved.ok) {
    const { field, message } = resolved.errors[0]!
    const named = field === 'method' || field === 'walkers' || Object.hasOwn(extra, field)
    throw new UsageError(`${named ? `--${field}` : '--set'}: ${message}`)
  }
  // A method that biases variables (metadynamics) biases the system's first two, its map's axes.
  const [a, b] = cvsFor(descriptor)
  const lane = new SystemLane({
    descriptor,
    method: resolved.lane.method,
    settings: resolved.lane.settings,
    walkers,
    start,
    seed,
    variables: [a!, b!],
  })
  return { descriptor, method, lane, start, seed, walkers, steps, burnin, every }
}

/**
 * Runs a method on the system the options name. `family` says which methods the command takes:
 * optimize takes optimizers, sample the methods with a temperature.
 */
export function runOnSystem(values: Record<string, unknown>, family: 'optimize' | 'sample'): SystemRunOutput {
  const { descriptor, method, lane, start, seed, walkers, steps, burnin, every } = planFromOptions(values, family)
  const sampler = family === 'sample'
  const w = lane.walkers
  const map = positionsOf(descriptor)
  const xyz = values.xyz as string | undefined
  const frames: string[] = []
  const frame = () =>
    frames.push(formatXyzFrame(stateFrame(descriptor, w.qs[0]!, { step: lane.t, energy: w.u[0]!, walker: 0 }, map)))
  if (xyz !== undefined) frame()
  lane.stats.recording = false
  let energySum = 0
  let energyCount = 0
  for (let t = 1; t <= burnin + steps; t++) {
    if (t === burnin + 1) lane.stats.recording = true
    lane.advance(1)
    if (xyz !== undefined && (t % every === 0 || t === burnin + steps)) frame()
    if (!sampler || t <= burnin) continue
    for (let i = 0; i < walkers; i++)
      if (lane.counts(i) && Number.isFinite(w.u[i]!)) {
        energySum += w.u[i]!
        energyCount++
      }
  }
  if (xyz !== undefined) writeXyzFile(xyz, frames.join(''), '--xyz')
  const finalXyz = values['final-xyz'] as string | undefined
  if (finalXyz !== undefined) {
    const text = Array.from({ length: walkers }, (_, i) =>
      formatXyzFrame(stateFrame(descriptor, w.qs[i]!, { step: lane.t, energy: w.u[i]!, walker: i }, map)),
    ).join('')
    writeXyzFile(finalXyz, text, '--final-xyz')
  }
  const ends = Array.from({ length: walkers }, (_, i): WalkerEnd => {
    const s = lane.status(i)
    return {
      kind: s.kind,
      energy: s.energy,
      atGlobal: s.atGlobal,
      divergedAt: s.divergedAt,
      words: systemWalkerWords(s, { sampler, hopping: method.id === 'basin-hopping' }),
    }
  })
  let best = 0
  for (let i = 1; i < walkers; i++)
    if (ends[i]!.kind !== 'diverged' && !(ends[i]!.energy >= ends[best]!.energy)) best = i
  const report = lane.report()
  return {
    version: VERSION,
    system: descriptor.id,
    method: method.id,
    seed,
    steps,
    burnin,
    walkers,
    start,
    settings: { ...lane.config.settings },
    global: descriptor.minima[0]?.energy ?? null,
    ends,
    lowest: { walker: best, energy: w.u[best]!, positions: atomRows(descriptor, w.qs[best]!) },
    meanEnergy: energyCount > 0 ? energySum / energyCount : null,
    meanKinetic: report.meanKinetic,
    kineticTemperature: report.kineticTemperature,
    kineticVariance: report.kineticVariance,
    acceptance: report.acceptance,
    extras: lane.extras(),
    xyz: xyz ?? null,
    finalXyz: finalXyz ?? null,
  }
}

function methodOf(id: string | undefined, family: 'optimize' | 'sample'): MethodDescriptor {
  if (id === undefined) throw new UsageError('--method is required; see `landscape methods`')
  const method = methodById(id)
  if (!method) throw new UsageError(`--method: unknown method '${id}'; known: ${METHODS.map((m) => m.id).join(', ')}`)
  if (!offeredWithoutData(method)) throw new UsageError(`--method: ${NEEDS_TRAINING_SET(id)}`)
  const thermal = method.params.some((p) => p.name === 'kT')
  if (family === 'optimize' && method.family !== 'optimizer')
    throw new UsageError(`--method: ${id} is a sampler: run it with \`landscape sample\``)
  if (family === 'sample' && !thermal)
    throw new UsageError(`--method: ${id} has no temperature: run it with \`landscape optimize\``)
  return method
}

/** Whether a command's result is a run on a system (it says how each walker ended). */
export function isSystemRun(result: unknown): result is SystemRunOutput {
  return typeof result === 'object' && result !== null && 'ends' in result && 'system' in result
}

/** The table of a run on a system: one line per walker, then the sampler's averages. */
export function systemRunTable(r: SystemRunOutput): string {
  const f = (v: number | null) => (v === null ? '-' : formatNumber(v))
  const head =
    `${r.system}, ${r.method}: ${r.walkers} walker${r.walkers === 1 ? '' : 's'}, ` +
    `${r.burnin > 0 ? `${r.burnin} burn-in + ` : ''}${r.steps} steps, seed ${r.seed}`
  const shown = r.ends.slice(0, 20)
  const lines = [
    head,
    '',
    renderTable(
      ['walker', 'energy', 'status'],
      shown.map((e, i) => [String(i), formatNumber(e.energy, 8), e.words]),
    ),
    ...(r.ends.length > shown.length ? [`... and ${r.ends.length - shown.length} more walkers (see --json)`] : []),
  ]
  if (r.meanEnergy !== null || r.kineticTemperature !== null)
    lines.push(
      '',
      `mean energy: ${f(r.meanEnergy)}; kinetic temperature: ${f(r.kineticTemperature)}` +
        (typeof r.settings.kT === 'number' ? ` (kT ${formatNumber(r.settings.kT)})` : ''),
      `acceptance: ${r.acceptance === null ? '-' : formatNumber(r.acceptance, 3)}`,
      ...ladderLines(r.extras),
    )
  if (r.xyz) lines.push(`trajectory of walker 0 written to ${r.xyz}`)
  if (r.finalXyz) lines.push(`final frames written to ${r.finalXyz}`)
  return lines.join('\n')
}

/** Parallel tempering's rungs and swap acceptance, and what its averages are over. */
function ladderLines(extras: Record<string, unknown>): string[] {
  const temperatures = extras.temperatures
  const swaps = extras.swapAcceptance
  if (!Array.isArray(temperatures) || !Array.isArray(swaps)) return []
  const list = (values: unknown[], digits: number) =>
    values.map((v) => (typeof v === 'number' ? formatNumber(v, digits) : '-')).join(', ')
  return [
    `rungs at kT ${list(temperatures, 4)}; swap acceptance per neighbouring pair: ${list(swaps, 3)}`,
    'the mean energy is over the walkers at the lowest rung; the kinetic temperature over every rung',
  ]
}
