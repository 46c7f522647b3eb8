import { Lane } from '../dynamics/lane'
import type { MethodDescriptor } from '../dynamics/method'
import type { SettingError } from '../dynamics/params'
import { resolveLane } from '../dynamics/resolve'
import type { StatusScales } from '../dynamics/status'
import type { CompiledSurface } from '../surface'
import type { BasinMap } from '../landscape/basins'
import {
  arrheniusFit,
  bottleneck,
  directSaddles,
  theoryAccuracy,
  theoryCaveat,
  transitionRate,
  type ArrheniusFit,
  type RateTheory,
} from '../landscape/rates'
import type { Landscape } from '../landscape/saddles'
import { TransitionCounter } from './transitions'

export interface SweepRequest {
  surface: CompiledSurface
  landscape: Landscape
  map: BasinMap
  scales: StatusScales
  method: MethodDescriptor
  /** The method's settings; kT is set from `kTs` for each run. */
  settings: Record<string, unknown>
  kTs: readonly number[]
  walkers: number
  steps: number
  burnin: number
  seed: number
  /** Minima indices (lowest first): rates from `from` to `to`. */
  from: number
  to: number
  /** Called after each chunk of steps with the fraction done; return false to stop. */
  progress?: (fraction: number) => boolean
}

export interface SweepRate {
  kT: number
  rate: number
  rateLow: number
  rateHigh: number
  transitions: number
  /** Time spent committed to `from`. */
  time: number
  /** First passages from `from` to `to` completed and still under way, and the time at risk. */
  passages: number
  censored: number
  exposure: number
  /** Mean first-passage time and its 95% interval, censored passages counted (firstPassageTime). */
  mfpt: number
  mfptLow: number
  mfptHigh: number
  /** The rate theory's prediction at this kT (null when the method has none or it does not apply: see theoryCaveat). */
  theory: number | null
  /**
   * The barrier in units of kT, and the rate theory's own expected relative error at it
   * (of order kT/barrier; not expected to hold at all below THEORY_MIN_BARRIER: theoryHolds false).
   */
  barrierOverKT: number
  theoryError: number
  theoryHolds: boolean
}

export interface SweepResult {
  rates: SweepRate[]
  fit: ArrheniusFit | null
  /** U(bottleneck saddle) - U(from): the barrier read from the saddle point. */
  saddleBarrier: number
  saddle: { x: number; y: number; value: number }
  theory: RateTheory | null
  /** Why the rate theory does not apply here (a curvature that vanishes), or null. */
  theoryCaveat: string | null
  cancelled: boolean
}

/**
 * Why a method cannot be swept, or null: no clock to measure rates with, or
 * crossings that are not those of U at one constant kT.
 */
export function sweepRefusal(method: MethodDescriptor): string | null {
  if (!method.physicalTime)
    return (
      `${method.name} has no physical time: its steps are moves of a Markov chain, not a clock, so it has no rates ` +
      `to fit (use a Langevin method)`
    )
  if (method.notRates) return `${method.name} ${method.notRates} (use a Langevin method)`
  return null
}

/** Which rate theory describes a method's dynamics. */
export function rateTheory(method: MethodDescriptor): RateTheory | null {
  if (method.id === 'overdamped') return 'eyring-kramers'
  if (method.id === 'baoab' || method.id === 'obabo') return 'kramers-langer'
  return null
}

/**
 * Runs the method at each kT from the minimum `from` and measures the rate of
 * going to `to` (core-set transitions over the time committed to `from`), with
 * the rate theory beside each, then fits Arrhenius.
 */
export function temperatureSweep(r: SweepRequest): SweepResult | { error: SettingError } {
  const refusal = sweepRefusal(r.method)
  if (refusal) return { error: { field: 'method', message: refusal } }
  const from = r.landscape.minima[r.from]
  if (!from) {
    const message = `no minimum ${r.from}: the surface has ${r.landscape.minima.length} minima`
    return { error: { field: 'from', message } }
  }
  const limiting = bottleneck(r.landscape, r.from, r.to)
  if (!limiting)
    return { error: { field: 'to', message: `no path of saddles joins minimum ${r.from} to minimum ${r.to}` } }
  // When the lowest path is a direct pass, the rates over every saddle joining the two minima add up (parallel
  // channels, as the dihedral surface's two passes). Otherwise the rate over the path's highest saddle, the one
  // that limits it (an estimate: the path's other basins are ignored), the saddle the barrier is read from.
  const direct = directSaddles(r.landscape, r.from, r.to)
  const channels = direct.includes(limiting) ? direct : [limiting]
  const caveats = channels
    .map((c) => theoryCaveat(r.surface, from, c.saddle, r.scales.curvature))
    .filter((c) => c !== null)
  const caveat = caveats[0] ?? null
  const theory = rateTheory(r.method)
  const barrier = limiting.saddle.value - from.value
  const rates: SweepRate[] = []
  const total = r.kTs.length * (r.burnin + r.steps)
  let done = 0
  let cancelled = false
  // Each temperature is held constant: an annealing schedule would move it during the run.
  const hold = r.method.params.some((p) => p.name === 'anneal') ? { anneal: 'none' } : {}
  for (const kT of r.kTs) {
    const resolved = resolveLane(r.method.id, { ...r.settings, kT, ...hold })
    if (!resolved.ok) return { error: resolved.errors[0]! }
    const settings = resolved.lane.settings
    const dt = settings.dt as number
    const gamma = (settings.gamma as number | undefined) ?? 1
    const lane = new Lane({
      surface: r.surface,
      method: r.method,
      settings,
      walkers: r.walkers,
      start: { kind: 'point', x: from.x, y: from.y },
      seed: r.seed,
      scales: r.scales,
    })
    const counter = new TransitionCounter(r.surface, r.map, r.landscape, r.walkers, { timeStep: dt })
    const w = lane.walkers
    const chunk = 256
    for (let t = 0; t < r.burnin + r.steps && !cancelled; t += chunk) {
      const n = Math.min(chunk, r.burnin + r.steps - t)
      for (let k = 0; k < n; k++) {
        lane.advance(1)
        if (t + k >= r.burnin) for (let i = 0; i < w.n; i++) counter.observe(i, w.x[i]!, w.y[i]!, w.u[i]!)
      }
      done += n
      if (r.progress && r.progress(done / total) === false) cancelled = true
    }
    const estimate = counter.rate(r.from, r.to)
    rates.push({
      kT,
      rate: estimate.rate,
      rateLow: estimate.rateLow,
      rateHigh: estimate.rateHigh,
      transitions: estimate.transitions,
      time: estimate.time,
      passages: estimate.passages,
      censored: estimate.censored,
      exposure: estimate.exposure,
      mfpt: estimate.mfpt,
      mfptLow: estimate.mfptLow,
      mfptHigh: estimate.mfptHigh,
      theory:
        theory && !caveat
          ? channels.reduce((k, c) => k + transitionRate(r.surface, from, c.saddle, kT, gamma, theory), 0)
          : null,
      ...theoryFields(barrier, kT),
    })
    if (cancelled) break
  }
  return {
    rates,
    fit: arrheniusFit(rates),
    saddleBarrier: barrier,
    saddle: { x: limiting.saddle.x, y: limiting.saddle.y, value: limiting.saddle.value },
    theory,
    theoryCaveat: theory ? caveat : null,
    cancelled,
  }
}

function theoryFields(barrier: number, kT: number): Pick<SweepRate, 'barrierOverKT' | 'theoryError' | 'theoryHolds'> {
  const a = theoryAccuracy(barrier, kT)
  return { barrierOverKT: a.barrierOverKT, theoryError: a.relativeError, theoryHolds: a.holds }
}
