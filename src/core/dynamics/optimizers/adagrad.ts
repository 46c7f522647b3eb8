import type { MethodDescriptor } from '../method'
import { num } from '../params'
import { clipFactor, learningRate } from '../schedules'
import { epsParam } from './adam'
import { isStopped, moveTo, optimizerParams } from './common'

/**
 * torch.optim.Adagrad (lr_decay 0; the schedules do that job): s <- s + g^2 per axis;
 * x <- x - lr g / (sqrt(s) + eps). s only grows, so the steps shrink like 1/sqrt(t).
 */
export const adagrad: MethodDescriptor = {
  id: 'adagrad',
  family: 'optimizer',
  name: 'AdaGrad',
  summary:
    'Divides each axis by the root of all its past squared gradients: steep axes slow down at once, but every ' +
    'step keeps shrinking, so it can stall before reaching a minimum',
  reference: 'Duchi, Hazan & Singer, JMLR 12:2121 (2011)',
  params: optimizerParams(0.01, [
    epsParam(1e-10, 'the root of the sum of all past squared gradients'),
    {
      kind: 'number',
      name: 'initialAccumulator',
      label: 'initial accumulator',
      default: 0,
      min: 0,
      max: 1e6,
      scale: 'log',
      unit: 'energy^2/length^2',
      help: 'Starting value of the sum of squared gradients (larger = smaller first steps)',
    },
  ]),
  velocities: false,
  physicalTime: false,
  create({ surface, walkers: w, settings }) {
    const eps = num(settings, 'eps')
    const clip = num(settings, 'clip')
    const sx = new Float64Array(w.n).fill(num(settings, 'initialAccumulator'))
    const sy = Float64Array.from(sx)
    const g = new Float64Array(2)
    return {
      step(t) {
        const lr = learningRate(settings, t)
        for (let i = 0; i < w.n; i++) {
          if (isStopped(w, i)) continue
          const c = clipFactor(w.gx[i]!, w.gy[i]!, clip)
          const gx = c * w.gx[i]!
          const gy = c * w.gy[i]!
          sx[i]! += gx * gx
          sy[i]! += gy * gy
          moveTo(
            surface,
            w,
            i,
            w.x[i]! - (lr * gx) / (Math.sqrt(sx[i]!) + eps),
            w.y[i]! - (lr * gy) / (Math.sqrt(sy[i]!) + eps),
            g,
          )
        }
      },
    }
  },
}
