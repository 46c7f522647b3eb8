import type { MethodDescriptor } from './method'
import { gradientDescent } from './optimizers/gradient-descent'
import { baoab } from './samplers/baoab'

/** Every method, optimizers first; the page and the CLI list them in this order. */
export const METHODS: readonly MethodDescriptor[] = [gradientDescent, baoab]

const byId = new Map(METHODS.map((m) => [m.id, m]))

export function methodById(id: string): MethodDescriptor | undefined {
  return byId.get(id)
}
