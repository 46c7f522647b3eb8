import { RandomStream } from '../random'

/** Total-variation distance (1/2) sum |p - q|. */
export function totalVariation(p: ArrayLike<number>, q: ArrayLike<number>): number {
  let s = 0
  for (let k = 0; k < p.length; k++) s += Math.abs(p[k] - q[k])
  return 0.5 * s
}

/** KL(p_hat || p) = sum p_hat ln(p_hat / p); infinite if p_hat puts mass where p has none. */
export function klDivergence(pHat: ArrayLike<number>, p: ArrayLike<number>): number {
  let s = 0
  for (let k = 0; k < pHat.length; k++) {
    if (pHat[k] > 0) s += p[k] > 0 ? pHat[k] * Math.log(pHat[k] / p[k]) : Infinity
  }
  return s
}

/**
 * The TV distance a perfect sampler would reach: the `quantile` of the TV
 * distance between p and the histogram of nEff independent draws from p, over
 * 4,000 simulated multinomial histograms. The mean TV, sum sqrt(p_i / (2 pi nEff)),
 * would be exceeded by a perfect sampler about 44% of the time; the 99.9th
 * percentile is a bound a correct sampler fails once in a thousand runs.
 *
 * Each multinomial histogram is drawn bin by bin as conditional binomials
 * (N_1 ~ Bin(n, p_1), N_2 ~ Bin(n - N_1, p_2 / (1 - p_1)), ...), so a draw costs
 * one binomial per bin whatever nEff is: the bound stays cheap for a run of
 * millions of samples.
 */
export function perfectSamplerTV(p: Float64Array, nEff: number, quantile = 0.999, seed = 1): number {
  return perfectSamplerDistances(p, nEff, quantile, seed).tv
}

/** The same quantile for both distances, TV and KL(p_hat || p), from the same simulated histograms. */
export function perfectSamplerDistances(p: Float64Array, nEff: number, quantile = 0.999, seed = 1): { tv: number; kl: number } {
  const n = Math.max(1, Math.round(nEff))
  const draws = 4000
  const random = new RandomStream(seed, 0x7e57)
  const tv = new Float64Array(draws)
  const kl = new Float64Array(draws)
  let total = 0
  for (let k = 0; k < p.length; k++) total += p[k]
  // The normalised probabilities and their logarithms, once for all draws.
  const pn = Float64Array.from(p, (v) => v / total)
  const logP = Float64Array.from(pn, (v) => Math.log(v))
  const logN = Math.log(n)
  for (let d = 0; d < draws; d++) {
    let left = n
    let mass = total
    let s = 0
    let divergence = 0
    for (let k = 0; k < p.length; k++) {
      const q = mass > 0 ? Math.min(1, p[k] / mass) : 0
      const count = left > 0 && q > 0 ? binomial(left, q, random) : 0
      left -= count
      mass -= p[k]
      const pHat = count / n
      s += Math.abs(pHat - pn[k])
      if (count > 0) divergence += pHat * (Math.log(count) - logN - logP[k])
    }
    tv[d] = 0.5 * s
    kl[d] = divergence
  }
  tv.sort()
  kl.sort()
  const at = Math.min(draws - 1, Math.floor(quantile * draws))
  return { tv: tv[at], kl: kl[at] }
}

/**
 * A Bin(n, q) draw. Exact by inversion (walking the probabilities up from 0) when
 * the mean of the smaller tail n min(q, 1 - q) is under 40; above that the normal
 * approximation with continuity correction, whose error in any probability is
 * O(1 / sqrt(n q (1 - q))), a few percent at most, and far less in a TV summed over bins.
 */
function binomial(n: number, q: number, random: RandomStream): number {
  if (q >= 1) return n
  const flip = q > 0.5
  const r = flip ? 1 - q : q
  const mean = n * r
  let k: number
  if (mean < 40) {
    // P(0) = (1 - r)^n, then P(k + 1) = P(k) (n - k) r / ((k + 1)(1 - r)).
    let u = random.uniform()
    let prob = Math.exp(n * Math.log1p(-r))
    k = 0
    while (u > prob && k < n) {
      u -= prob
      prob *= ((n - k) * r) / ((k + 1) * (1 - r))
      k++
      if (prob === 0) break
    }
  } else {
    k = Math.round(mean + Math.sqrt(mean * (1 - r)) * random.normal())
    k = Math.min(n, Math.max(0, k))
  }
  return flip ? n - k : k
}

/** Walker's alias method: O(1) draws from a discrete distribution. */
export class AliasTable {
  private readonly prob: Float64Array
  private readonly alias: Int32Array

  constructor(p: Float64Array) {
    const n = p.length
    this.prob = new Float64Array(n)
    this.alias = new Int32Array(n)
    let total = 0
    for (let k = 0; k < n; k++) total += p[k]
    const scaled = Float64Array.from(p, (v) => (v / total) * n)
    const small: number[] = []
    const large: number[] = []
    scaled.forEach((v, k) => (v < 1 ? small : large).push(k))
    while (small.length > 0 && large.length > 0) {
      const s = small.pop()!
      const l = large.pop()!
      this.prob[s] = scaled[s]
      this.alias[s] = l
      scaled[l] -= 1 - scaled[s]
      ;(scaled[l] < 1 ? small : large).push(l)
    }
    for (const k of [...small, ...large]) this.prob[k] = 1
  }

  sample(u1: number, u2: number): number {
    const k = Math.min(this.prob.length - 1, Math.floor(u1 * this.prob.length))
    return u2 < this.prob[k] ? k : this.alias[k]
  }
}
