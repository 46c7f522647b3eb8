import { describe, expect, it } from 'vitest'
import { RandomStream } from '../random'
import {
  biasWeight,
  FreeEnergyHistogram,
  type FreeEnergySurface,
  freeEnergySurface,
  type GridAxis,
} from './free-energy'

/** Gauss-Legendre nodes and weights on [-1, 1], 8 points (exact for polynomials of degree 15). */
const GL_X = [
  -0.9602898564975363, -0.7966664774136267, -0.525532409916329, -0.1834346424956498, 0.1834346424956498,
  0.525532409916329, 0.7966664774136267, 0.9602898564975363,
]
const GL_W = [
  0.1012285362903763, 0.2223810344533745, 0.3137066661225915, 0.362683783378362, 0.362683783378362, 0.3137066661225915,
  0.2223810344533745, 0.1012285362903763,
]

/** The integral of f over the bin [a1, b1] x [a2, b2] by 8 x 8 Gauss-Legendre. */
function binIntegral(f: (x: number, y: number) => number, a1: number, b1: number, a2: number, b2: number): number {
  const h1 = (b1 - a1) / 2
  const h2 = (b2 - a2) / 2
  let s = 0
  for (let i = 0; i < 8; i++)
    for (let j = 0; j < 8; j++) s += GL_W[i]! * GL_W[j]! * f(a1 + h1 * (1 + GL_X[i]!), a2 + h2 * (1 + GL_X[j]!))
  return s * h1 * h2
}

/** A 2D Gaussian: means, standard deviations, correlation. */
interface Gaussian {
  m1: number
  m2: number
  sd1: number
  sd2: number
  rho: number
}

function density(g: Gaussian): (x: number, y: number) => number {
  const c = 1 / (2 * Math.PI * g.sd1 * g.sd2 * Math.sqrt(1 - g.rho * g.rho))
  return (x, y) => {
    const u = (x - g.m1) / g.sd1
    const v = (y - g.m2) / g.sd2
    // the exact quadratic: -ln density = (u^2 - 2 rho u v + v^2) / (2 (1 - rho^2)) + const
    return c * Math.exp(-(u * u - 2 * g.rho * u * v + v * v) / (2 * (1 - g.rho * g.rho)))
  }
}

function draw(g: Gaussian, n: number, seed: number): { s1: Float64Array; s2: Float64Array } {
  const r = new RandomStream(seed)
  const s1 = new Float64Array(n)
  const s2 = new Float64Array(n)
  const c = Math.sqrt(1 - g.rho * g.rho)
  for (let t = 0; t < n; t++) {
    const z1 = r.normal()
    const z2 = r.normal()
    s1[t] = g.m1 + g.sd1 * z1
    s2[t] = g.m2 + g.sd2 * (g.rho * z1 + c * z2)
  }
  return { s1, s2 }
}

const A1: GridAxis = { min: -3.7, max: 4.3, bins: 32 }
const A2: GridAxis = { min: -2.6, max: 2.2, bins: 24 }
const KT = 0.5
const N = 200000
const BLOCK = 10000
const TRUE: Gaussian = { m1: 0.3, m2: -0.2, sd1: 1, sd2: 0.6, rho: 0.5 }

/**
 * Per bin: the exact probability p of the target density, and the standard deviation of the
 * estimate P = sum_t w_t 1_bin(t) / sum_t w_t for N samples from the sampling density q with
 * weights w (w = 1, q = target: the binomial sqrt(p(1 - p)/N)); by the delta method for a ratio,
 *   Var P = E_q[w^2 (1_bin - p)^2] / (N E_q[w]^2),
 * with E_q[w^2 (1_bin - p)^2] = E_q[w^2 1_bin](1 - 2p) + p^2 E_q[w^2].
 */
interface Expected {
  p: number[][]
  sd: number[][]
}

function expected(
  target: (x: number, y: number) => number,
  sampling: (x: number, y: number) => number,
  w: (x: number, y: number) => number,
  ew: number,
  ew2: number,
): Expected {
  const p: number[][] = []
  const sd: number[][] = []
  const h1 = (A1.max - A1.min) / A1.bins
  const h2 = (A2.max - A2.min) / A2.bins
  for (let i = 0; i < A1.bins; i++) {
    p.push([])
    sd.push([])
    for (let j = 0; j < A2.bins; j++) {
      const a1 = A1.min + i * h1
      const a2 = A2.min + j * h2
      const pij = binIntegral(target, a1, a1 + h1, a2, a2 + h2)
      const w2in = binIntegral((x, y) => sampling(x, y) * w(x, y) ** 2, a1, a1 + h1, a2, a2 + h2)
      p[i]!.push(pij)
      sd[i]!.push(Math.sqrt((w2in * (1 - 2 * pij) + pij * pij * ew2) / (N * ew * ew)))
    }
  }
  return { p, sd }
}

/**
 * The check: in every bin with N p >= 400, the estimate lies within Z standard deviations of
 * the exact bin probability, written for F as
 *   -kT ln(p + Z sd) <= F + shift <= -kT ln(p - Z sd)
 * (the same event, as -kT ln is monotonic: no linearisation of the logarithm). Z = 4.5: the
 * normal tail beyond 4.5 is 6.8e-6 per bin, and with N p >= 400 the binomial's skewness
 * (<= 0.05) leaves it within a factor 2; over at most 768 bins the chance of a false alarm
 * is below 1.1 % (union bound). Returns the bins that fail.
 */
const Z = 4.5

function failures(f: FreeEnergySurface, e: Expected): string[] {
  const bad: string[] = []
  let checked = 0
  for (let i = 0; i < A1.bins; i++)
    for (let j = 0; j < A2.bins; j++) {
      const p = e.p[i]![j]!
      if (N * p < 400) continue
      checked++
      const sd = e.sd[i]![j]!
      const v = f.F[i]![j]
      const lo = -KT * Math.log(p + Z * sd)
      const hi = -KT * Math.log(p - Z * sd)
      if (v === null || v === undefined || !(v + f.shift >= lo && v + f.shift <= hi))
        bad.push(
          `bin (${i}, ${j}): F + shift = ${v === null || v === undefined ? v : v + f.shift}, allowed ${lo}..${hi}`,
        )
    }
  expect(checked).toBeGreaterThan(100)
  return bad
}

const one = (): number => 1

describe('free-energy surfaces from samples', () => {
  const exact = expected(density(TRUE), density(TRUE), one, 1, 1)

  it('lays out the grid as plain data: edges, centres, F with nulls, counts and the shift', () => {
    const f = freeEnergySurface([0.1, 0.1, 0.6, 5, Number.NaN], [0.1, 0.2, 0.7, 0, 0], {
      s1: { min: 0, max: 1, bins: 2 },
      s2: { min: 0, max: 1, bins: 4 },
      kT: 2,
      blockSize: 2,
    })
    expect(f.s1).toEqual({ edges: [0, 0.5, 1], centres: [0.25, 0.75] })
    expect(f.s2.edges).toEqual([0, 0.25, 0.5, 0.75, 1])
    expect(f.counts).toEqual([
      [2, 0, 0, 0],
      [0, 0, 1, 0],
    ])
    expect(f.samples).toBe(5)
    expect(f.outside).toBe(2)
    expect(f.blocks).toBe(2)
    // P = 2/5 and 1/5: F = 0 and kT ln 2; empty bins are null, not Infinity
    expect(f.F[0]![0]).toBe(0)
    expect(f.F[1]![2]).toBeCloseTo(2 * Math.log(2), 14)
    expect(f.F[0]![1]).toBeNull()
    expect(f.error[0]![1]).toBeNull()
    expect(f.shift).toBeCloseTo(-2 * Math.log(2 / 5), 14)
    expect(JSON.parse(JSON.stringify(f))).toEqual(f)
    // the upper edge belongs to the last bin
    const g = freeEnergySurface([1], [1], { s1: { min: 0, max: 1, bins: 2 }, s2: { min: 0, max: 1, bins: 2 }, kT: 1 })
    expect(g.counts[1]![1]).toBe(1)
    expect(g.error[1]![1]).toBeNull() // fewer than two complete blocks
  })

  it('rejects bad grids, temperatures, block sizes and weights', () => {
    const s1 = { min: 0, max: 1, bins: 2 }
    expect(() => new FreeEnergyHistogram({ s1: { min: 1, max: 0, bins: 2 }, s2: s1, kT: 1 })).toThrow(/min < max/)
    expect(() => new FreeEnergyHistogram({ s1, s2: { ...s1, bins: 0 }, kT: 1 })).toThrow(/bins/)
    expect(() => new FreeEnergyHistogram({ s1, s2: s1, kT: 0 })).toThrow(/kT/)
    expect(() => new FreeEnergyHistogram({ s1, s2: s1, kT: 1, blockSize: 0.5 })).toThrow(/blockSize/)
    expect(() => new FreeEnergyHistogram({ s1, s2: s1, kT: 1 }).add(0, 0, -1)).toThrow(/weight/)
    expect(() => new FreeEnergyHistogram({ s1, s2: s1, kT: 1 }).add(0, 0, Infinity)).toThrow(/weight/)
    expect(() => freeEnergySurface([1, 2], [1], { s1, s2: s1, kT: 1 })).toThrow(/one length/)
  })

  it('recovers the exact F of a correlated Gaussian within the counting bound; a shifted Gaussian fails it', () => {
    const { s1, s2 } = draw(TRUE, N, 1)
    const f = freeEnergySurface(s1, s2, { s1: A1, s2: A2, kT: KT, blockSize: BLOCK })
    expect(f.blocks).toBe(20)
    expect(failures(f, exact)).toEqual([])
    // negative control: the mean of s1 moved by a tenth of its standard deviation
    const moved = draw({ ...TRUE, m1: TRUE.m1 + 0.1 }, N, 1)
    const g = freeEnergySurface(moved.s1, moved.s2, { s1: A1, s2: A2, kT: KT, blockSize: BLOCK })
    // 36 bins fail (seeded)
    expect(failures(g, exact).length).toBeGreaterThan(10)
  })

  it('gives block errors that match the binomial ones for independent samples and grow for correlated ones', () => {
    /**
     * For independent samples the block estimate s of sigma_F has (B - 1) s^2 / sigma^2 ~ chi^2(B - 1),
     * so (s / sigma)^2 has mean 1 and standard deviation sqrt(2 / (B - 1)) = 0.32 for B = 20; the
     * mean over M > 100 bins has standard deviation < 0.032 (bins nearly independent), and the
     * bound 0.16 is 5 of them. sigma = kT sd / p is the exact binomial error carried to F.
     */
    const meanRatio2 = (f: FreeEnergySurface): number => {
      let sum = 0
      let m = 0
      for (let i = 0; i < A1.bins; i++)
        for (let j = 0; j < A2.bins; j++) {
          const p = exact.p[i]![j]!
          if (N * p < 400) continue
          const sigma = (KT * exact.sd[i]![j]!) / p
          sum += (f.error[i]![j]! / sigma) ** 2
          m++
        }
      return sum / m
    }
    const { s1, s2 } = draw(TRUE, N, 2)
    const f = freeEnergySurface(s1, s2, { s1: A1, s2: A2, kT: KT, blockSize: BLOCK })
    expect(Math.abs(meanRatio2(f) - 1)).toBeLessThan(0.16)
    // Negative control: the same Gaussian as a correlated series (an AR(1) walk with step correlation
    // 0.99, stationary with the same marginal). Its counts are no longer binomial: the block errors
    // must say so, and fail the independence check.
    const r = new RandomStream(3)
    const a = 0.99
    const b = Math.sqrt(1 - a * a)
    const c1 = new Float64Array(N)
    const c2 = new Float64Array(N)
    let z1 = r.normal()
    let z2 = r.normal()
    const c = Math.sqrt(1 - TRUE.rho * TRUE.rho)
    for (let t = 0; t < N; t++) {
      z1 = a * z1 + b * r.normal()
      z2 = a * z2 + b * r.normal()
      c1[t] = TRUE.m1 + TRUE.sd1 * z1
      c2[t] = TRUE.m2 + TRUE.sd2 * (TRUE.rho * z1 + c * z2)
    }
    const g = freeEnergySurface(c1, c2, { s1: A1, s2: A2, kT: KT, blockSize: BLOCK })
    // measured 0.98 for the independent samples above and 7.0 for this series
    expect(meanRatio2(g)).toBeGreaterThan(3)
  })

  it('reweights samples taken under a bias with exp(+V/kT); without the weights the check fails', () => {
    // Sampling density: independent N(0, 1) in each variable. Target: s1 ~ N(0, 1.2^2) instead,
    // that is a bias V(s1) = kT (s1^2 / 2)(1 - 1/1.2^2) >= 0 pushed the run in. Weights w = exp(V/kT):
    // E_q[w] = 1.2 and E_q[w^2] = 1/sqrt(2/1.2^2 - 1), from the Gaussian integrals.
    const sd0 = 1.2
    const c = (1 - 1 / (sd0 * sd0)) / 2
    const bias = (x: number): number => KT * c * x * x
    const sampling = density({ m1: 0, m2: 0, sd1: 1, sd2: 1, rho: 0 })
    const target = density({ m1: 0, m2: 0, sd1: sd0, sd2: 1, rho: 0 })
    const want = expected(target, sampling, (x) => Math.exp(bias(x) / KT), sd0, 1 / Math.sqrt(2 / (sd0 * sd0) - 1))
    const { s1, s2 } = draw({ m1: 0, m2: 0, sd1: 1, sd2: 1, rho: 0 }, N, 4)
    const w = s1.map((x) => biasWeight(bias(x), KT))
    const options = { s1: A1, s2: A2, kT: KT, blockSize: BLOCK }
    expect(failures(freeEnergySurface(s1, s2, options, w), want)).toEqual([])
    // 60 bins fail (seeded)
    expect(failures(freeEnergySurface(s1, s2, options), want).length).toBeGreaterThan(10)
    // the reference of biasWeight only scales every weight alike: F does not change
    const shifted = freeEnergySurface(
      s1,
      s2,
      options,
      s1.map((x) => biasWeight(bias(x), KT, 3)),
    )
    const plain = freeEnergySurface(s1, s2, options, w)
    for (let i = 0; i < A1.bins; i++)
      for (let j = 0; j < A2.bins; j++) {
        const u = plain.F[i]![j]
        const v = shifted.F[i]![j]
        if (u === null || u === undefined) expect(v).toBeNull()
        else expect(Math.abs(v! - u)).toBeLessThan(1e-12)
      }
  })
})
