import type { MethodDescriptor } from '../method'
import { STREAM } from '../noise'
import { num, type ParamSpec } from '../params'
import { temperature } from '../schedules'
import { moveTo } from '../optimizers/common'
import { STATUS } from '../status'
import { GAMMA_PARAM, dtParam, samplerParams } from './common'

const FRICTION: ParamSpec = {
  ...GAMMA_PARAM,
  help:
    'Friction: the walker drifts with mobility 1/gamma, so one step moves it as h = dt/gamma of gradient descent ' +
    'plus noise',
}

/**
 * Overdamped Langevin (Brownian) dynamics by Euler-Maruyama:
 * q += -h grad U + sqrt(2 kT h) xi with h = dt/(m gamma). No velocities. The
 * configurational bias is O(h): on a harmonic well the variance is
 * kT/[omega^2 (1 - h omega^2/2)], and the step is unstable for h omega^2 > 2.
 * With kT = 0 it is gradient descent with learning rate h; otherwise it is SGLD.
 */
export const overdamped: MethodDescriptor = {
  id: 'overdamped',
  family: 'sampler',
  name: 'Overdamped Langevin (Euler-Maruyama)',
  summary:
    'Gradient descent plus random kicks (Brownian motion): simple and no velocities, but biased by O(dt/gamma), ' +
    'so stiff wells need tiny steps',
  reference: 'Ermak & McCammon, J. Chem. Phys. 69:1352 (1978); Kloeden & Platen (1992)',
  params: samplerParams([dtParam(0.001, 'Time step; each step moves h = dt/gamma along -grad U (mass 1)'), FRICTION]),
  velocities: false,
  // Euler-Maruyama moves h = dt/gamma of a gradient step: stable on a quadratic for h < 2/lambda_max.
  stability: (values, settings, lambdaMax) =>
    values.dt === null || typeof settings.gamma !== 'number'
      ? null
      : {
          quantity: 'the step h = dt/gamma =',
          value: values.dt / settings.gamma,
          limit: 2 / lambdaMax,
          limitName: '2/lambda_max',
        },
  physicalTime: true,
  create({ surface, walkers: w, settings, noise }) {
    const h = num(settings, 'dt') / num(settings, 'gamma')
    const g = new Float64Array(2)
    const xi = new Float64Array(2)
    return {
      step(t) {
        const kick = Math.sqrt(2 * temperature(settings, t) * h)
        for (let i = 0; i < w.n; i++) {
          if (w.status[i] === STATUS.diverged) continue
          noise.normal2(i, t, STREAM.kick, xi)
          moveTo(surface, w, i, w.x[i]! - h * w.gx[i]! + kick * xi[0]!, w.y[i]! - h * w.gy[i]! + kick * xi[1]!, g)
        }
      },
    }
  },
  createSystem({ system, walkers: w, settings, noise }) {
    const h = num(settings, 'dt') / num(settings, 'gamma')
    const d = w.dim
    const xi = new Float64Array(d)
    return {
      step(t) {
        const kick = Math.sqrt(2 * temperature(settings, t) * h)
        for (let i = 0; i < w.n; i++) {
          if (w.status[i] === STATUS.diverged) continue
          const q = w.qs[i]!
          const g = w.gs[i]!
          noise.normals(i, t, STREAM.kick, xi, 0, d)
          for (let k = 0; k < d; k++) q[k] = q[k]! - h * g[k]! + kick * xi[k]!
          w.u[i] = system.gradient(q, g)
        }
      },
    }
  },
}
