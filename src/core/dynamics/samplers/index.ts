import type { MethodDescriptor } from '../method'
import { andersen } from './andersen'
import { baoab } from './baoab'
import { berendsen } from './berendsen'
import { bussi } from './bussi'
import { noseHoover } from './nose-hoover'
import { noseHooverChain } from './nose-hoover-chain'
import { nve } from './nve'
import { obabo } from './obabo'
import { overdamped } from './overdamped'

/**
 * Samplers that integrate equations of motion: Langevin dynamics first (BAOAB is the
 * default), then Newton without a heat bath, then the thermostats built on velocity Verlet.
 */
export const DYNAMICS_SAMPLERS: readonly MethodDescriptor[] = [
  baoab,
  obabo,
  overdamped,
  nve,
  andersen,
  bussi,
  berendsen,
  noseHoover,
  noseHooverChain,
]
