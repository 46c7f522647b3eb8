import type { BiasGrid } from '../dynamics/samplers/bias-grid'
import type { BiasVariable, System } from '../system'

/** A system with a bias V on two variables added: its last bias value and where it read the variables. */
export interface BiasedSystem extends System {
  /** V at the state of the last energy() or gradient() call. */
  readonly lastBias: number
  /** Writes the grid coordinates of the two variables at state q into out[0], out[1]. */
  gridPoint(q: Float64Array, out: Float64Array): void
}

/**
 * A system with the bias V(u1, u2) added to its energy and, by the chain rule,
 *   dV/dq = dV/du1 du1/dq + dV/du2 du2/dq,
 * to its gradient: every sampler then runs on U + V unchanged. The bias grid's coordinates are
 * the variables themselves (u = s), or, with `scaled`, each variable mapped onto [0, 1] over its
 * range (u = (s - lo) / (hi - lo)), so that one hill width suits two variables of different units.
 */
export function cvBiasedSystem(
  system: System,
  variables: readonly [BiasVariable, BiasVariable],
  bias: BiasGrid,
  scaled = false,
): BiasedSystem {
  const [a, b] = variables
  if (!a.gradient || !b.gradient) throw new RangeError('a biased system needs both variables with their gradients')
  if (a.dim !== system.dim || b.dim !== system.dim)
    throw new RangeError(`the variables read ${a.dim} and ${b.dim} coordinates; the system has ${system.dim}`)
  const lo1 = scaled ? a.range[0] : 0
  const lo2 = scaled ? b.range[0] : 0
  const w1 = scaled ? a.range[1] - a.range[0] : 1
  const w2 = scaled ? b.range[1] - b.range[0] : 1
  if (!(w1 > 0 && w2 > 0)) throw new RangeError(`the variables' ranges must not be empty (${a.label}, ${b.label})`)
  const ga = new Float64Array(system.dim)
  const gb = new Float64Array(system.dim)
  const force = new Float64Array(2)
  const dim = system.dim
  let lastBias = 0
  return {
    dim,
    get lastBias() {
      return lastBias
    },
    coordinate: (k) => system.coordinate(k),
    gridPoint(q, out) {
      out[0] = (a.value(q) - lo1) / w1
      out[1] = (b.value(q) - lo2) / w2
    },
    energy(q) {
      lastBias = bias.value((a.value(q) - lo1) / w1, (b.value(q) - lo2) / w2)
      return system.energy(q) + lastBias
    },
    gradient(q, g) {
      const u = system.gradient(q, g)
      const u1 = (a.gradient!(q, ga) - lo1) / w1
      const u2 = (b.gradient!(q, gb) - lo2) / w2
      force[0] = 0
      force[1] = 0
      bias.addGradient(u1, u2, force)
      const f1 = force[0] / w1
      const f2 = force[1] / w2
      for (let k = 0; k < dim; k++) g[k] = g[k]! + f1 * ga[k]! + f2 * gb[k]!
      lastBias = bias.value(u1, u2)
      return u + lastBias
    },
  }
}
