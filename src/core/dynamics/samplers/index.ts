import type { MethodDescriptor } from '../method'
import { baoab } from './baoab'

/** Samplers that integrate equations of motion (Langevin dynamics and thermostats). */
export const DYNAMICS_SAMPLERS: readonly MethodDescriptor[] = [baoab]
