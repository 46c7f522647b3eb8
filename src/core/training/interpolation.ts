import type { Network } from './network'

/**
 * The loss along the straight line from the initial to the final weights, L((1 - alpha) theta_0 +
 * alpha theta_F) (Goodfellow, Vinyals & Saxe, "Qualitatively characterizing neural network
 * optimization problems", ICLR 2015). They found it, for the networks of the day, a smooth
 * descent with no barrier, roughly convex: in practice often a bowl, whatever the path that
 * training actually took. For modern convolutional networks it can stay high until close to
 * alpha = 1 (Frankle, arXiv:2012.06898). Beyond [0, 1] the line shows the loss rising again on
 * both sides.
 */

/** Options of `interpolationCurve`. */
export interface InterpolationOptions {
  /** The range of alpha (default [-0.5, 1.5]). */
  range?: readonly [number, number]
  /** Where to write the losses (default: a new array). */
  out?: Float64Array
}

/** A barrier on the line: a point strictly between the ends whose loss exceeds both ends'. */
export interface Barrier {
  /** Whether the largest loss sampled in (0, 1) exceeds both L(theta_0) and L(theta_F). */
  readonly present: boolean
  /** That largest loss minus the larger end's: > 0 with a barrier, <= 0 without. NaN with no sample in (0, 1). */
  readonly height: number
  /** Where in (0, 1) the largest sampled loss lies (NaN with no sample there). */
  readonly at: number
}

/** The loss along the line from theta_0 to theta_F. */
export interface InterpolationCurve {
  /** alpha_i = lo + (hi - lo) i/(points - 1), with values within 1e-12 of 0 or 1 set to exactly 0 or 1. */
  readonly alpha: Float64Array
  /** L((1 - alpha_i) theta_0 + alpha_i theta_F). */
  readonly loss: Float64Array
  /** L(theta_0) and L(theta_F). */
  readonly start: number
  readonly end: number
  readonly barrier: Barrier
  /** Whether the sampled loss never rises on [0, 1] (Goodfellow et al.'s typical finding). */
  readonly monotone: boolean
}

/**
 * L((1 - alpha) theta_0 + alpha theta_F) at `points` values of alpha evenly over the range (the
 * default [-0.5, 1.5] at 41 points samples every 0.05, 0 and 1 included). At alpha = 0 and 1 the
 * point is theta_0 and theta_F bit for bit, so the curve there equals `start` and `end` exactly.
 * A barrier is looked for among the samples only: one narrower than the sampling can be missed.
 * One scratch parameter vector serves every point.
 */
export function interpolationCurve(
  network: Network,
  theta0: Float64Array,
  thetaF: Float64Array,
  points = 41,
  opts: InterpolationOptions = {},
): InterpolationCurve {
  const p = network.dim
  if (theta0.length < p || thetaF.length < p)
    throw new RangeError(`interpolationCurve: theta0 and thetaF need ${p} numbers (${theta0.length}, ${thetaF.length})`)
  if (!Number.isInteger(points) || points < 2)
    throw new RangeError(`interpolationCurve: ${points} points is not a whole number >= 2`)
  const [lo, hi] = opts.range ?? [-0.5, 1.5]
  if (!(Number.isFinite(lo) && Number.isFinite(hi) && hi > lo))
    throw new RangeError(`interpolationCurve: the range [${lo}, ${hi}] is not finite and increasing`)
  const alpha = new Float64Array(points)
  const loss = opts.out ?? new Float64Array(points)
  if (loss.length < points) throw new RangeError(`interpolationCurve: out holds ${loss.length} numbers, not ${points}`)
  const theta = new Float64Array(p)
  const snap = 1e-12 * (hi - lo)
  for (let i = 0; i < points; i++) {
    let a = lo + ((hi - lo) * i) / (points - 1)
    if (Math.abs(a) <= snap) a = 0
    else if (Math.abs(a - 1) <= snap) a = 1
    alpha[i] = a
    const c = 1 - a
    for (let k = 0; k < p; k++) theta[k] = c * theta0[k]! + a * thetaF[k]!
    loss[i] = network.loss(theta)
  }
  theta.set(theta0.subarray(0, p))
  const start = network.loss(theta)
  theta.set(thetaF.subarray(0, p))
  const end = network.loss(theta)
  let top = -Infinity
  let at = NaN
  let monotone = true
  let previous = start
  for (let i = 0; i < points; i++) {
    const a = alpha[i]!
    if (a < 0 || a > 1) continue
    const v = loss[i]!
    if (a > 0 && a < 1 && v > top) {
      top = v
      at = a
    }
    if (v > previous) monotone = false
    previous = v
  }
  if (end > previous) monotone = false
  const height = Number.isNaN(at) ? NaN : top - Math.max(start, end)
  return { alpha, loss, start, end, barrier: { present: height > 0, height, at }, monotone }
}
