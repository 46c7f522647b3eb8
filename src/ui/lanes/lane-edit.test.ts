import { describe, expect, test } from 'vitest'
import { DEFAULT_LANES } from '../../core/scenario/defaults'
import { atlasSurface } from '../../core/surfaces'
import { methodById } from '../../core/dynamics/methods'
import type { LaneSpec } from '../../core/scenario/types'
import {
  atTemperature,
  laneTemperature,
  lanesForSurface,
  newLane,
  roundCoordinate,
  startAt,
  startInside,
  suggestedSettings,
  temperaturesAgree,
  withMethod,
  withSharedTemperature,
} from './lane-edit'

const himmelblau = atlasSurface('himmelblau')!
const doubleWell = atlasSurface('double-well')!

describe('suggestedSettings', () => {
  test("takes the surface's learning rate, time step and a temperature between its two", () => {
    expect(suggestedSettings('gd', himmelblau)).toEqual({ lr: 2e-3 })
    expect(suggestedSettings('baoab', doubleWell)).toEqual({ dt: 0.05, kT: 0.45 })
    expect(suggestedSettings('gd', null)).toEqual({})
  })
})

describe('lanes on a new surface', () => {
  test('keep methods, walkers and friction, take the new scales, and start inside', () => {
    const lanes = lanesForSurface(DEFAULT_LANES, doubleWell, doubleWell.domain)
    expect(lanes.map((l) => l.method)).toEqual(['gd', 'baoab'])
    expect(lanes[1]).toMatchObject({ walkers: 500, settings: { gamma: 5, dt: 0.05, kT: 0.45 } })
    // (-0.2, 1) is inside the double well's domain: kept.
    expect(lanes[0].start).toEqual({ kind: 'point', x: -0.2, y: 1 })
  })

  test('a start outside the new domain moves a little off its centre', () => {
    const start = startInside({ kind: 'point', x: 9, y: 9 }, { xmin: -2, xmax: 2, ymin: -1, ymax: 1 })
    expect(start).toEqual({ kind: 'point', x: 0.4, y: 0.26 })
    expect(startInside({ kind: 'uniform' }, doubleWell.domain)).toEqual({ kind: 'uniform' })
  })
})

describe('lane edits', () => {
  test('a new method starts from its defaults with the suggestions, keeping walkers and start', () => {
    const lane = withMethod(DEFAULT_LANES[1], 'adam', himmelblau)
    expect(lane).toEqual({
      method: 'adam',
      settings: { lr: 2e-3 },
      walkers: 500,
      start: { kind: 'point', x: -0.2, y: 1 },
    })
  })

  test('a new lane is the next method of the comparison, one walker for an optimizer', () => {
    const lane = newLane(DEFAULT_LANES, null)
    expect(lane).toMatchObject({ method: 'momentum', walkers: 1, start: DEFAULT_LANES[0].start })
    expect(newLane([...DEFAULT_LANES, lane, newLane([...DEFAULT_LANES, lane], null)], null).method).toBe('nesterov')
  })

  test('a click moves a Gaussian cloud and makes anything else a point', () => {
    expect(startAt({ kind: 'gaussian', x: 0, y: 0, sigma: 0.2 }, 1, 2)).toEqual({
      kind: 'gaussian',
      x: 1,
      y: 2,
      sigma: 0.2,
    })
    expect(startAt({ kind: 'uniform' }, 1, 2)).toEqual({ kind: 'point', x: 1, y: 2 })
  })

  test('coordinates are rounded to a thousandth of the width', () => {
    expect(roundCoordinate(0.48172934, 2.7)).toBe(0.482)
    expect(roundCoordinate(-3.14159, 10)).toBe(-3.14)
    expect(roundCoordinate(123.456, 1000)).toBe(123)
  })
})

describe('one temperature for every sampler', () => {
  const muller = atlasSurface('muller-brown')!
  const [gd, baoab] = DEFAULT_LANES
  const at = (lanes: readonly LaneSpec[]) => lanes.map(laneTemperature)

  test('reads a lane’s kT, its method’s default when unset, and none for an optimizer', () => {
    expect(at(DEFAULT_LANES)).toEqual([null, 20])
    expect(laneTemperature({ ...baoab!, settings: {} })).toBe(
      methodById('baoab')!.params.find((p) => p.name === 'kT')!.default,
    )
    expect(temperaturesAgree(DEFAULT_LANES)).toBe(true)
    expect(temperaturesAgree([...DEFAULT_LANES, atTemperature(baoab!, 12)])).toBe(false)
  })

  test('a lane switched to HMC joins the others’ kT instead of its own suggestion', () => {
    const hmc = withMethod(gd!, 'hmc', muller)
    expect(laneTemperature(hmc)).toBe(12) // what the surface alone suggests
    expect(at(withSharedTemperature(DEFAULT_LANES, 0, hmc))).toEqual([20, 20])
  })

  test('a new sampler lane joins too; an optimizer is left alone', () => {
    const mala = withMethod(gd!, 'mala', muller)
    expect(at(withSharedTemperature(DEFAULT_LANES, 2, mala))).toEqual([null, 20, 20])
    const momentum = withMethod(gd!, 'momentum', muller)
    expect(withSharedTemperature(DEFAULT_LANES, 2, momentum)).toEqual([...DEFAULT_LANES, momentum])
  })

  test('changing one sampler’s kT takes every other sampler with it, not the optimizers', () => {
    const lanes = [...DEFAULT_LANES, atTemperature(withMethod(gd!, 'metropolis', muller), 20)]
    const hotter = atTemperature(lanes[1]!, 35)
    const next = withSharedTemperature(lanes, 1, hotter)
    expect(at(next)).toEqual([null, 35, 35])
    expect(next[0]).toBe(lanes[0])
    // Another setting of the same lane leaves the others as they are.
    const frictional = { ...lanes[1]!, settings: { ...lanes[1]!.settings, gamma: 2 } }
    expect(withSharedTemperature(lanes, 1, frictional)[2]).toBe(lanes[2])
  })

  test('a kT another method refuses is not forced on it', () => {
    const p = methodById('baoab')!.params.find((q) => q.name === 'kT')
    if (p?.kind !== 'number') throw new Error('baoab has a numeric kT')
    expect(atTemperature(baoab!, p.max * 10)).toBe(baoab)
  })
})
