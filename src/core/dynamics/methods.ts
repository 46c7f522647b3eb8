import type { MethodDescriptor } from './method'
import { gradientDescent } from './optimizers/gradient-descent'
import { DYNAMICS_SAMPLERS } from './samplers'
import { MONTE_CARLO_SAMPLERS } from './samplers/monte-carlo'

/** Every method, optimizers first; the page and the CLI list them in this order. */
export const METHODS: readonly MethodDescriptor[] = [gradientDescent, ...DYNAMICS_SAMPLERS, ...MONTE_CARLO_SAMPLERS]

const byId = new Map(METHODS.map((m) => [m.id, m]))

export function methodById(id: string): MethodDescriptor | undefined {
  return byId.get(id)
}
