import { isMinibatch, type System } from '../../system'
import { BatchSampler, minibatchCovarianceFactor, noiseScale } from '../../training/batch'
import { MAX_POINTS } from '../../training/data'
import type { MethodDescriptor, Stepper, SystemContext } from '../method'
import { gradientStepStability } from '../method'
import { num, type ParamSpec } from '../params'
import { learningRate } from '../schedules'
import { clipFactorOf, isStoppedState } from '../state-steps'
import type { StateWalkers } from '../state-walkers'
import { gradientDescent } from './gradient-descent'
import { momentumStepper } from './momentum'
import { optimizerParams } from './common'

/**
 * Minibatches for the walkers of a lane, on a system with a training set (a network's loss).
 *
 * Stream scheme: walker i draws its batches from its own `BatchSampler(N, B, seed, BATCH_STREAM + i)`,
 * seed the lane's seed. That is the counter-based generator with the lane's key and counter
 * (draw, BATCH_STREAM + i, 0x5eed): walkers never share a counter, so their batch sequences are
 * independent, and do not depend on how many walkers run beside them, nor on how the run is
 * chunked (a walker's k-th batch is the k-th draw of its sampler). The per-step noise of the
 * lane (noise.ts) uses counters (walker, step, 0, stream) with small streams, the weight and data
 * generators streams 0x1417 and 0xda7a: none meets BATCH_STREAM + i for fewer than 2^28 walkers.
 */
export const BATCH_STREAM = 0x5d000000

export function batchParam(fallback: number, help: string): ParamSpec {
  return {
    kind: 'number',
    name: 'batch',
    label: 'batch size B',
    default: fallback,
    min: 1,
    max: MAX_POINTS,
    scale: 'log',
    integer: true,
    unit: '',
    help,
  }
}

/**
 * The gradient a minibatch method steps with, walker by walker. On a system with a training set
 * of N examples and B < N: the mean gradient over B examples drawn without replacement, a fresh
 * batch per call (sorted, so summed in the full batch's order). B >= N, or a system without a
 * training set (a surface, a molecule: its energy is one "example"), gives the full gradient,
 * with no random draw: exactly gradient descent's.
 */
export class WalkerBatches {
  /** N, or 1 for a system without a training set. */
  readonly examples: number
  /** The batch size in use: min(B, N). */
  readonly size: number
  /** Every step takes the full gradient. */
  readonly full: boolean
  private readonly samplers: readonly BatchSampler[]
  private readonly batch: Int32Array

  constructor(
    private readonly system: System,
    walkers: number,
    b: number,
    seed: number,
  ) {
    const minibatch = isMinibatch(system)
    this.examples = minibatch ? system.examples : 1
    this.size = Math.min(b, this.examples)
    this.full = !minibatch || this.size >= this.examples
    this.batch = new Int32Array(this.full ? 0 : this.size)
    this.samplers = this.full
      ? []
      : Array.from({ length: walkers }, (_, i) => new BatchSampler(this.examples, this.size, seed, BATCH_STREAM + i))
  }

  /**
   * Writes the gradient of walker i's next batch at q into g and returns the energy the walker
   * shows: the full loss at q (the training curve), for a minibatch as for the full batch.
   */
  step(i: number, q: Float64Array, g: Float64Array): number {
    const s = this.system
    if (this.full || !isMinibatch(s)) return s.gradient(q, g)
    this.samplers[i]!.next(this.batch)
    s.batchGradient(q, g, this.batch, this.size)
    return s.energy(q)
  }

  /**
   * Replaces the cached gradients (the full ones, from the lane's set-up) by each running
   * walker's first batch gradient, so that the first step is a minibatch step too; the cached
   * energies stay the full loss.
   */
  start(w: StateWalkers): void {
    if (this.full) return
    for (let i = 0; i < w.n; i++) if (!isStoppedState(w, i)) this.step(i, w.qs[i]!, w.gs[i]!)
  }

  /**
   * c, the variance per coordinate of the per-example gradients at q: (1/(N P)) sum_i |g_i - gbar|^2
   * (divisor N; the L2 term, shared by all examples, cancels). N + 1 gradients: for a report, not a step.
   */
  gradientVariance(q: Float64Array): number {
    const s = this.system
    if (!isMinibatch(s)) return 0
    const d = s.dim
    const mean = new Float64Array(d)
    const gi = new Float64Array(d)
    const one = new Int32Array(1)
    s.gradient(q, mean)
    let sum = 0
    for (let i = 0; i < s.examples; i++) {
      one[0] = i
      s.batchGradient(q, gi, one, 1)
      for (let k = 0; k < d; k++) sum += (gi[k]! - mean[k]!) ** 2
    }
    return sum / (s.examples * d)
  }
}

/**
 * The noise of minibatch SGD at learning rate eta: the noise scale g = eta (N/B - 1) (Smith & Le,
 * ICLR 2018, arXiv:1710.06451) and, given c, the per-coordinate variance of the per-example
 * gradients, the effective temperature T = eta c_B / 2 with c_B = c (N - B)/(B (N - 1)), kT = N T
 * for the energy U = N L (Mandt, Hoffman & Blei, JMLR 18(134), 2017).
 */
export function sgdNoise(eta: number, n: number, b: number, c: number) {
  const size = Math.min(b, n)
  const factor = minibatchCovarianceFactor(n, size)
  const temperature = (eta * c * factor) / 2
  return {
    examples: n,
    batch: size,
    noiseScale: noiseScale(eta, n, size),
    /** (N - B)/(B (N - 1)): the batch-mean gradient's covariance in units of the per-example one. */
    batchFactor: factor,
    gradientVariance: c,
    temperature,
    kT: n * temperature,
    assumptions:
      'T = lr c_B / 2 holds near a minimum where the loss is about quadratic, the batch noise Gaussian with a ' +
      'covariance c_B I that does not change, batches independent and the learning rate small (Mandt, Hoffman & ' +
      'Blei 2017); kT = N T is the temperature of U = N L, and SGD then spreads like Langevin dynamics at kT.',
  }
}

/**
 * The step of minibatch SGD with momentum mu (torch.optim.SGD, dampening 0): with mu = 0,
 * x <- x - lr g_B exactly as gradient descent writes it; with mu > 0, b <- mu b + g_B,
 * x <- x - lr b, as heavy-ball momentum does. g_B is the mean gradient of a batch of B examples.
 */
function sgdSystemStepper({ system, walkers: w, settings, noise }: SystemContext): Stepper {
  const mu = num(settings, 'momentum')
  const clip = num(settings, 'clip')
  const d = w.dim
  const batches = new WalkerBatches(system, w.n, num(settings, 'batch'), noise.seed)
  const buffer = mu > 0 ? new Float64Array(w.n * d) : new Float64Array(0)
  batches.start(w)
  let last = 0
  let variance: { at: number; c: number } | null = null
  return {
    step(t) {
      const lr = learningRate(settings, t)
      last = t
      for (let i = 0; i < w.n; i++) {
        if (isStoppedState(w, i)) continue
        const q = w.qs[i]!
        const g = w.gs[i]!
        if (mu > 0) {
          const c = clipFactorOf(g, d, clip)
          for (let k = 0; k < d; k++) {
            const gk = c * g[k]!
            const b = mu * buffer[i * d + k]! + gk
            buffer[i * d + k] = b
            q[k] = q[k]! - lr * b
          }
        } else {
          const c = lr * clipFactorOf(g, d, clip)
          for (let k = 0; k < d; k++) q[k] = q[k]! - c * g[k]!
        }
        w.u[i] = batches.step(i, q, g)
      }
    },
    extras() {
      if (!isMinibatch(system)) return { examples: null, note: NO_TRAINING_SET }
      // c at the first running walker, measured once per step shown (N + 1 gradients).
      let at = 0
      while (at < w.n - 1 && isStoppedState(w, at)) at++
      if (variance === null || variance.at !== last) variance = { at: last, c: batches.gradientVariance(w.qs[at]!) }
      return sgdNoise(learningRate(settings, last), batches.examples, batches.size, variance.c)
    },
  }
}

const NO_TRAINING_SET =
  'no training set (a surface or a molecule): every step takes the full gradient, so this is gradient descent ' +
  '(with momentum when mu > 0); choose a network to see minibatch noise'

export const sgd: MethodDescriptor = {
  id: 'sgd',
  family: 'optimizer',
  name: 'Minibatch SGD',
  needs: 'minibatches',
  summary:
    'Gradient descent on the mean loss of B training points drawn afresh each step (without replacement): the ' +
    'noise of the batch acts like a temperature, about lr N/B times the gradient variance over 2. B >= N is full-' +
    'batch gradient descent, bit for bit. A surface or a molecule has no training set: there it is gradient descent',
  reference:
    'Robbins & Monro, Ann. Math. Stat. 22:400 (1951); Smith & Le, ICLR 2018; Mandt, Hoffman & Blei, JMLR 18 (2017)',
  params: optimizerParams(0.03, [
    batchParam(10, 'Training points per step, drawn without replacement; B >= N takes them all (full batch)'),
    {
      kind: 'number',
      name: 'momentum',
      label: 'momentum mu',
      default: 0,
      min: 0,
      max: 0.999,
      scale: 'linear',
      unit: '',
      help: 'Fraction of the previous step carried into the next one; 0 is plain SGD',
    },
  ]),
  velocities: false,
  stability(values, settings, lambdaMax) {
    // Heavy ball on a quadratic: stable exactly for lr lambda < 2 (1 + mu).
    const mu = num(settings, 'momentum')
    if (mu === 0 || values.lr === null) return gradientStepStability(values, settings, lambdaMax)
    return {
      quantity: 'learning rate',
      value: values.lr,
      limit: (2 * (1 + mu)) / lambdaMax,
      limitName: '2(1+mu)/lambda_max',
    }
  },
  physicalTime: false,
  // No training set on a surface: every "batch" is the whole energy, so the step is gradient
  // descent's (mu = 0) or heavy-ball momentum's, with their arithmetic, and the lane says so.
  create(context) {
    const stepper =
      num(context.settings, 'momentum') > 0 ? momentumStepper(context, false) : gradientDescent.create(context)
    return { step: (t) => stepper.step(t), extras: () => ({ examples: null, note: NO_TRAINING_SET }) }
  },
  createSystem: sgdSystemStepper,
}
