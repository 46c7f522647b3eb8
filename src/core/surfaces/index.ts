import type { AtlasSurface } from './types'
import { ackley } from './ackley'
import { beale } from './beale'
import { boundedSaddle } from './bounded-saddle'
import { dihedral } from './dihedral'
import { doubleWell } from './double-well'
import { goldsteinPrice } from './goldstein-price'
import { himmelblau } from './himmelblau'
import { monkeySaddle } from './monkey-saddle'
import { mullerBrown } from './muller-brown'
import { rastrigin } from './rastrigin'
import { ring } from './ring'
import { rosenbrock } from './rosenbrock'
import { sixHumpCamel } from './six-hump-camel'
import { strictSaddle } from './strict-saddle'
import { styblinskiTang } from './styblinski-tang'
import { threeHole } from './three-hole'

export type { AtlasSurface, KnownPoint } from './types'

/**
 * Teaching order: the default first, then one feature at a time (two wells, saddles, a ring of
 * minima), then the optimizer benchmarks from narrow valleys to many minima, then the
 * chemistry-style surfaces where samplers cross barriers.
 */
export const ATLAS: readonly AtlasSurface[] = [
  mullerBrown,
  doubleWell,
  strictSaddle,
  boundedSaddle,
  monkeySaddle,
  ring,
  rosenbrock,
  beale,
  himmelblau,
  sixHumpCamel,
  styblinskiTang,
  rastrigin,
  ackley,
  goldsteinPrice,
  threeHole,
  dihedral,
]

export const DEFAULT_SURFACE_ID = 'muller-brown'

// A Map, not an object literal: ids like 'constructor' must find nothing.
const byId = new Map(ATLAS.map((surface) => [surface.id, surface]))

export function atlasSurface(id: string): AtlasSurface | undefined {
  return byId.get(id)
}
