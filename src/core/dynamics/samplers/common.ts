import type { ParamSpec } from '../params'
import { TEMPERATURE_SCHEDULE } from '../schedules'

export const KT_PARAM: ParamSpec = {
  kind: 'number',
  name: 'kT',
  label: 'kT',
  default: 1,
  min: 1e-4,
  max: 1e5,
  scale: 'log',
  unit: 'energy',
  help: "Temperature times Boltzmann's constant: the energy scale of thermal motion; samples follow exp(-U/kT)",
}

export function dtParam(fallback: number, help = 'Time step of the integrator (mass 1)'): ParamSpec {
  return {
    kind: 'number',
    name: 'dt',
    label: 'dt',
    default: fallback,
    min: 1e-8,
    max: 10,
    scale: 'log',
    unit: 'time',
    help,
  }
}

export const GAMMA_PARAM: ParamSpec = {
  kind: 'number',
  name: 'gamma',
  label: 'friction gamma',
  default: 1,
  min: 1e-4,
  max: 1e4,
  scale: 'log',
  unit: '1/time',
  help: 'Langevin friction: how strongly the heat bath damps and kicks the velocity',
}

/** kT, then the method's own parameters, then the annealing schedule every sampler has. */
export function samplerParams(own: readonly ParamSpec[]): ParamSpec[] {
  return [KT_PARAM, ...own, ...TEMPERATURE_SCHEDULE]
}
