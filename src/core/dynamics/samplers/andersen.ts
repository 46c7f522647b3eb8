import { MASS, type MethodDescriptor, verletStability } from '../method'
import { STREAM } from '../noise'
import { num, type ParamSpec } from '../params'
import { temperature } from '../schedules'
import { STATUS } from '../status'
import { dtParam, samplerParams } from './common'
import { recordKinetic, verletStep } from './verlet'

const COLLISION_FREQUENCY: ParamSpec = {
  kind: 'number',
  name: 'nu',
  label: 'collision frequency nu',
  default: 1,
  min: 1e-4,
  max: 1e4,
  scale: 'log',
  unit: '1/time',
  help: 'How often a walker gets a fresh velocity: each step with probability nu dt (every step once nu dt >= 1)',
}

/**
 * The Andersen thermostat (Andersen, J. Chem. Phys. 72:2384, 1980): a velocity-Verlet
 * step, then with probability nu dt a new velocity v ~ N(0, kT/m) per component.
 * Canonical, but the resets break up the trajectories (rates and diffusion slow down
 * as nu grows). On a harmonic well the on-step velocity is exactly Maxwell-Boltzmann;
 * positions carry Verlet's bias kT/[omega^2 (1 - omega^2 dt^2/4)]. The kinetic energy
 * is recorded from the on-step velocity at the end of the step.
 */
export const andersen: MethodDescriptor = {
  id: 'andersen',
  family: 'sampler',
  name: 'Andersen thermostat',
  summary:
    'Newtonian motion where a walker now and then forgets its velocity and draws a fresh one at kT: samples ' +
    'correctly, but the resets scramble the real dynamics',
  reference: 'Andersen, J. Chem. Phys. 72:2384 (1980)',
  params: samplerParams([dtParam(0.01), COLLISION_FREQUENCY]),
  velocities: true,
  stability: verletStability,
  physicalTime: true,
  create({ surface, walkers: w, settings, noise, stats }) {
    const dt = num(settings, 'dt')
    const collision = Math.min(1, num(settings, 'nu') * dt)
    const g = new Float64Array(2)
    const xi = new Float64Array(2)
    return {
      step(t) {
        const sigma = Math.sqrt(temperature(settings, t) / MASS)
        for (let i = 0; i < w.n; i++) {
          if (w.status[i] === STATUS.diverged) continue
          verletStep(surface, w, i, dt, g)
          if (noise.uniform(i, t, STREAM.coin) < collision) {
            noise.normal2(i, t, STREAM.kick, xi)
            w.vx[i] = sigma * xi[0]!
            w.vy[i] = sigma * xi[1]!
          }
          recordKinetic(stats, w.vx[i]!, w.vy[i]!)
        }
      },
    }
  },
}
