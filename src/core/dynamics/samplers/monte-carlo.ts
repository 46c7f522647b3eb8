import type { MethodDescriptor } from '../method'

/** Samplers built on accept/reject steps, and the ways across barriers (tempering, metadynamics). */
export const MONTE_CARLO_SAMPLERS: readonly MethodDescriptor[] = []
