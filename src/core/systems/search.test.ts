import { describe, expect, it } from 'vitest'
import { GLOBAL_TOLERANCE } from '../dynamics/system-lane'
import { descentFromRandomStarts, energyHistogram } from './descent'
import { systemById } from './index'
import { atomRows, searchMinima } from './search'

const lj13 = systemById('lj13')!
const ab13 = systemById('ab-2d-13')!
const LJ13_GLOBAL = -44.326801

describe('global search', () => {
  /**
   * Basin hopping on LJ13 at GMIN's settings (T = 1, moves up to 0.4): the Mackay icosahedron
   * within 100 steps in at least 18 of 20 seeds (the 90%). Seeds 1-20 take 0 to 33 steps.
   */
  it('basin hopping finds the LJ13 icosahedron within 100 steps in at least 90% of seeds', () => {
    let found = 0
    let steps = 0
    for (let seed = 1; seed <= 20; seed++) {
      const r = searchMinima(lj13, { method: 'basin-hopping', budget: 100, seed, stopAtGlobal: true })
      if (r.globalAt !== null) {
        found++
        expect(r.best.energy).toBeCloseTo(LJ13_GLOBAL, 4)
      }
      steps += r.steps
    }
    expect(found).toBeGreaterThanOrEqual(18)
    expect(steps).toBeLessThan(20 * 100)
  })

  it('keeps a catalogue of distinct minima, lowest first, and reproduces it bit for bit', () => {
    const a = searchMinima(lj13, { method: 'basin-hopping', budget: 30, seed: 4 })
    const b = searchMinima(lj13, { method: 'basin-hopping', budget: 30, seed: 4 })
    expect(a.steps).toBe(30)
    expect(a.minima.length).toBeGreaterThan(1)
    for (let k = 1; k < a.minima.length; k++)
      expect(a.minima[k]!.energy).toBeGreaterThanOrEqual(a.minima[k - 1]!.energy)
    expect(a.minima.reduce((s, m) => s + m.count, 0)).toBe(31)
    expect(b.minima.map((m) => m.energy)).toEqual(a.minima.map((m) => m.energy))
    expect(Array.from(b.best.q)).toEqual(Array.from(a.best.q))
    const rows = atomRows(lj13, a.best.q)
    expect(rows).toHaveLength(13)
    expect(rows[0]).toHaveLength(3)
  })

  it('quenches parallel-tempering and annealing samples into the catalogue', () => {
    const settings = { 'parallel-tempering': { kT: 0.2, kTMax: 0.6 }, annealing: { kT: 0.6, kTEnd: 0.02 } }
    for (const method of ['parallel-tempering', 'annealing'] as const) {
      const r = searchMinima(lj13, { method, budget: 400, seed: 2, settings: settings[method], quenchEvery: 100 })
      expect(r.steps).toBe(400)
      // Four quench rounds of eight walkers.
      expect(r.quenches).toBe(32)
      expect(r.minima.reduce((s, m) => s + m.count, 0)).toBeLessThanOrEqual(32)
      expect(r.best.energy).toBeGreaterThanOrEqual(LJ13_GLOBAL - GLOBAL_TOLERANCE)
      expect(r.best.energy).toBeLessThan(-38)
    }
  })

  it('names a bad budget or method', () => {
    expect(() => searchMinima(lj13, { method: 'basin-hopping', budget: 0, seed: 1 })).toThrow(/budget/)
    expect(() => searchMinima(lj13, { method: 'nope' as never, budget: 1, seed: 1 })).toThrow(/unknown search method/)
    expect(() =>
      searchMinima(lj13, { method: 'parallel-tempering', budget: 10, seed: 1, walkers: 5, settings: { replicas: 8 } }),
    ).toThrow(/walkers/)
  })
})

/**
 * "Gradient descent ends up with a mess": 200 seeded random starts of LJ13 and of AB-13 end in
 * many minima, most above the global one; none below it.
 */
describe('descent from random starts', () => {
  it.each(['lbfgs', 'fire'] as const)(
    '%s on LJ13: every start at a minimum, fewer than half at the global one',
    (m) => {
      const r = descentFromRandomStarts(lj13, { method: m, starts: 200, seed: 1 })
      expect(r.minimum).toBe(200)
      expect(r.diverged).toBe(0)
      expect(r.atGlobal).toBeGreaterThan(0)
      expect(r.atGlobal).toBeLessThan(100)
      for (const e of r.energies) expect(e).toBeGreaterThanOrEqual(LJ13_GLOBAL - GLOBAL_TOLERANCE)
      // Bin 0 holds exactly the global minimum's finds; the rest spread over many bins.
      expect(r.histogram.counts[0]).toBe(r.atGlobal)
      expect(r.histogram.counts.filter((c) => c > 0).length).toBeGreaterThanOrEqual(8)
    },
  )

  it('L-BFGS on AB-13 never finds the folded ground state from 200 random chains', () => {
    const r = descentFromRandomStarts(ab13, { method: 'lbfgs', starts: 200, seed: 1, settings: { gtol: 1e-7 } })
    expect(r.minimum).toBe(200)
    expect(r.atGlobal).toBe(0)
    for (const e of r.energies) expect(e).toBeGreaterThan(ab13.minima[0]!.energy)
    expect(r.histogram.counts.filter((c) => c > 0).length).toBeGreaterThanOrEqual(10)
  })

  it('bins energies from the global minimum, and counts only finite ones', () => {
    const h = energyHistogram([-3, -3, -2.5, -1, Infinity, NaN], 0.5, -3)
    expect(h.from).toBeCloseTo(-3 - GLOBAL_TOLERANCE, 12)
    expect(h.counts).toEqual([2, 1, 0, 0, 1])
    expect(energyHistogram([]).counts).toEqual([])
  })
})
