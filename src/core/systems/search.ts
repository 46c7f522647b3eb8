import { methodById } from '../dynamics/methods'
import { resolveLane } from '../dynamics/resolve'
import { GLOBAL_TOLERANCE, SystemLane, type SystemStart } from '../dynamics/system-lane'
import { MinimaCatalogue, QUENCH_TOLERANCE } from './catalogue'
import type { SystemDescriptor } from './descriptor'
import type { AtomLayout } from './identity'
import { LbfgsMinimiser } from './minimise'
import { positionsOf } from './xyz'

/**
 * Global optimisation on a system: a method that crosses barriers runs for a budget of steps,
 * and every minimum it reaches goes into a catalogue. Basin hopping visits minima directly (one
 * quench per step); parallel tempering and simulated annealing sample configurations, quenched
 * every `quenchEvery` steps and at the end. The CLI's `landscape minima`, the global-minimum
 * shares of the tests and the benchmark all run this.
 */

export const SEARCH_METHODS = ['basin-hopping', 'parallel-tempering', 'annealing'] as const
export type SearchMethod = (typeof SEARCH_METHODS)[number]

export interface SearchOptions {
  readonly method: SearchMethod
  /** Steps per walker: basin-hopping steps (one quench each), or dynamics steps. */
  readonly budget: number
  readonly seed: number
  /** Walkers (replicas for parallel tempering). Default: the method's search default. */
  readonly walkers?: number
  /** Settings over the method's defaults and the system's own search defaults. */
  readonly settings?: Readonly<Record<string, unknown>>
  /** Dynamics methods: quench every walker every this many steps. Default budget / 50. */
  readonly quenchEvery?: number
  /** Default: each walker at its own random state. */
  readonly start?: SystemStart
  /** Stop at the first quench that reaches the lowest known minimum. Default false. */
  readonly stopAtGlobal?: boolean
}

export interface FoundMinimum {
  readonly energy: number
  /** How many quenches ended in it. */
  readonly count: number
  /** Its state (dim coordinates). */
  readonly q: Float64Array
}

export interface SearchResult {
  readonly method: SearchMethod
  /** The lowest minimum found. */
  readonly best: FoundMinimum
  /** Every distinct minimum found, lowest first. */
  readonly minima: readonly FoundMinimum[]
  /** Steps done per walker (fewer than the budget when stopAtGlobal stopped it). */
  readonly steps: number
  /** The step after which a quench first reached the lowest known minimum, or null. */
  readonly globalAt: number | null
  /** The lowest known minimum of the system, or null. */
  readonly global: number | null
  readonly quenches: number
  /** The resolved settings the run used. */
  readonly settings: Readonly<Record<string, unknown>>
  readonly walkers: number
}

/** Which lane method each search runs, and its settings before the system's own. */
const PLAN: Readonly<Record<SearchMethod, { method: string; walkers: number; settings: Record<string, unknown> }>> = {
  // GMIN's defaults for clusters: T = 1, moves up to 0.4, adjusted toward half accepted.
  'basin-hopping': { method: 'basin-hopping', walkers: 1, settings: {} },
  'parallel-tempering': { method: 'parallel-tempering', walkers: 8, settings: { replicas: 8 } },
  // Simulated annealing (Kirkpatrick, Gelatt & Vecchi, Science 220:671, 1983): BAOAB cooled
  // linearly over the whole budget.
  annealing: { method: 'baoab', walkers: 8, settings: { anneal: 'linear' } },
}

/** How a descriptor's state holds atoms, for telling minima apart: its positions through positionsOf. */
export function layoutOf(descriptor: SystemDescriptor): AtomLayout {
  if (descriptor.atoms !== null) return { atoms: descriptor.atoms.count, perAtom: descriptor.atoms.perAtom }
  const map = positionsOf(descriptor)
  return { atoms: map.atoms, perAtom: 3, positions: (q, out) => map.positions(q, out) }
}

/** The atoms of state q as [x, y] or [x, y, z] rows. */
export function atomRows(descriptor: SystemDescriptor, q: Float64Array): number[][] {
  const map = positionsOf(descriptor)
  const xyz = new Float64Array(3 * map.atoms)
  map.positions(q, xyz)
  const planar =
    descriptor.atoms?.perAtom === 2 || (descriptor.atoms === null && map.symbols.length > 0 && allFlat(xyz))
  return Array.from({ length: map.atoms }, (_, i) =>
    planar ? [xyz[3 * i]!, xyz[3 * i + 1]!] : [xyz[3 * i]!, xyz[3 * i + 1]!, xyz[3 * i + 2]!],
  )
}

function allFlat(xyz: Float64Array): boolean {
  for (let i = 2; i < xyz.length; i += 3) if (xyz[i] !== 0) return false
  return true
}

/** Runs a global search on a system; throws a RangeError naming the bad option. */
export function searchMinima(descriptor: SystemDescriptor, options: SearchOptions): SearchResult {
  const plan = PLAN[options.method]
  if (plan === undefined)
    throw new RangeError(`unknown search method '${String(options.method)}'; known: ${SEARCH_METHODS.join(', ')}`)
  if (!Number.isInteger(options.budget) || options.budget < 1)
    throw new RangeError(`budget must be a whole number of steps, at least 1 (got ${options.budget})`)
  const { walkers: systemWalkers, ...systemSettings } = descriptor.search?.[options.method] ?? {}
  const walkers = options.walkers ?? (typeof systemWalkers === 'number' ? systemWalkers : plan.walkers)
  const dynamics = options.method !== 'basin-hopping'
  const quenchEvery = options.quenchEvery ?? Math.max(1, Math.floor(options.budget / 50))
  // Dynamics run at the system's own time step and friction, not the methods' surface defaults.
  const { dt, friction } = descriptor.defaults
  const settings: Record<string, unknown> = {
    ...(dynamics ? { dt, gamma: friction } : {}),
    ...plan.settings,
    ...systemSettings,
    ...(options.method === 'annealing' ? { annealSteps: options.budget } : {}),
    ...options.settings,
  }
  const resolved = resolveLane(plan.method, settings, walkers, descriptor.dim)
  if (!resolved.ok) throw new RangeError(resolved.errors.map((e) => `${e.field}: ${e.message}`).join('; '))
  const method = methodById(plan.method)!
  const lane = new SystemLane({
    descriptor,
    method,
    settings: resolved.lane.settings,
    walkers,
    start: options.start ?? { kind: 'random' },
    seed: options.seed,
  })
  const system = lane.system
  const catalogue = new MinimaCatalogue(system, layoutOf(descriptor))
  const quench = new LbfgsMinimiser(system, { gradientTolerance: QUENCH_TOLERANCE, maxSteps: 5000 })
  const scratch = new Float64Array(descriptor.dim)
  const global = descriptor.minima[0]?.energy ?? null
  const w = lane.walkers
  let quenches = 0
  let globalAt: number | null = null
  const record = (q: Float64Array, energy: number, quenched: boolean) => {
    let e = energy
    if (!quenched) {
      scratch.set(q)
      e = quench.minimise(scratch)
      quenches++
      if (!quench.converged) return
    }
    const state = quenched ? q : scratch
    if (!Number.isFinite(e)) return
    catalogue.insert(state, e)
    if (globalAt === null && global !== null && e < global + GLOBAL_TOLERANCE) globalAt = lane.t
  }
  // Basin hopping's walkers sit in minima from the start.
  if (!dynamics) for (let i = 0; i < walkers; i++) record(w.qs[i]!, w.u[i]!, true)
  while (lane.t < options.budget && !(options.stopAtGlobal && globalAt !== null)) {
    lane.advance(1)
    const last = lane.t === options.budget
    if (!dynamics) {
      for (let i = 0; i < walkers; i++) record(w.qs[i]!, w.u[i]!, true)
      quenches += walkers
    } else if (lane.t % quenchEvery === 0 || last) {
      for (let i = 0; i < walkers; i++) record(w.qs[i]!, w.u[i]!, false)
    }
  }
  const minima = catalogue.entries.map((e) => ({ energy: e.energy, count: e.hits, q: e.q }))
  if (minima.length === 0) throw new RangeError(`no quench converged in ${lane.t} steps: raise the budget`)
  return {
    method: options.method,
    best: minima[0]!,
    minima,
    steps: lane.t,
    globalAt,
    global,
    quenches,
    settings: resolved.lane.settings,
    walkers,
  }
}
