import { describe, expect, it } from 'vitest'
import { RandomStream } from '../random'
import {
  BatchSampler,
  batchProblem,
  minibatchCovarianceFactor,
  noiseScale,
  sgdQuadraticVariance,
  sgdTemperature,
} from './batch'

/** The upper q-quantile of chi-square with nu degrees of freedom, z its normal quantile (Wilson & Hilferty 1931). */
const chiSquareQuantile = (nu: number, z: number) => nu * (1 - 2 / (9 * nu) + z * Math.sqrt(2 / (9 * nu))) ** 3

/** A sampler with the classic off-by-one bug: position j from i..N-2, so the last slot is never drawn. */
class OffByOneSampler {
  private readonly perm: Int32Array
  private readonly rng: RandomStream
  constructor(
    private readonly n: number,
    private readonly b: number,
    seed: number,
  ) {
    this.perm = Int32Array.from({ length: n }, (_, i) => i)
    this.rng = new RandomStream(seed)
  }
  next(out: Int32Array): number {
    for (let i = 0; i < this.b; i++) {
      const j = i + Math.floor(this.rng.uniform() * (this.n - i - 1))
      const t = this.perm[j]!
      this.perm[j] = this.perm[i]!
      this.perm[i] = t
      out[i] = t
    }
    return this.b
  }
}

/** B indices drawn independently, with replacement. */
class WithReplacementSampler {
  private readonly rng: RandomStream
  constructor(
    private readonly n: number,
    private readonly b: number,
    seed: number,
  ) {
    this.rng = new RandomStream(seed)
  }
  next(out: Int32Array): number {
    for (let i = 0; i < this.b; i++) out[i] = Math.floor(this.rng.uniform() * this.n)
    return this.b
  }
}

interface Sampler {
  next(out: Int32Array): number
}

/**
 * Frequency statistic of M batches of B from N. Per batch the inclusion indicators have variance
 * p(1-p), p = B/N, and covariance -p(1-p)/(N-1) (they sum to B): the counts' deviations from M p lie
 * in the plane orthogonal to (1, .., 1) with covariance M p(1-p) N/(N-1) there, so
 * X = sum (c_i - M p)^2 (N-1) / (M p(1-p) N) is chi-square with N-1 degrees of freedom for large M.
 */
function frequencyStatistic(sampler: Sampler, n: number, b: number, m: number): number {
  const counts = new Float64Array(n)
  const out = new Int32Array(b)
  for (let t = 0; t < m; t++) {
    sampler.next(out)
    for (let i = 0; i < b; i++) counts[out[i]!]!++
  }
  const p = b / n
  let x = 0
  for (let i = 0; i < n; i++) x += (counts[i]! - m * p) ** 2
  return (x * (n - 1)) / (m * p * (1 - p) * n)
}

/** N per-example gradients of P components, correlated and not Gaussian (row i at g[i*P ..]). */
function syntheticGradients(n: number, p: number, seed: number): Float64Array {
  const rng = new RandomStream(seed)
  const mix = Float64Array.from({ length: p * p }, () => rng.normal())
  const g = new Float64Array(n * p)
  const z = new Float64Array(p)
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < p; k++) z[k] = k % 2 === 0 ? rng.normal() : 2 * rng.uniform() - 1
    for (let a = 0; a < p; a++) {
      let s = 0.3 * a
      for (let k = 0; k < p; k++) s += mix[a * p + k]! * z[k]!
      g[i * p + a] = s
    }
  }
  return g
}

/** S = (1/N) sum (g_i - gbar)(g_i - gbar)^T and gbar. */
function populationCovariance(g: Float64Array, n: number, p: number) {
  const mean = new Float64Array(p)
  for (let i = 0; i < n; i++) for (let a = 0; a < p; a++) mean[a] = mean[a]! + g[i * p + a]! / n
  const s = new Float64Array(p * p)
  for (let i = 0; i < n; i++)
    for (let a = 0; a < p; a++)
      for (let c = 0; c < p; c++)
        s[a * p + c] = s[a * p + c]! + ((g[i * p + a]! - mean[a]!) * (g[i * p + c]! - mean[c]!)) / n
  return { mean, s }
}

/**
 * The empirical covariance of M batch means about the known mean gbar (unbiased, divisor M), and the
 * standard error of each entry: an entry is the mean of M independent products x_a x_c, so its sd is
 * sqrt(Var(x_a x_c) / M), estimated from the same draws. For a diagonal entry that is sigma^2
 * sqrt((kurtosis - 1)/M), ~ sigma^2 sqrt(2/M) for near-Gaussian batch means.
 */
function batchMeanCovariance(sampler: Sampler, g: Float64Array, n: number, p: number, b: number, m: number) {
  const { mean } = populationCovariance(g, n, p)
  const idx = new Int32Array(b)
  const x = new Float64Array(p)
  const sum = new Float64Array(p * p)
  const sum2 = new Float64Array(p * p)
  let fourth = 0
  for (let t = 0; t < m; t++) {
    sampler.next(idx)
    x.fill(0)
    for (let j = 0; j < b; j++) for (let a = 0; a < p; a++) x[a] = x[a]! + g[idx[j]! * p + a]!
    for (let a = 0; a < p; a++) x[a] = x[a]! / b - mean[a]!
    fourth += x[0]! ** 4
    for (let a = 0; a < p; a++)
      for (let c = 0; c < p; c++) {
        const prod = x[a]! * x[c]!
        sum[a * p + c] = sum[a * p + c]! + prod
        sum2[a * p + c] = sum2[a * p + c]! + prod * prod
      }
  }
  const cov = sum.map((v) => v / m)
  const sd = sum2.map((v, k) => Math.sqrt(Math.max(0, v / m - cov[k]! ** 2) / m))
  return { cov, sd, kurtosis0: fourth / m / cov[0]! ** 2 }
}

/** The largest |empirical - predicted| / sd over the P(P+1)/2 distinct entries. */
function worstZ(est: { cov: Float64Array; sd: Float64Array }, predicted: Float64Array, p: number): number {
  let z = 0
  for (let a = 0; a < p; a++)
    for (let c = a; c < p; c++)
      z = Math.max(z, Math.abs(est.cov[a * p + c]! - predicted[a * p + c]!) / est.sd[a * p + c]!)
  return z
}

/**
 * The bound on worstZ: each entry's z is about standard normal (a mean of M products), so with the
 * Bonferroni correction over the P(P+1)/2 <= 15 entries, z = 4.5 (two-sided 6.8e-6 each) gives a
 * false-alarm rate below 1.1e-4 per test.
 */
const Z_BOUND = 4.5

describe('BatchSampler', () => {
  it('draws each index with frequency B/N (chi-square), and rejects a biased sampler', () => {
    const n = 20
    const b = 5
    const m = 20000
    // One-sided false-alarm rate 1e-6 (z = 4.75).
    const bound = chiSquareQuantile(n - 1, 4.75)
    const x = frequencyStatistic(new BatchSampler(n, b, 7), n, b, m)
    console.log(`frequency chi-square ${x.toFixed(1)} (19 dof), bound ${bound.toFixed(1)}`)
    expect(x).toBeLessThan(bound)
    // Negative control: the off-by-one Fisher-Yates never draws the index left in the last slot.
    expect(frequencyStatistic(new OffByOneSampler(n, b, 7), n, b, m)).toBeGreaterThan(bound)
  })

  it('returns distinct sorted indices; B = N returns 0..N-1 in order', () => {
    const s = new BatchSampler(50, 17, 3)
    const out = new Int32Array(17)
    for (let t = 0; t < 200; t++) {
      expect(s.next(out)).toBe(17)
      for (let i = 1; i < 17; i++) expect(out[i]!).toBeGreaterThan(out[i - 1]!)
      expect(out[0]!).toBeGreaterThanOrEqual(0)
      expect(out[16]!).toBeLessThan(50)
    }
    const full = new BatchSampler(31, 31, 5)
    const all = new Int32Array(31)
    for (let t = 0; t < 5; t++) {
      full.next(all)
      expect([...all]).toEqual(Array.from({ length: 31 }, (_, i) => i))
    }
  })

  it('at B = N, minibatch gradient descent is full-batch gradient descent bit for bit', () => {
    // Least squares on a line, l_i = (w x_i + c - y_i)^2 / 2, gradient summed in index order.
    const n = 40
    const rng = new RandomStream(2)
    const xs = Float64Array.from({ length: n }, () => rng.normal())
    const ys = xs.map((x) => 0.7 * x - 0.2 + 0.1 * rng.normal())
    const grad = (w: Float64Array, idx: ArrayLike<number>, b: number, out: Float64Array) => {
      out.fill(0)
      for (let j = 0; j < b; j++) {
        const i = idx[j]!
        const r = w[0]! * xs[i]! + w[1]! - ys[i]!
        out[0] = out[0]! + r * xs[i]!
        out[1] = out[1]! + r
      }
      out[0] = out[0]! / b
      out[1] = out[1]! / b
    }
    const order = Array.from({ length: n }, (_, i) => i)
    const sampler = new BatchSampler(n, n, 9)
    const idx = new Int32Array(n)
    const w1 = new Float64Array([1, 1])
    const w2 = new Float64Array([1, 1])
    const g1 = new Float64Array(2)
    const g2 = new Float64Array(2)
    for (let t = 0; t < 100; t++) {
      grad(w1, order, n, g1)
      sampler.next(idx)
      grad(w2, idx, n, g2)
      for (let k = 0; k < 2; k++) {
        w1[k] = w1[k]! - 0.1 * g1[k]!
        w2[k] = w2[k]! - 0.1 * g2[k]!
      }
    }
    expect([...w2]).toEqual([...w1])
  })

  it('rejects impossible sizes with a plain message', () => {
    expect(() => new BatchSampler(500, 600, 1)).toThrow('batch size B = 600 is larger than the N = 500 training points')
    expect(() => new BatchSampler(500, 0, 1)).toThrow('batch size B = 0 is smaller than 1')
    expect(() => new BatchSampler(500, 2.5, 1)).toThrow(/not a whole number/)
    expect(() => new BatchSampler(10, 4, 1).next(new Int32Array(3))).toThrow(/fewer than B = 4/)
    expect(batchProblem(10, 10)).toBeNull()
  })
})

describe('the covariance of a batch-mean gradient', () => {
  it('over 1,000 draws matches (S/B)(N-B)/(N-1); the with-replacement S/B is rejected by the same bound', () => {
    const n = 60
    const p = 4
    const b = 30
    const m = 1000
    const g = syntheticGradients(n, p, 1)
    const { s } = populationCovariance(g, n, p)
    const fpc = s.map((v) => v * minibatchCovarianceFactor(n, b))
    const withReplacement = s.map((v) => v / b)
    const est = batchMeanCovariance(new BatchSampler(n, b, 4), g, n, p, b, m)
    const zRight = worstZ(est, fpc, p)
    const zWrong = worstZ(est, withReplacement, p)
    // Relative sd of a variance entry: sqrt((kurtosis - 1)/M) = 4.5% at kurtosis 3; the bound is 4.5 of these (20%).
    console.log(
      `M = 1000, B = 30 of N = 60: worst z ${zRight.toFixed(2)} (FPC), ${zWrong.toFixed(2)} (S/B); bound ${Z_BOUND};`,
      `kurtosis of a batch-mean component ${est.kurtosis0.toFixed(2)}, relative sd of its variance`,
      `${Math.sqrt((est.kurtosis0 - 1) / m).toFixed(4)}`,
    )
    expect(zRight).toBeLessThan(Z_BOUND)
    // Negative control: at B = N/2 the two predictions differ by (N-1)/(N-B) = 1.97.
    expect(zWrong).toBeGreaterThan(Z_BOUND)
    // And a sampler with replacement fails the finite-population prediction but fits S/B.
    const rep = batchMeanCovariance(new WithReplacementSampler(n, b, 4), g, n, p, b, m)
    expect(worstZ(rep, fpc, p)).toBeGreaterThan(Z_BOUND)
    expect(worstZ(rep, withReplacement, p)).toBeLessThan(Z_BOUND)
  })

  it('over 100,000 draws matches it to a few per cent (N = 80, P = 5, B = 10)', () => {
    const n = 80
    const p = 5
    const b = 10
    const m = 100000
    const g = syntheticGradients(n, p, 2)
    const { s } = populationCovariance(g, n, p)
    const fpc = s.map((v) => v * minibatchCovarianceFactor(n, b))
    const est = batchMeanCovariance(new BatchSampler(n, b, 5), g, n, p, b, m)
    const z = worstZ(est, fpc, p)
    // Here S/B and the corrected value differ by (N-1)/(N-B) = 1.13 while the relative sd is 0.45%.
    const zWrong = worstZ(
      est,
      s.map((v) => v / b),
      p,
    )
    console.log(
      `M = 1e5, B = 10 of N = 80: worst z ${z.toFixed(2)} (FPC), ${zWrong.toFixed(1)} (S/B); bound ${Z_BOUND}`,
    )
    expect(z).toBeLessThan(Z_BOUND)
    expect(zWrong).toBeGreaterThan(Z_BOUND)
  })
})

describe('noise scale and temperature', () => {
  it('noiseScale = eta (N/B - 1) = eta N (N-B)/(B(N-1)) (1 - 1/N), zero at B = N', () => {
    expect(noiseScale(0.1, 500, 10)).toBeCloseTo(4.9, 14)
    expect(noiseScale(0.1, 500, 10)).toBeCloseTo(0.1 * 500 * minibatchCovarianceFactor(500, 10) * (1 - 1 / 500), 14)
    expect(noiseScale(0.1, 500, 500)).toBe(0)
    expect(minibatchCovarianceFactor(100, 100)).toBe(0)
    expect(minibatchCovarianceFactor(100, 1)).toBe(1)
    expect(minibatchCovarianceFactor(1, 1)).toBe(0)
    const t = sgdTemperature({ eta: 0.02, n: 1000, b: 10, c: 3 })
    expect(t.temperature).toBeCloseTo((0.02 * 3 * 990) / (10 * 999) / 2, 15)
    expect(t.kT).toBeCloseTo(1000 * t.temperature, 12)
    expect(sgdTemperature({ eta: 0.02, n: 1000, b: 1000, c: 3 }).kT).toBe(0)
  })

  it('SGD on a 1-D quadratic with BatchSampler batches settles at the variance eta c_B / (k (2 - eta k))', () => {
    // l_i = k (x - a_i)^2 / 2: the batch gradient is k (x - mean of a over the batch), its noise k (abar - abar_B)
    // has variance c_B = c (N-B)/(B(N-1)) with c = k^2 Var(a) (divisor N), independent from step to step.
    const n = 100
    const b = 10
    const k = 2
    const eta = 0.05
    const rng = new RandomStream(3)
    const a = Float64Array.from({ length: n }, () => rng.normal())
    const abar = a.reduce((s, v) => s + v, 0) / n
    const c = (k * k * a.reduce((s, v) => s + (v - abar) ** 2, 0)) / n
    const expected = sgdQuadraticVariance({ eta, n, b, c, k })
    const sampler = new BatchSampler(n, b, 8)
    const idx = new Int32Array(b)
    let x = abar
    let sum = 0
    let sum2 = 0
    const steps = 400000
    for (let t = 0; t < steps; t++) {
      sampler.next(idx)
      let ab = 0
      for (let j = 0; j < b; j++) ab += a[idx[j]!]!
      x -= eta * k * (x - ab / b)
      sum += x - abar
      sum2 += (x - abar) ** 2
    }
    const variance = sum2 / steps - (sum / steps) ** 2
    // x_t is AR(1) with rho = 1 - eta k = 0.9; the variance estimate from a Gaussian AR(1) series has relative sd
    // sqrt((2/M)(1 + rho^2)/(1 - rho^2)) = 0.69% at M = 4e5; 5 sd (false alarm 6e-7) = 3.5%.
    const rho = 1 - eta * k
    const bound = 5 * Math.sqrt(((2 / steps) * (1 + rho * rho)) / (1 - rho * rho))
    console.log(
      `1-D SGD variance ${variance.toExponential(4)} vs ${expected.toExponential(4)}:`,
      `relative ${(variance / expected - 1).toFixed(4)}, bound ${bound.toFixed(4)}`,
    )
    expect(Math.abs(variance / expected - 1)).toBeLessThan(bound)
    // The continuous-time temperature T / k is the eta k -> 0 limit of it.
    const t = sgdTemperature({ eta, n, b, c })
    expect(t.temperature / k / expected).toBeCloseTo(1 - (eta * k) / 2, 12)
  })
})
