import { exp, portableMath as pm } from '../portable-math'

/**
 * Scalar functions of the network, written in plain IEEE-754 arithmetic on top of
 * portable-math's exp and log, so that they give the same bits in every engine (Math.tanh
 * and Math.log1p do not).
 */

/** 2^k for k = 0..63, by doubling (exact). */
const POW2 = (() => {
  const t = new Float64Array(64)
  let p = 1
  for (let k = 0; k < 64; k++) {
    t[k] = p
    p *= 2
  }
  return t
})()

/**
 * tanh x, after Cephes's tanh.c (S. L. Moshier, "Methods and Programs for Mathematical
 * Functions", 1989): for |x| <= 0.625 its odd rational approximation x + x^3 P(x^2)/Q(x^2);
 * for 0.625 < |x| <= 20, (E - 1)/(E + 1) with E = e^{2|x|}; beyond 20 exactly +-1 (the
 * formula rounds to it there). E comes from fdlibm's exp (e_exp.c, the algorithm and
 * constants of portable-math's exp): 2|x| = k ln 2 + r, |r| <= ln2/2, e^r = (2 - c + 2r)/(2 - c)
 * with c = r - r^2 P(r^2); so tanh = (2^k n - d)/(2^k n + d) with n = 2 - c + 2r, d = 2 - c,
 * one division where exp followed by 1 - 2/(E + 1) takes two. k >= 2 here, so 2^k n >= 6.6
 * and d <= 2.4: no cancellation. Within 3 ulps of Math.tanh; odd exactly. Plain IEEE
 * arithmetic, so the same bits in every engine (Math.tanh is not). It fills `tanh`'s table.
 */
function cephesTanh(x: number): number {
  const z = x < 0 ? -x : x
  if (z > 20) return x < 0 ? -1 : 1
  if (z > 0.625) {
    const u = 2 * z
    const k = Math.trunc(1.442695040888963387 * u + 0.5)
    const hi = u - k * 6.9314718036912381649e-1
    const lo = k * 1.90821492927058770002e-10
    const r = hi - lo
    const t = r * r
    const c =
      r -
      t *
        (0.16666666666666602 +
          t *
            (-0.0027777777777015593 +
              t * (0.00006613756321437934 + t * (-0.0000016533902205465252 + t * 4.1381367970572385e-8))))
    const d = 2 - c
    const s = POW2[k]! * (d + 2 * r)
    const th = (s - d) / (s + d)
    return x < 0 ? -th : th
  }
  const s = x * x
  const p = (-0.9643991794250523 * s - 99.28772310019185) * s - 1614.6876844170845
  const q = ((s + 112.81167849163293) * s + 2235.4883906010045) * s + 4844.063053251255
  return x + x * s * (p / q)
}

/** Knots per unit of tanh's table: tanh(k/32) for k = 0 .. 640 (x up to 20). */
const KNOTS = 32
const TANH_KNOTS = (() => {
  const t = new Float64Array(20 * KNOTS + 1)
  for (let k = 0; k < t.length; k++) t[k] = cephesTanh(k / KNOTS)
  return t
})()

/**
 * tanh x by a table and the addition formula tanh(u + r) = (tanh u + tanh r)/(1 + tanh u tanh r)
 * (Tang's table-driven method, ACM TOMS 15:144, 1989): u = k/32 the nearest knot to |x|, so
 * |r| <= 1/64 and r - r^3/3 + 2r^5/15 - 17r^7/315 is tanh r to 1e-18 relative; r = |x| - k/32 is
 * exact (Sterbenz). Within 3 ulps of Math.tanh; odd exactly; exactly +-1 beyond 20. Plain IEEE
 * arithmetic (the table from `cephesTanh`), so the same bits in every engine, and about 1.6 times
 * as fast as the Cephes form: a loss slice calls it tens of millions of times.
 */
export function tanh(x: number): number {
  const z = x < 0 ? -x : x
  if (z >= 20) return x < 0 ? -1 : 1
  const k = Math.trunc(z * KNOTS + 0.5)
  const r = z - k / KNOTS
  const r2 = r * r
  const t = r + r * r2 * (-0.3333333333333333 + r2 * (0.13333333333333333 - r2 * 0.05396825396825397))
  const u = TANH_KNOTS[k]!
  const th = (u + t) / (1 + u * t)
  return x < 0 ? -th : th
}

/**
 * The logistic function 1/(1 + e^-x). For x < -709 e^-x overflows to Infinity and the result is
 * 0, the right limit; there is no cancellation for either sign, so one formula serves both.
 */
export function sigmoid(x: number): number {
  return 1 / (1 + exp(-x))
}

/**
 * log(1 + x) for x > -1, accurate for tiny x (where log(1 + x) would lose every digit):
 * with u = fl(1 + x), log(1 + x) = log(u) x / (u - 1), since the factor x/(u - 1) corrects
 * for the rounding of 1 + x (Goldberg, "What every computer scientist should know about
 * floating-point arithmetic", ACM Computing Surveys 23, 1991, Theorem 4: error within a few
 * ulps). portable-math has log but no log1p.
 */
export function log1p(x: number): number {
  const u = 1 + x
  if (u === 1) return x
  if (u === Infinity) return u
  return (pm.log(u) * x) / (u - 1)
}

/**
 * Binary cross-entropy of a logit z against a label y in {0, 1}, in the form that neither
 * overflows nor loses digits: max(z, 0) - z y + log(1 + e^-|z|) (TensorFlow's
 * sigmoid_cross_entropy_with_logits). Finite for any finite z.
 */
export function crossEntropyWithLogits(z: number, y: number): number {
  return (z > 0 ? z : 0) - z * y + log1p(exp(-(z < 0 ? -z : z)))
}
