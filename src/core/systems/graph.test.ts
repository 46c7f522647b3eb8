import { describe, expect, it } from 'vitest'
import { RandomStream } from '../random'
import { buildLandscapeGraph, disconnectivityGraph, type DisconnectivityGraph, type GraphSaddleInput } from './graph'
import { lj13 } from './lj13'
import { lj7TwoD } from './lj7-2d'

/** Every node's members occupy consecutive x positions: the branches of the drawing do not cross. */
function contiguous(g: DisconnectivityGraph): boolean {
  return g.nodes.every((v) => {
    const xs = v.members.map((i) => g.minima[i]!.x).sort((a, b) => a - b)
    return xs[xs.length - 1]! - xs[0]! === xs.length - 1
  })
}

/** The minimax saddle between every pair by brute force: Floyd-Warshall with max in place of +. */
function minimax(n: number, saddles: readonly GraphSaddleInput[]): number[][] {
  const m = Array.from({ length: n }, () => new Array<number>(n).fill(Infinity))
  for (const s of saddles) {
    m[s.from]![s.to] = Math.min(m[s.from]![s.to]!, s.energy)
    m[s.to]![s.from] = Math.min(m[s.to]![s.from]!, s.energy)
  }
  for (let k = 0; k < n; k++)
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) m[i]![j] = Math.min(m[i]![j]!, Math.max(m[i]![k]!, m[k]![j]!))
  return m
}

describe('the disconnectivity graph', () => {
  const minima = [{ energy: 0 }, { energy: 1 }, { energy: 2 }, { energy: 0.5 }]
  const saddles = [
    { energy: 3, from: 0, to: 1 },
    { energy: 2.5, from: 1, to: 2 },
    { energy: 4, from: 0, to: 3 },
  ]

  it('merges superbasins level by level as worked out by hand', () => {
    const g = disconnectivityGraph(minima, saddles, { levelSpacing: 1 })
    expect(g.levels).toEqual([1, 2, 3, 4, 5])
    const at = (k: number) =>
      g.nodes
        .filter((v) => v.level === k)
        .map((v) => v.members)
        .sort((a, b) => a[0]! - b[0]!)
    expect(at(1)).toEqual([[0], [3]])
    expect(at(2)).toEqual([[0], [1], [3]])
    expect(at(3)).toEqual([[0], [1, 2], [3]])
    expect(at(4)).toEqual([[0, 1, 2], [3]])
    expect(at(5)).toEqual([[0, 3, 1, 2]])
    expect(g.roots.length).toBe(1)
    expect(g.nodes[g.roots[0]!]!.parent).toBeNull()
    // Parents contain their children.
    for (const v of g.nodes)
      if (v.parent !== null) for (const i of v.members) expect(g.nodes[v.parent]!.members).toContain(i)
    expect(g.minima.map((m) => m.x)).toEqual([0, 1, 2, 3])
    expect(g.minima.map((m) => m.mergeLevel)).toEqual([4, 3, 3, 5])
    expect(g.saddles.map((s) => s.index)).toEqual([1, 1, 1])
    expect(contiguous(g)).toBe(true)
  })

  it('gives every joined pair its minimax barrier, not the direct saddle', () => {
    // 0-1 directly over 5, but 0-2 over 2 and 2-1 over 3: the best path from 0 to 1 crosses 3.
    const g = disconnectivityGraph(
      [{ energy: 0 }, { energy: 1 }, { energy: 0.5 }],
      [
        { energy: 5, from: 0, to: 1 },
        { energy: 2, from: 0, to: 2 },
        { energy: 3, from: 2, to: 1 },
      ],
    )
    expect(g.barriers).toEqual([
      { a: 0, b: 1, saddleEnergy: 3, fromA: 3, fromB: 2 },
      { a: 0, b: 2, saddleEnergy: 2, fromA: 2, fromB: 1.5 },
      { a: 1, b: 2, saddleEnergy: 3, fromA: 2, fromB: 2.5 },
    ])
  })

  it('agrees with a brute-force minimax on seeded random graphs, with uncrossed branches', () => {
    const rng = new RandomStream(99)
    for (let trial = 0; trial < 30; trial++) {
      const n = 3 + Math.floor(rng.uniform() * 10)
      const mins = Array.from({ length: n }, () => ({ energy: rng.normal() }))
      const sads: GraphSaddleInput[] = []
      const count = Math.floor(rng.uniform() * 2 * n)
      for (let k = 0; k < count; k++) {
        const from = Math.floor(rng.uniform() * n)
        const to = (from + 1 + Math.floor(rng.uniform() * (n - 1))) % n
        sads.push({ energy: Math.max(mins[from]!.energy, mins[to]!.energy) + rng.uniform(), from, to })
      }
      const g = disconnectivityGraph(mins, sads, { levels: 7 })
      const m = minimax(n, sads)
      const joined = new Map(g.barriers.map((b) => [`${b.a},${b.b}`, b.saddleEnergy]))
      for (let i = 0; i < n; i++)
        for (let j = i + 1; j < n; j++) expect(joined.get(`${i},${j}`) ?? Infinity).toBe(m[i]![j])
      expect(contiguous(g)).toBe(true)
      expect(new Set(g.minima.map((x) => x.x)).size).toBe(n)
      // The top level holds every minimum, split into one root per component.
      expect(g.roots.flatMap((r) => g.nodes[r]!.members).sort((a, b) => a - b)).toEqual([...Array(n).keys()])
    }
  })

  it('negative control: minima no saddle joins stay separate roots with no barrier between them', () => {
    const g = disconnectivityGraph([{ energy: 0 }, { energy: 1 }, { energy: 2 }], [{ energy: 3, from: 1, to: 2 }])
    expect(g.roots.length).toBe(2)
    expect(g.barriers.map((b) => [b.a, b.b])).toEqual([[1, 2]])
    expect(g.minima[0]!.mergeLevel).toBeNull()
  })

  it('rejects a saddle that joins a minimum to itself or to one not listed', () => {
    expect(() => disconnectivityGraph(minima, [{ energy: 1, from: 2, to: 2 }])).toThrow(RangeError)
    expect(() => disconnectivityGraph(minima, [{ energy: 1, from: 0, to: 4 }])).toThrow(RangeError)
  })
})

describe('the landscape of 2D LJ7 from random starts', () => {
  // Saddle energies computed here to |grad E| < 1e-8; held to 1e-6 as a regression check.
  const SADDLES = [
    { from: 0, to: 1, energy: -11.037334 },
    { from: 0, to: 2, energy: -11.040253 },
    { from: 1, to: 2, energy: -10.919789 },
    { from: 2, to: 3, energy: -10.771399 },
  ]

  it('four isomers, index-1 saddles that join their pairs, positive barriers to the hexagon, one root', () => {
    const land = buildLandscapeGraph(lj7TwoD, { starts: 200, seed: 2024 })
    expect(land.failedQuenches).toBe(0)
    expect(land.minima.length).toBe(4)
    land.minima.forEach((m, i) => expect(Math.abs(m.energy - lj7TwoD.minima[i]!.energy)).toBeLessThan(1e-4))
    expect(land.minima.map((m) => m.count)).toEqual([94, 83, 21, 2])
    // Of the six pairs, four have a direct transition state. The bands from the hexagon and from
    // capped A to the trapezoid pass through capped B: their climbing images refine to saddles
    // between capped B and the trapezoid, which are not kept for those pairs.
    expect(land.saddles.map((s) => [s.from, s.to])).toEqual(SADDLES.map((s) => [s.from, s.to]))
    land.saddles.forEach((s, k) => expect(Math.abs(s.energy - SADDLES[k]!.energy)).toBeLessThan(1e-6))
    for (const s of land.saddles) {
      expect(s.index).toBe(1)
      expect(s.gradientNorm).toBeLessThan(1e-8)
      expect(s.lowestEigenvalue).toBeLessThan(0)
    }
    expect(land.attempts.filter((a) => !a.found).map((a) => [a.from, a.to, ...a.descendsTo])).toEqual([
      [0, 3, 3, 2],
      [1, 3, 2, 3],
    ])
    const g = land.graph
    // Barriers from each other isomer to the hexagon: positive, and lower than the hexagon's own way out.
    for (const i of [1, 2, 3]) {
      const b = g.barriers.find((x) => x.a === 0 && x.b === i)!
      expect(b.fromB).toBeGreaterThan(0)
      expect(b.fromA).toBeGreaterThan(b.fromB)
    }
    // Capped A reaches capped B more cheaply through the hexagon's basin (-11.0373) than directly (-10.9198).
    expect(Math.abs(g.barriers.find((x) => x.a === 1 && x.b === 2)!.saddleEnergy - SADDLES[0]!.energy)).toBeLessThan(
      1e-6,
    )
    // The trapezoid joins the rest only over its saddle to capped B.
    expect(Math.abs(g.barriers.find((x) => x.a === 0 && x.b === 3)!.saddleEnergy - SADDLES[3]!.energy)).toBeLessThan(
      1e-6,
    )
    expect(g.roots.length).toBe(1)
    expect([...g.nodes[g.roots[0]!]!.members].sort()).toEqual([0, 1, 2, 3])
    expect(contiguous(g)).toBe(true)
    // Plain data: it survives JSON unchanged.
    expect(JSON.parse(JSON.stringify(land))).toEqual(land)
  })
})

describe('the landscape of LJ13 from random starts', () => {
  it('the icosahedron and three higher minima, joined by verified transition states under one root', () => {
    const land = buildLandscapeGraph(lj13, { starts: 50, seed: 1, maxMinima: 4 })
    expect(land.minima.length).toBe(4)
    // The Mackay icosahedron is the lowest, as in the Cambridge Cluster Database (-44.326801).
    expect(Math.abs(land.minima[0]!.energy - lj13.minima[0]!.energy)).toBeLessThan(1e-6)
    // Every pair is joined by a direct transition state here (relabelled end points, 6 rigid modes).
    expect(land.attempts.every((a) => a.found)).toBe(true)
    expect(land.saddles.length).toBe(6)
    for (const s of land.saddles) {
      expect(s.index).toBe(1)
      expect(s.gradientNorm).toBeLessThan(1e-8)
      expect(s.energy).toBeGreaterThan(Math.max(land.minima[s.from]!.energy, land.minima[s.to]!.energy))
    }
    const g = land.graph
    expect(g.roots.length).toBe(1)
    expect(g.nodes[g.roots[0]!]!.members.length).toBe(4)
    for (const b of g.barriers) expect(Math.min(b.fromA, b.fromB)).toBeGreaterThan(0)
  })
})
