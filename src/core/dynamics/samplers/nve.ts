import { type MethodDescriptor, verletStability } from '../method'
import { num } from '../params'
import { STATUS } from '../status'
import { dtParam, samplerParams } from './common'
import { recordKinetic, verletStep } from './verlet'

/**
 * Newtonian dynamics by velocity Verlet (Swope et al., J. Chem. Phys. 76:637, 1982),
 * no thermostat: kT only draws the starting velocities. Symplectic and
 * time-reversible: the energy error is O(dt^2) and bounded (halving dt cuts
 * max|E - E0| about 4x), with no drift; stable on a harmonic well only for
 * omega dt < 2. The kinetic energy recorded is the on-step one, which follows
 * no Maxwell-Boltzmann law: each walker keeps the energy it started with.
 */
export const nve: MethodDescriptor = {
  id: 'nve',
  family: 'sampler',
  name: 'Newtonian (NVE, velocity Verlet)',
  summary:
    'Frictionless motion that keeps its energy (errors O(dt^2), no drift): a walker never gains energy, so it ' +
    'does not sample a temperature at all',
  reference: 'Swope, Andersen, Berens & Wilson, J. Chem. Phys. 76:637 (1982)',
  params: samplerParams([
    dtParam(0.01, 'Time step of velocity Verlet (mass 1); unstable above 2/omega of the stiffest well'),
  ]).map((p) =>
    p.name === 'kT'
      ? {
          ...p,
          help: 'Only the starting velocities are drawn at this temperature; afterwards each walker keeps its energy',
        }
      : p,
  ),
  velocities: true,
  stability: verletStability,
  physicalTime: true,
  notRates:
    'has no thermostat: it keeps the energy it starts with, kT sets only its first velocities, so its crossings ' +
    'are not rates at kT',
  notBoltzmann: 'keeps the energy each walker starts with: it samples at constant energy, not exp(-U/kT)',
  create({ surface, walkers: w, settings, stats }) {
    const dt = num(settings, 'dt')
    const g = new Float64Array(2)
    return {
      step() {
        for (let i = 0; i < w.n; i++) {
          if (w.status[i] === STATUS.diverged) continue
          verletStep(surface, w, i, dt, g)
          recordKinetic(stats, w.vx[i]!, w.vy[i]!)
        }
      },
    }
  },
}
