import type { MethodDescriptor } from '../method'
import { STREAM, uniformOpen } from '../noise'
import { num } from '../params'
import { temperature } from '../schedules'
import { STATUS } from '../status'
import { acceptMove, metropolisTest } from './accept-reject'
import { samplerParams } from './common'

/**
 * Metropolis-adjusted Langevin algorithm (Roberts & Tweedie, Bernoulli 2:341,
 * 1996): propose one overdamped Euler-Maruyama step y = x - h grad U(x) +
 * sqrt(2 h kT) xi and accept with min(1, exp(-beta [U(y) - U(x)]) q(x|y)/q(y|x)),
 * q(y|x) prop. to exp(-|y - x + h grad U(x)|^2 / (4 h kT)). The test removes the
 * O(h) bias of Euler-Maruyama: samples are exact for any h, and h only sets the
 * acceptance (optimal ~0.574) and how fast walkers move. One gradient evaluation
 * per step, at the proposal (needed for q(x|y), and the cache if accepted).
 * Noise: words 0 and 1 of the STREAM.kick draw, the coin word 2 of the same draw.
 */
export const mala: MethodDescriptor = {
  id: 'mala',
  family: 'sampler',
  name: 'MALA (Metropolis-adjusted Langevin)',
  summary:
    'A downhill step plus a random kick, kept or thrown back by a Metropolis test: Langevin-like moves with no ' +
    'step-size bias',
  reference: 'Roberts & Tweedie, Bernoulli 2:341 (1996)',
  params: samplerParams([
    {
      kind: 'number',
      name: 'h',
      label: 'step h',
      default: 1e-3,
      min: 1e-9,
      max: 10,
      scale: 'log',
      unit: 'length^2/energy',
      help:
        'How far down the gradient each proposal goes (kick size sqrt(2 h kT)). Aim for about 0.57 acceptance; ' +
        'keep h below 1/(largest curvature of U) or most proposals overshoot and are rejected',
    },
  ]),
  velocities: false,
  physicalTime: false,
  create({ surface, walkers: w, settings, noise, stats }) {
    const h = num(settings, 'h')
    const g = new Float64Array(2)
    const xi = new Float64Array(2)
    return {
      step(t) {
        const kT = temperature(settings, t)
        const kick = Math.sqrt(2 * h * kT)
        for (let i = 0; i < w.n; i++) {
          if (w.status[i] === STATUS.diverged) continue
          noise.normal2(i, t, STREAM.kick, xi)
          const coin = uniformOpen(noise.words[2]!)
          const x = w.x[i]! - h * w.gx[i]! + kick * xi[0]!
          const y = w.y[i]! - h * w.gy[i]! + kick * xi[1]!
          const u = surface.gradient(x, y, g)
          // log q(x|y) - log q(y|x); the forward displacement minus the drift is exactly kick * xi.
          const bx = w.x[i]! - x + h * g[0]!
          const by = w.y[i]! - y + h * g[1]!
          const logQ = -(bx * bx + by * by) / (4 * h * kT) + 0.5 * (xi[0]! * xi[0]! + xi[1]! * xi[1]!)
          if (metropolisTest(-(u - w.u[i]!) / kT + logQ, coin, stats)) acceptMove(w, i, x, y, u, g)
        }
      },
    }
  },
}
