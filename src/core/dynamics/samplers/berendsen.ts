import { MASS, type MethodDescriptor, verletStability } from '../method'
import { num } from '../params'
import { temperature } from '../schedules'
import { STATUS } from '../status'
import { dtParam, samplerParams } from './common'
import { DEGREES_OF_FREEDOM, recordKinetic, tauParam, verletStep } from './verlet'

/**
 * The Berendsen thermostat (Berendsen et al., J. Chem. Phys. 81:3684, 1984): a
 * velocity-Verlet step, then v <- lambda v with lambda^2 = 1 + (dt/tau)(T0/T - 1),
 * T = 2K/N_f the walker's instantaneous kinetic temperature (= K for N_f = 2).
 * It drives the mean of T to T0 but suppresses its fluctuations, so it is NOT
 * canonical: for one particle K stays pinned near kT instead of being exponential.
 * Guards: a walker at rest (T = 0) cannot be scaled and is left alone; dt/tau is
 * capped at 1 (tau < dt rescales straight to T0) so lambda^2 never goes negative.
 * The kinetic energy is recorded after the rescaling.
 */
export const berendsen: MethodDescriptor = {
  id: 'berendsen',
  family: 'sampler',
  name: 'Berendsen thermostat',
  summary:
    "Nudges each walker's speed toward kT: the average temperature is right but the energy hardly fluctuates, so " +
    'it does not sample exp(-U/kT) (a classic wrong thermostat)',
  reference: 'Berendsen, Postma, van Gunsteren, DiNola & Haak, J. Chem. Phys. 81:3684 (1984)',
  params: samplerParams([
    dtParam(0.01),
    tauParam(0.1, 'Relaxation time of the temperature toward kT; values below dt act as dt (rescale fully every step)'),
  ]),
  velocities: true,
  stability: verletStability,
  physicalTime: true,
  create({ surface, walkers: w, settings, stats }) {
    const dt = num(settings, 'dt')
    const coupling = Math.min(1, dt / num(settings, 'tau'))
    const g = new Float64Array(2)
    return {
      step(t) {
        const kT = temperature(settings, t)
        for (let i = 0; i < w.n; i++) {
          if (w.status[i] === STATUS.diverged) continue
          verletStep(surface, w, i, dt, g)
          const kinetic = 0.5 * MASS * (w.vx[i]! * w.vx[i]! + w.vy[i]! * w.vy[i]!)
          if (kinetic > 0) {
            const lambda = Math.sqrt(1 + coupling * (kT / ((2 * kinetic) / DEGREES_OF_FREEDOM) - 1))
            w.vx[i]! *= lambda
            w.vy[i]! *= lambda
          }
          recordKinetic(stats, w.vx[i]!, w.vy[i]!)
        }
      },
    }
  },
}
