import { describe, expect, it } from 'vitest'
import { RandomStream } from '../random'
import { abChainSystem, AB13_GROUND_STATE_ANGLES, FIBONACCI_13 } from './ab-2d'
import { scatterAtoms } from './catalogue'
import { alignClusters, alignRotation, centre, fingerprint, rmsd, sameMinimum, type AtomLayout } from './identity'
import { icosahedron13, lj13 } from './lj13'
import { lj7TwoD } from './lj7-2d'
import { fire } from './minimise'

const LJ7: AtomLayout = { atoms: 7, perAtom: 2 }
const LJ13: AtomLayout = { atoms: 13, perAtom: 3 }

/** The four 2D LJ7 isomers, quenched to |grad E| < 1e-9 from their built geometries, lowest first. */
function lj7Minima(): { q: Float64Array; energy: number }[] {
  const sys = lj7TwoD.system()
  return lj7TwoD.minima.map((m) => {
    const q = m.start!()
    const r = fire(sys, q, { gradientTolerance: 1e-9 })
    return { q, energy: r.energy }
  })
}

/** A random proper rotation (and, with `mirror`, a reflection), a shift and a relabelling of q. */
function scramble(q: Float64Array, layout: AtomLayout, rng: RandomStream, mirror: boolean): Float64Array {
  const { atoms: n, perAtom: s } = layout
  const perm = Array.from({ length: n }, (_, i) => i)
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng.uniform() * (i + 1))
    ;[perm[i], perm[j]] = [perm[j]!, perm[i]!]
  }
  // A rotation matrix: in 3D from a random unit quaternion, in 2D from a random angle.
  let r: number[]
  if (s === 2) {
    const t = 2 * Math.PI * rng.uniform()
    r = [Math.cos(t), -Math.sin(t), Math.sin(t), Math.cos(t)]
  } else {
    const w = [rng.normal(), rng.normal(), rng.normal(), rng.normal()]
    const size = Math.hypot(...w)
    const [a, b, c, d] = w.map((x) => x / size) as [number, number, number, number]
    r = [
      a * a + b * b - c * c - d * d,
      2 * (b * c - a * d),
      2 * (b * d + a * c),
      2 * (b * c + a * d),
      a * a - b * b + c * c - d * d,
      2 * (c * d - a * b),
      2 * (b * d - a * c),
      2 * (c * d + a * b),
      a * a - b * b - c * c + d * d,
    ]
  }
  const shift = Array.from({ length: s }, () => 5 * rng.normal())
  const out = new Float64Array(n * s)
  for (let i = 0; i < n; i++) {
    const src = perm[i]!
    const x = Array.from({ length: s }, (_, a) => q[s * src + a]!)
    if (mirror) x[0] = -x[0]!
    for (let a = 0; a < s; a++) {
      let v = shift[a]!
      for (let b = 0; b < s; b++) v += r[a * s + b]! * x[b]!
      out[s * i + a] = v
    }
  }
  return out
}

describe('fingerprints of minima', () => {
  it('a rotated, shifted, relabelled and mirrored 2D LJ7 hexagon is the same minimum', () => {
    const sys = lj7TwoD.system()
    const [hexagon] = lj7Minima()
    const rng = new RandomStream(11)
    const a = fingerprint(hexagon!.q, hexagon!.energy, LJ7)
    for (const mirror of [false, true]) {
      const copy = scramble(hexagon!.q, LJ7, rng, mirror)
      const b = fingerprint(copy, sys.energy(copy), LJ7)
      // The energy of a moved copy differs only by rounding in a different summation order.
      expect(Math.abs(b.energy - a.energy)).toBeLessThan(1e-12)
      expect(sameMinimum(a, b)).toBe(true)
    }
  })

  it("a rotated, shifted and relabelled copy of LJ13's icosahedron is the same minimum", () => {
    const sys = lj13.system()
    const q = icosahedron13()
    const r = fire(sys, q, { gradientTolerance: 1e-9 })
    expect(Math.abs(r.energy - lj13.minima[0]!.energy)).toBeLessThan(5e-7)
    const a = fingerprint(q, r.energy, LJ13)
    const copy = scramble(q, LJ13, new RandomStream(12), false)
    const b = fingerprint(copy, sys.energy(copy), LJ13)
    expect(sameMinimum(a, b)).toBe(true)
  })

  it('tells the four 2D LJ7 isomers apart, and holds two capped ones apart by their distances alone', () => {
    const minima = lj7Minima()
    const fps = minima.map((m) => fingerprint(m.q, m.energy, LJ7))
    for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) expect(sameMinimum(fps[i]!, fps[j]!)).toBe(i === j)
    // With the energies made equal, the distance lists alone still differ beyond 1e-3.
    const capped = fps.slice(1, 3).map((f) => ({ energy: 0, distances: f.distances }))
    expect(sameMinimum(capped[0]!, capped[1]!)).toBe(false)
  })

  it('negative control: a structure moved beyond the tolerances is not the same minimum', () => {
    const sys = lj7TwoD.system()
    const [hexagon] = lj7Minima()
    const a = fingerprint(hexagon!.q, hexagon!.energy, LJ7)
    // Stretching one outer atom radially by 0.01 changes two distances by about 0.01 (> 1e-3)
    // and the energy by about V''(r) 0.01^2 / 2 ~ 3e-3 (> 1e-6).
    const moved = Float64Array.from(hexagon!.q)
    const c = [0, 0]
    for (let i = 0; i < 7; i++) for (let k = 0; k < 2; k++) c[k]! += moved[2 * i + k]! / 7
    let far = 1
    for (let i = 0; i < 7; i++)
      if (Math.hypot(moved[2 * i]! - c[0]!, moved[2 * i + 1]! - c[1]!) > 0.5) {
        far = i
        break
      }
    const ux = moved[2 * far]! - c[0]!
    const uy = moved[2 * far + 1]! - c[1]!
    const len = Math.hypot(ux, uy)
    moved[2 * far] = moved[2 * far]! + (0.01 * ux) / len
    moved[2 * far + 1] = moved[2 * far + 1]! + (0.01 * uy) / len
    const b = fingerprint(moved, sys.energy(moved), LJ7)
    expect(sameMinimum(a, b)).toBe(false)
    // Energy alone and distances alone each fail.
    expect(sameMinimum(a, { energy: a.energy, distances: b.distances })).toBe(false)
    expect(sameMinimum(a, { energy: b.energy, distances: a.distances })).toBe(false)
    // A change of 1e-5 in every coordinate passes.
    const near = Float64Array.from(hexagon!.q, (x, k) => x + (k % 3 === 0 ? 1e-5 : 0))
    expect(sameMinimum(a, fingerprint(near, sys.energy(near), LJ7))).toBe(true)
  })

  it('fingerprints a chain in angle coordinates from its positions', () => {
    const chain = abChainSystem(FIBONACCI_13)
    const layout: AtomLayout = { atoms: 13, perAtom: 2, positions: (q, out) => chain.positions(q, out) }
    const q = Float64Array.from(AB13_GROUND_STATE_ANGLES)
    const e = chain.energy(q)
    const a = fingerprint(q, e, layout)
    expect(a.distances.length).toBe(78)
    // Bonds have length 1: the 12 bond lengths are among the distances.
    expect(a.distances.filter((d) => Math.abs(d - 1) < 1e-12).length).toBeGreaterThanOrEqual(12)
    // Negating every angle mirrors the chain: the same minimum.
    const mirrored = q.map((x) => -x)
    expect(sameMinimum(a, fingerprint(mirrored, chain.energy(mirrored), layout))).toBe(true)
  })
})

describe('superposition', () => {
  it('brings a rotated, shifted 2D hexagon back onto itself to RMSD < 1e-10', () => {
    const [hexagon] = lj7Minima()
    const q = centre(Float64Array.from(hexagon!.q), 7, 2)
    const rng = new RandomStream(13)
    const t = 2 * Math.PI * rng.uniform()
    const p = new Float64Array(14)
    for (let i = 0; i < 7; i++) {
      p[2 * i] = Math.cos(t) * q[2 * i]! - Math.sin(t) * q[2 * i + 1]! + 3
      p[2 * i + 1] = Math.sin(t) * q[2 * i]! + Math.cos(t) * q[2 * i + 1]! - 2
    }
    expect(rmsd(centre(Float64Array.from(p), 7, 2), q, 7, 2)).toBeGreaterThan(0.1)
    centre(p, 7, 2)
    expect(alignRotation(p, q, 7, 2)).toBeLessThan(1e-10)
  })

  it('brings a rotated, shifted icosahedron back onto itself to RMSD < 1e-10 (Horn quaternion)', () => {
    const q = centre(icosahedron13(), 13, 3)
    const rng = new RandomStream(14)
    for (let trial = 0; trial < 5; trial++) {
      // Labels kept: only the rotation and shift are random.
      const p = scrambleRotationOnly(q, rng)
      centre(p, 13, 3)
      expect(rmsd(p, q, 13, 3)).toBeGreaterThan(0.01)
      expect(alignRotation(p, q, 13, 3)).toBeLessThan(1e-10)
    }
  })

  it('recovers labels, mirror image and rotation of a scrambled capped isomer (exhaustive over 7! labellings)', () => {
    const minima = lj7Minima()
    const rng = new RandomStream(15)
    for (const m of minima.slice(1)) {
      const q = Float64Array.from(m.q)
      const p = scramble(m.q, LJ7, rng, true)
      expect(alignClusters(p, q, 7, 2)).toBeLessThan(1e-10)
    }
    // Without relabelling (a chain's beads), the scrambled copy cannot be matched.
    const q = Float64Array.from(minima[1]!.q)
    expect(alignClusters(scramble(q, LJ7, rng, false), q, 7, 2, { permutations: false })).toBeGreaterThan(0.1)
    // Negative control: different isomers stay apart after the best superposition.
    const p = Float64Array.from(minima[1]!.q)
    expect(alignClusters(p, Float64Array.from(minima[0]!.q), 7, 2)).toBeGreaterThan(0.1)
  })

  it('above 8 atoms, finds the labelling by assignment and rotation: LJ13 and a distorted copy, 10 atoms in 2D', () => {
    const rng = new RandomStream(16)
    const ico = icosahedron13()
    // A distortion of 0.05 breaks every symmetry, so exactly one labelling matches.
    const distorted = ico.map((x) => x + 0.05 * rng.normal())
    for (const q of [ico, distorted]) {
      const target = Float64Array.from(q)
      for (const mirror of [false, true]) {
        const p = scramble(q, LJ13, rng, mirror)
        expect(alignClusters(p, target, 13, 3)).toBeLessThan(1e-10)
      }
    }
    const flat = scatterAtoms(rng, 10, 2, 2, 0.8)
    const p = scramble(flat, { atoms: 10, perAtom: 2 }, rng, true)
    expect(alignClusters(p, Float64Array.from(flat), 10, 2)).toBeLessThan(1e-10)
    // Negative control: two different random clusters do not superpose.
    const other = scatterAtoms(rng, 10, 2, 2, 0.8)
    expect(alignClusters(other, Float64Array.from(flat), 10, 2)).toBeGreaterThan(0.05)
  })

  it('never reflects in 3D: a mirror image of a chiral structure cannot be rotated onto it', () => {
    // Four atoms of a chiral tetrahedron-like shape (distinct edge lengths): no rotation maps it to its mirror.
    const q = centre(new Float64Array([0, 0, 0, 1, 0, 0, 0, 1.3, 0, 0.2, 0.4, 1.7]), 4, 3)
    const p = Float64Array.from(q, (x, k) => (k % 3 === 0 ? -x : x))
    centre(p, 4, 3)
    expect(alignRotation(p, q, 4, 3)).toBeGreaterThan(0.05)
  })
})

function scrambleRotationOnly(q: Float64Array, rng: RandomStream): Float64Array {
  const w = [rng.normal(), rng.normal(), rng.normal(), rng.normal()]
  const size = Math.hypot(...w)
  const [a, b, c, d] = w.map((x) => x / size) as [number, number, number, number]
  const r = [
    a * a + b * b - c * c - d * d,
    2 * (b * c - a * d),
    2 * (b * d + a * c),
    2 * (b * c + a * d),
    a * a - b * b + c * c - d * d,
    2 * (c * d - a * b),
    2 * (b * d - a * c),
    2 * (c * d + a * b),
    a * a - b * b - c * c + d * d,
  ]
  const out = new Float64Array(q.length)
  for (let i = 0; i < q.length / 3; i++)
    for (let k = 0; k < 3; k++)
      out[3 * i + k] = 1.5 + r[3 * k]! * q[3 * i]! + r[3 * k + 1]! * q[3 * i + 1]! + r[3 * k + 2]! * q[3 * i + 2]!
  return out
}
