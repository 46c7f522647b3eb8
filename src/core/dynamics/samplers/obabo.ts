import { MASS, type MethodDescriptor, verletStability } from '../method'
import { STREAM } from '../noise'
import { num } from '../params'
import { temperature } from '../schedules'
import { STATUS } from '../status'
import { GAMMA_PARAM, dtParam, samplerParams } from './common'
import { recordKinetic, verletStep } from './verlet'
import { portableMath as pm } from '../../portable-math'

/**
 * Langevin dynamics by OBABO (Bussi & Parrinello, Phys. Rev. E 75:056707, 2007):
 * O v <- c v + sqrt((1 - c^2) kT/m) xi with c = exp(-gamma dt/2); velocity Verlet
 * (B A B); O again with fresh noise. The on-step velocity is exactly Maxwell-Boltzmann
 * on a harmonic well (the kinetic energy is recorded from it, at the end of the step),
 * while positions spread too wide: <x^2> = kT/[omega^2 (1 - omega^2 dt^2/4)].
 */
export const obabo: MethodDescriptor = {
  id: 'obabo',
  family: 'sampler',
  name: 'Langevin (OBABO)',
  summary:
    'Langevin with the thermal kicks split around a Verlet step: speeds come out exactly right, positions ' +
    'slightly too spread (more so as dt grows)',
  reference: 'Bussi & Parrinello, Phys. Rev. E 75:056707 (2007)',
  params: samplerParams([dtParam(0.01), GAMMA_PARAM]),
  velocities: true,
  stability: verletStability,
  physicalTime: true,
  create({ surface, walkers: w, settings, noise, stats }) {
    const dt = num(settings, 'dt')
    const c = pm.exp(-0.5 * num(settings, 'gamma') * dt)
    const g = new Float64Array(2)
    const xi = new Float64Array(4)
    return {
      step(t) {
        const kick = Math.sqrt(((1 - c * c) * temperature(settings, t)) / MASS)
        for (let i = 0; i < w.n; i++) {
          if (w.status[i] === STATUS.diverged) continue
          noise.normal2(i, t, STREAM.kick, xi, 0)
          noise.normal2(i, t, STREAM.kick2, xi, 2)
          w.vx[i] = c * w.vx[i]! + kick * xi[0]!
          w.vy[i] = c * w.vy[i]! + kick * xi[1]!
          verletStep(surface, w, i, dt, g)
          w.vx[i] = c * w.vx[i]! + kick * xi[2]!
          w.vy[i] = c * w.vy[i]! + kick * xi[3]!
          recordKinetic(stats, w.vx[i]!, w.vy[i]!)
        }
      },
    }
  },
}
