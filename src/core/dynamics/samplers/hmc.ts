import { MASS, type MethodDescriptor } from '../method'
import { STREAM, uniformOpen } from '../noise'
import { num } from '../params'
import { temperature } from '../schedules'
import { STATUS } from '../status'
import { acceptMove, metropolisTest } from './accept-reject'
import { dtParam, samplerParams } from './common'
import { recordKinetic } from './verlet'

/**
 * Hybrid (Hamiltonian) Monte Carlo (Duane, Kennedy, Pendleton & Roweth, Phys.
 * Lett. B 195:216, 1987): draw fresh momenta p ~ N(0, m kT), run L leapfrog
 * (velocity Verlet) steps of size dt, accept the end point with
 * min(1, exp(-beta dH)), H = U + |p|^2/2m. Leapfrog is volume-preserving and
 * time-reversible, so the test makes the samples exact for any dt and L; dt and L
 * only set the acceptance and how far a trajectory goes. One step of this method
 * is one whole trajectory: L gradient evaluations (the gradient at the start is
 * the cache). Momenta are internal (velocities false); the kinetic figure is the
 * kinetic energy of the drawn momenta, exactly Maxwell-Boltzmann.
 * Noise: momenta from words 0 and 1 of the STREAM.kick draw, the coin word 2.
 */
export const hmc: MethodDescriptor = {
  id: 'hmc',
  family: 'sampler',
  name: 'Hamiltonian Monte Carlo',
  summary:
    'Kicks the walker with a random momentum, slides it along a short frictionless trajectory and keeps the end ' +
    'if energy was nearly conserved: long exact moves',
  reference: 'Duane, Kennedy, Pendleton & Roweth, Phys. Lett. B 195:216 (1987)',
  params: samplerParams([
    dtParam(
      0.01,
      'Leapfrog time step within a trajectory (mass 1). Samples are exact for any dt; a large dt breaks energy ' +
        'conservation and most trajectories are rejected (stable only below 2/omega_max)',
    ),
    {
      kind: 'number',
      name: 'L',
      label: 'leapfrog steps L',
      default: 10,
      min: 1,
      max: 1000,
      scale: 'log',
      integer: true,
      unit: 'steps',
      help: 'Leapfrog steps per trajectory: one HMC step costs L gradient evaluations and travels about L dt in time',
    },
  ]),
  velocities: false,
  physicalTime: false,
  create({ surface, walkers: w, settings, noise, stats }) {
    const dt = num(settings, 'dt')
    const L = num(settings, 'L')
    // Momentum kicks: p -= (dt/2) grad U; drifts: q += dt p/m.
    const half = 0.5 * dt
    const g = new Float64Array(2)
    const p = new Float64Array(2)
    return {
      step(t) {
        const kT = temperature(settings, t)
        const sigma = Math.sqrt(MASS * kT)
        for (let i = 0; i < w.n; i++) {
          if (w.status[i] === STATUS.diverged) continue
          noise.normal2(i, t, STREAM.kick, p)
          const coin = uniformOpen(noise.words[2]!)
          let px = sigma * p[0]!
          let py = sigma * p[1]!
          const k0 = (0.5 * (px * px + py * py)) / MASS
          recordKinetic(stats, px / MASS, py / MASS)
          let x = w.x[i]!
          let y = w.y[i]!
          g[0] = w.gx[i]!
          g[1] = w.gy[i]!
          let u = w.u[i]!
          for (let l = 0; l < L; l++) {
            px -= half * g[0]
            py -= half * g[1]
            x += (dt * px) / MASS
            y += (dt * py) / MASS
            u = surface.gradient(x, y, g)
            px -= half * g[0]
            py -= half * g[1]
          }
          const dH = u + (0.5 * (px * px + py * py)) / MASS - (w.u[i]! + k0)
          if (metropolisTest(-dH / kT, coin, stats)) acceptMove(w, i, x, y, u, g)
        }
      },
    }
  },
}
