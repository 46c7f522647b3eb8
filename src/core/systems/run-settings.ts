import type { MethodDescriptor } from '../dynamics/method'
import type { SystemDescriptor } from './descriptor'

/**
 * The settings a method starts with on a many-coordinate system, before resolveLane checks them:
 * the system's own time step and friction where the method integrates Langevin dynamics (a
 * surface's defaults are far too large a step for stiff Lennard-Jones walls), the thermal energy
 * asked for where the method has one, and for parallel tempering a top rung four times as hot,
 * with a rung count that divides the walkers, and for metadynamics hills sized to kT and to the
 * variables' ranges. Everything else is the method's default.
 */
export function systemRunSettings(
  method: MethodDescriptor,
  descriptor: SystemDescriptor,
  kT: number,
  walkers: number,
): Record<string, number | string> {
  const has = (name: string) => method.params.some((p) => p.name === name)
  const out: Record<string, number | string> = {}
  if (has('kT')) out['kT'] = kT
  const langevin = has('gamma')
  if (langevin && has('dt'))
    out['dt'] = method.id === 'overdamped' ? descriptor.defaults.dt / 5 : descriptor.defaults.dt
  if (langevin) out['gamma'] = descriptor.defaults.friction
  if (method.id === 'metropolis') out['step'] = 0.05
  if (method.id === 'metadynamics') {
    // Hills of a quarter kT, 2.5% of each variable's range wide (the bias grid is over the ranges
    // scaled to [0, 1]), tempered at 8 kT: wells of a few kT fill within some thousand steps.
    out['height'] = kT / 4
    out['sigma'] = 0.025
    out['biasFactor'] = 8
  }
  if (method.id === 'parallel-tempering') {
    out['kTMax'] = 4 * kT
    out['replicas'] = [8, 6, 5, 4, 3, 2].find((r) => walkers % r === 0) ?? Math.min(Math.max(walkers, 2), 64)
  }
  return out
}
