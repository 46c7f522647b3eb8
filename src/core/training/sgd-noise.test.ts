import { describe, expect, it } from 'vitest'
import { resolveLane } from '../dynamics/resolve'
import { SystemLane } from '../dynamics/system-lane'
import type { MinibatchSystem } from '../system'
import type { SystemDescriptor } from '../systems/descriptor'
import { BatchSampler, sgdQuadraticVariance, sgdTemperature } from './batch'
import { makeDataset } from './data'
import { initialise, Network, type NetworkSpec } from './network'
import { trainingSystem } from './training-system'

/**
 * The noise of minibatch gradients, measured on the code paths the lanes use, against exact
 * answers: the finite-population covariance (Cochran 1977, Thm 2.2) and the stationary spread of
 * SGD against Langevin dynamics at the temperature of Mandt, Hoffman & Blei (JMLR 18, 2017).
 */

const SPEC: NetworkSpec = { layers: [2, 8, 8, 1], activation: 'tanh', loss: 'xent', l2: 0 }

/** Mean and standard error of the mean of xs. */
function meanAndError(xs: Float64Array): { mean: number; se: number } {
  const m = xs.length
  let mean = 0
  for (const x of xs) mean += x / m
  let ss = 0
  for (const x of xs) ss += (x - mean) ** 2
  return { mean, se: Math.sqrt(ss / (m - 1) / m) }
}

/**
 * The covariance of the minibatch gradient. At a fixed theta of a real network (N = 100 circle
 * points), M batches of B indices from BatchSampler, each batch's gradient from the system's
 * batchGradient, d_m = g_B - gbar with gbar the full gradient. For a quantity X_m built from d_m
 * (|d_m|^2 for the trace, d_mk d_ml for entry (k, l)), E X = the entry of (S/B)(N - B)/(N - 1),
 * S the per-example gradients' covariance with divisor N; the draws are independent, so the mean
 * of X over M draws has standard error sd(X)/sqrt(M) (the sample sd of the M values). Bound:
 * |mean - expected| < 5 standard errors, a false alarm about 6e-7 per check by the normal tail (the
 * mean of 1000 skewed squares has skewness near 0.1: the tail is that of a normal to within a small
 * factor), below 1e-5 for the five checks together.
 */
describe('the covariance of minibatch gradients of a network', () => {
  const n = 100
  const data = makeDataset('circle', { points: n, noise: 0.1, seed: 3 })
  const net = new Network(SPEC, data)
  const system = trainingSystem(SPEC, data)
  const p = net.dim
  const theta = new Float64Array(p)
  initialise(SPEC, 21, theta)
  const gbar = new Float64Array(p)
  system.gradient(theta, gbar)
  // S from the per-example gradients, divisor N.
  const S = new Float64Array(p * p)
  const gi = new Float64Array(p)
  for (let i = 0; i < n; i++) {
    net.perExampleGradient(theta, i, gi)
    for (let k = 0; k < p; k++)
      for (let l = 0; l < p; l++) S[k * p + l] = S[k * p + l]! + ((gi[k]! - gbar[k]!) * (gi[l]! - gbar[l]!)) / n
  }
  let traceS = 0
  for (let k = 0; k < p; k++) traceS += S[k * p + k]!
  // The three coordinates of largest variance and the pair of the first two.
  const order = Array.from({ length: p }, (_, k) => k).sort((a, b) => S[b * p + b]! - S[a * p + a]!)
  const [k0, k1, k2] = order as [number, number, number]
  const entries: [number, number][] = [
    [k0, k0],
    [k1, k1],
    [k2, k2],
    [k0, k1],
  ]

  /** z = (mean - expected)/se for the trace and the entries, with the batch size and draw count given. */
  function draws(b: number, m: number, factor: (n: number, b: number) => number) {
    const sampler = new BatchSampler(n, b, 77, 5)
    const batch = new Int32Array(b)
    const g = new Float64Array(p)
    const x = Array.from({ length: 1 + entries.length }, () => new Float64Array(m))
    for (let j = 0; j < m; j++) {
      sampler.next(batch)
      system.batchGradient(theta, g, batch, b)
      let sq = 0
      for (let k = 0; k < p; k++) sq += (g[k]! - gbar[k]!) ** 2
      x[0]![j] = sq
      entries.forEach(([k, l], e) => (x[e + 1]![j] = (g[k]! - gbar[k]!) * (g[l]! - gbar[l]!)))
    }
    const f = factor(n, b)
    const expected = [traceS * f, ...entries.map(([k, l]) => S[k * p + l]! * f)]
    return x.map((xs, e) => {
      const { mean, se } = meanAndError(xs)
      return { mean, expected: expected[e]!, z: (mean - expected[e]!) / se, relativeError: se / expected[e]! }
    })
  }
  const withoutReplacement = (n: number, b: number) => (n - b) / (b * (n - 1))
  const withReplacement = (_n: number, b: number) => 1 / b

  it('matches (1/B)(N - B)/(N - 1) S over 1,000 draws of B = 10 (trace, three variances, a covariance)', () => {
    const checks = draws(10, 1000, withoutReplacement)
    for (const c of checks) expect(Math.abs(c.z)).toBeLessThan(5)
    // The trace is measured to about 2% (one standard error) at M = 1000: S/B, 10% higher, sits
    // about 3 standard errors away, too close to reject at this bound (the next two tests do).
    expect(checks[0]!.relativeError).toBeLessThan(0.05)
  })

  it('rejects the with-replacement S/B where it differs by 2x (B = 50, 1,000 draws)', () => {
    const right = draws(50, 1000, withoutReplacement)
    const wrong = draws(50, 1000, withReplacement)
    expect(Math.abs(right[0]!.z)).toBeLessThan(5)
    expect(Math.abs(wrong[0]!.z)).toBeGreaterThan(5)
  })

  it('over 100,000 draws of B = 10 still matches, and tells it from S/B (10% apart)', () => {
    const right = draws(10, 100_000, withoutReplacement)
    const wrong = draws(10, 100_000, withReplacement)
    for (const c of right) expect(Math.abs(c.z)).toBeLessThan(5)
    expect(Math.abs(wrong[0]!.z)).toBeGreaterThan(5)
  })
})

/**
 * SGD noise as a temperature, on a training set whose loss is exactly quadratic: N = 100
 * examples l_i(x) = k (x - a_i)^2 / 2, a_i evenly spaced with mean abar and variance var (divisor N),
 * so L = k (x - abar)^2 / 2 + const, and the per-example gradients k (x - a_i) have variance
 * c = k^2 var about their mean. SGD with batches of B steps x' = (1 - lr k)(x - abar) + lr xi, xi
 * the batch noise of variance c_B = c (N - B)/(B (N - 1)), independent from step to step; the
 * stationary variance is exactly lr c_B / (k (2 - lr k)). Langevin dynamics on U = N L at
 * kT = N lr c_B / 2 (the temperature of Mandt et al., `sgdTemperature`), run as full-batch SGLD,
 * steps x' = (1 - lr k) x + sqrt(2 lr kT / N) xi with the same per-step variance lr^2 c_B: the
 * same stationary variance, kT / (N k (1 - lr k / 2)). On a 1-D quadratic the two agree at any
 * stable lr; what the small-lr assumption buys is the continuous-time reading Var = T / k.
 *
 * Each of 64 walkers (independent batch streams and noise) runs 200 steps from the minimum to
 * settle (the start's memory decays as (1 - lr k)^(2t) = 1e-18) and then averages (x - abar)^2
 * over 10,000 steps: one sample per walker. The bound is 5 standard errors of the mean of the 64
 * (sample sd / 8), a false alarm of 5e-6 per check (Student t, 63 degrees of freedom).
 */
describe('SGD with small batches spreads like Langevin dynamics at its temperature', () => {
  const n = 100
  const k = 1
  const a = Float64Array.from({ length: n }, (_, i) => Math.sqrt(3) * ((2 * (i + 0.5)) / n - 1))
  let abar = 0
  for (const v of a) abar += v / n
  let variance = 0
  for (const v of a) variance += (v - abar) ** 2 / n
  const c = k * k * variance

  const quadratic = (): MinibatchSystem => ({
    dim: 1,
    examples: n,
    coordinate: () => 'x',
    energy(q) {
      let s = 0
      for (let i = 0; i < n; i++) s += 0.5 * k * (q[0]! - a[i]!) ** 2
      return s / n
    },
    gradient(q, g) {
      let s = 0
      for (let i = 0; i < n; i++) s += k * (q[0]! - a[i]!)
      g[0] = s / n
      return this.energy(q)
    },
    batchGradient(q, g, batch, size) {
      let s = 0
      let l = 0
      for (let j = 0; j < size; j++) {
        const d = q[0]! - a[batch[j]!]!
        s += k * d
        l += 0.5 * k * d * d
      }
      g[0] = s / size
      return l / size
    },
  })
  const descriptor: SystemDescriptor = {
    id: 'quadratic-examples',
    title: 'a quadratic training set',
    dim: 1,
    units: 'none',
    note: '',
    defaults: { dt: 0.01, kT: 1, friction: 1 },
    minima: [],
    atoms: null,
    randomState: (_u, out) => out.fill(abar),
    system: quadratic,
  }

  const WALKERS = 64
  /** Each walker's time average of (x - abar)^2 after settling, then their mean and standard error. */
  function spread(method: string, settings: Record<string, unknown>, seed: number) {
    const r = resolveLane(method, settings, WALKERS, 1)
    if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '))
    const lane = new SystemLane({
      descriptor,
      method: r.lane.method,
      settings: r.lane.settings,
      walkers: WALKERS,
      start: { kind: 'state', q: [abar] },
      seed,
    })
    lane.advance(200)
    const steps = 10_000
    const sums = new Float64Array(WALKERS)
    const q = lane.walkers.q
    for (let t = 0; t < steps; t++) {
      lane.advance(1)
      for (let i = 0; i < WALKERS; i++) sums[i] = sums[i]! + (q[i]! - abar) ** 2
    }
    for (let i = 0; i < WALKERS; i++) sums[i] = sums[i]! / steps
    return meanAndError(sums)
  }
  const agree = (x: { mean: number; se: number }, y: { mean: number; se: number }) =>
    Math.abs(x.mean - y.mean) / Math.hypot(x.se, y.se)

  it('B = 10 of N = 100 at lr k = 0.1: SGD, Langevin at kT = N lr c_B / 2 and the exact variance agree', () => {
    const lr = 0.1
    const b = 10
    const { kT } = sgdTemperature({ eta: lr, n, b, c })
    const exact = sgdQuadraticVariance({ eta: lr, n, b, c, k })
    const sgd = spread('sgd', { lr, batch: b }, 1)
    const langevin = spread('sgld', { lr, kT, batch: n }, 2)
    expect(Math.abs(sgd.mean - exact) / sgd.se).toBeLessThan(5)
    expect(Math.abs(langevin.mean - exact) / langevin.se).toBeLessThan(5)
    expect(agree(sgd, langevin)).toBeLessThan(5)
    // Negative control, the wrong temperature: Langevin at lr N c / (2B), the temperature without
    // the finite-population correction (with-replacement batches), spreads (N - 1)/(N - B) = 1.1
    // times as wide: rejected.
    const hot = spread('sgld', { lr, kT: (n * lr * c) / (2 * b), batch: n }, 3)
    expect(agree(sgd, hot)).toBeGreaterThan(5)
  })

  it('at lr k = 1.5 the two still agree, but the continuous-time Var = T/k of Mandt et al. misses by 4x', () => {
    const lr = 1.5
    const b = 10
    const { kT, temperature } = sgdTemperature({ eta: lr, n, b, c })
    const exact = sgdQuadraticVariance({ eta: lr, n, b, c, k })
    const sgd = spread('sgd', { lr, batch: b }, 4)
    const langevin = spread('sgld', { lr, kT, batch: n }, 5)
    expect(Math.abs(sgd.mean - exact) / sgd.se).toBeLessThan(5)
    expect(agree(sgd, langevin)).toBeLessThan(5)
    // Negative control, outside the small-lr assumption: exp(-L/T) would give T/k, a quarter.
    expect(Math.abs(sgd.mean - temperature / k) / sgd.se).toBeGreaterThan(5)
    expect(sgd.mean / (temperature / k)).toBeCloseTo(1 / (1 - (lr * k) / 2), 0)
  })
})
