import { exp, portableMath as pm } from '../portable-math'

/**
 * Scalar functions of the network, written in plain IEEE-754 arithmetic on top of
 * portable-math's exp and log, so that they give the same bits in every engine (Math.tanh
 * and Math.log1p do not).
 */

/**
 * tanh x: Cephes's tanh.c (S. L. Moshier, "Methods and Programs for Mathematical
 * Functions", 1989): for |x| <= 0.625 the odd rational approximation
 * x + x^3 P(x^2)/Q(x^2), else 1 - 2/(e^{2|x|} + 1) with its sign. Relative error about
 * 2.5e-16; exactly +-1 from |x| = 20 on, where the formula rounds to it. stdlib's tanh
 * (portable-math) goes through expm1 and costs twice as much; a loss slice calls tanh tens of
 * millions of times.
 */
export function tanh(x: number): number {
  const z = x < 0 ? -x : x
  // Beyond 20, 2/(e^{2|x|} + 1) < 1e-17 is below half an ulp of 1: the formula gives exactly +-1.
  if (z > 20) return x < 0 ? -1 : 1
  if (z > 0.625) {
    const t = 1 - 2 / (exp(2 * z) + 1)
    return x < 0 ? -t : t
  }
  const s = x * x
  const p = (-0.9643991794250523 * s - 99.28772310019185) * s - 1614.6876844170845
  const q = ((s + 112.81167849163293) * s + 2235.4883906010045) * s + 4844.063053251255
  return x + x * s * (p / q)
}

/** The logistic function 1/(1 + e^-x), without overflow for either sign. */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + exp(-x))
  const e = exp(x)
  return e / (1 + e)
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
