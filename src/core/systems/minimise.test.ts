import { describe, expect, it } from 'vitest'
import type { System } from '../system'
import { ljClusterSystem } from './lennard-jones'
import { fire } from './minimise'

/** U = sum_k c_k (q_k - k)^2 / 2 with curvatures 1 .. 100: an ill-conditioned bowl with minimum q_k = k. */
const bowl: System = {
  dim: 5,
  coordinate: (k) => `q${k}`,
  energy: (q) => {
    let e = 0
    for (let k = 0; k < 5; k++) e += (10 ** (k / 2) * (q[k]! - k) ** 2) / 2
    return e
  },
  gradient: (q, g) => {
    let e = 0
    for (let k = 0; k < 5; k++) {
      const c = 10 ** (k / 2)
      e += (c * (q[k]! - k) ** 2) / 2
      g[k] = c * (q[k]! - k)
    }
    return e
  },
}

describe('fire', () => {
  it('finds the minimum of an ill-conditioned quadratic to its gradient tolerance', () => {
    const q = new Float64Array([3, -2, 7, 0.5, -4])
    const r = fire(bowl, q, { gradientTolerance: 1e-10 })
    expect(r.converged).toBe(true)
    expect(r.gradientNorm).toBeLessThan(1e-10)
    // |q - q*| <= |g| / (smallest curvature 1)
    for (let k = 0; k < 5; k++) expect(Math.abs(q[k]! - k)).toBeLessThan(1e-10)
    expect(r.energy).toBeLessThan(1e-20)
  })

  it('takes a Lennard-Jones dimer to r = 2^(1/6), E = -1', () => {
    const sys = ljClusterSystem({ atoms: 2, perAtom: 3, wall: { radius: 5, kappa: 100 } })
    const q = new Float64Array([0, 0, 0, 1.6, 0.3, -0.2])
    const r = fire(sys, q)
    expect(r.converged).toBe(true)
    expect(r.energy).toBeCloseTo(-1, 12)
    expect(Math.hypot(q[3]! - q[0]!, q[4]! - q[1]!, q[5]! - q[2]!)).toBeCloseTo(2 ** (1 / 6), 8)
  })

  it('never moves more than maxMove in a step, and reports when it runs out of steps', () => {
    const q = new Float64Array([100, 0, 0, 0, 0])
    const r = fire(bowl, q, { maxSteps: 10, maxMove: 0.2 })
    expect(r.converged).toBe(false)
    expect(r.steps).toBe(10)
    expect(q[0]!).toBeGreaterThanOrEqual(100 - 10 * 0.2 - 1e-12)
  })

  it('is deterministic: the same start gives the same bits', () => {
    const a = new Float64Array([3, -2, 7, 0.5, -4])
    const b = Float64Array.from(a)
    fire(bowl, a)
    fire(bowl, b)
    expect(Array.from(a)).toEqual(Array.from(b))
  })
})
