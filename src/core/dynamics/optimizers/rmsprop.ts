import type { MethodDescriptor } from '../method'
import { num } from '../params'
import { clipFactor, learningRate } from '../schedules'
import { clipFactorOf, isStoppedState } from '../state-steps'
import { epsParam } from './adam'
import { isStopped, moveTo, optimizerParams } from './common'

/**
 * torch.optim.RMSprop (momentum 0, not centred): v <- alpha v + (1 - alpha) g^2 per axis;
 * x <- x - lr g / (sqrt(v) + eps). v starts at 0, with no bias correction, so the first
 * steps are about lr / sqrt(1 - alpha) = 10 lr long.
 */
export const rmsprop: MethodDescriptor = {
  id: 'rmsprop',
  family: 'optimizer',
  name: 'RMSProp',
  summary:
    'Divides each axis by a running root-mean-square of its gradient, so steps stay about lr long however steep ' +
    'the surface; near a minimum it rattles at that size',
  reference: 'Tieleman & Hinton, Coursera Neural Networks for Machine Learning, lecture 6.5 (2012)',
  params: optimizerParams(0.01, [
    {
      kind: 'number',
      name: 'alpha',
      label: 'alpha',
      default: 0.99,
      min: 0,
      max: 0.9999,
      scale: 'linear',
      unit: '',
      help: 'Decay of the running mean of the squared gradient',
    },
    epsParam(1e-8, 'the root-mean-square gradient (the root of the running mean of squared gradients)'),
  ]),
  velocities: false,
  physicalTime: false,
  create({ surface, walkers: w, settings }) {
    const alpha = num(settings, 'alpha')
    const eps = num(settings, 'eps')
    const clip = num(settings, 'clip')
    const vx = new Float64Array(w.n)
    const vy = new Float64Array(w.n)
    const g = new Float64Array(2)
    return {
      step(t) {
        const lr = learningRate(settings, t)
        for (let i = 0; i < w.n; i++) {
          if (isStopped(w, i)) continue
          const c = clipFactor(w.gx[i]!, w.gy[i]!, clip)
          const gx = c * w.gx[i]!
          const gy = c * w.gy[i]!
          vx[i] = alpha * vx[i]! + (1 - alpha) * gx * gx
          vy[i] = alpha * vy[i]! + (1 - alpha) * gy * gy
          moveTo(
            surface,
            w,
            i,
            w.x[i]! - (lr * gx) / (Math.sqrt(vx[i]!) + eps),
            w.y[i]! - (lr * gy) / (Math.sqrt(vy[i]!) + eps),
            g,
          )
        }
      },
    }
  },
  // The same update coordinate by coordinate, with v per walker and coordinate.
  createSystem({ system, walkers: w, settings }) {
    const alpha = num(settings, 'alpha')
    const eps = num(settings, 'eps')
    const clip = num(settings, 'clip')
    const d = w.dim
    const v = new Float64Array(w.n * d)
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
            const at = i * d + k
            v[at] = alpha * v[at]! + (1 - alpha) * gk * gk
            q[k] = q[k]! - (lr * gk) / (Math.sqrt(v[at]!) + eps)
          }
          w.u[i] = system.gradient(q, g)
        }
      },
    }
  },
}
