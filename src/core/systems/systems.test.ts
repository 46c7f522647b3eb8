import { describe, expect, it } from 'vitest'
import { itemsInFolders, missingFromList } from '../../testing/one-file-each'
import type { SystemDescriptor } from './descriptor'
import { systemById, SYSTEMS } from './index'
import { fire } from './minimise'

const isSystem = (v: unknown): v is SystemDescriptor =>
  typeof v === 'object' &&
  v !== null &&
  'minima' in v &&
  'defaults' in v &&
  typeof (v as SystemDescriptor).system === 'function'

describe('the list of systems', () => {
  it('holds every system a file of systems/ exports, and nothing without a file', async () => {
    const found = await itemsInFolders([new URL('./', import.meta.url)], isSystem)
    expect(found.length).toBeGreaterThanOrEqual(SYSTEMS.length)
    expect(missingFromList(found, SYSTEMS, (s) => s.id)).toEqual({ unlisted: [], withoutFile: [] })
  })

  it('has unique kebab-case ids that systemById finds', () => {
    for (const s of SYSTEMS) {
      expect(s.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/)
      expect(systemById(s.id)).toBe(s)
    }
    expect(new Set(SYSTEMS.map((s) => s.id)).size).toBe(SYSTEMS.length)
    expect(systemById('constructor')).toBeUndefined()
  })

  it('describes each system: its dimension, units, note, positive defaults, minima lowest first', () => {
    for (const s of SYSTEMS) {
      expect(s.system().dim).toBe(s.dim)
      expect(s.title.length).toBeGreaterThan(0)
      expect(s.units.length).toBeGreaterThan(0)
      expect(s.note.length).toBeGreaterThan(100)
      expect(s.defaults.dt).toBeGreaterThan(0)
      expect(s.defaults.kT).toBeGreaterThan(0)
      expect(s.defaults.friction).toBeGreaterThan(0)
      expect(s.minima.length).toBeGreaterThan(0)
      for (let i = 1; i < s.minima.length; i++) expect(s.minima[i]!.energy).toBeGreaterThan(s.minima[i - 1]!.energy)
      for (const m of s.minima) expect(m.source.length).toBeGreaterThan(0)
    }
  })
})

describe('the terms of the energy', () => {
  it('add up to the energy, for every system that lists them, and the chains list them', () => {
    expect(systemById('bln-46')!.terms?.names).toEqual(['bonds', 'bond angles', 'dihedrals', 'non-bonded pairs'])
    expect(systemById('ab-2d-13')!.terms?.names).toEqual(['bending', 'non-bonded pairs'])
    let seed = 3
    const uniform = () => (seed = (seed * 16807) % 2147483647) / 2147483647
    for (const s of SYSTEMS) {
      if (s.terms === undefined) continue
      const terms = s.terms.create()
      const q = new Float64Array(s.dim)
      const out = new Float64Array(s.terms.names.length)
      for (let k = 0; k < 3; k++) {
        s.randomState(uniform, q)
        const e = s.system().energy(q)
        expect(terms(q, out), s.id).toBeCloseTo(e, 10)
        expect(
          out.reduce((a, b) => a + b, 0),
          s.id,
        ).toBeCloseTo(e, 9)
        // Every term is a real share of it: none is the whole energy on a random chain.
        for (const t of out) expect(Math.abs(t - e), s.id).toBeGreaterThan(1e-9)
      }
    }
  })
})

describe('the known minima', () => {
  for (const s of SYSTEMS)
    for (const m of s.minima) {
      const start = m.start
      if (start === null) continue
      // The literature quotes six decimals: a match is |E - E_lit| <= 5e-7, half a unit of the last digit.
      // |grad E| < 1e-8 puts E within about |g|^2 / (2 lambda_min) of the minimum: far below that.
      it(`${s.id}: ${m.name}, E = ${m.energy}, is reached by FIRE from its built geometry`, () => {
        const sys = s.system()
        const q = start()
        expect(q.length).toBe(s.dim)
        const r = fire(sys, q, { gradientTolerance: 1e-8 })
        expect(r.converged).toBe(true)
        expect(Math.abs(r.energy - m.energy)).toBeLessThanOrEqual(5e-7)
        // The wall is idle: the energy is the cluster's alone.
        const g = new Float64Array(s.dim)
        expect(sys.gradient(q, g)).toBe(r.energy)
      })
    }
})
