import { resolveLane } from '../dynamics/resolve'
import { STATUS } from '../dynamics/status'
import { SystemLane } from '../dynamics/system-lane'
import { arrheniusFit, type ArrheniusFit } from '../landscape/rates'
import { poissonInterval } from '../studies/transitions'
import type { SystemDescriptor } from './descriptor'
import type { LandscapeGraph } from './graph'
import { FireMinimiser } from './minimise'

/**
 * Transition rates between the known minima (isomers) of a many-coordinate system at constant
 * temperature, the counterpart for systems of the surfaces' core-set counting.
 *
 * States are inherent structures (Stillinger & Weber, Phys. Rev. A 25, 978, 1982): every
 * `interval` steps each walker's configuration is quenched (FIRE, on a copy) and labelled by the
 * known minimum whose energy it reaches, within `energyTolerance`; a quench that reaches none of
 * them labels nothing. A walker is committed to the last minimum it was seen in, and a transition
 * i -> j counts when it is next seen in j (core sets with commitment, Buchete & Hummer, J. Phys.
 * Chem. B 112, 6057, 2008): a quench that reaches no known minimum leaves it committed, and a
 * recrossing of the saddle that is over before the next look is not seen. The time committed to
 * i is counted in whole intervals, so rate(i -> j) = transitions / time committed to i.
 *
 * The minima are told apart by energy alone: enough where the known minima's energies differ by
 * far more than the tolerance (LJ7-2D: 0.024 at least); systems with near-degenerate minima need
 * fingerprints (identity.ts).
 */

/** The quench-and-match labelling of configurations by known minimum. */
export interface IsomerLabelOptions {
  /** FIRE stops at this gradient norm. Default 1e-4: the energy is then within ~1e-8 of the minimum's. */
  readonly gradientTolerance?: number
  /** A quenched energy within this of a known minimum's is that minimum. Default 1e-3. */
  readonly energyTolerance?: number
}

/** Labels configurations by the known minimum they quench to; allocates nothing per call. */
export class IsomerLabeller {
  private readonly minimiser: FireMinimiser
  private readonly work: Float64Array
  private readonly energies: Float64Array
  private readonly tolerance: number
  /** The quenched energy of the last configuration labelled. */
  lastEnergy = NaN

  constructor(descriptor: SystemDescriptor, options: IsomerLabelOptions = {}) {
    const system = descriptor.system()
    this.minimiser = new FireMinimiser(system, { gradientTolerance: options.gradientTolerance ?? 1e-4 })
    this.work = new Float64Array(system.dim)
    this.energies = Float64Array.from(descriptor.minima, (m) => m.energy)
    this.tolerance = options.energyTolerance ?? 1e-3
  }

  /** The index of the known minimum that q quenches to, or -1. q is not changed. */
  label(q: Float64Array): number {
    this.work.set(q.subarray(0, this.work.length))
    const e = this.minimiser.minimise(this.work)
    this.lastEnergy = e
    let best = -1
    let gap = this.tolerance
    for (let k = 0; k < this.energies.length; k++) {
      const d = Math.abs(e - this.energies[k]!)
      if (d <= gap) {
        gap = d
        best = k
      }
    }
    return best
  }
}

/** Transition counts between m states with commitment to the last state seen, per walker. */
export class IsomerTransitions {
  /** counts[i * m + j]: transitions i -> j. */
  readonly counts: Float64Array
  /** Time committed to each state. */
  readonly time: Float64Array
  private readonly committed: Int32Array

  constructor(
    readonly states: number,
    walkers: number,
  ) {
    this.counts = new Float64Array(states * states)
    this.time = new Float64Array(states)
    this.committed = new Int32Array(walkers).fill(-1)
  }

  /** Walker i, after `elapsed` time since its last look, is seen in `state` (-1: none). */
  observe(i: number, state: number, elapsed: number): void {
    const from = this.committed[i]!
    if (from >= 0) this.time[from]! += elapsed
    if (state < 0 || state === from) return
    if (from >= 0) this.counts[from * this.states + state]!++
    this.committed[i] = state
  }

  /** Transitions from `from` to any state in `to`, the time committed to `from`, the rate and its 95% interval. */
  rate(from: number, to: readonly number[]): IsomerRate {
    let n = 0
    for (const j of to) if (j !== from) n += this.counts[from * this.states + j]!
    const time = this.time[from]!
    const [low, high] = poissonInterval(n)
    return {
      from,
      to: [...to],
      transitions: n,
      time,
      rate: time > 0 ? n / time : NaN,
      rateLow: time > 0 ? low / time : NaN,
      rateHigh: time > 0 ? high / time : NaN,
    }
  }
}

export interface IsomerRate {
  readonly from: number
  readonly to: readonly number[]
  readonly transitions: number
  /** Time committed to `from`, in the system's time units. */
  readonly time: number
  readonly rate: number
  /** 95% confidence interval (exact Poisson, Garwood). */
  readonly rateLow: number
  readonly rateHigh: number
}

/** One constant-temperature run that counts isomer transitions. */
export interface IsomerRunConfig {
  readonly descriptor: SystemDescriptor
  readonly kT: number
  /** BAOAB time step and friction; default the descriptor's. */
  readonly dt?: number
  readonly friction?: number
  readonly walkers: number
  readonly steps: number
  /** Steps between looks (quenches). */
  readonly interval: number
  /** The known minimum every walker starts in. */
  readonly start: number
  readonly seed: number
  readonly label?: IsomerLabelOptions
}

export interface IsomerRun {
  readonly kT: number
  readonly transitions: IsomerTransitions
  /** Looks whose quench reached no known minimum, and all looks. */
  readonly unlabelled: number
  readonly looks: number
  /** Walker-steps taken. */
  readonly walkerSteps: number
}

/**
 * Runs `walkers` walkers by BAOAB Langevin dynamics at kT from known minimum `start` for `steps`
 * steps, looking every `interval` steps, and counts the transitions between the known minima.
 */
export function countIsomerTransitions(config: IsomerRunConfig): IsomerRun {
  const { descriptor, kT, walkers, steps, interval } = config
  if (!(Number.isInteger(interval) && interval >= 1 && steps % interval === 0))
    throw new RangeError(
      `isomer rates: the interval must be a positive integer dividing the steps (${interval}, ${steps})`,
    )
  const dt = config.dt ?? descriptor.defaults.dt
  const gamma = config.friction ?? descriptor.defaults.friction
  const r = resolveLane('baoab', { kT, dt, gamma }, walkers, descriptor.dim)
  if (!r.ok) throw new RangeError(`isomer rates: ${r.errors.map((e) => e.message).join('; ')}`)
  const lane = new SystemLane({
    descriptor,
    method: r.lane.method,
    settings: r.lane.settings,
    walkers,
    start: { kind: 'minimum', index: config.start },
    seed: config.seed,
  })
  const labeller = new IsomerLabeller(descriptor, config.label)
  const transitions = new IsomerTransitions(descriptor.minima.length, walkers)
  const w = lane.walkers
  for (let i = 0; i < walkers; i++) transitions.observe(i, config.start, 0)
  let unlabelled = 0
  let looks = 0
  for (let t = 0; t < steps; t += interval) {
    lane.advance(interval)
    for (let i = 0; i < walkers; i++) {
      if (w.status[i] === STATUS.diverged) continue
      const state = labeller.label(w.qs[i]!)
      looks++
      if (state < 0) unlabelled++
      transitions.observe(i, state, interval * dt)
    }
  }
  return { kT, transitions, unlabelled, looks, walkerSteps: walkers * steps }
}

/** Rates from one minimum to a set of others at several temperatures, and their Arrhenius fit. */
export interface IsomerArrhenius {
  readonly rates: (IsomerRate & { readonly kT: number })[]
  /** ln k = ln A - barrier / kT by weighted least squares (arrheniusFit); null with fewer than two usable points. */
  readonly fit: ArrheniusFit | null
}

/** The Arrhenius fit of the rates from `from` to any of `to` in runs at several temperatures. */
export function isomerArrhenius(runs: readonly IsomerRun[], from: number, to: readonly number[]): IsomerArrhenius {
  const rates = runs.map((run) => ({ kT: run.kT, ...run.transitions.rate(from, to) }))
  return { rates, fit: arrheniusFit(rates) }
}

/**
 * The barrier from minimum `from` to any of `to` on a landscape graph: the lowest saddle joining
 * them directly, less the energy of `from`; NaN when no saddle joins them.
 */
export function directBarrier(graph: LandscapeGraph, from: number, to: readonly number[]): number {
  let lowest = Infinity
  for (const s of graph.saddles) {
    const joins = (s.from === from && to.includes(s.to)) || (s.to === from && to.includes(s.from))
    if (joins) lowest = Math.min(lowest, s.energy)
  }
  const e = graph.minima[from]?.energy
  return Number.isFinite(lowest) && e !== undefined ? lowest - e : NaN
}
