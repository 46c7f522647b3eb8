/** Total-variation distance (1/2) sum |p - q|. */
export function totalVariation(p: ArrayLike<number>, q: ArrayLike<number>): number {
  let s = 0
  for (let k = 0; k < p.length; k++) s += Math.abs(p[k]! - q[k]!)
  return 0.5 * s
}

/** KL(p_hat || p) = sum p_hat ln(p_hat / p); infinite if p_hat puts mass where p has none. */
export function klDivergence(pHat: ArrayLike<number>, p: ArrayLike<number>): number {
  let s = 0
  for (let k = 0; k < pHat.length; k++) {
    const a = pHat[k]!
    if (a > 0) {
      const b = p[k]!
      s += b > 0 ? a * Math.log(a / b) : Infinity
    }
  }
  return s
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
    for (let k = 0; k < n; k++) total += p[k]!
    const scaled = Float64Array.from(p, (v) => (v / total) * n)
    const small: number[] = []
    const large: number[] = []
    scaled.forEach((v, k) => (v < 1 ? small : large).push(k))
    while (small.length > 0 && large.length > 0) {
      const s = small.pop()!
      const l = large.pop()!
      this.prob[s] = scaled[s]!
      this.alias[s] = l
      scaled[l]! -= 1 - scaled[s]!
      ;(scaled[l]! < 1 ? small : large).push(l)
    }
    for (const k of [...small, ...large]) this.prob[k] = 1
  }

  sample(u1: number, u2: number): number {
    const k = Math.min(this.prob.length - 1, Math.floor(u1 * this.prob.length))
    return u2 < this.prob[k]! ? k : this.alias[k]!
  }
}
