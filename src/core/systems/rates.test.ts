import { describe, expect, it } from 'vitest'
import { lj7TwoD } from './lj7-2d'
import { buildLandscapeGraph } from './graph'
import { directBarrier, IsomerLabeller, IsomerTransitions } from './rates'

/**
 * LJ7-2D's landscape graph (200 quenched starts, every pair joined by CI-NEB; graph.test.ts holds it
 * to its saddles): hexagon-capped A -11.037334, hexagon-capped B -11.040253. The barrier out of the
 * hexagon is the lower one, -11.040253 - (-12.534867) = 1.494614 (the other is 1.497533: the two
 * channels make one Arrhenius slope); back from capped A it is -11.037334 - (-11.501291) = 0.463957.
 */
const GRAPH = buildLandscapeGraph(lj7TwoD, { starts: 200, seed: 2024 })
const HEXAGON_OUT = directBarrier(GRAPH, 0, [1, 2, 3])
const CAPPED_A_TO_HEXAGON = directBarrier(GRAPH, 1, [0])

describe('isomer transitions with commitment to the last state seen', () => {
  it('counts a change of state once, ignores unlabelled looks, and counts time where the walker is committed', () => {
    const t = new IsomerTransitions(3, 2)
    t.observe(0, 0, 0)
    t.observe(0, 0, 1)
    t.observe(0, -1, 1) // a quench that reached no known minimum: still committed to 0
    t.observe(0, 1, 1)
    t.observe(0, 1, 1)
    t.observe(0, 0, 1)
    t.observe(1, 2, 0)
    t.observe(1, 2, 5)
    expect(Array.from(t.counts)).toEqual([0, 1, 0, 1, 0, 0, 0, 0, 0])
    expect(Array.from(t.time)).toEqual([3, 2, 5])
    const out = t.rate(0, [1, 2])
    expect(out).toMatchObject({ transitions: 1, time: 3, rate: 1 / 3 })
    expect(out.rateLow).toBeLessThan(out.rate)
    expect(out.rateHigh).toBeGreaterThan(out.rate)
  })

  it('reads the barriers off the landscape graph', () => {
    expect(HEXAGON_OUT).toBeCloseTo(1.494614, 5)
    expect(CAPPED_A_TO_HEXAGON).toBeCloseTo(0.463957, 5)
    // Capped A and the trapezoid are joined by no saddle of their own.
    expect(directBarrier(GRAPH, 1, [3])).toBeNaN()
  })

  it('labels each known geometry of LJ7-2D by its own minimum after a quench', () => {
    const labeller = new IsomerLabeller(lj7TwoD)
    lj7TwoD.minima.forEach((m, k) => {
      expect(labeller.label(m.start!())).toBe(k)
      expect(Math.abs(labeller.lastEnergy - m.energy)).toBeLessThan(1e-6)
    })
  })
})

// The rates on LJ7-2D against temperature and their Arrhenius fits against the graph's barriers
// are asserted once, in the guided experiment's test (experiments/systems/lj7-isomer-rates.test.ts).
