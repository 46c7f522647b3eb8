import { symmetricEigen } from '../../landscape/eigen'
import type { MethodDescriptor } from '../method'
import { num } from '../params'
import { clipFactor, learningRate } from '../schedules'
import { isStopped, moveTo, optimizerParams } from './common'
import { dampingParam, NEWTON_LR } from './newton'

/**
 * Saddle-free Newton (Dauphin et al. 2014): x <- x - lr |H|^-1 g, where |H| has H's
 * eigenvectors and the absolute values of its eigenvalues, each floored at mu. Along a
 * direction of negative curvature the step goes downhill instead of toward the saddle.
 * In 2D the paper's Krylov subspace is the whole plane, so |H| is exact here; the paper's
 * additive damping (|H| + mu I, mu chosen by a line search) is replaced by the floor.
 */
export const saddleFreeNewton: MethodDescriptor = {
  id: 'saddle-free-newton',
  family: 'optimizer',
  name: 'Saddle-free Newton',
  summary:
    'Newton with every curvature made positive: fast into minima and pushed away from saddles and maxima, but ' +
    'near-flat curvature (down to the floor mu) still makes huge jumps',
  reference: 'Dauphin et al., NeurIPS 2014, arXiv:1406.2572',
  params: optimizerParams(NEWTON_LR, [
    dampingParam(
      0.01,
      1e-12,
      'Floor on |eigenvalue|: curvatures flatter than mu count as mu, which caps the step at lr |g| / mu',
    ),
  ]),
  velocities: false,
  physicalTime: false,
  create({ surface, walkers: w, settings }) {
    const mu = num(settings, 'damping')
    const clip = num(settings, 'clip')
    const h = new Float64Array(3)
    const eigen = new Float64Array(4)
    const g = new Float64Array(2)
    return {
      step(t) {
        const lr = learningRate(settings, t)
        for (let i = 0; i < w.n; i++) {
          if (isStopped(w, i)) continue
          const c = clipFactor(w.gx[i]!, w.gy[i]!, clip)
          const gx = c * w.gx[i]!
          const gy = c * w.gy[i]!
          surface.hessian(w.x[i]!, w.y[i]!, h)
          symmetricEigen(h[0]!, h[1]!, h[2]!, eigen)
          // Unit eigenvectors: (cos, sin) for eigen[1], (-sin, cos) for eigen[0].
          const cs = eigen[2]!
          const sn = eigen[3]!
          const along0 = (cs * gy - sn * gx) / Math.max(Math.abs(eigen[0]!), mu)
          const along1 = (cs * gx + sn * gy) / Math.max(Math.abs(eigen[1]!), mu)
          const dx = -sn * along0 + cs * along1
          const dy = cs * along0 + sn * along1
          moveTo(surface, w, i, w.x[i]! - lr * dx, w.y[i]! - lr * dy, g)
        }
      },
    }
  },
}
