import { describe, expect, it } from 'vitest'
import { lj7TwoD } from './lj7-2d'
import { buildLandscapeGraph } from './graph'
import { countIsomerTransitions, directBarrier, isomerArrhenius, IsomerLabeller, IsomerTransitions } from './rates'

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

describe('LJ7-2D isomer rates against temperature (BAOAB, dt 0.005, gamma 1)', () => {
  /**
   * 32 walkers from the hexagon for 40,000 steps (200 time units) at each of kT = 0.16, 0.18, 0.20
   * (barrier/kT 9.3, 8.3, 7.5), a quench every 100 steps (0.5 time units); 3.8e6 walker-steps and
   * 38,400 quenches (about 9 s here).
   *
   * Expected agreement. Harmonic transition-state theory (Vineyard, J. Phys. Chem. Solids 3, 121,
   * 1957) and its Langevin form (Kramers-Langer) give k = A exp(-dE/kT) with A independent of T, so
   * the slope of ln k against 1/kT is the saddle's barrier dE. The next term of the expansion in
   * kT/dE (anharmonicity; Berglund, Markov Process. Relat. Fields 19, 459, 2013) shifts the slope
   * by a relative amount of order kT/dE, about kT_mid = 0.18 in absolute terms at these
   * temperatures. The test asks |fit - dE| < kT_mid + 3 stderr, stderr the fit's own (the larger
   * of its Poisson error and the scatter about the line): with the anharmonic shift inside kT_mid,
   * a false alarm needs a 3-sigma deviation, about 0.3% (normal, two-sided). What to expect of a
   * typical run: within about 25% (kT_mid/dE = 12% from the next order, plus one or two standard
   * errors of 0.14, 9% each, at this budget); the bound tested is the derived one, which at this
   * budget allows about 40%.
   *
   * Measured (seed 1): out of the hexagon 38, 77, 151 transitions, fitted barrier 1.371 +- 0.138
   * against 1.4946 (8% low; seed 2: 1.348 +- 0.230); capped A to the hexagon 0.21 +- 0.28 against
   * 0.464.
   *
   * Negative control: the back rates' fit (capped A -> hexagon) held to the barrier out of the
   * hexagon fails the same bound: the comparison tells the two barriers apart.
   */
  it('fits the barriers of the landscape graph from rates at three temperatures, and tells them apart', () => {
    const runs = [0.16, 0.18, 0.2].map((kT) =>
      countIsomerTransitions({ descriptor: lj7TwoD, kT, walkers: 32, steps: 40_000, interval: 100, start: 0, seed: 1 }),
    )
    for (const run of runs) expect(run.unlabelled / run.looks).toBeLessThan(0.01)
    const kTMid = 0.18
    const out = isomerArrhenius(runs, 0, [1, 2, 3])
    // Rates grow with kT, and each point rests on enough transitions for a rate (>= 20: +-22%).
    const counts = out.rates.map((r) => r.transitions)
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(20)
    for (let k = 1; k < out.rates.length; k++) expect(out.rates[k]!.rate).toBeGreaterThan(out.rates[k - 1]!.rate)
    const fit = out.fit!
    expect(Math.abs(fit.barrier - HEXAGON_OUT), `out of the hexagon: ${fit.barrier} +- ${fit.stderr}`).toBeLessThan(
      kTMid + 3 * fit.stderr,
    )
    const back = isomerArrhenius(runs, 1, [0]).fit!
    expect(
      Math.abs(back.barrier - CAPPED_A_TO_HEXAGON),
      `capped A to hexagon: ${back.barrier} +- ${back.stderr}`,
    ).toBeLessThan(kTMid + 3 * back.stderr)
    expect(Math.abs(back.barrier - HEXAGON_OUT)).toBeGreaterThan(kTMid + 3 * back.stderr)
  })
})
