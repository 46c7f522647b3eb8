import { RandomStream } from '../random'

/**
 * Minibatches and the noise they put into gradient descent.
 *
 * With per-example gradients g_i of N training points, mean gbar and covariance
 * S = (1/N) sum_i (g_i - gbar)(g_i - gbar)^T (divisor N), the mean gradient over B points drawn
 * without replacement has mean gbar and covariance (S/B)(N - B)/(N - 1): the finite-population
 * correction of sampling without replacement (Cochran, "Sampling Techniques", 3rd ed., 1977,
 * Thm 2.2). With replacement it would be S/B; at B = N it is zero (the full gradient).
 */

/**
 * Draws minibatches: B distinct indices of 0..N-1, uniformly among all B-subsets, independently
 * call after call (not epoch by epoch), and returns them sorted ascending. Sorted, a batch sums
 * its examples in the same order as the full batch does, so B = N gives 0..N-1 and a "minibatch"
 * gradient equal bit for bit to the full one.
 *
 * Partial Fisher-Yates (Durstenfeld, CACM 7, 420, 1964) on a permutation that persists between
 * calls: step i swaps position i with a uniform position among i..N-1, so the first B positions
 * hold a uniform B-subset whatever order the permutation was left in. A position is
 * floor(u (N - i)) with u uniform in (0, 1) at 32-bit resolution: its bias is below N / 2^32.
 * Nothing is allocated per call.
 */
export class BatchSampler {
  private readonly perm: Int32Array
  private readonly rng: RandomStream

  constructor(
    readonly n: number,
    readonly batchSize: number,
    seed: number,
    stream = 0,
  ) {
    const problem = batchProblem(n, batchSize)
    if (problem !== null) throw new RangeError(problem)
    this.perm = new Int32Array(n)
    for (let i = 0; i < n; i++) this.perm[i] = i
    this.rng = new RandomStream(seed, stream)
  }

  /** Writes the next batch's B indices, ascending, into out[0..B) and returns B. */
  next(out: Int32Array): number {
    const { n, batchSize: b, perm, rng } = this
    if (out.length < b)
      throw new RangeError(`BatchSampler: the output holds ${out.length} indices, fewer than B = ${b}`)
    for (let i = 0; i < b; i++) {
      const j = i + Math.floor(rng.uniform() * (n - i))
      const t = perm[j]!
      perm[j] = perm[i]!
      perm[i] = t
      out[i] = t
    }
    heapSort(out, b)
    return b
  }
}

/** Why N training points cannot give batches of B, or null. */
export function batchProblem(n: number, b: number): string | null {
  if (!Number.isInteger(n) || n < 1) return `the training set needs at least one point (N = ${n})`
  if (!Number.isInteger(b)) return `batch size B = ${b} is not a whole number`
  if (b < 1) return `batch size B = ${b} is smaller than 1`
  if (b > n) return `batch size B = ${b} is larger than the N = ${n} training points`
  return null
}

/** Sorts a[0..m) ascending in place (heapsort: O(m log m), no allocation). */
function heapSort(a: Int32Array, m: number): void {
  const sift = (start: number, end: number) => {
    let root = start
    for (;;) {
      let child = 2 * root + 1
      if (child >= end) return
      if (child + 1 < end && a[child + 1]! > a[child]!) child++
      if (a[root]! >= a[child]!) return
      const t = a[root]!
      a[root] = a[child]!
      a[child] = t
      root = child
    }
  }
  for (let s = (m >> 1) - 1; s >= 0; s--) sift(s, m)
  for (let end = m - 1; end > 0; end--) {
    const t = a[0]!
    a[0] = a[end]!
    a[end] = t
    sift(0, end)
  }
}

/**
 * (N - B) / (B (N - 1)): the covariance of a batch-mean gradient in units of S, for B of N points
 * drawn without replacement (1/B with replacement; 0 at B = N).
 */
export function minibatchCovarianceFactor(n: number, b: number): number {
  const problem = batchProblem(n, b)
  if (problem !== null) throw new RangeError(problem)
  return b === n ? 0 : (n - b) / (b * (n - 1))
}

/**
 * The SGD noise scale g = eta (N/B - 1) ~ eta N / B (Smith & Le, "A Bayesian perspective on
 * generalization and stochastic gradient descent", ICLR 2018, arXiv:1710.06451): runs with the same
 * g behave alike, so doubling B and eta together keeps the noise. It equals
 * eta N (N - B)/(B (N - 1)) (1 - 1/N), the finite-population factor times eta N (1 - 1/N).
 */
export function noiseScale(eta: number, n: number, b: number): number {
  const problem = batchProblem(n, b)
  if (problem !== null) throw new RangeError(problem)
  return eta * (n / b - 1)
}

/** The temperature of SGD near a minimum, in the loss's units and in those of U = N L. */
export interface SgdTemperature {
  /** c_B = c (N - B)/(B (N - 1)): the variance, per coordinate, of a batch-mean gradient. */
  readonly batchVariance: number
  /** T = eta c_B / 2: the stationary density is about exp(-L/T) (L the mean loss). */
  readonly temperature: number
  /**
   * kT = N T, the temperature for the energy U = N L: comparable with Langevin dynamics at kT, and
   * with the Bayesian posterior exp(-N L), which is kT = 1. For B << N, kT ~ eta N c / (2B) = g c/2.
   */
  readonly kT: number
}

/**
 * The effective temperature of SGD, after Mandt, Hoffman & Blei ("Stochastic gradient descent as
 * approximate Bayesian inference", JMLR 18(134), 2017). It assumes:
 * - the batch gradient is the full gradient plus Gaussian noise of covariance c_B I, the same
 *   everywhere (per-example gradient covariance c I, isotropic and constant), batches independent
 *   from step to step (as `BatchSampler` draws them; reshuffling once per epoch gives less noise);
 * - eta small enough for continuous time;
 * - the loss is quadratic near the minimum, L ~ 1/2 theta^T A theta.
 * Then the iterates settle into N(0, T A^-1) with T = eta c_B / 2: a Boltzmann distribution
 * exp(-L/T). c is the per-coordinate variance of the per-example gradients (divisor N); Mandt et
 * al. write C/B for the batch noise, the B << N limit of c_B used here, which is 0 at B = N.
 */
export function sgdTemperature(p: { eta: number; n: number; b: number; c: number }): SgdTemperature {
  const batchVariance = p.c * minibatchCovarianceFactor(p.n, p.b)
  const temperature = (p.eta * batchVariance) / 2
  return { batchVariance, temperature, kT: p.n * temperature }
}

/**
 * The exact stationary variance of SGD on a 1-D quadratic L = k x^2 / 2 with batch-gradient noise
 * of variance c_B = c (N - B)/(B (N - 1)), independent per step: x' = (1 - eta k) x - eta xi gives
 * Var = eta c_B / (k (2 - eta k)) for 0 < eta k < 2; the continuous-time limit is T / k with T from
 * `sgdTemperature`.
 */
export function sgdQuadraticVariance(p: { eta: number; n: number; b: number; c: number; k: number }): number {
  const x = p.eta * p.k
  if (!(x > 0 && x < 2)) throw new RangeError(`eta k = ${x} is outside (0, 2): gradient descent diverges`)
  return (p.eta * p.c * minibatchCovarianceFactor(p.n, p.b)) / (p.k * (2 - x))
}
