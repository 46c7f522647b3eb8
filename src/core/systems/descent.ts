import { methodById } from '../dynamics/methods'
import { resolveLane } from '../dynamics/resolve'
import { GLOBAL_TOLERANCE, SystemLane } from '../dynamics/system-lane'
import type { SystemDescriptor } from './descriptor'

/**
 * "Gradient descent from random coordinates ends up with a mess": a local minimiser run from
 * many seeded random starts, each to its own minimum, and the distribution of where they end
 * against the global minimum. Every walker is one start; the run stops when no walker is still
 * moving or at the step budget.
 */

/** The local minimisers this applies to. */
export const DESCENT_METHODS = ['gd', 'lbfgs', 'fire'] as const
export type DescentMethod = (typeof DESCENT_METHODS)[number]

export interface DescentOptions {
  readonly method: DescentMethod
  readonly starts: number
  readonly seed: number
  /** Most steps per walker. Default 20000. */
  readonly maxSteps?: number
  /** Settings over the method's defaults (gradient descent's lr, ...). */
  readonly settings?: Readonly<Record<string, unknown>>
  /** Histogram bin width in energy. Default: 1/40 of the range of final energies. */
  readonly binWidth?: number
}

export interface EnergyHistogram {
  /** Left edge of bin 0 and the bin width. */
  readonly from: number
  readonly width: number
  readonly counts: readonly number[]
}

export interface DescentOutcome {
  readonly method: DescentMethod
  /** Final energy of every start, in start order. */
  readonly energies: Float64Array
  /** How each start ended. */
  readonly minimum: number
  readonly running: number
  readonly diverged: number
  /** Starts that ended within GLOBAL_TOLERANCE of the lowest known minimum. */
  readonly atGlobal: number
  readonly global: number | null
  /** Steps run (the slowest start's, or the budget). */
  readonly steps: number
  /** The final energies of the starts that reached a minimum (the others are counted in running and diverged). */
  readonly histogram: EnergyHistogram
  readonly settings: Readonly<Record<string, unknown>>
}

/** Each method's settings before the caller's: a gradient-descent step that is stable on every system. */
const DEFAULTS: Readonly<Record<DescentMethod, Record<string, unknown>>> = {
  gd: { lr: 1e-3 },
  lbfgs: {},
  fire: {},
}

const CHUNK = 100

/** Runs a local minimiser from `starts` random states; throws a RangeError naming a bad option. */
export function descentFromRandomStarts(descriptor: SystemDescriptor, options: DescentOptions): DescentOutcome {
  if (!DESCENT_METHODS.includes(options.method))
    throw new RangeError(`unknown descent method '${String(options.method)}'; known: ${DESCENT_METHODS.join(', ')}`)
  if (!Number.isInteger(options.starts) || options.starts < 1)
    throw new RangeError(`starts must be a whole number, at least 1 (got ${options.starts})`)
  const maxSteps = options.maxSteps ?? 20000
  const settings = { ...DEFAULTS[options.method], ...options.settings }
  const resolved = resolveLane(options.method, settings, options.starts, descriptor.dim)
  if (!resolved.ok) throw new RangeError(resolved.errors.map((e) => `${e.field}: ${e.message}`).join('; '))
  const lane = new SystemLane({
    descriptor,
    method: methodById(options.method)!,
    settings: resolved.lane.settings,
    walkers: options.starts,
    start: { kind: 'random' },
    seed: options.seed,
  })
  const n = options.starts
  const moving = () => {
    for (let i = 0; i < n; i++) if (lane.status(i).kind === 'running') return true
    return false
  }
  while (lane.t < maxSteps && moving()) lane.advance(Math.min(CHUNK, maxSteps - lane.t))
  const energies = new Float64Array(n)
  const ended: number[] = []
  let minimum = 0
  let running = 0
  let diverged = 0
  let atGlobal = 0
  const global = descriptor.minima[0]?.energy ?? null
  for (let i = 0; i < n; i++) {
    const s = lane.status(i)
    energies[i] = s.energy
    if (s.kind === 'minimum') {
      minimum++
      ended.push(s.energy)
    } else if (s.kind === 'running') running++
    else diverged++
    if (s.kind !== 'diverged' && global !== null && Math.abs(s.energy - global) <= GLOBAL_TOLERANCE) atGlobal++
  }
  return {
    method: options.method,
    energies,
    minimum,
    running,
    diverged,
    atGlobal,
    global,
    steps: lane.t,
    histogram: energyHistogram(ended, options.binWidth, global),
    settings: resolved.lane.settings,
  }
}

/**
 * Counts finite energies in bins of `width` (default 1/40 of their range), the first bin's
 * left edge at the global minimum when one is known (so that bin 0 holds the global minimum's
 * finds), else at the lowest energy.
 */
export function energyHistogram(
  energies: ArrayLike<number>,
  width?: number,
  global: number | null = null,
): EnergyHistogram {
  let lo = Infinity
  let hi = -Infinity
  for (let i = 0; i < energies.length; i++) {
    const e = energies[i]!
    if (!Number.isFinite(e)) continue
    if (e < lo) lo = e
    if (e > hi) hi = e
  }
  if (lo === Infinity) return { from: 0, width: 1, counts: [] }
  // Half a tolerance below the global minimum, so that it falls inside bin 0, not on its edge.
  const from = global !== null && global <= lo + GLOBAL_TOLERANCE ? global - GLOBAL_TOLERANCE : lo
  const w = width ?? Math.max((hi - from) / 40, 1e-9)
  if (!(w > 0)) throw new RangeError(`binWidth must be positive (got ${width})`)
  const counts = new Array<number>(Math.floor((hi - from) / w) + 1).fill(0)
  for (let i = 0; i < energies.length; i++) {
    const e = energies[i]!
    if (Number.isFinite(e)) counts[Math.floor((e - from) / w)]!++
  }
  return { from, width: w, counts }
}
