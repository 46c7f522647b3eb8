import { describe, expect, it } from 'vitest'
import type { FreeEnergyGrid } from '../../engine/system-protocol'
import { beadLegend, cvMapFigure, insideRanges, mapRanges, moleculeRanges, uncertainBins } from './figures'

/** A 2 x 3 grid: bins (0, 0) and (1, 2) empty, the others F = i + j with errors, one without. */
function grid(): FreeEnergyGrid {
  const F = Float64Array.from([NaN, 1, 2, 1, 2, NaN])
  const error = Float64Array.from([NaN, 0.1, NaN, 0.1, 0.2, NaN])
  return {
    s1: Float64Array.from([0.5, 1.5]),
    s2: Float64Array.from([10, 20, 30]),
    F,
    error,
    counts: Float64Array.from([0, 5, 3, 5, 2, 0]),
    samples: 15,
    blocks: 2,
    kT: 1,
    source: 'samples',
  }
}

describe('the free-energy map', () => {
  it('draws F as rows over s2 with empty bins blank and the error in the hover text', () => {
    const g = grid()
    const ranges = mapRanges(g, [], [])
    const fig = cvMapFigure({ axes: ['a', 'b'], grid: g, ranges, key: 'k' }, { dark: false })
    const trace = fig.data[0] as { z: (number | null)[][]; text: string[][] }
    expect(trace.z).toEqual([
      [null, 1],
      [1, 2],
      [2, null],
    ])
    expect(trace.text[0]![0]).toBe('')
    expect(trace.text[1]![1]!.replace(/\u2212/g, '-')).toBe('F = 2.00 ± 0.20 · 2 samples')
    expect(trace.text[2]![0]).toBe('F = 2.00 (error after two blocks) · 3 samples')
    expect(fig.layout.xaxis?.range).toEqual(ranges.x)
    // Bins with an error above kT/2, or none yet, are marked: (0.5, 30) without an error; none else
    // (errors 0.1 and 0.2 at kT = 1).
    const marks = fig.data[1] as { x: number[]; y: number[] }
    expect([marks.x, marks.y]).toEqual([[0.5], [30]])
    expect(uncertainBins({ ...g, kT: 0.3 })).toEqual({ x: [0.5, 1.5], y: [30, 20] })
    expect(uncertainBins({ ...g, source: 'metadynamics' })).toEqual({ x: [], y: [] })
  })

  it('fits its ranges to the grid and the walkers, with a margin, and says when a walker leaves them', () => {
    const r = mapRanges(grid(), [3], [20], 0)
    expect(r.x).toEqual([0, 3])
    expect(r.y).toEqual([5, 35])
    expect(insideRanges(r, [1, 2.9], [6, 30])).toBe(true)
    expect(insideRanges(r, [3.1], [20])).toBe(false)
    // No grid and one walker: a width of its own.
    const alone = mapRanges(null, [2], [0], 0.1)
    expect(alone.x[0]).toBeLessThan(2)
    expect(alone.x[1]).toBeGreaterThan(2)
    expect(alone.y[1]! - alone.y[0]!).toBeGreaterThan(0)
  })

  it("keeps a flat molecule's ranges while its atoms stay inside, else squares them around the atoms", () => {
    const atoms = Float64Array.from([0, 0, 0, 2, 1, 0])
    const r = moleculeRanges(atoms, 2, null)
    expect(r).toEqual([-0.5, 2.5, -1, 2])
    expect(moleculeRanges(Float64Array.from([0.1, 0, 0, 2.4, 1.9, 0]), 2, r)).toEqual(r)
    const moved = moleculeRanges(Float64Array.from([3, 0, 0, 5, 0, 0]), 2, r)
    expect(moved).toEqual([2.5, 5.5, -1.5, 1.5])
  })

  it('names the bead kinds of chains, and none for a cluster', () => {
    expect(beadLegend('ab').map((b) => b.name)).toEqual(['A (hydrophobic)', 'B (hydrophilic)'])
    expect(beadLegend('bln')).toHaveLength(3)
    expect(beadLegend(null)).toEqual([])
  })
})
