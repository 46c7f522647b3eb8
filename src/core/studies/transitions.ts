import type { CompiledSurface } from '../surface'
import { basinAt, type BasinMap } from '../landscape/basins'
import { distance } from '../landscape/domain'
import type { Landscape } from '../landscape/saddles'

/**
 * Counts transitions between basins, per walker, as the walkers move. With core
 * sets (the default) a walker is committed to the basin whose core it last
 * visited, and a transition i -> j counts only when it reaches the core of j:
 * recrossings at the saddle are not counted. The core of basin k is the part of
 * the basin with U below U_k + coreFraction x (the lowest barrier out of k).
 * Without core sets every change of basin counts. Each transition is credited
 * to the saddle (channel) it crossed: the saddle joining the two basins nearest
 * to where the walker last changed basin.
 *
 * Mean first-passage times are measured, not inferred from rates: the clock of
 * i -> j starts when a walker commits to i for the first time since it was last
 * in j (or since it started) and stops when it first reaches the core of j,
 * whatever basins it visits on the way. On two basins the mean equals 1/k; on
 * more it is the time a reader would wait, which 1/k_ij is not. Passages still
 * under way when the run is read are counted too (censored: see
 * firstPassageTime); dropping them would average only the short ones. Tracked
 * on surfaces with at most MFPT_MAX_BASINS minima (a clock per walker and pair).
 */
export interface TransitionOptions {
  cores?: boolean
  coreFraction?: number
  /** Time per step (dt for dynamics; 1 counts steps). */
  timeStep?: number
}

/** Surfaces with more minima than this (Rastrigin's hundreds) get no first-passage clocks. */
export const MFPT_MAX_BASINS = 8

export interface RateEstimate {
  from: number
  to: number
  transitions: number
  /** Time spent committed to `from`. */
  time: number
  rate: number
  /** 95% confidence interval of the rate (exact Poisson, Garwood). */
  rateLow: number
  rateHigh: number
  /** First passages from i to j completed, and those still under way (censored). */
  passages: number
  censored: number
  /** Time at risk: the completed passages' times plus the time so far of those under way. */
  exposure: number
  /** Mean first-passage time with its 95% interval (firstPassageTime); NaN when not tracked or no time at risk. */
  mfpt: number
  mfptLow: number
  mfptHigh: number
  /** Transitions through each saddle of `landscape.saddles` (0 for saddles not joining from and to). */
  channels: number[]
}

export class TransitionCounter {
  /** counts[i * m + j]: transitions i -> j. */
  readonly counts: Float64Array
  /** channel[(i * m + j) * s + k]: transitions i -> j through saddle k. */
  readonly channels: Float64Array
  /** Time committed to each basin. */
  readonly time: Float64Array
  private readonly m: number
  private readonly coreLimit: Float64Array
  private readonly committed: Int32Array
  private readonly lastLabel: Int32Array
  private readonly crossing: Int32Array
  private readonly cores: boolean
  private readonly timeStep: number
  /** Each walker's own clock. */
  private readonly clock: Float64Array
  /** start[(w * m + i) * m + j]: when walker w's passage i -> j began; NaN when none is under way. */
  private readonly start: Float64Array | null
  /** First passages i -> j completed, and the sum of their times, at i * m + j. */
  readonly passages: Float64Array
  readonly passageTime: Float64Array

  constructor(
    private readonly surface: CompiledSurface,
    private readonly map: BasinMap,
    private readonly landscape: Landscape,
    walkers: number,
    options: TransitionOptions = {},
  ) {
    const m = landscape.minima.length
    this.m = m
    this.cores = options.cores ?? true
    this.timeStep = options.timeStep ?? 1
    const fraction = options.coreFraction ?? 0.5
    this.coreLimit = Float64Array.from(landscape.minima, (minimum, k) => {
      const barriers = landscape.saddles.flatMap((s) =>
        s.joins[0] === k ? [s.barriers[0]] : s.joins[1] === k ? [s.barriers[1]] : [],
      )
      return minimum.value + fraction * (barriers.length > 0 ? Math.min(...barriers) : Infinity)
    })
    this.counts = new Float64Array(m * m)
    this.channels = new Float64Array(m * m * landscape.saddles.length)
    this.time = new Float64Array(m)
    this.committed = new Int32Array(walkers).fill(-1)
    this.lastLabel = new Int32Array(walkers).fill(-1)
    this.crossing = new Int32Array(walkers).fill(-1)
    this.clock = new Float64Array(walkers)
    const tracked = m >= 2 && m <= MFPT_MAX_BASINS
    this.start = tracked ? new Float64Array(walkers * m * m).fill(NaN) : null
    this.passages = new Float64Array(tracked ? m * m : 0)
    this.passageTime = new Float64Array(tracked ? m * m : 0)
  }

  /** Walker i is at (x, y) with energy u after a step. */
  observe(i: number, x: number, y: number, u: number): void {
    const label = basinAt(this.map, x, y)
    const previous = this.lastLabel[i]!
    if (label >= 0 && previous >= 0 && label !== previous) this.crossing[i] = this.saddleBetween(previous, label, x, y)
    if (label >= 0) this.lastLabel[i] = label
    const state = this.cores ? (label >= 0 && u <= this.coreLimit[label]! ? label : -1) : label
    const from = this.committed[i]!
    this.clock[i]! += this.timeStep
    if (from >= 0) this.time[from]! += this.timeStep
    if (state < 0 || state === from) return
    if (from >= 0) {
      this.counts[from * this.m + state]!++
      const s = this.crossing[i]!
      if (s >= 0) this.channels[(from * this.m + state) * this.landscape.saddles.length + s]!++
    }
    this.committed[i] = state
    if (this.start) this.arrive(i, state)
  }

  /** Walker i has just committed to basin `to`: passages into it end, passages out of it begin. */
  private arrive(i: number, to: number): void {
    const m = this.m
    const start = this.start!
    const now = this.clock[i]!
    const base = i * m * m
    for (let k = 0; k < m; k++) {
      if (k === to) continue
      const began = start[base + k * m + to]!
      if (!Number.isNaN(began)) {
        const t = now - began
        this.passages[k * m + to]!++
        this.passageTime[k * m + to]! += t
        start[base + k * m + to] = NaN
      }
      // A passage to k starts at the first arrival here since the walker was last in k.
      if (Number.isNaN(start[base + to * m + k])) start[base + to * m + k] = now
    }
  }

  /** The saddle joining basins a and b nearest to (x, y), or -1. */
  private saddleBetween(a: number, b: number, x: number, y: number): number {
    let best = -1
    let bestDistance = Infinity
    this.landscape.saddles.forEach((s, k) => {
      const joins = (s.joins[0] === a && s.joins[1] === b) || (s.joins[0] === b && s.joins[1] === a)
      if (!joins) return
      const r = distance(this.surface.domain, x, y, s.saddle.x, s.saddle.y)
      if (r < bestDistance) {
        bestDistance = r
        best = k
      }
    })
    return best
  }

  /**
   * Passages under way now and the time they have run so far, per pair (i * m + j):
   * with the completed ones, the time at risk of the censored estimate. Empty when
   * passages are not tracked.
   */
  underWay(): { count: Float64Array; time: Float64Array } {
    const m = this.m
    const count = new Float64Array(this.passages.length)
    const time = new Float64Array(this.passages.length)
    const start = this.start
    if (!start) return { count, time }
    for (let w = 0; w < this.clock.length; w++) {
      const base = w * m * m
      for (let k = 0; k < m * m; k++) {
        const began = start[base + k]!
        if (Number.isNaN(began)) continue
        count[k]!++
        time[k]! += this.clock[w]! - began
      }
    }
    return { count, time }
  }

  rate(from: number, to: number, open = this.underWay()): RateEstimate {
    const isBasin = (k: number) => Number.isInteger(k) && k >= 0 && k < this.m
    if (!isBasin(from) || !isBasin(to)) throw new RangeError(`rate: no basins ${from} and ${to} among ${this.m}`)
    const n = this.counts[from * this.m + to]!
    const time = this.time[from]!
    const [low, high] = poissonInterval(n)
    const rate = time > 0 ? n / time : NaN
    const s = this.landscape.saddles.length
    const k = from * this.m + to
    const tracked = this.start !== null
    const passages = tracked ? this.passages[k]! : 0
    const censored = tracked ? open.count[k]! : 0
    const exposure = tracked ? this.passageTime[k]! + open.time[k]! : 0
    const mfpt = tracked ? firstPassageTime(passages, exposure) : { mean: NaN, low: NaN, high: NaN }
    return {
      from,
      to,
      transitions: n,
      time,
      rate,
      rateLow: time > 0 ? low / time : NaN,
      rateHigh: time > 0 ? high / time : NaN,
      passages,
      censored,
      exposure,
      mfpt: mfpt.mean,
      mfptLow: mfpt.low,
      mfptHigh: mfpt.high,
      channels: Array.from(this.channels.subarray((from * this.m + to) * s, (from * this.m + to + 1) * s)),
    }
  }

  /** Every pair with at least one transition, or every pair when `all`. */
  rates(all = false): RateEstimate[] {
    const out: RateEstimate[] = []
    const open = this.underWay()
    for (let i = 0; i < this.m; i++)
      for (let j = 0; j < this.m; j++)
        if (i !== j && (all || this.counts[i * this.m + j]! > 0)) out.push(this.rate(i, j, open))
    return out
  }
}

/**
 * 95% interval of a Poisson mean from n events (Garwood 1936): the means at
 * which P(N >= n) = 0.025 and P(N <= n) = 0.025. Found by bisection on the exact
 * Poisson CDF up to n = 200; above that by the Wilson-Hilferty chi-square
 * quantiles, which are within 0.1% there.
 */
export function poissonInterval(n: number): [number, number] {
  if (n > 200) {
    const z = 1.959963984540054
    const chi2 = (k: number, zq: number) => k * (1 - 2 / (9 * k) + zq * Math.sqrt(2 / (9 * k))) ** 3
    return [chi2(2 * n, -z) / 2, chi2(2 * n + 2, z) / 2]
  }
  const low = n === 0 ? 0 : solveMean((mean) => 1 - poissonCdf(n - 1, mean) - 0.025, n)
  const high = solveMean((mean) => 0.025 - poissonCdf(n, mean), n)
  return [low, high]
}

/** How mean first-passage times are estimated, for reports that must say it. */
export const MFPT_ESTIMATOR = {
  id: 'exponential-mle',
  text:
    'exponential maximum likelihood: time at risk (censored passages included) over completed passages, exact 95% ' +
    'interval',
} as const

/**
 * The mean first-passage time from n completed passages and the time at risk
 * (the completed passages' times plus the time so far of those still under way),
 * with a 95% interval. For exponential passage times with mean tau, censored at
 * the end of the run, the likelihood is tau^-n exp(-exposure/tau): its maximum is
 * exposure/n, and n is a Poisson count with mean exposure/tau, so Garwood's
 * interval for that mean gives tau in [exposure/high, exposure/low] (Lawless,
 * "Statistical Models and Methods for Lifetime Data", 2003, sec. 2.2). Passages
 * over a barrier are close to exponential; for any distribution the estimate
 * still converges to the mean once the run is long against it (renewal-reward:
 * each walker leaves at most one passage open). With no completed passage the
 * mean is NaN and `low` is still a 95% lower bound (exposure/3.689).
 */
export function firstPassageTime(n: number, exposure: number): { mean: number; low: number; high: number } {
  if (!(exposure > 0)) return { mean: NaN, low: NaN, high: NaN }
  const [low, high] = poissonInterval(n)
  return { mean: n > 0 ? exposure / n : NaN, low: exposure / high, high: n > 0 ? exposure / low : Infinity }
}

/** P(N <= n) for N ~ Poisson(mean), summed in log space. */
function poissonCdf(n: number, mean: number): number {
  if (mean === 0) return 1
  let logTerm = -mean
  let sum = Math.exp(logTerm)
  for (let k = 1; k <= n; k++) {
    logTerm += Math.log(mean / k)
    sum += Math.exp(logTerm)
  }
  return Math.min(1, sum)
}

/** The root of an increasing function f of the mean, by bisection. */
function solveMean(f: (mean: number) => number, n: number): number {
  let lo = 0
  let hi = 2 * n + 20
  for (let k = 0; k < 200; k++) {
    const mid = 0.5 * (lo + hi)
    if (f(mid) < 0) lo = mid
    else hi = mid
  }
  return 0.5 * (lo + hi)
}
