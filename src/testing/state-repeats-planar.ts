import { expect } from 'vitest'
import { planeSystem } from '../core/system'
import { bits, systemLane, wrapSystem } from './system-lane'
import { atlas, testLane } from './test-lane'

/**
 * Support for the tests that a method's state stepper does, coordinate by coordinate, the arithmetic
 * of its planar step in the same order, with the same random numbers (test code only).
 */

/**
 * Expects `method` with `settings` on Müller-Brown taken as a system of two coordinates to give the
 * planar lane's numbers bit for bit: from near MA (-0.5, 1.4), 3 walkers, seed 7, 300 steps; x, y
 * and the energies are compared, and the run must have moved, so that it does not compare two
 * starting points.
 */
export function expectStateRepeatsPlanar(method: string, settings: Record<string, unknown>): void {
  const mb = atlas('muller-brown').surface
  const plane = wrapSystem(() => planeSystem(mb), 2)
  const planar = testLane({
    surface: mb,
    method,
    settings,
    start: { kind: 'point', x: -0.5, y: 1.4 },
    walkers: 3,
    seed: 7,
  })
  const state = systemLane(plane, method, settings, { kind: 'state', q: [-0.5, 1.4] }, 3, 7)
  planar.advance(300)
  state.advance(300)
  const w = state.walkers
  const xs = Float64Array.from({ length: 3 }, (_, i) => w.q[2 * i]!)
  const ys = Float64Array.from({ length: 3 }, (_, i) => w.q[2 * i + 1]!)
  expect(bits(xs)).toEqual(bits(planar.walkers.x))
  expect(bits(ys)).toEqual(bits(planar.walkers.y))
  expect(bits(w.u)).toEqual(bits(planar.walkers.u))
  // The run moved: the comparison is not between two starting points.
  expect(Math.abs(xs[0]! + 0.5)).toBeGreaterThan(1e-3)
}
