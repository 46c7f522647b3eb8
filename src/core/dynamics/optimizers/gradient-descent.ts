import { type MethodDescriptor, gradientStepStability } from '../method'
import { num } from '../params'
import { clipFactor, learningRate } from '../schedules'
import { clipFactorOf, isStoppedState } from '../state-steps'
import { isStopped, moveTo, optimizerParams } from './common'

/** x <- x - lr grad U(x). Stable on a quadratic only for lr < 2/lambda_max. */
export const gradientDescent: MethodDescriptor = {
  id: 'gd',
  family: 'optimizer',
  name: 'Gradient descent',
  summary:
    'Steps straight downhill; stops in the first minimum (or saddle) it reaches, and diverges if lr > 2/lambda_max',
  params: optimizerParams(0.001),
  velocities: false,
  stability: gradientStepStability,
  physicalTime: false,
  create({ surface, walkers: w, settings }) {
    const g = new Float64Array(2)
    const clip = num(settings, 'clip')
    return {
      step(t) {
        const lr = learningRate(settings, t)
        for (let i = 0; i < w.n; i++) {
          if (isStopped(w, i)) continue
          const c = lr * clipFactor(w.gx[i]!, w.gy[i]!, clip)
          moveTo(surface, w, i, w.x[i]! - c * w.gx[i]!, w.y[i]! - c * w.gy[i]!, g)
        }
      },
    }
  },
  createSystem({ system, walkers: w, settings }) {
    const clip = num(settings, 'clip')
    const d = w.dim
    return {
      step(t) {
        const lr = learningRate(settings, t)
        for (let i = 0; i < w.n; i++) {
          if (isStoppedState(w, i)) continue
          const q = w.qs[i]!
          const g = w.gs[i]!
          const c = lr * clipFactorOf(g, d, clip)
          for (let k = 0; k < d; k++) q[k] = q[k]! - c * g[k]!
          w.u[i] = system.gradient(q, g)
        }
      },
    }
  },
}
