import type { MethodDescriptor } from '../method'
import { hmc } from './hmc'
import { mala } from './mala'
import { metadynamics } from './metadynamics'
import { metropolis } from './metropolis'
import { parallelTempering } from './parallel-tempering'

/** Samplers built on accept/reject steps, and the ways across barriers (tempering, metadynamics). */
export const MONTE_CARLO_SAMPLERS: readonly MethodDescriptor[] = [
  metropolis,
  mala,
  hmc,
  parallelTempering,
  metadynamics,
]
