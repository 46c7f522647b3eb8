import { describe, expect, it } from 'vitest'
import { RandomStream } from '../random'
import type { System } from '../system'
import { BLN46_SEQUENCE, BLN_TERMS, bln46, blnSystem, blnTerms, type BlnTerm } from './bln46'
import { fire } from './minimise'

/** Uniforms from the project's seeded stream (core/random.ts), for test states. */
function rng(seed: number): () => number {
  const stream = new RandomStream(seed)
  return () => stream.uniform()
}

/**
 * A random 46-bead chain: bonds of length 1 +- 0.05 in random directions, each bead at least
 * 0.9 from every earlier non-neighbour (a walk that traps itself starts again).
 */
function randomChain(n: number, seed: number): Float64Array {
  const next = rng(seed)
  const q = new Float64Array(3 * n)
  for (let restart = 0; restart < 10000; restart++) {
    let k = 1
    for (; k < n; k++) {
      let placed = false
      for (let attempt = 0; attempt < 100 && !placed; attempt++) {
        const z = 2 * next() - 1
        const a = 2 * Math.PI * next()
        const r = 0.95 + 0.1 * next()
        const s = Math.sqrt(1 - z * z)
        const px = q[3 * k - 3]! + r * s * Math.cos(a)
        const py = q[3 * k - 2]! + r * s * Math.sin(a)
        const pz = q[3 * k - 1]! + r * z
        let ok = true
        for (let m = 0; m < k - 1 && ok; m++) {
          const d2 = (px - q[3 * m]!) ** 2 + (py - q[3 * m + 1]!) ** 2 + (pz - q[3 * m + 2]!) ** 2
          if (d2 < 0.9 ** 2) ok = false
        }
        if (ok) {
          q[3 * k] = px
          q[3 * k + 1] = py
          q[3 * k + 2] = pz
          placed = true
        }
      }
      if (!placed) break
    }
    if (k === n) return q
  }
  throw new Error('randomChain: no chain found')
}

const EPS = 2 ** -52

/**
 * Analytic gradient against central differences D_h = (E(q + h e_k) - E(q - h e_k)) / 2h, with
 * h = 1e-5 (near eps^(1/3) = 6e-6, balancing truncation and rounding). Tolerance per
 * coordinate, derived rather than tuned: 2 |D_2h - D_h| for truncation (|D_2h - D_h| estimates
 * three times the h^2 error of D_h, so a 6x margin) plus n_terms eps S / h for rounding, S the
 * sum of the magnitudes of the four term energies (each is a sum of n_terms terms of one sign
 * except the non-bonded one, bounded by its positive and negative parts, each below S).
 */
function expectGradientMatches(
  energy: (q: Float64Array) => number,
  gradient: (q: Float64Array, g: Float64Array) => number,
  q: Float64Array,
  scale: number,
): void {
  const h = 1e-5
  const dim = q.length
  const g = new Float64Array(dim)
  const e = gradient(q, g)
  expect(e).toBeCloseTo(energy(q), 9)
  const nTerms = (dim / 3) ** 2
  const rounding = (nTerms * EPS * scale) / h
  const p = Float64Array.from(q)
  const d = (k: number, step: number): number => {
    p[k] = q[k]! + step
    const up = energy(p)
    p[k] = q[k]! - step
    const down = energy(p)
    p[k] = q[k]!
    return (up - down) / (2 * step)
  }
  for (let k = 0; k < dim; k++) {
    const dh = d(k, h)
    const tol = 2 * Math.abs(d(k, 2 * h) - dh) + rounding
    expect(Math.abs(dh - g[k]!), `coordinate ${k}: analytic ${g[k]}, central ${dh}`).toBeLessThanOrEqual(tol)
  }
}

function termScale(q: Float64Array): number {
  const t = blnTerms(q)
  return Math.abs(t[0]!) + Math.abs(t[1]!) + Math.abs(t[2]!) + Math.abs(t[3]!) + 1
}

describe('BLN 46-bead model', () => {
  it('has the sequence B9 N3 (LB)4 N3 B9 N3 (LB)5 L (Honeycutt & Thirumalai 1990)', () => {
    expect(BLN46_SEQUENCE).toBe('BBBBBBBBBNNNLBLBLBLBNNNBBBBBBBBBNNNLBLBLBLBLBL')
    expect(BLN46_SEQUENCE.length).toBe(46)
    expect(bln46.dim).toBe(138)
    expect(bln46.system().dim).toBe(138)
  })

  it('has the four terms of the GMIN form on a chain built by hand', () => {
    // Four beads B B B B: bond lengths 1, 1.1, 1; angles 90 deg; dihedral 90 deg; pair 0-3.
    const sys = blnSystem('BBBB')
    const q = Float64Array.of(0, 0, 0, 1, 0, 0, 1, 1.1, 0, 1, 1.1, 1)
    const out = new Float64Array(4)
    const total = sys.terms(q, out)
    expect(out[0]).toBeCloseTo(231.2 * 0.1 ** 2, 12)
    const dTheta = Math.PI / 2 - (105 * Math.PI) / 180
    expect(out[1]).toBeCloseTo(2 * 20 * dTheta ** 2, 12)
    // phi = +-90 deg: A(1 + cos phi) + C(1 + cos 3 phi) = 1.2 + 1.2 (no N beads)
    expect(out[2]).toBeCloseTo(2.4, 12)
    const r2 = 1 + 1.1 ** 2 + 1
    expect(out[3]).toBeCloseTo(4 * (r2 ** -6 - r2 ** -3), 12)
    expect(total).toBeCloseTo(out[0]! + out[1]! + out[2]! + out[3]!, 12)
    expect(sys.energy(q)).toBeCloseTo(total, 12)
    // With two N beads the dihedral has A = 0, C = 0.2; N pairs are pure repulsion.
    const nn = blnSystem('NBBN').terms(q, out)
    expect(out[2]).toBeCloseTo(0.2, 12)
    expect(out[3]).toBeCloseTo(4 * r2 ** -6, 12)
    expect(nn).toBeGreaterThan(0)
    // L-B pairs: 4 (1/3)(r^-12 + r^-6)
    blnSystem('LBBB').terms(q, out)
    expect(out[3]).toBeCloseTo((4 / 3) * (r2 ** -6 + r2 ** -3), 12)
  })

  it('finds trans the favoured dihedral outside the turns', () => {
    const sys = blnSystem('BBBB')
    const out = new Float64Array(4)
    // a planar zigzag: phi = 180 deg gives A(1 + cos phi) + C(1 + cos 3 phi) = 0
    const trans = Float64Array.of(0, 1, 0, 0, 0, 0, 1, 0, 0, 1, -1, 0)
    sys.terms(trans, out)
    expect(out[2]).toBeCloseTo(0, 12)
    const cis = Float64Array.of(0, 1, 0, 0, 0, 0, 1, 0, 0, 1, 1, 0)
    sys.terms(cis, out)
    expect(out[2]).toBeCloseTo(4.8, 12)
  })

  for (let seed = 1; seed <= 3; seed++) {
    it(`has the gradient of its total energy and of each term (central differences, seeded chain ${seed})`, () => {
      const sys = blnSystem()
      const q = randomChain(46, seed)
      const scale = termScale(q)
      expectGradientMatches(sys.energy, sys.gradient, q, scale)
      const out = new Float64Array(4)
      const gSum = new Float64Array(sys.dim)
      const gAll = new Float64Array(sys.dim)
      sys.gradient(q, gAll)
      for (let t = 0; t < 4; t++) {
        const term = t as BlnTerm
        const only = (p: Float64Array): number => {
          sys.terms(p, out)
          return out[term]!
        }
        const grad = (p: Float64Array, g: Float64Array): number => sys.termGradient(term, p, g)
        expectGradientMatches(only, grad, q, scale)
        const g = new Float64Array(sys.dim)
        sys.termGradient(term, q, g)
        for (let k = 0; k < sys.dim; k++) gSum[k] = gSum[k]! + g[k]!
      }
      for (let k = 0; k < sys.dim; k++) expect(gSum[k]!).toBeCloseTo(gAll[k]!, 9)
    })
  }

  it('names its terms and coordinates', () => {
    expect(BLN_TERMS).toEqual(['bonds', 'bond angles', 'dihedrals', 'non-bonded pairs'])
    const sys: System = blnSystem()
    expect(sys.coordinate(0)).toBe('bead 1 x')
    expect(sys.coordinate(137)).toBe('bead 46 z')
  })

  it('refuses a bead that is not B, L or N', () => {
    expect(() => blnSystem('BBXB')).toThrow(/bead 3 is 'X'/)
  })

  it('relaxes a seeded chain to a stationary point below its start', () => {
    const sys = bln46.system()
    const q = randomChain(46, 11)
    const start = sys.energy(q)
    const r = fire(sys, q, { gradientTolerance: 1e-6, maxSteps: 200000 })
    expect(r.converged).toBe(true)
    expect(r.energy).toBeLessThan(start)
    // above the literature global minimum quoted in the descriptor
    expect(r.energy).toBeGreaterThan(bln46.minima[0]!.energy)
  })
})
