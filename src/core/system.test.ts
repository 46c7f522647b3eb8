import { describe, expect, it } from 'vitest'
import { resolveLane } from './dynamics/resolve'
import { METHODS } from './dynamics/methods'
import { Walkers } from './dynamics/walkers'
import { atlasSurface } from './surfaces'
import { compileAtlasSurface } from './surfaces/compile'
import { projectWalkers } from './run/simulation'
import { identityProjection, planeProjection, planeSystem, projectionProblem } from './system'

const mullerBrown = compileAtlasSurface(atlasSurface('muller-brown')!)

describe('a surface as a system of two coordinates', () => {
  it('gives the surface’s value and gradient at a state vector', () => {
    const system = planeSystem(mullerBrown)
    const g = new Float64Array(2)
    const direct = new Float64Array(2)
    for (const [x, y] of [
      [-0.558, 1.442],
      [0.623, 0.028],
      [-0.05, 0.467],
      [0.3, 2.1],
    ] as const) {
      const q = Float64Array.of(x, y)
      expect(system.energy(q)).toBe(mullerBrown.value(x, y))
      expect(system.gradient(q, g)).toBe(mullerBrown.gradient(x, y, direct))
      expect([...g]).toEqual([...direct])
    }
    expect([system.dim, system.coordinate(0), system.coordinate(1)]).toEqual([2, 'x', 'y'])
  })

  it('is drawn through the identity', () => {
    const out = new Float64Array(2)
    identityProjection().project(Float64Array.of(-0.558, 1.442), out)
    expect([...out]).toEqual([-0.558, 1.442])
    expect(projectionProblem({ dim: 2 }, identityProjection())).toBeNull()
    expect(projectionProblem({ dim: 39 }, identityProjection())).toMatch(/reads 2 coordinates; the system has 39/)
  })
})

describe('a plane through a state space of d coordinates', () => {
  it('gives the coordinates of q - origin along orthonormal directions, so the plane’s own points come back', () => {
    const d = 7
    const origin = Array.from({ length: d }, (_, k) => Math.sin(k + 1))
    // Two orthonormal directions: unit vectors along coordinates 2 and 5, rotated by 30 degrees in their plane.
    const c = Math.cos(Math.PI / 6)
    const s = Math.sin(Math.PI / 6)
    const u = Array.from({ length: d }, (_, k) => (k === 2 ? c : k === 5 ? s : 0))
    const v = Array.from({ length: d }, (_, k) => (k === 2 ? -s : k === 5 ? c : 0))
    const p = planeProjection(origin, u, v, ['along u', 'along v'])
    const out = new Float64Array(2)
    for (const [a, b] of [
      [0, 0],
      [1, 0],
      [0.25, -2],
    ]) {
      const q = Float64Array.from(origin, (o, k) => o + a * u[k]! + b * v[k]!)
      p.project(q, out)
      expect(out[0]).toBeCloseTo(a, 14)
      expect(out[1]).toBeCloseTo(b, 14)
    }
    // A step out of the plane (along coordinate 0) does not move the drawn point.
    const off = Float64Array.from(origin)
    off[0]! += 3
    p.project(off, out)
    expect([out[0], out[1]]).toEqual([0, 0])
    expect(() => planeProjection([0, 0, 0], [1, 0], [0, 1, 0])).toThrow(/one length/)
  })
})

describe('walkers with d coordinates', () => {
  it('store each coordinate as one array; on a surface x and y are the first two', () => {
    const plane = new Walkers(3)
    expect(plane.dim).toBe(2)
    expect(plane.coords[0]).toBe(plane.x)
    expect(plane.coords[1]).toBe(plane.y)
    expect(plane.velocities[1]).toBe(plane.vy)
    expect(plane.gradients[0]).toBe(plane.gx)

    const w = new Walkers(4, 9)
    expect(w.coords).toHaveLength(9)
    const q = Float64Array.from({ length: 9 }, (_, k) => k * k - 3)
    w.setState(2, q)
    expect([...w.state(2, new Float64Array(9))]).toEqual([...q])
    expect([...w.state(1, new Float64Array(9))]).toEqual(new Array(9).fill(0))
    expect(w.x[2]).toBe(-3)
    expect(() => new Walkers(10, 1)).toThrow(/at least 2/)
    expect(() => new Walkers(100_000, 1000)).toThrow(/at most/)
  })

  it('are refused to a method whose step reads only x and y, with its name and the dimension', () => {
    for (const m of METHODS) {
      expect(resolveLane(m.id, {}).ok, m.id).toBe(true)
      const r = resolveLane(m.id, {}, undefined, 39)
      expect(r.ok, m.id).toBe(m.createSystem !== undefined)
      if (!r.ok) expect(r.errors).toEqual([{ field: 'method', message: expect.stringContaining('this system has 39') }])
    }
  })
})

describe('the positions a frame carries', () => {
  it('are x and y through the identity, and each state vector through a plane in d dimensions', () => {
    const plane = new Walkers(3)
    plane.x.set([1, 2, 3])
    plane.y.set([-1, -2, -3])
    const out = new Float32Array(6)
    projectWalkers(plane, identityProjection(), out, new Float64Array(2))
    expect([...out]).toEqual([1, -1, 2, -2, 3, -3])

    const d = 5
    const w = new Walkers(3, d)
    for (let i = 0; i < 3; i++) w.setState(i, [i, 10 * i, 100, i - 1, 7])
    // u reads coordinate 1, v the sum of coordinates 3 and 4 (not normalised: a plain linear map).
    const p = planeProjection([0, 0, 0, 0, 0], [0, 1, 0, 0, 0], [0, 0, 0, 1, 1])
    projectWalkers(w, p, out, new Float64Array(d))
    expect([...out]).toEqual([0, 6, 10, 7, 20, 8])
  })
})
