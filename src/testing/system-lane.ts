import { resolveLane } from '../core/dynamics/resolve'
import { SystemLane, type SystemStart } from '../core/dynamics/system-lane'
import type { BiasVariable, System } from '../core/system'
import type { SystemDescriptor } from '../core/systems/descriptor'

/** Support for the tests of methods on systems (test code only): a descriptor and a lane in one line each. */

/** A descriptor around any System: no minima, random states at the origin. */
export function wrapSystem(system: () => System, dim: number, id = 'test'): SystemDescriptor {
  return {
    id,
    title: 'test system',
    dim,
    units: 'none',
    note: '',
    defaults: { dt: 0.01, kT: 1, friction: 1 },
    minima: [],
    atoms: null,
    randomState: (_u, out) => out.fill(0),
    system,
  }
}

/** A SystemLane of `method` with `settings` resolved for the descriptor (throws on a bad setting). */
export function systemLane(
  descriptor: SystemDescriptor,
  method: string,
  settings: Record<string, unknown>,
  start: SystemStart,
  walkers = 1,
  seed = 1,
  variables?: readonly [BiasVariable, BiasVariable],
): SystemLane {
  const r = resolveLane(method, settings, walkers, descriptor.dim)
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '))
  return new SystemLane({
    descriptor,
    method: r.lane.method,
    settings: r.lane.settings,
    walkers,
    start,
    seed,
    variables,
  })
}

/** The 32-bit words of a Float64Array, for bit-for-bit comparisons that show where they differ. */
export const bits = (a: Float64Array): number[] => Array.from(new Uint32Array(a.buffer, a.byteOffset, 2 * a.length))
