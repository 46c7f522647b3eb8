import { describe, expect, it } from 'vitest'
import type { System } from '../system'
import { ljClusterSystem } from './lennard-jones'
import { fire, LbfgsMinimiser } from './minimise'
import { SYSTEMS } from './index'
import { randomCluster } from './random-start'

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

describe('L-BFGS quench', () => {
  it('finds the minimum of an ill-conditioned quadratic to its gradient tolerance', () => {
    const q = new Float64Array([3, -2, 7, 0.5, -4])
    const m = new LbfgsMinimiser(bowl, { gradientTolerance: 1e-10 })
    const e = m.minimise(q)
    expect(m.converged).toBe(true)
    expect(m.gradientNorm).toBeLessThan(1e-10)
    for (let k = 0; k < 5; k++) expect(Math.abs(q[k]! - k)).toBeLessThan(1e-10)
    expect(e).toBeLessThan(1e-20)
    // Quasi-Newton: far fewer iterations than FIRE on the same bowl.
    const f = fire(bowl, new Float64Array([3, -2, 7, 0.5, -4]), { gradientTolerance: 1e-10 })
    expect(m.steps).toBeLessThan(f.steps)
  })

  it('reproduces every known minimum of every system from its geometry, as FIRE does', () => {
    for (const d of SYSTEMS)
      for (const min of d.minima) {
        if (min.start === null) continue
        const q = min.start()
        const m = new LbfgsMinimiser(d.system(), { gradientTolerance: 1e-8 })
        const e = m.minimise(q)
        expect(m.converged, `${d.id} ${min.name}`).toBe(true)
        expect(Math.abs(e - min.energy), `${d.id} ${min.name}`).toBeLessThan(1e-4)
      }
  })

  it('caps its step and reports running out of steps', () => {
    const sys = ljClusterSystem({ atoms: 13, perAtom: 3, wall: { radius: 3, kappa: 100 } })
    const q = new Float64Array(39)
    randomCluster(13, 3, 1.8, 0.9, mulberry(7), q)
    const m = new LbfgsMinimiser(sys, { gradientTolerance: 1e-8, maxSteps: 5 })
    const start = sys.energy(q)
    const before = Float64Array.from(q)
    expect(m.minimise(q)).toBeLessThan(start)
    expect(m.converged).toBe(false)
    expect(m.steps).toBe(5)
    let moved = 0
    for (let k = 0; k < 39; k++) moved += (q[k]! - before[k]!) ** 2
    expect(Math.sqrt(moved)).toBeLessThanOrEqual(5 * 0.2 + 1e-12)
  })
})

/** A small seeded uniform stream for starting states. */
function mulberry(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
