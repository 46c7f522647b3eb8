import { describe, expect, it } from 'vitest'
import { deepLinearStart, deepLinearSystem, type DeepLinearSpec } from './deep-linear'
import type { Hvp } from './lanczos'
import { makeDataset } from './data'
import { initialise, Network, type NetworkSpec } from './network'
import { SpectrumTracker } from './spectrum'

describe('the Hessian spectrum over training', () => {
  it('on a deep linear network the index falls from > 0 on the plateau to 0 after learning', () => {
    // Two modes of strengths 3 and 1 through 3 hidden units, from a balanced start of strength 1e-3:
    // gradient descent at eta = 0.05 sits near the saddle W = 0 for about ln(1e3)/(2 eta s) = 23 and
    // 69 steps (Saxe et al. 2014), then learns both modes; 400 steps is several times both.
    const spec: DeepLinearSpec = { strengths: [3, 1], inputs: 2, hidden: 3, outputs: 2 }
    const net = deepLinearSystem(spec)
    const q = deepLinearStart(spec, 1e-3, 7, 'balanced')
    const g = new Float64Array(net.dim)
    const tracker = new SpectrumTracker({
      dim: net.dim,
      hessian: { kind: 'operator', at: (theta) => net.hvp(theta) },
      gradient: (theta, out) => net.gradient(theta, out),
      every: 5,
      capacity: 16,
      steps: net.dim,
    })
    const eta = 0.05
    for (let t = 0; t <= 400; t++) {
      tracker.observe(t, q)
      net.gradient(q, g)
      for (let i = 0; i < net.dim; i++) q[i] = q[i]! - eta * g[i]!
    }
    const rs = tracker.records
    const first = rs[0]!
    const last = rs[rs.length - 1]!
    expect(first.step).toBe(0)
    // At W ~ 0 the Hessian is the saddle's: eigenvalues -s_k and +s_k on each hidden unit, so
    // lambda_min = -3 up to O(u0), and 3 hidden units x 2 modes = 6 negative directions.
    expect(first.min).toBeCloseTo(-3, 2)
    expect(first.index).toBe(6)
    // |grad L| = sqrt(2 u0 (3^2 + 1^2)) = 0.14 there (|W2^T Sigma| and |Sigma W1^T|, weights sqrt(u0)):
    // small weights, small gradient, though the curvature is of order s.
    expect(first.gradient).toBeCloseTo(Math.sqrt(2e-3 * 10), 3)
    expect(last.index).toBe(0)
    expect(last.min).toBeGreaterThan(-1e-3 * last.max)
    expect(last.loss).toBeLessThan(1e-12)
    // The index never rises: each mode, once learnt, stays learnt.
    for (let k = 1; k < rs.length; k++) expect(rs[k]!.index).toBeLessThanOrEqual(rs[k - 1]!.index)
    // Somewhere between, the weaker mode is still on its plateau while the strong one is learnt.
    expect(rs.some((r) => r.index > 0 && r.index < 6)).toBe(true)
  })

  it('keeps at most M records, evenly spaced from step 0, thinning by halves', () => {
    const diag = Float64Array.from({ length: 5 }, (_, k) => k - 1)
    let products = 0
    const tracker = new SpectrumTracker({
      dim: 5,
      hessian: {
        kind: 'product',
        hvp: (_theta, v, out) => {
          products++
          for (let k = 0; k < 5; k++) out[k] = diag[k]! * v[k]!
        },
      },
      every: 3,
      capacity: 8,
    })
    const theta = new Float64Array(5)
    let recorded = 0
    for (let t = 0; t < 1000; t++) if (tracker.observe(t, theta, 0.5) !== null) recorded++
    const steps = tracker.records.map((r) => r.step)
    expect(steps.length).toBeLessThanOrEqual(8)
    expect(steps.length).toBeGreaterThanOrEqual(4)
    // Intervals 3, 6, 12, ..., 192: 0..999 at 192 gives 0, 192, ..., 960 (6 records).
    expect(tracker.every).toBe(192)
    expect(steps).toEqual([0, 192, 384, 576, 768, 960])
    // Every record is one Lanczos run of 5 steps (the dimension): 5 products each.
    expect(products).toBe(5 * recorded)
    for (const r of tracker.records) {
      expect(r.min).toBeCloseTo(-1, 12)
      expect(r.max).toBeCloseTo(3, 12)
      expect(r.index).toBe(1)
      expect(r.gradient).toBe(0.5)
      expect(Number.isNaN(r.loss)).toBe(true)
    }
    // A step not due records nothing; a step at or before the last record neither.
    expect(tracker.observe(961, theta)).toBeNull()
    expect(tracker.observe(960, theta)).toBeNull()
  })

  it("runs on a network's exact Hessian-vector products, reusing one workspace", () => {
    const spec: NetworkSpec = { layers: [2, 6, 1], activation: 'tanh', loss: 'xent', l2: 0 }
    const network = new Network(spec, makeDataset('moons', { points: 60, noise: 0.1, seed: 1 }))
    const theta = new Float64Array(network.dim)
    initialise(spec, 3, theta)
    const tracker = new SpectrumTracker({
      dim: network.dim,
      hessian: { kind: 'product', hvp: (t, v, out) => network.hvp(t, v, out) },
      gradient: (t, g) => network.gradient(t, g),
      every: 1,
      steps: network.dim,
    })
    const a = tracker.observe(0, theta)!
    // With steps = P the Ritz values are H's eigenvalues: compare with a dense count.
    const h: Hvp = (v, out) => network.hvp(theta, v, out)
    const e = new Float64Array(network.dim)
    const col = new Float64Array(network.dim)
    let trace = 0
    for (let i = 0; i < network.dim; i++) {
      e.fill(0)
      e[i] = 1
      h(e, col)
      trace += col[i]!
    }
    expect(a.min).toBeLessThanOrEqual(trace / network.dim)
    expect(a.max).toBeGreaterThanOrEqual(trace / network.dim)
    expect(a.loss).toBeCloseTo(network.loss(theta), 14)
    const b = tracker.observe(1, theta)!
    // A fresh start vector, the same operator: the same extremes to rounding.
    expect(b.max).toBeCloseTo(a.max, 8)
    expect(b.index).toBe(a.index)
  })
})
