import type { MethodDescriptor } from '../method'
import { STREAM, uniformOpen } from '../noise'
import { num } from '../params'
import { temperature } from '../schedules'
import { STATUS } from '../status'
import { acceptMove, metropolisTest } from './accept-reject'
import { samplerParams } from './common'

/**
 * Random-walk Metropolis (Metropolis, Rosenbluth, Rosenbluth, Teller & Teller 1953):
 * propose (x, y) + step xi with xi ~ N(0, I2), accept with min(1, exp(-beta dU)).
 * The Gaussian proposal is symmetric, so this is detailed balance for exp(-U/kT)
 * exactly: no discretization bias, only statistical error. One gradient
 * evaluation per step, at the proposal (it is the cache if accepted; a rejected
 * walker keeps its cached U and gradient). Per step the proposal takes words 0
 * and 1 of the STREAM.kick draw and the coin word 2 of the same draw.
 */
export const metropolis: MethodDescriptor = {
  id: 'metropolis',
  family: 'sampler',
  name: 'Metropolis Monte Carlo',
  summary:
    'Tries a random jump and keeps it with probability min(1, exp(-ΔU/kT)): no forces and no time, yet exact ' +
    'samples of exp(-U/kT)',
  reference: 'Metropolis, Rosenbluth, Rosenbluth, Teller & Teller, J. Chem. Phys. 21:1087 (1953)',
  params: samplerParams([
    {
      kind: 'number',
      name: 'step',
      label: 'step size',
      default: 0.1,
      min: 1e-6,
      max: 100,
      scale: 'log',
      unit: 'length',
      help:
        'Standard deviation of the Gaussian jump in x and in y. Tune it for 0.23 to 0.44 acceptance: big jumps are ' +
        'mostly rejected, small ones crawl',
    },
  ]),
  velocities: false,
  physicalTime: false,
  create({ surface, walkers: w, settings, noise, stats }) {
    const step = num(settings, 'step')
    const g = new Float64Array(2)
    const xi = new Float64Array(2)
    return {
      step(t) {
        const beta = 1 / temperature(settings, t)
        for (let i = 0; i < w.n; i++) {
          if (w.status[i] === STATUS.diverged) continue
          noise.normal2(i, t, STREAM.kick, xi)
          const coin = uniformOpen(noise.words[2]!)
          const x = w.x[i]! + step * xi[0]!
          const y = w.y[i]! + step * xi[1]!
          const u = surface.gradient(x, y, g)
          if (metropolisTest(-beta * (u - w.u[i]!), coin, stats)) acceptMove(w, i, x, y, u, g)
        }
      },
    }
  } /**
   * On a state of d coordinates: the proposal adds step xi, xi ~ N(0, I_d), drawn as
   * Noise.normals; the coin is its own draw (STREAM.coin). The trial state and its gradient
   * live in scratch arrays until accepted.
   */,
  createSystem({ system, walkers: w, settings, noise, stats }) {
    const step = num(settings, 'step')
    const d = w.dim
    const xi = new Float64Array(d)
    const trial = new Float64Array(d)
    const gTrial = new Float64Array(d)
    return {
      step(t) {
        const beta = 1 / temperature(settings, t)
        for (let i = 0; i < w.n; i++) {
          if (w.status[i] === STATUS.diverged) continue
          const q = w.qs[i]!
          noise.normals(i, t, STREAM.kick, xi, 0, d)
          const coin = noise.uniform(i, t, STREAM.coin)
          for (let k = 0; k < d; k++) trial[k] = q[k]! + step * xi[k]!
          const u = system.gradient(trial, gTrial)
          if (metropolisTest(-beta * (u - w.u[i]!), coin, stats)) {
            q.set(trial)
            w.gs[i]!.set(gTrial)
            w.u[i] = u
          }
        }
      },
    }
  },
}
