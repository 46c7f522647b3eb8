import { describe, expect, it } from 'vitest'
import { RandomStream } from '../random'
import { jacobiEigen, modeSolver, numericalHessian, rigidBodyModes } from './hessian'
import { lj13 } from './lj13'
import { lj7TwoD } from './lj7-2d'
import { fire } from './minimise'

describe('jacobiEigen', () => {
  it('diagonalises a random symmetric 12x12 matrix: A V = V diag(lambda), V orthonormal, ascending', () => {
    const n = 12
    const rng = new RandomStream(3)
    const a = new Float64Array(n * n)
    for (let i = 0; i < n; i++) for (let j = i; j < n; j++) a[i * n + j] = a[j * n + i] = rng.normal()
    const work = Float64Array.from(a)
    const values = new Float64Array(n)
    const vectors = new Float64Array(n * n)
    const sweeps = jacobiEigen(work, n, values, vectors)
    // Cyclic Jacobi converges quadratically: about 6-10 sweeps for n of order 10.
    expect(sweeps).toBeLessThan(15)
    for (let k = 1; k < n; k++) expect(values[k]!).toBeGreaterThanOrEqual(values[k - 1]!)
    // Entries are O(1): residuals and orthonormality hold to a few hundred rounding units.
    for (let k = 0; k < n; k++)
      for (let i = 0; i < n; i++) {
        let av = 0
        for (let j = 0; j < n; j++) av += a[i * n + j]! * vectors[j * n + k]!
        expect(Math.abs(av - values[k]! * vectors[i * n + k]!)).toBeLessThan(1e-13)
      }
    for (let k = 0; k < n; k++)
      for (let l = 0; l < n; l++) {
        let d = 0
        for (let i = 0; i < n; i++) d += vectors[i * n + k]! * vectors[i * n + l]!
        expect(Math.abs(d - (k === l ? 1 : 0))).toBeLessThan(1e-14)
      }
    // The trace is the sum of the eigenvalues.
    let trace = 0
    for (let i = 0; i < n; i++) trace += a[i * n + i]!
    expect(Math.abs(values.reduce((s, x) => s + x, 0) - trace)).toBeLessThan(1e-13)
  })

  it('is exact on a diagonal matrix and sorts it', () => {
    const a = new Float64Array([3, 0, 0, 0, -1, 0, 0, 0, 2])
    const values = new Float64Array(3)
    const vectors = new Float64Array(9)
    expect(jacobiEigen(a, 3, values, vectors)).toBe(0)
    expect([...values]).toEqual([-1, 2, 3])
  })
})

describe('the Hessian and the rigid-body modes of a cluster', () => {
  it('2D LJ7 hexagon: three rigid modes near zero, eleven positive modes (index 0)', () => {
    const sys = lj7TwoD.system()
    const q = lj7TwoD.minima[0]!.start!()
    fire(sys, q, { gradientTolerance: 1e-10 })
    const basis = new Float64Array(6 * 14)
    expect(rigidBodyModes(q, { atoms: 7, perAtom: 2 }, basis)).toBe(3)
    const modes = modeSolver(sys, { atoms: 7, perAtom: 2 }).modes(q)
    expect(modes.rigidCount).toBe(3)
    expect(modes.negative).toBe(0)
    let rigid = 0
    for (let k = 0; k < 14; k++) {
      if (modes.rigid[k]) {
        rigid++
        // Projected out: zero up to the finite-difference error of the Hessian (about 1e-6 here).
        expect(Math.abs(modes.values[k]!)).toBeLessThan(1e-5)
      } else expect(modes.values[k]!).toBeGreaterThan(1)
    }
    expect(rigid).toBe(3)
  })

  it('the unprojected Hessian of the hexagon also has three near-zero eigenvalues (a stationary point)', () => {
    const sys = lj7TwoD.system()
    const q = lj7TwoD.minima[0]!.start!()
    fire(sys, q, { gradientTolerance: 1e-10 })
    const h = new Float64Array(196)
    numericalHessian(sys, q, h, new Float64Array(42))
    const values = new Float64Array(14)
    jacobiEigen(h, 14, values, new Float64Array(196))
    expect(values.filter((v) => Math.abs(v) < 1e-5).length).toBe(3)
    expect(values.filter((v) => v > 1).length).toBe(11)
  })

  it('LJ13 icosahedron: six rigid modes, 33 positive', () => {
    const sys = lj13.system()
    const q = lj13.minima[0]!.start!()
    fire(sys, q, { gradientTolerance: 1e-10 })
    const modes = modeSolver(sys, { atoms: 13, perAtom: 3 }).modes(q)
    expect(modes.rigidCount).toBe(6)
    expect(modes.negative).toBe(0)
    expect([...modes.values].filter((_, k) => !modes.rigid[k]).every((v) => v > 1)).toBe(true)
  })

  it('a linear molecule in space has five rigid modes (the rotation about its axis is no motion)', () => {
    const q = new Float64Array([0, 0, 0, 1, 1, 1, 2, 2, 2])
    expect(rigidBodyModes(q, { atoms: 3, perAtom: 3 }, new Float64Array(54))).toBe(5)
  })
})
