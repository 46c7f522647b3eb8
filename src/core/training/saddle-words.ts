import { PLATEAU } from '../dynamics/status'

/**
 * The status words of a network being trained, from its loss, its gradient norm and, when they
 * were computed, the extreme eigenvalues of its Hessian (Lanczos, `extremeEigenvalues`) and an
 * estimate of its index (`hessianIndex`, or `SpectrumTracker`'s count): "near a saddle of index 3:
 * gradient 2e-5, escape direction curvature −0.04", "at a minimum: gradient 3e-7, all curvatures
 * ≥ 0 (smallest 1e-3)", "on a plateau: gradient 4e-6, curvature within ±1e-4 (flat)", "diverged
 * at step 40", "training: loss 0.23, accuracy 91%". The page and the command line both say it so.
 *
 * The gradient is always printed beside a saddle's index or a minimum's curvatures: critical-point
 * finders on networks often stop in "gradient-flat" regions, where |grad L| is small but not zero
 * and the Hessian there says little about a critical point (Frye, Simon, Maheswaranathan & Neumann,
 * "Critical point-finding methods reveal gradient-flat regions of deep network losses", Neural
 * Computation 33, 1469, 2021). The words therefore say "near" a saddle, never "at" one, and show
 * how small the gradient is.
 */

/** What the words read about one walker. */
export interface TrainingWalkerState {
  /** The full-batch training loss. */
  readonly loss: number
  /** |grad L| of the full-batch loss. */
  readonly gradient: number
  /** The share of training points classified right (0..1); omitted or NaN for a regression set. */
  readonly accuracy?: number
  /** The step the walker diverged at, or null/omitted while it runs. */
  readonly divergedAt?: number | null
  /** The Hessian's extreme eigenvalues and index, when computed; null or omitted otherwise. */
  readonly hessian?: {
    readonly min: number
    readonly max: number
    /** The number of negative eigenvalues (an estimate may be fractional), if known. */
    readonly index?: number | null
  } | null
}

/**
 * The thresholds of the words, each justified where it is defined. Every default is stated for
 * losses of order 1 and weights of order 1, as at a Glorot or He initialisation.
 */
export interface SaddleWordsOptions {
  /**
   * rho: a curvature counts as negative below -rho Lambda and as zero within +-rho Lambda, where
   * Lambda = max(|lambda_min|, |lambda_max|) (default 1e-3). At any stable learning rate
   * eta < 2/Lambda, a direction of curvature -rho Lambda grows by a factor e in more than
   * 1/(2 rho) = 500 steps: over the few hundred steps the page shows, weaker negative curvature is
   * flat at the scale of the stiffest direction, and Lanczos with a few tens of steps does not
   * resolve it reliably from the bulk anyway (its Ritz values err by their residuals).
   */
  readonly relativeCurvature?: number
  /**
   * tau: the walker is near a critical point when |grad L| <= tau Lambda (default 1e-3). |g|/Lambda
   * is the length of the Newton step along the stiffest direction: within tau = 1e-3 parameter
   * units of where the quadratic model puts the critical point, a thousandth of the unit size of
   * the weights at initialisation.
   */
  readonly relativeGradient?: number
  /**
   * The typical size of a gradient and of a curvature on this landscape (default 1 and 1: a
   * loss of order 1 over weights of order 1). A region is a plateau when Lambda is below PLATEAU
   * (1e-3, the 2-D lanes' plateau fraction, dynamics/status.ts) of the typical curvature and
   * |grad L| below PLATEAU of the typical gradient: there gradient descent at a learning rate of
   * order 1 moves about 1e-3 of the weights' size per step, and no direction curves enough to
   * speed it up or hold it.
   */
  readonly typicalGradient?: number
  readonly typicalCurvature?: number
}

/** What the words say the walker is doing. */
export type TrainingWalkerKind = 'diverged' | 'saddle' | 'minimum' | 'plateau' | 'training'

/** The words and the kind they name. */
export interface TrainingWalkerWords {
  readonly kind: TrainingWalkerKind
  readonly words: string
}

/**
 * A number in one or two significant figures, exponent form below 0.01 and from 1e4 ("2e-5",
 * "0.23", "1.5", "3e4"), with a true minus sign ("−0.04").
 */
export function shortNumber(v: number): string {
  if (v === 0) return '0'
  if (Number.isNaN(v)) return 'NaN'
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞'
  const a = Math.abs(v)
  const s = a < 0.01 || a >= 1e4 ? a.toExponential(0).replace('e+', 'e') : String(Number(a.toPrecision(2)))
  return (v < 0 ? '−' : '') + s
}

function trainingWords(s: TrainingWalkerState): string {
  const acc = s.accuracy
  const accuracy = acc === undefined || Number.isNaN(acc) ? '' : `, accuracy ${Math.round(100 * acc)}%`
  return `training: loss ${shortNumber(s.loss)}${accuracy}`
}

/**
 * Classifies a walker and says it in words, in this order:
 * 1. diverged (a step given, or a loss or gradient that is not finite);
 * 2. training, when no finite Hessian extremes are given;
 * 3. on a plateau: Lambda below PLATEAU times the typical curvature and |g| below PLATEAU times
 *    the typical gradient;
 * 4. near a critical point (|g| <= tau Lambda): near a saddle when lambda_min < -rho Lambda, with
 *    the index if one was given (at least 1: "index ≥ 1" when none was, or when an estimate
 *    below 1 disagrees with lambda_min), otherwise at a minimum;
 * 5. otherwise training.
 */
export function classifyTrainingWalker(s: TrainingWalkerState, opts: SaddleWordsOptions = {}): TrainingWalkerWords {
  const rho = opts.relativeCurvature ?? 1e-3
  const tau = opts.relativeGradient ?? 1e-3
  const gScale = opts.typicalGradient ?? 1
  const cScale = opts.typicalCurvature ?? 1
  if (s.divergedAt !== undefined && s.divergedAt !== null)
    return { kind: 'diverged', words: `diverged at step ${s.divergedAt}` }
  if (!Number.isFinite(s.loss) || !Number.isFinite(s.gradient))
    return { kind: 'diverged', words: 'diverged: the loss or its gradient is not finite' }
  const h = s.hessian
  if (!h || !Number.isFinite(h.min) || !Number.isFinite(h.max)) return { kind: 'training', words: trainingWords(s) }
  const g = s.gradient
  const big = Math.max(Math.abs(h.min), Math.abs(h.max))
  if (big <= PLATEAU * cScale && g <= PLATEAU * gScale)
    return {
      kind: 'plateau',
      words: `on a plateau: gradient ${shortNumber(g)}, curvature within ±${shortNumber(big)} (flat)`,
    }
  if (g <= tau * big) {
    if (h.min < -rho * big) {
      const k = h.index ?? null
      const index = k !== null && Number.isFinite(k) && Math.round(k) >= 1 ? String(Math.round(k)) : '≥ 1'
      return {
        kind: 'saddle',
        words:
          `near a saddle of index ${index}: gradient ${shortNumber(g)}, ` +
          `escape direction curvature ${shortNumber(h.min)}`,
      }
    }
    const within = h.min < 0 ? `, zero within ${shortNumber(rho * big)}` : ''
    return {
      kind: 'minimum',
      words: `at a minimum: gradient ${shortNumber(g)}, all curvatures ≥ 0 (smallest ${shortNumber(h.min)}${within})`,
    }
  }
  return { kind: 'training', words: trainingWords(s) }
}

/** The words of `classifyTrainingWalker`. */
export function trainingWalkerWords(s: TrainingWalkerState, opts: SaddleWordsOptions = {}): string {
  return classifyTrainingWalker(s, opts).words
}
