import { describe, expect, it } from 'vitest'
import { RandomStream } from '../random'
import { AB13_GROUND_STATE_ANGLES, abChainSystem } from './ab-2d'
import { BLN46_SEQUENCE } from './bln46'
import { bondOrderParameter, type CollectiveVariable, cvProjection, cvsFor } from './cvs'
import { systemById } from './index'
import { icosahedron13 } from './lj13'
import { truncatedOctahedron38 } from './lj38'
import { fire } from './minimise'

function byId(cvs: readonly CollectiveVariable[], id: string): CollectiveVariable {
  const cv = cvs.find((c) => c.id === id)
  if (cv === undefined) throw new Error(`no CV '${id}' in ${cvs.map((c) => c.id).join(', ')}`)
  return cv
}

/** q plus independent normal noise of standard deviation `sd` (seeded). */
function jitter(q: Float64Array, sd: number, seed: number): Float64Array {
  const r = new RandomStream(seed)
  return q.map((v) => v + sd * r.normal())
}

/**
 * The largest difference between the analytic gradient and central differences
 * D_h = (CV(q + h e_k) - CV(q - h e_k)) / 2h over all coordinates, relative to the largest
 * gradient component. With h = 1e-5 the truncation error is h^2 |CV'''| / 6, about 2e-11 for
 * third derivatives of order one, and the rounding error about eps |CV| T / h (T the number of
 * summed terms, at most a few thousand here), below 1e-8; the bound 1e-6 used below leaves a
 * margin of 100 over both. A gradient with one component wrong by 1e-4 of the largest one
 * fails it (checked below).
 */
function gradientError(cv: CollectiveVariable, q: Float64Array, corrupt = false): number {
  const h = 1e-5
  const g = new Float64Array(cv.dim)
  const v = cv.gradient!(q, g)
  expect(v).toBe(cv.value(q))
  let gMax = 0
  for (let k = 0; k < cv.dim; k++) gMax = Math.max(gMax, Math.abs(g[k]!))
  if (corrupt) g[cv.dim >> 1] = g[cv.dim >> 1]! + 1e-4 * gMax
  const p = Float64Array.from(q)
  let worst = 0
  for (let k = 0; k < cv.dim; k++) {
    p[k] = q[k]! + h
    const up = cv.value(p)
    p[k] = q[k]! - h
    const down = cv.value(p)
    p[k] = q[k]!
    worst = Math.max(worst, Math.abs((up - down) / (2 * h) - g[k]!))
  }
  expect(gMax).toBeGreaterThan(0)
  return worst / gMax
}

const GRADIENT_BOUND = 1e-6

function expectGradients(cvs: readonly CollectiveVariable[], q: Float64Array, errors: Record<string, number>): void {
  for (const cv of cvs) {
    expect(cv.gradient, cv.id).toBeDefined()
    const e = gradientError(cv, q)
    errors[cv.id] = Math.max(errors[cv.id] ?? 0, e)
    expect(e, `${cv.id}: relative gradient error`).toBeLessThan(GRADIENT_BOUND)
  }
}

describe('LJ7 in two dimensions: moments of the coordination numbers', () => {
  const lj7 = systemById('lj7-2d')!
  const cvs = cvsFor('lj7-2d')

  it('offers mu2, mu3, Rg and the energy, mu2 and mu3 first', () => {
    expect(cvs.map((c) => c.id)).toEqual(['mu2', 'mu3', 'rg', 'energy'])
    for (const c of cvs) expect(c.dim).toBe(14)
  })

  it('gives (mu2, mu3) of the hexagon and the trapezoid to 1e-5 after FIRE from the known starts', () => {
    const want: Record<string, [number, number]> = {
      hexagon: [0.747188, 1.318376],
      trapezoid: [0.591754, -0.11604],
    }
    for (const m of lj7.minima) {
      const q = m.start!()
      const r = fire(lj7.system(), q, { gradientTolerance: 1e-9 })
      expect(r.converged).toBe(true)
      expect(r.energy).toBeCloseTo(m.energy, 6)
      const w = want[m.name]
      if (w === undefined) continue
      expect(Math.abs(byId(cvs, 'mu2').value(q) - w[0])).toBeLessThan(1e-5)
      expect(Math.abs(byId(cvs, 'mu3').value(q) - w[1])).toBeLessThan(1e-5)
    }
  })

  it('is blind to translation, rotation and relabelling of the atoms', () => {
    const q = jitter(lj7.minima[1]!.start!(), 0.05, 3)
    const moved = new Float64Array(14)
    const c = Math.cos(0.7)
    const s = Math.sin(0.7)
    for (let i = 0; i < 7; i++) {
      const j = (i * 3) % 7 // a permutation of 0..6
      moved[2 * j] = c * q[2 * i]! - s * q[2 * i + 1]! + 2.5
      moved[2 * j + 1] = s * q[2 * i]! + c * q[2 * i + 1]! - 1
    }
    for (const cv of cvs.slice(0, 3)) expect(cv.value(moved)).toBeCloseTo(cv.value(q), 12)
  })

  it('has analytic gradients that match central differences', () => {
    const errors: Record<string, number> = {}
    for (const [k, m] of lj7.minima.entries()) expectGradients(cvs, jitter(m.start!(), 0.08, 10 + k), errors)
    // the check has teeth: an error of 1e-4 of the largest component is caught
    expect(gradientError(byId(cvs, 'mu3'), jitter(lj7.minima[0]!.start!(), 0.08, 10), true)).toBeGreaterThan(
      GRADIENT_BOUND,
    )
  })
})

describe('bond-order parameters (Steinhardt, Nelson & Ronchetti 1983)', () => {
  /** The 12 vectors from the centre of the icosahedron to its vertices. */
  function icosahedronBonds(): Float64Array {
    const q = icosahedron13()
    return q.slice(3)
  }
  /** The 12 nearest-neighbour vectors of fcc: all sign choices of (1, 1, 0) in its three orders. */
  const FCC: number[] = []
  for (const a of [-1, 1]) for (const b of [-1, 1]) FCC.push(a, b, 0, a, 0, b, 0, a, b)

  // Rounding: Q_l = sqrt(S)/N_b with S a sum of N_b^2 terms of size <= 1, so a Q_l that is exactly 0
  // comes out at most sqrt(N_b^2 * 4 eps)/N_b = 2 sqrt(eps) = 3e-8.
  const ZERO = 2 * Math.sqrt(2 ** -52)

  it('gives the exact values for the icosahedral and fcc shells of 12 neighbours', () => {
    // Table I of the 1983 paper: icosahedral Q4 = 0, Q6 = 0.66332; fcc Q4 = 0.19094, Q6 = 0.57452.
    // Closed forms: icosahedron Q6^2 = 11/25; fcc Q4^2 = 7/192, Q6^2 = 169/512.
    expect(bondOrderParameter(6, icosahedronBonds())).toBeCloseTo(Math.sqrt(11) / 5, 14)
    expect(bondOrderParameter(4, icosahedronBonds())).toBeLessThan(ZERO)
    expect(bondOrderParameter(4, FCC)).toBeCloseTo(Math.sqrt(7 / 192), 14)
    expect(bondOrderParameter(6, FCC)).toBeCloseTo(13 / (16 * Math.SQRT2), 14)
    expect(Math.sqrt(11) / 5).toBeCloseTo(0.66332, 5)
    expect(13 / (16 * Math.SQRT2)).toBeCloseTo(0.57452, 5)
  })

  it('gives LJ13 as a whole Q6 = sqrt(11)/80: its 12 radial and 30 edge bonds nearly cancel', () => {
    // Icosahedral symmetry leaves one invariant combination of the Y_6m, so Qbar_6m of any symmetric
    // bond set is a multiple of it: 12 radial bonds (five-fold axes, Q6 = sqrt(11)/5) and 30 edges
    // (two-fold axes, Q6 = sqrt(11)/16, of opposite sign) give |12 sqrt(11)/5 - 30 sqrt(11)/16| / 42.
    const q = icosahedron13()
    const edges: number[] = []
    for (let i = 1; i < 13; i++)
      for (let j = i + 1; j < 13; j++) {
        const d = [0, 1, 2].map((k) => q[3 * j + k]! - q[3 * i + k]!)
        if (Math.hypot(...d) < 1.3) edges.push(...d)
      }
    expect(edges.length).toBe(90)
    expect(bondOrderParameter(6, edges)).toBeCloseTo(Math.sqrt(11) / 16, 14)
    const cvs = cvsFor('lj13')
    expect(byId(cvs, 'q6').value(q)).toBeCloseTo(Math.sqrt(11) / 80, 14)
    expect(byId(cvs, 'q4').value(q)).toBeLessThan(ZERO)
    // the relaxed Mackay icosahedron keeps its symmetry and its bonds: the same values
    fire(systemById('lj13')!.system(), q, { gradientTolerance: 1e-9 })
    expect(byId(cvs, 'q6').value(q)).toBeCloseTo(Math.sqrt(11) / 80, 10)
  })

  it('gives LJ38 the fcc values: exactly on the ideal truncated octahedron, within 1e-4 at the minimum', () => {
    const cvs = cvsFor('lj38')
    expect(cvs.map((c) => c.id)).toEqual(['q4', 'energy', 'q6', 'rg'])
    const q = truncatedOctahedron38()
    // Every bond of the ideal fragment lies along one of the 12 <110> directions, and the cubic
    // symmetry of the fragment counts each direction equally often: the fcc values exactly.
    expect(byId(cvs, 'q4').value(q)).toBeCloseTo(Math.sqrt(7 / 192), 13)
    expect(byId(cvs, 'q6').value(q)).toBeCloseTo(13 / (16 * Math.SQRT2), 13)
    const r = fire(systemById('lj38')!.system(), q, { gradientTolerance: 1e-9 })
    expect(r.energy).toBeCloseTo(-173.928427, 6)
    // Relaxation tilts the surface bonds slightly: computed 0.190895 and 0.574457.
    expect(Math.abs(byId(cvs, 'q4').value(q) - Math.sqrt(7 / 192))).toBeLessThan(1e-4)
    expect(Math.abs(byId(cvs, 'q6').value(q) - 13 / (16 * Math.SQRT2))).toBeLessThan(1e-4)
    expect(byId(cvs, 'q4').value(q)).toBeCloseTo(0.190895, 6)
    expect(byId(cvs, 'q6').value(q)).toBeCloseTo(0.574457, 6)
  })

  it('has gradients that match central differences, with bonds inside the switching range', () => {
    const errors: Record<string, number> = {}
    // Compressed clusters put the second shell (sqrt 2 and 1.7 times the spacing) inside 1.291..1.491.
    const lj38 = jitter(truncatedOctahedron38(0.95), 0.03, 21)
    const lj13 = jitter(icosahedron13(1.3), 0.03, 22)
    let inside = 0
    for (let i = 0; i < 38; i++)
      for (let j = i + 1; j < 38; j++) {
        const r = Math.hypot(...[0, 1, 2].map((k) => lj38[3 * i + k]! - lj38[3 * j + k]!))
        if (r > 1.291 && r < 1.491) inside++
      }
    expect(inside).toBeGreaterThan(10)
    expectGradients(cvsFor('lj38'), lj38, errors)
    expectGradients(cvsFor('lj13'), lj13, errors)
    expectGradients(cvsFor('lj13'), jitter(icosahedron13(), 0.05, 23), errors)
  })
})

/** A seeded 3D random walk of unit steps that keeps non-bonded beads at least 0.9 apart. */
function compactChain(n: number, seed: number): Float64Array {
  const r = new RandomStream(seed)
  const q = new Float64Array(3 * n)
  for (let i = 1; i < n; i++) {
    for (let attempt = 0; ; attempt++) {
      if (attempt > 10000) throw new Error('compactChain: stuck')
      const v = [r.normal(), r.normal(), r.normal()]
      const l = Math.hypot(...v)
      // bias the walk toward the origin so that it folds back on itself
      const x = q[3 * i - 3]! + v[0]! / l
      const y = q[3 * i - 2]! + v[1]! / l
      const z = q[3 * i - 1]! + v[2]! / l
      if (Math.hypot(x, y, z) > 2.2) continue
      let ok = true
      for (let j = 0; j < i - 1 && ok; j++)
        if (Math.hypot(x - q[3 * j]!, y - q[3 * j + 1]!, z - q[3 * j + 2]!) < 0.9) ok = false
      if (!ok) continue
      q[3 * i] = x
      q[3 * i + 1] = y
      q[3 * i + 2] = z
      break
    }
  }
  return q
}

describe('chains: radius of gyration, end-to-end distance, native contacts', () => {
  it('gives a straight AB chain Rg^2 = (N^2 - 1)/12 and end-to-end N - 1, and Q = 0', () => {
    const cvs = cvsFor('ab-2d-13')
    expect(cvs.map((c) => c.id)).toEqual(['rg', 'end-to-end', 'q-native', 'energy'])
    const straight = new Float64Array(11)
    expect(byId(cvs, 'rg').value(straight)).toBeCloseTo(Math.sqrt((13 * 13 - 1) / 12), 13)
    expect(byId(cvs, 'end-to-end').value(straight)).toBeCloseTo(12, 13)
    // every native pair is at least 4 apart when stretched: 1/(1 + exp(19 (4 - 1.5 * 1.5))) < 4e-15
    expect(byId(cvs, 'q-native').value(straight)).toBeLessThan(4e-15)
    expect(byId(cvs, 'energy').value(straight)).toBe(abChainSystem('ABBABBABABBAB').energy(straight))
  })

  it('gives the AB13 ground state Q near 1 and loses contacts when the chain opens', () => {
    const cvs = cvsFor('ab-2d-13')
    const q = Float64Array.from(AB13_GROUND_STATE_ANGLES)
    fire(abChainSystem('ABBABBABABBAB'), q, { gradientTolerance: 1e-8 })
    // each native contact at r = r0 counts 1/(1 + exp(-9.5 r0)) > 1 - exp(-9.5) = 0.99993
    const qn = byId(cvs, 'q-native')
    expect(qn.value(q)).toBeGreaterThan(0.99993)
    const open = Float64Array.from(q)
    open[5] = open[5]! + 1.2
    expect(qn.value(open)).toBeLessThan(0.9)
  })

  it('reads typed AB sequences and BLN46, with Q when a reference is given', () => {
    expect(cvsFor('ab-2d-aabbabab').map((c) => c.id)).toEqual(['rg', 'end-to-end', 'energy'])
    expect(cvsFor('ab-2d-21').map((c) => c.id)).toEqual(['rg', 'end-to-end', 'energy'])
    expect(cvsFor('bln-46').map((c) => c.id)).toEqual(['rg', 'end-to-end', 'energy'])
    const ref = compactChain(46, 5)
    const cvs = cvsFor(systemById('bln-46')!, { reference: ref })
    expect(cvs.map((c) => c.id)).toEqual(['rg', 'end-to-end', 'q-native', 'energy'])
    expect(byId(cvs, 'q-native').value(ref)).toBeGreaterThan(0.99993)
    expect(() => cvsFor('bln-46', { reference: new Float64Array(10) })).toThrow(/coordinates/)
    expect(() => cvsFor('nothing')).toThrow(/unknown system 'nothing'/)
  })

  it('has gradients that match central differences (AB through the chain rule over angles)', () => {
    const errors: Record<string, number> = {}
    const native = Float64Array.from(AB13_GROUND_STATE_ANGLES)
    expectGradients(cvsFor('ab-2d-13'), jitter(native, 0.15, 31), errors)
    expectGradients(cvsFor('ab-2d-13'), jitter(native, 0.3, 32), errors)
    const seq = 'ABBABAABBBAABABAB'
    // a coil turning by 1.1 at every bead (about 5.7 beads a turn) as the reference, and a state near it
    const coil = new Float64Array(seq.length - 2).fill(1.1)
    expectGradients(cvsFor(`ab-2d-${seq.toLowerCase()}`, { reference: coil }), jitter(coil, 0.2, 34), errors)
    const ref = compactChain(46, 5)
    expectGradients(cvsFor('bln-46', { reference: ref }), jitter(ref, 0.1, 35), errors)
    expect(BLN46_SEQUENCE.length).toBe(46)
    expect(gradientError(byId(cvsFor('ab-2d-13'), 'q-native'), jitter(native, 0.15, 31), true)).toBeGreaterThan(
      GRADIENT_BOUND,
    )
  })
})

describe('cvProjection', () => {
  it('draws a state at its two collective variables, with id cv', () => {
    const cvs = cvsFor('lj7-2d')
    const p = cvProjection(cvs[0]!, cvs[1]!)
    expect(p.id).toBe('cv')
    expect(p.dim).toBe(14)
    expect(p.axes).toEqual(['μ2', 'μ3'])
    const q = jitter(systemById('lj7-2d')!.minima[0]!.start!(), 0.05, 41)
    const out = new Float64Array(2)
    p.project(q, out)
    expect([...out]).toEqual([cvs[0]!.value(q), cvs[1]!.value(q)])
    expect(cvProjection(cvs[2]!, cvs[3]!, ['a', 'b']).axes).toEqual(['a', 'b'])
    expect(() => cvProjection(cvs[0]!, cvsFor('lj13')[0]!)).toThrow(/reads 14 coordinates/)
  })
})
