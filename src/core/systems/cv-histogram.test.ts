import { describe, expect, it } from 'vitest'
import { CvHistogram } from './cv-histogram'
import { freeEnergySurface } from './free-energy'

describe('a free-energy histogram whose grid follows the samples', () => {
  it('fits its grid to the first samples and gives the same F as a histogram built on that grid', () => {
    const h = new CvHistogram({ kT: 1, bins: 10, blockSize: 4 })
    expect(h.surface()).toBeNull()
    const s1 = [0, 1, 1, 2, 2, 2, 3, 3, 4, 0.5, 1.5, 2.5]
    const s2 = s1.map((v) => 10 - v)
    s1.forEach((v, t) => h.add(v, s2[t]!))
    const f = h.surface()!
    expect(f.s1.edges[0]).toBeLessThan(0)
    expect(f.s1.edges[10]).toBeGreaterThan(4)
    const min = f.s1.edges[0]!
    const max = f.s1.edges[10]!
    const ref = freeEnergySurface(s1, s2, {
      kT: 1,
      blockSize: 4,
      s1: { min, max, bins: 10 },
      s2: { min: f.s2.edges[0]!, max: f.s2.edges[10]!, bins: 10 },
    })
    expect(f.F).toEqual(ref.F)
    expect(f.error).toEqual(ref.error)
    expect(f.outside).toBe(0)
  })

  it('refits when samples leave the grid, keeping every sample', () => {
    const h = new CvHistogram({ kT: 0.5, bins: 8 })
    for (let t = 0; t < 100; t++) h.add(t % 2, t % 3)
    const before = h.surface()!
    expect(before.s1.edges[8]).toBeLessThan(2)
    for (let t = 0; t < 10; t++) h.add(5, 5)
    const after = h.surface()!
    expect(after.s1.edges[8]).toBeGreaterThan(5)
    expect(after.samples).toBe(110)
    expect(after.outside).toBe(0)
    expect(h.count).toBe(110)
  })

  it('narrows its grid when the samples spread over less than half of it', () => {
    const h = new CvHistogram({ kT: 1, bins: 4 })
    h.add(1, 1)
    const wide = h.surface()!
    expect(wide.s1.edges[4]! - wide.s1.edges[0]!).toBe(1)
    h.add(1.1, 1.1)
    const narrow = h.surface()!
    expect(narrow.s1.edges[4]! - narrow.s1.edges[0]!).toBeCloseTo(0.1 * 1.16, 12)
    expect(narrow.samples).toBe(2)
  })

  it('ignores samples that are not finite, and gives a single value a grid of its own width', () => {
    const h = new CvHistogram({ kT: 1, bins: 4 })
    h.add(NaN, 1)
    h.add(2, 3)
    const f = h.surface()!
    expect(f.samples).toBe(1)
    expect(f.s1.edges[0]).toBeLessThan(2)
    expect(f.s1.edges[4]).toBeGreaterThan(2)
  })
})
