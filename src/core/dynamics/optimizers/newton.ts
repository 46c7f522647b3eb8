import type { MethodDescriptor } from '../method'
import { num, type ParamSpec } from '../params'
import { clipFactor, learningRate } from '../schedules'
import { isStopped, moveTo, optimizerParams } from './common'

/** The damping or eigenvalue floor of the Newton methods, in curvature units. */
export function dampingParam(fallback: number, min: number, help: string): ParamSpec {
  return {
    kind: 'number',
    name: 'damping',
    label: 'damping mu',
    default: fallback,
    min,
    max: 1e6,
    scale: 'log',
    unit: 'energy/length^2',
    help,
  }
}

/** lr is a step scale for the Newton methods: 1 is the full Newton step. */
export const NEWTON_LR = 1

/**
 * Damped Newton: x <- x - lr (H + mu I)^-1 g, solved by Cramer's rule. It jumps to the
 * critical point of the local quadratic model, whatever its kind, so saddles and maxima
 * attract it. A singular H + mu I (det = 0) gives an infinite step and the lane marks the
 * walker diverged at that step, where it last was (raise mu to avoid it); only at an exact
 * critical point (g = 0) does the walker stay put, since there the step is 0 for any H.
 */
export const newton: MethodDescriptor = {
  id: 'newton',
  family: 'optimizer',
  name: 'Newton (damped)',
  summary:
    'Jumps to where the local quadratic fit is flat, so it lands on a nearby minimum in a few steps but just as ' +
    'happily on a saddle or a maximum; flat curvature sends it flying',
  reference: 'Nocedal & Wright, Numerical Optimization, 2nd ed., Springer (2006), ch. 3',
  params: optimizerParams(NEWTON_LR, [
    dampingParam(
      0,
      0,
      'Added to the Hessian diagonal: 0 is the pure Newton step, large mu turns it into gradient descent with lr/mu',
    ),
  ]),
  velocities: false,
  physicalTime: false,
  create({ surface, walkers: w, settings }) {
    const mu = num(settings, 'damping')
    const clip = num(settings, 'clip')
    const h = new Float64Array(3)
    const g = new Float64Array(2)
    return {
      step(t) {
        const lr = learningRate(settings, t)
        for (let i = 0; i < w.n; i++) {
          if (isStopped(w, i)) continue
          const c = clipFactor(w.gx[i]!, w.gy[i]!, clip)
          const gx = c * w.gx[i]!
          const gy = c * w.gy[i]!
          if (gx === 0 && gy === 0) continue
          surface.hessian(w.x[i]!, w.y[i]!, h)
          const a = h[0]! + mu
          const b = h[1]!
          const d = h[2]! + mu
          const det = a * d - b * b
          const dx = (d * gx - b * gy) / det
          const dy = (a * gy - b * gx) / det
          moveTo(surface, w, i, w.x[i]! - lr * dx, w.y[i]! - lr * dy, g)
        }
      },
    }
  },
}
