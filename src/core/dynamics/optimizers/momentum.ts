import type { MethodContext, MethodDescriptor, Stepper, SystemContext } from '../method'
import { clipFactorOf, isStoppedState } from '../state-steps'
import { num, type ParamSpec } from '../params'
import { clipFactor, learningRate } from '../schedules'
import { isStopped, moveTo, optimizerParams } from './common'

export const MOMENTUM_PARAM: ParamSpec = {
  kind: 'number',
  name: 'momentum',
  label: 'momentum mu',
  default: 0.9,
  min: 0,
  max: 0.999,
  scale: 'linear',
  unit: '',
  help: 'Fraction of the previous step carried into the next one; 0 is plain gradient descent',
}

/**
 * torch.optim.SGD with momentum mu and dampening 0: b <- mu b + g, then x <- x - lr b
 * (heavy ball) or x <- x - lr (g + mu b) (Nesterov, still one gradient per step).
 * The buffer starts at 0, so the first step is b = g, as PyTorch's clone of the gradient.
 */
export function momentumStepper({ surface, walkers: w, settings }: MethodContext, nesterov: boolean): Stepper {
  const mu = num(settings, 'momentum')
  const clip = num(settings, 'clip')
  const bx = new Float64Array(w.n)
  const by = new Float64Array(w.n)
  const g = new Float64Array(2)
  return {
    step(t) {
      const lr = learningRate(settings, t)
      for (let i = 0; i < w.n; i++) {
        if (isStopped(w, i)) continue
        const c = clipFactor(w.gx[i]!, w.gy[i]!, clip)
        const gx = c * w.gx[i]!
        const gy = c * w.gy[i]!
        const b0 = mu * bx[i]! + gx
        const b1 = mu * by[i]! + gy
        bx[i] = b0
        by[i] = b1
        const dx = nesterov ? gx + mu * b0 : b0
        const dy = nesterov ? gy + mu * b1 : b1
        moveTo(surface, w, i, w.x[i]! - lr * dx, w.y[i]! - lr * dy, g)
      }
    },
  }
}

/** momentumStepper on states of any number of coordinates: the same update, coordinate by coordinate. */
export function momentumSystemStepper({ system, walkers: w, settings }: SystemContext, nesterov: boolean): Stepper {
  const mu = num(settings, 'momentum')
  const clip = num(settings, 'clip')
  const d = w.dim
  const buffer = new Float64Array(w.n * d)
  return {
    step(t) {
      const lr = learningRate(settings, t)
      for (let i = 0; i < w.n; i++) {
        if (isStoppedState(w, i)) continue
        const q = w.qs[i]!
        const g = w.gs[i]!
        const c = clipFactorOf(g, d, clip)
        for (let k = 0; k < d; k++) {
          const gk = c * g[k]!
          const b = mu * buffer[i * d + k]! + gk
          buffer[i * d + k] = b
          q[k] = q[k]! - lr * (nesterov ? gk + mu * b : b)
        }
        w.u[i] = system.gradient(q, g)
      }
    },
  }
}

/**
 * Heavy ball in PyTorch's form. With a constant lr, x_{t+1} - x_t = -lr b_t = -lr g_t + mu (x_t - x_{t-1}):
 * exactly Polyak's x_{t+1} = x_t - lr g_t + mu (x_t - x_{t-1}). Under a schedule lr scales the whole
 * buffer (PyTorch), not only the new gradient (Polyak).
 */
export const momentum: MethodDescriptor = {
  id: 'momentum',
  family: 'optimizer',
  name: 'Heavy-ball momentum',
  summary:
    'Gradient descent with inertia: speeds along long valleys and rolls through small bumps, but overshoots and ' +
    'circles around a minimum before settling',
  reference: 'Polyak, USSR Comput. Math. Math. Phys. 4(5):1 (1964); torch.optim.SGD (dampening 0)',
  params: optimizerParams(0.001, [MOMENTUM_PARAM]),
  velocities: false,
  physicalTime: false,
  create: (context) => momentumStepper(context, false),
  createSystem: (context) => momentumSystemStepper(context, false),
}
