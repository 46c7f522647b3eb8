import { type MethodDescriptor, gradientStepStability } from '../method'
import { STREAM } from '../noise'
import { num } from '../params'
import { clipFactor, learningRate } from '../schedules'
import { KT_PARAM } from '../samplers/common'
import { clipFactorOf, isStoppedState } from '../state-steps'
import { isStopped, moveTo, optimizerParams } from './common'
import { batchParam, WalkerBatches } from './sgd'

/**
 * Noisy gradient descent / SGLD (Welling & Teh 2011) with the exact gradient:
 * x <- x - lr grad U + sqrt(2 lr kT) xi, xi ~ N(0, I) from stream STREAM.perturb.
 * This is overdamped Euler-Maruyama with h = lr, so at a small constant lr it samples
 * exp(-U/kT) (with an O(lr) bias): an optimizer that samples.
 *
 * On a system with a training set (a network's mean loss L over N examples) the energy is
 * U = N L, and the step is written on L with lr = h N:
 * theta <- theta - lr grad L_B + sqrt(2 lr kT / N) xi, grad L_B the mean gradient of a batch of
 * B examples drawn without replacement (all of them for B >= N). That is Welling & Teh's
 * theta += (e/2)(N/B) sum_batch grad log p(x_i | theta) + N(0, e) with l_i = -log p(x_i | theta),
 * e = 2 lr / N and kT = 1; kT scales the target to exp(-N L / kT): kT = 1 is the Bayesian
 * posterior (the L2 term as the prior), smaller kT a colder one, with the temperature of the
 * loss itself T = kT / N. The batch noise comes on top (Welling & Teh argue it fades against the
 * injected noise as lr -> 0); the lr is constant here, not their decreasing e_t, so the samples
 * keep an O(lr) bias. A system without a training set is N = 1: the step above.
 */
export const sgld: MethodDescriptor = {
  id: 'sgld',
  family: 'optimizer',
  name: 'Noisy gradient descent (SGLD)',
  summary:
    'Gradient descent plus Gaussian noise of size sqrt(2 lr kT): exactly overdamped Langevin (Euler-Maruyama ' +
    'with time step h = lr), so it never settles but samples exp(-U/kT). On a network it steps with minibatches ' +
    'of B points and samples exp(-N L/kT), L the mean loss',
  reference: 'Welling & Teh, ICML 2011',
  params: optimizerParams(0.001, [
    KT_PARAM,
    batchParam(10, 'Training points per step on a network (B >= N: all of them); a surface has none and ignores it'),
  ]),
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
  // The same update coordinate by coordinate, with noise.normals (the first two are normal2's),
  // and minibatches where the system has a training set.
  createSystem({ system, walkers: w, settings, noise }) {
    const kT = num(settings, 'kT')
    const clip = num(settings, 'clip')
    const d = w.dim
    const batches = new WalkerBatches(system, w.n, num(settings, 'batch'), noise.seed)
    const n = batches.examples
    const xi = new Float64Array(d)
    batches.start(w)
    return {
      step(t) {
        const lr = learningRate(settings, t)
        const kick = Math.sqrt((2 * lr * kT) / n)
        for (let i = 0; i < w.n; i++) {
          if (isStoppedState(w, i)) continue
          const q = w.qs[i]!
          const g = w.gs[i]!
          const c = lr * clipFactorOf(g, d, clip)
          noise.normals(i, t, STREAM.perturb, xi, 0, d)
          for (let k = 0; k < d; k++) q[k] = q[k]! - c * g[k]! + kick * xi[k]!
          w.u[i] = batches.step(i, q, g)
        }
      },
      extras: () => ({
        examples: n === 1 ? null : n,
        batch: batches.size,
        temperatureOfLoss: kT / n,
        note:
          n === 1
            ? 'no training set: the exact gradient, samples exp(-U/kT)'
            : `samples exp(-N L/kT) with N = ${n}: kT = 1 is the Bayesian posterior; ` +
              "the loss's own temperature is kT/N",
      }),
    }
  },
}
