import { describe, expect, it } from 'vitest'
import { RandomStream } from '../random'
import { MinimaCatalogue, scatterAtoms } from './catalogue'
import { lj7TwoD } from './lj7-2d'

const LJ7 = { atoms: 7, perAtom: 2 } as const

describe('a catalogue of quenched minima', () => {
  it('200 seeded random 2D LJ7 starts quench to exactly the four known isomers (hits 94, 83, 21, 2)', () => {
    const catalogue = new MinimaCatalogue(lj7TwoD.system(), LJ7)
    const rng = new RandomStream(2024)
    let newCount = 0
    for (let k = 0; k < 200; k++) if (catalogue.add(scatterAtoms(rng, 7, 2, 1.5, 0.8)).isNew) newCount++
    expect(catalogue.failed).toBe(0)
    expect(newCount).toBe(4)
    // The counts of this seed, lowest minimum first: the trapezoid has the smallest basin.
    expect(catalogue.entries.map((e) => e.hits)).toEqual([94, 83, 21, 2])
    const entries = catalogue.entries
    expect(entries.length).toBe(4)
    // Energies agree with the known minima to 1e-4 (in fact to the six published decimals).
    entries.forEach((e, i) => expect(Math.abs(e.energy - lj7TwoD.minima[i]!.energy)).toBeLessThan(1e-4))
    expect(entries.reduce((s, e) => s + e.hits, 0)).toBe(200)
    // Each isomer is reached by at least one quench; the hexagon has the largest basin from these starts.
    for (const e of entries) expect(e.hits).toBeGreaterThan(0)
    expect(entries[0]!.hits).toBe(Math.max(...entries.map((e) => e.hits)))
    // The stored geometries are minima of their energy.
    const sys = lj7TwoD.system()
    for (const e of entries) expect(Math.abs(sys.energy(e.q) - e.energy)).toBe(0)
  })

  it('counts a second quench of one minimum as a hit, keeps the input unchanged, and sorts by energy', () => {
    const catalogue = new MinimaCatalogue(lj7TwoD.system(), LJ7)
    const trapezoid = lj7TwoD.minima[3]!.start!()
    const copy = Float64Array.from(trapezoid)
    const first = catalogue.add(trapezoid)
    expect(first.isNew).toBe(true)
    expect([...trapezoid]).toEqual([...copy])
    const hexagon = catalogue.add(lj7TwoD.minima[0]!.start!())
    expect(hexagon.isNew).toBe(true)
    // Moved rigidly: the same minimum.
    const shifted = trapezoid.map((x, k) => x + (k % 2 === 0 ? 3 : -1))
    const again = catalogue.add(shifted)
    expect(again.isNew).toBe(false)
    expect(again.entry).toBe(first.entry)
    expect(catalogue.entries.map((e) => [e.id, e.hits])).toEqual([
      [1, 1],
      [0, 2],
    ])
  })

  it('negative control: a quench cut short is not catalogued', () => {
    const catalogue = new MinimaCatalogue(lj7TwoD.system(), LJ7, { fire: { maxSteps: 3 } })
    const r = catalogue.add(scatterAtoms(new RandomStream(1), 7, 2, 1.5, 0.8))
    expect(r.entry).toBeNull()
    expect(catalogue.failed).toBe(1)
    expect(catalogue.entries.length).toBe(0)
  })

  it('random clusters keep every pair at least minDistance apart inside the disc', () => {
    const rng = new RandomStream(5)
    for (let k = 0; k < 20; k++) {
      const q = scatterAtoms(rng, 7, 2, 1.5, 0.8)
      for (let i = 0; i < 7; i++) {
        expect(Math.hypot(q[2 * i]!, q[2 * i + 1]!)).toBeLessThanOrEqual(1.5)
        for (let j = 0; j < i; j++)
          expect(Math.hypot(q[2 * i]! - q[2 * j]!, q[2 * i + 1]! - q[2 * j + 1]!)).toBeGreaterThanOrEqual(0.8)
      }
    }
  })
})
