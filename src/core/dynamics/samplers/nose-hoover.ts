import { type MethodDescriptor, verletStability } from '../method'
import { num } from '../params'
import { dtParam, samplerParams } from './common'
import { createChainStepper, ThermostatChains } from './nose-hoover-chain'
import { tauParam } from './verlet'

/**
 * Nosé-Hoover (Hoover, Phys. Rev. A 31:1695, 1985): m dv/dt = F - m zeta v,
 * dzeta/dt = (m|v|^2 - N_f kT)/Q, Q = N_f kT tau^2, one zeta per walker. Integrated as
 * a chain of length 1 with the time-reversible Liouville splitting: zeta += G dt/4,
 * v *= exp(-zeta dt/2), zeta += G dt/4, velocity Verlet, and the same again. It keeps
 * the canonical density invariant but is not ergodic on a harmonic well (Legoll, Luskin
 * & Moeckel 2007): a single walker can circle on a wrong orbit forever, while walkers
 * started from the Boltzmann density hide it. Kinetic energy: the on-step velocity.
 */
export const noseHoover: MethodDescriptor = {
  id: 'nose-hoover',
  family: 'sampler',
  name: 'Nosé-Hoover',
  summary:
    'A friction that turns negative when the walker is too cold: deterministic and reversible, but a lone walker ' +
    'on a simple well can stay on one orbit and never sample kT properly',
  reference: 'Nosé, J. Chem. Phys. 81:511 (1984); Hoover, Phys. Rev. A 31:1695 (1985)',
  params: samplerParams([
    dtParam(0.01),
    tauParam(
      0.5,
      "Period of the thermostat's own oscillation (Q = N_f kT tau^2): near the system's period couples best",
    ),
  ]),
  velocities: true,
  stability: verletStability,
  physicalTime: true,
  create(context) {
    return createChainStepper(
      context,
      new ThermostatChains(context.walkers.n, 1, 1, [1], num(context.settings, 'dt'), num(context.settings, 'tau')),
    )
  },
}
