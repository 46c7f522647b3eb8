import { MASS, type MethodDescriptor, type Stepper, type SystemContext, verletStability } from '../method'
import { STREAM } from '../noise'
import { num } from '../params'
import { temperature } from '../schedules'
import { recordKineticOf } from '../state-steps'
import { STATUS } from '../status'
import { GAMMA_PARAM, dtParam, samplerParams } from './common'
import { portableMath as pm } from '../../portable-math'

/**
 * Langevin dynamics by BAOAB (Leimkuhler & Matthews, J. Chem. Phys. 138:174102,
 * 2013): B v += dt F/2m; A q += dt v/2; O v <- c v + sqrt((1 - c^2) kT/m) xi with
 * c = exp(-gamma dt); A; B. Configurations are sampled with O(dt^2) error (exactly
 * for a harmonic well). Kinetic energy is recorded from the velocity right after O,
 * which is Maxwell-Boltzmann distributed; the on-step velocity reads low by
 * (1 - omega^2 dt^2/4).
 */
export const baoab: MethodDescriptor = {
  id: 'baoab',
  family: 'sampler',
  name: 'Langevin (BAOAB)',
  summary:
    'Newtonian motion plus friction and thermal kicks: crosses barriers at a rate set by kT and samples exp(-U/kT)',
  reference: 'Leimkuhler & Matthews, J. Chem. Phys. 138:174102 (2013)',
  params: samplerParams([dtParam(0.01), GAMMA_PARAM]),
  velocities: true,
  stability: verletStability,
  physicalTime: true,
  create({ surface, walkers: w, settings, noise, stats }) {
    const dt = num(settings, 'dt')
    const c = pm.exp(-num(settings, 'gamma') * dt)
    const half = (0.5 * dt) / MASS
    const g = new Float64Array(2)
    const xi = new Float64Array(2)
    return {
      step(t) {
        const kick = Math.sqrt(((1 - c * c) * temperature(settings, t)) / MASS)
        for (let i = 0; i < w.n; i++) {
          if (w.status[i] === STATUS.diverged) continue
          let vx = w.vx[i]! - half * w.gx[i]!
          let vy = w.vy[i]! - half * w.gy[i]!
          let x = w.x[i]! + 0.5 * dt * vx
          let y = w.y[i]! + 0.5 * dt * vy
          noise.normal2(i, t, STREAM.kick, xi)
          vx = c * vx + kick * xi[0]!
          vy = c * vy + kick * xi[1]!
          if (stats.recording) {
            const k = 0.5 * MASS * (vx * vx + vy * vy)
            stats.kinetic += k
            stats.kineticSquared += k * k
            stats.kineticCount++
          }
          x += 0.5 * dt * vx
          y += 0.5 * dt * vy
          const u = surface.gradient(x, y, g)
          w.x[i] = x
          w.y[i] = y
          w.u[i] = u
          w.gx[i] = g[0]!
          w.gy[i] = g[1]!
          w.vx[i] = vx - half * g[0]!
          w.vy[i] = vy - half * g[1]!
        }
      },
    }
  },
  createSystem: (context) => baoabSystemStepper(context),
}

/**
 * BAOAB on a many-coordinate system, walker by walker. `afterForce(i)`, when given, runs right
 * after walker i's new energy and gradient are in place (metadynamics takes its bias back out of
 * the energy there, so the walkers keep reporting U).
 */
export function baoabSystemStepper(
  { system, walkers: w, settings, noise, stats }: SystemContext,
  afterForce?: (i: number) => void,
): Stepper {
  const dt = num(settings, 'dt')
  const c = pm.exp(-num(settings, 'gamma') * dt)
  const half = (0.5 * dt) / MASS
  const d = w.dim
  const xi = new Float64Array(d)
  return {
    step(t) {
      const kick = Math.sqrt(((1 - c * c) * temperature(settings, t)) / MASS)
      for (let i = 0; i < w.n; i++) {
        if (w.status[i] === STATUS.diverged) continue
        const q = w.qs[i]!
        const v = w.vs[i]!
        const g = w.gs[i]!
        noise.normals(i, t, STREAM.kick, xi, 0, d)
        for (let k = 0; k < d; k++) {
          const vk = v[k]! - half * g[k]!
          q[k] = q[k]! + 0.5 * dt * vk
          v[k] = c * vk + kick * xi[k]!
        }
        recordKineticOf(stats, v, d)
        for (let k = 0; k < d; k++) q[k] = q[k]! + 0.5 * dt * v[k]!
        w.u[i] = system.gradient(q, g)
        afterForce?.(i)
        for (let k = 0; k < d; k++) v[k] = v[k]! - half * g[k]!
      }
    },
  }
}
