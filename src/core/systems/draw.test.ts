import { describe, expect, it } from 'vitest'
import { ab13, abDescriptor } from './ab-2d'
import { bln46 } from './bln46'
import { atomLayoutOf, contacts, graphLines, moleculeShape, pairSegments } from './draw'
import { disconnectivityGraph } from './graph'
import { lj13 } from './lj13'
import { lj7TwoD } from './lj7-2d'
import { positionsOf } from './xyz'

describe('drawing a molecule', () => {
  it('knows the layout of each kind of system', () => {
    expect(atomLayoutOf(lj7TwoD)).toEqual({ atoms: 7, perAtom: 2 })
    expect(atomLayoutOf(lj13)).toEqual({ atoms: 13, perAtom: 3 })
    expect(atomLayoutOf(bln46)).toEqual({ atoms: 46, perAtom: 3 })
    const ab = atomLayoutOf(ab13)
    expect([ab.atoms, ab.perAtom]).toEqual([13, 2])
    // A straight chain: all turning angles zero puts bead k at (k, 0).
    const xy = new Float64Array(26)
    ab.positions!(new Float64Array(11), xy)
    expect(Array.from(xy.filter((_, k) => k % 2 === 0))).toEqual(Array.from({ length: 13 }, (_, k) => k))
  })

  it('bonds consecutive beads of chains and colours them by letter; clusters have one kind', () => {
    const chain = moleculeShape(abDescriptor('ABBA'))
    expect(chain).toEqual({
      atoms: 4,
      planar: true,
      beads: 'ABBA',
      bonds: [
        [0, 1],
        [1, 2],
        [2, 3],
      ],
    })
    const bln = moleculeShape(bln46)
    expect([bln.planar, bln.beads?.length, bln.bonds.length]).toEqual([false, 46, 45])
    expect(new Set(bln.beads)).toEqual(new Set(['B', 'L', 'N']))
    expect(moleculeShape(lj13)).toEqual({ atoms: 13, planar: false, beads: null, bonds: [] })
  })

  it("finds the hexagon's twelve nearest-neighbour contacts and draws them as segments with gaps", () => {
    const q = lj7TwoD.minima[0]!.start!()
    const map = positionsOf(lj7TwoD)
    const pos = new Float64Array(21)
    map.positions(q, pos)
    const pairs = contacts(pos, 7)
    // Six spokes from the centre and six rim edges.
    expect(pairs).toHaveLength(12)
    const s = pairSegments(pos, pairs.slice(0, 1))
    expect(s.x).toEqual([pos[0], pos[3 * pairs[0]![1]], null])
    expect(s.z).toEqual([0, 0, null])
  })
})

describe('the lines of a disconnectivity graph', () => {
  it('runs each minimum up to its first level and joins basins where they merge', () => {
    const g = disconnectivityGraph(
      [{ energy: 0 }, { energy: 1 }, { energy: 2 }, { energy: 0.5 }],
      [
        { energy: 3, from: 0, to: 1 },
        { energy: 2.5, from: 1, to: 2 },
        { energy: 4, from: 0, to: 3 },
      ],
      { levelSpacing: 1 },
    )
    const lines = graphLines(g)
    // Segments come in triples (start, end, gap): one per minimum and one per node.
    expect(lines.x.length).toBe(3 * (g.minima.length + g.nodes.length))
    expect(lines.x.filter((v) => v === null)).toHaveLength(g.minima.length + g.nodes.length)
    // Minimum 0 (x 0) rises from 0 to the first level, 1.
    expect([lines.x[0], lines.y[0], lines.x[1], lines.y[1]]).toEqual([0, 0, 0, 1])
    // The single root goes on up half a level above the top level, 5.
    const tops = lines.y.filter((v): v is number => v !== null)
    expect(Math.max(...tops)).toBe(5.5)
    expect(lines.leaves.map((l) => l.energy)).toEqual([0, 1, 2, 0.5])
    expect(lines.range[0]).toBeLessThan(0)
    expect(lines.range[1]).toBeGreaterThan(5.5)
  })
})
