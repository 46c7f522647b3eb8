import { type MethodDescriptor, gradientStepStability } from '../method'
import { STREAM } from '../noise'
import { num } from '../params'
import { clipFactor, learningRate } from '../schedules'
import { KT_PARAM } from '../samplers/common'
import { isStopped, moveTo, optimizerParams } from './common'

/**
 * Noisy gradient descent / SGLD (Welling & Teh 2011) with the exact gradient:
 * x <- x - lr grad U + sqrt(2 lr kT) xi, xi ~ N(0, I) from stream STREAM.perturb.
 * This is overdamped Euler-Maruyama with h = lr, so at a small constant lr it samples
 * exp(-U/kT) (with an O(lr) bias): an optimizer that samples.
 */
export const sgld: MethodDescriptor = {
  id: 'sgld',
  family: 'optimizer',
  name: 'Noisy gradient descent (SGLD)',
  summary:
    'Gradient descent plus Gaussian noise of size sqrt(2 lr kT): exactly overdamped Langevin (Euler-Maruyama ' +
    'with time step h = lr), so it never settles but samples exp(-U/kT)',
  reference: 'Welling & Teh, ICML 2011',
  params: optimizerParams(0.001, [KT_PARAM]),
  velocities: false,
  stability: gradientStepStability,
  physicalTime: false,
  create({ surface, walkers: w, settings, noise }) {
    const kT = num(settings, 'kT')
    const clip = num(settings, 'clip')
    const xi = new Float64Array(2)
    const g = new Float64Array(2)
    return {
      step(t) {
        const lr = learningRate(settings, t)
        const kick = Math.sqrt(2 * lr * kT)
        for (let i = 0; i < w.n; i++) {
          if (isStopped(w, i)) continue
          const c = lr * clipFactor(w.gx[i]!, w.gy[i]!, clip)
          noise.normal2(i, t, STREAM.perturb, xi)
          moveTo(surface, w, i, w.x[i]! - c * w.gx[i]! + kick * xi[0]!, w.y[i]! - c * w.gy[i]! + kick * xi[1]!, g)
        }
      },
    }
  },
}
