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
 * 1,000 to 4,000 simulated multinomial histograms (Walker's alias method). The mean TV,
 * sum sqrt(p_i / (2 pi nEff)), would be exceeded by a perfect sampler about 44%
 * of the time; the 99.9th percentile is a bound a correct sampler fails once in
 * a thousand runs.
 */
export function perfectSamplerTV(p: Float64Array, nEff: number, quantile = 0.999, seed = 1): number {
  const n = Math.max(1, Math.round(nEff))
  // 4,000 histograms, or fewer for huge nEff (at least 1,000: the 99.9th percentile stays an order statistic).
  const draws = Math.max(1000, Math.min(4000, Math.floor(4e7 / n)))
  const alias = new AliasTable(p)
  const random = new RandomStream(seed, 0x7e57)
  const counts = new Float64Array(p.length)
  const tv = new Float64Array(draws)
  for (let d = 0; d < draws; d++) {
    counts.fill(0)
    for (let k = 0; k < n; k++) counts[alias.sample(random.uniform(), random.uniform())]++
    let s = 0
    for (let k = 0; k < p.length; k++) s += Math.abs(counts[k] / n - p[k])
    tv[d] = 0.5 * s
  }
  tv.sort()
  return tv[Math.min(draws - 1, Math.floor(quantile * draws))]
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
