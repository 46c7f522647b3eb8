import type { MethodContext, MethodDescriptor, Stepper, SystemContext } from '../method'
import { clipFactorOf, isStoppedState } from '../state-steps'
import { num, type ParamSpec } from '../params'
import { clipFactor, learningRate } from '../schedules'
import { isStopped, moveTo, optimizerParams } from './common'
import { portableMath as pm } from '../../portable-math'

/** The eps added to a root-mean-square gradient (AdaGrad, RMSProp, Adam). */
/** The eps of an adaptive method; `denominator` names what it is added to, which differs between methods. */
export function epsParam(fallback: number, denominator: string): ParamSpec {
  return {
    kind: 'number',
    name: 'eps',
    label: 'epsilon',
    default: fallback,
    min: 1e-16,
    max: 1,
    scale: 'log',
    unit: 'energy/length',
    help: `Added to ${denominator} so a zero gradient never divides by zero`,
  }
}

export const ADAM_PARAMS: readonly ParamSpec[] = [
  {
    kind: 'number',
    name: 'beta1',
    label: 'beta1',
    default: 0.9,
    min: 0,
    max: 0.9999,
    scale: 'linear',
    unit: '',
    help: 'Decay of the running mean of the gradient (momentum)',
  },
  {
    kind: 'number',
    name: 'beta2',
    label: 'beta2',
    default: 0.999,
    min: 0,
    max: 0.99999,
    scale: 'linear',
    unit: '',
    help: 'Decay of the running mean of the squared gradient (per-axis step scale)',
  },
  epsParam(1e-8, 'the root of the (bias-corrected) running mean of squared gradients'),
]

/**
 * torch.optim.Adam / AdamW (amsgrad off): with k = t + 1,
 * m <- b1 m + (1 - b1) g; v <- b2 v + (1 - b2) g^2;
 * x <- (1 - lr wd) x - (lr / (1 - b1^k)) m / (sqrt(v) / sqrt(1 - b2^k) + eps),
 * where wd = 0 is Adam and wd > 0 AdamW's decoupled weight decay (applied before the Adam step).
 */
export function adamStepper({ surface, walkers: w, settings }: MethodContext, weightDecay: number): Stepper {
  const b1 = num(settings, 'beta1')
  const b2 = num(settings, 'beta2')
  const eps = num(settings, 'eps')
  const clip = num(settings, 'clip')
  const mx = new Float64Array(w.n)
  const my = new Float64Array(w.n)
  const vx = new Float64Array(w.n)
  const vy = new Float64Array(w.n)
  const g = new Float64Array(2)
  return {
    step(t) {
      const lr = learningRate(settings, t)
      const k = t + 1
      const stepSize = lr / (1 - pm.pow(b1, k))
      const root2 = Math.sqrt(1 - pm.pow(b2, k))
      const decay = 1 - lr * weightDecay
      for (let i = 0; i < w.n; i++) {
        if (isStopped(w, i)) continue
        const c = clipFactor(w.gx[i]!, w.gy[i]!, clip)
        const gx = c * w.gx[i]!
        const gy = c * w.gy[i]!
        mx[i] = b1 * mx[i]! + (1 - b1) * gx
        my[i] = b1 * my[i]! + (1 - b1) * gy
        vx[i] = b2 * vx[i]! + (1 - b2) * gx * gx
        vy[i] = b2 * vy[i]! + (1 - b2) * gy * gy
        const x = decay * w.x[i]! - (stepSize * mx[i]!) / (Math.sqrt(vx[i]!) / root2 + eps)
        const y = decay * w.y[i]! - (stepSize * my[i]!) / (Math.sqrt(vy[i]!) / root2 + eps)
        moveTo(surface, w, i, x, y, g)
      }
    },
  }
}

/** adamStepper on states of any number of coordinates: the same update, coordinate by coordinate. */
export function adamSystemStepper({ system, walkers: w, settings }: SystemContext, weightDecay: number): Stepper {
  const b1 = num(settings, 'beta1')
  const b2 = num(settings, 'beta2')
  const eps = num(settings, 'eps')
  const clip = num(settings, 'clip')
  const d = w.dim
  const m = new Float64Array(w.n * d)
  const v = new Float64Array(w.n * d)
  return {
    step(t) {
      const lr = learningRate(settings, t)
      const k = t + 1
      const stepSize = lr / (1 - pm.pow(b1, k))
      const root2 = Math.sqrt(1 - pm.pow(b2, k))
      const decay = 1 - lr * weightDecay
      for (let i = 0; i < w.n; i++) {
        if (isStoppedState(w, i)) continue
        const q = w.qs[i]!
        const g = w.gs[i]!
        const c = clipFactorOf(g, d, clip)
        for (let j = 0; j < d; j++) {
          const gj = c * g[j]!
          const at = i * d + j
          m[at] = b1 * m[at]! + (1 - b1) * gj
          v[at] = b2 * v[at]! + (1 - b2) * gj * gj
          q[j] = decay * q[j]! - (stepSize * m[at]!) / (Math.sqrt(v[at]!) / root2 + eps)
        }
        w.u[i] = system.gradient(q, g)
      }
    },
  }
}

export const adam: MethodDescriptor = {
  id: 'adam',
  family: 'optimizer',
  name: 'Adam',
  summary:
    'Momentum with a step scaled per axis by the recent gradient size, so steep and flat directions both move ' +
    'about lr per step: quick along flat valleys, but it still stops in the first minimum it finds',
  reference: 'Kingma & Ba, arXiv:1412.6980 (ICLR 2015)',
  params: optimizerParams(0.001, ADAM_PARAMS),
  velocities: false,
  physicalTime: false,
  create: (context) => adamStepper(context, 0),
  createSystem: (context) => adamSystemStepper(context, 0),
}
