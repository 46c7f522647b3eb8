import { ab13, ab21, ab34 } from './ab-2d'
import { bln46 } from './bln46'
import type { SystemDescriptor } from './descriptor'
import { lj13 } from './lj13'
import { lj38 } from './lj38'
import { lj7TwoD } from './lj7-2d'

/** Every many-coordinate system, one line each (kept one a line so that adding one is a one-line change). */
// prettier-ignore
export const SYSTEMS: readonly SystemDescriptor[] = [
  lj7TwoD,
  lj13,
  lj38,
  ab13,
  ab21,
  ab34,
  bln46,
]

const BY_ID = new Map(SYSTEMS.map((s) => [s.id, s]))

/** The system with this id, or undefined. */
export function systemById(id: string): SystemDescriptor | undefined {
  return BY_ID.get(id)
}
