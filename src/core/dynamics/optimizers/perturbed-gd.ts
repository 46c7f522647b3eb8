import { type MethodDescriptor, gradientStepStability } from '../method'
import { STREAM, uniformOpen } from '../noise'
import { num } from '../params'
import { clipFactor, learningRate } from '../schedules'
import { isStopped, moveTo, optimizerParams } from './common'
import { portableMath as pm } from '../../portable-math'

/**
 * Perturbed gradient descent (Jin et al., ICML 2017, Algorithm 2). When |g| <= gThreshold
 * and the last kick was more than tThreshold steps ago, the walker jumps by xi, uniform in
 * the disc of radius r (radius r sqrt(u1), angle 2 pi u2 from stream STREAM.perturb);
 * otherwise it takes a gradient-descent step. The kick is a step of its own, so every
 * step evaluates the gradient once (the paper kicks and descends in one iteration: the
 * same points, one step apart).
 * The paper stops when a kick has not lowered U by fThreshold after tThreshold steps (the
 * walker is then at a local minimum). Here the test is made when the walker next stalls:
 * if U is not below its value before the last kick by at least fThreshold, the walker
 * kicks no more and carries on as plain gradient descent, so it settles in that minimum.
 * Defaults: the paper's thresholds depend on unknown Lipschitz constants; these suit the
 * atlas's scales (curvatures 1 to 10^3, gradients down to 10^-3).
 */
export const perturbedGradientDescent: MethodDescriptor = {
  id: 'perturbed-gd',
  family: 'optimizer',
  name: 'Perturbed gradient descent',
  summary:
    'Gradient descent that gives itself a small random kick whenever it stalls, so it slides off saddles; it ' +
    'stops kicking once a kick no longer leads anywhere lower',
  reference: 'Jin, Ge, Netrapalli, Kakade & Jordan, ICML 2017, arXiv:1703.00887',
  params: optimizerParams(0.001, [
    {
      kind: 'number',
      name: 'radius',
      label: 'kick radius',
      default: 0.1,
      min: 1e-9,
      max: 1e3,
      scale: 'log',
      unit: 'length',
      help: 'Kicks land uniformly in a disc of this radius around the stalled walker',
    },
    {
      kind: 'number',
      name: 'gThreshold',
      label: 'stall gradient',
      default: 1e-3,
      min: 0,
      max: 1e6,
      scale: 'log',
      unit: 'energy/length',
      help: 'The walker counts as stalled when |grad U| is at most this',
    },
    {
      kind: 'number',
      name: 'tThreshold',
      label: 'steps between kicks',
      default: 100,
      min: 1,
      max: 1e9,
      scale: 'log',
      integer: true,
      unit: 'steps',
      help: 'At least this many steps pass after a kick before the next one',
    },
    {
      kind: 'number',
      name: 'fThreshold',
      label: 'required drop',
      default: 1e-4,
      min: 0,
      max: 1e6,
      scale: 'log',
      unit: 'energy',
      help: 'A kick that has not lowered U by this much by the next stall ends the kicking',
    },
  ]),
  velocities: false,
  stability: gradientStepStability,
  physicalTime: false,
  create({ surface, walkers: w, settings, noise }) {
    const radius = num(settings, 'radius')
    const gThreshold = num(settings, 'gThreshold')
    const tThreshold = num(settings, 'tThreshold')
    const fThreshold = num(settings, 'fThreshold')
    const clip = num(settings, 'clip')
    const lastKick = new Float64Array(w.n).fill(-Infinity)
    const uBeforeKick = new Float64Array(w.n)
    const settled = new Uint8Array(w.n)
    const g = new Float64Array(2)
    let kicks = 0
    return {
      step(t) {
        const lr = learningRate(settings, t)
        for (let i = 0; i < w.n; i++) {
          if (isStopped(w, i)) continue
          const gx = w.gx[i]!
          const gy = w.gy[i]!
          if (!settled[i] && Math.sqrt(gx * gx + gy * gy) <= gThreshold && t - lastKick[i]! > tThreshold) {
            if (lastKick[i]! >= 0 && w.u[i]! - uBeforeKick[i]! > -fThreshold) {
              settled[i] = 1
            } else {
              const words = noise.draw(i, t, STREAM.perturb)
              const r = radius * Math.sqrt(uniformOpen(words[0]!))
              const angle = 2 * Math.PI * uniformOpen(words[1]!)
              lastKick[i] = t
              kicks++
              uBeforeKick[i] = w.u[i]!
              moveTo(surface, w, i, w.x[i]! + r * pm.cos(angle), w.y[i]! + r * pm.sin(angle), g)
              continue
            }
          }
          const c = lr * clipFactor(gx, gy, clip)
          moveTo(surface, w, i, w.x[i]! - c * gx, w.y[i]! - c * gy, g)
        }
      },
      /** Kicks so far over all walkers, and how many walkers have stopped kicking. */
      extras: () => ({ kicks, settled: settled.reduce((sum, s) => sum + s, 0) }),
    }
  },
}
