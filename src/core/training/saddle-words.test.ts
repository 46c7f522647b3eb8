import { describe, expect, it } from 'vitest'
import { makeDataset } from './data'
import { saxeHvp, saxeSystem } from './deep-linear'
import { extremeEigenvalues, hessianIndex, type Hvp } from './lanczos'
import { initialise, Network, type NetworkSpec } from './network'
import { classifyTrainingWalker, shortNumber, trainingWalkerWords } from './saddle-words'

const norm = (g: Float64Array) => Math.sqrt(g.reduce((s, v) => s + v * v, 0))

describe('status words of a network near saddles, minima and plateaus', () => {
  it('writes numbers short, with a true minus sign', () => {
    expect(shortNumber(2e-5)).toBe('2e-5')
    expect(shortNumber(-0.04)).toBe('−0.04')
    expect(shortNumber(0.2345)).toBe('0.23')
    expect(shortNumber(3e-7)).toBe('3e-7')
    expect(shortNumber(12345)).toBe('1e4')
    expect(shortNumber(0)).toBe('0')
  })

  it("Saxe's saddle L = (s - ab)^2 / 2 at (0, 0): near a saddle of index 1, escape curvature -s", () => {
    const s = 0.5
    const q = new Float64Array([0, 0])
    const g = new Float64Array(2)
    const loss = saxeSystem(s).gradient(q, g)
    const hvp = saxeHvp(s, q)
    const ext = extremeEigenvalues(hvp, 2, { seed: 3 })
    const index = hessianIndex(hvp, 2)
    expect(index.negative).toBe(1)
    const w = classifyTrainingWalker({
      loss,
      gradient: norm(g),
      hessian: { min: ext.min, max: ext.max, index: index.negative },
    })
    expect(w.kind).toBe('saddle')
    expect(w.words).toBe('near a saddle of index 1: gradient 0, escape direction curvature −0.5')
    // Without an index the words still say saddle, from lambda_min alone.
    expect(trainingWalkerWords({ loss, gradient: 0, hessian: { min: ext.min, max: ext.max } })).toBe(
      'near a saddle of index ≥ 1: gradient 0, escape direction curvature −0.5',
    )
    // Negative control: the same point on the hyperbola a b = s is a minimum.
    const m = new Float64Array([1, s])
    const mext = extremeEigenvalues(saxeHvp(s, m), 2, { seed: 3 })
    saxeSystem(s).gradient(m, g)
    const mw = classifyTrainingWalker({ loss: 0, gradient: norm(g), hessian: { min: mext.min, max: mext.max } })
    expect(mw.kind).toBe('minimum')
  })

  it('a quadratic minimum: at a minimum, with the gradient and the smallest curvature', () => {
    // H = diag(1e-3, 1, 2) at x = (3e-4, 0, 0): gradient 3e-7.
    const diag = [1e-3, 1, 2]
    const hvp: Hvp = (v, out) => diag.forEach((d, k) => (out[k] = d * v[k]!))
    const ext = extremeEigenvalues(hvp, 3, { seed: 1 })
    const words = trainingWalkerWords({ loss: 4.5e-11, gradient: 3e-7, hessian: { min: ext.min, max: ext.max } })
    expect(words).toBe('at a minimum: gradient 3e-7, all curvatures ≥ 0 (smallest 1e-3)')
    // A gradient larger than tau Lambda = 2e-3 is not near the minimum: still training.
    expect(classifyTrainingWalker({ loss: 0.1, gradient: 0.01, hessian: { min: ext.min, max: ext.max } }).kind).toBe(
      'training',
    )
  })

  it('a flat region is a plateau; a curvature far below rho Lambda does not make a saddle', () => {
    expect(trainingWalkerWords({ loss: 0.69, gradient: 4e-6, hessian: { min: -1e-5, max: 1e-4 } })).toBe(
      'on a plateau: gradient 4e-6, curvature within ±1e-4 (flat)',
    )
    // lambda_min = -1e-6 against Lambda = 1: zero within rho Lambda = 1e-3, a minimum.
    const w = classifyTrainingWalker({ loss: 0.1, gradient: 1e-6, hessian: { min: -1e-6, max: 1, index: 2 } })
    expect(w.kind).toBe('minimum')
    expect(w.words).toBe('at a minimum: gradient 1e-6, all curvatures ≥ 0 (smallest −1e-6, zero within 1e-3)')
  })

  it('a network at its Glorot initialisation is training, with loss and accuracy; divergence wins', () => {
    const spec: NetworkSpec = { layers: [2, 8, 8, 1], activation: 'tanh', loss: 'xent', l2: 0 }
    const net = new Network(spec, makeDataset('circle', { points: 100, noise: 0.1, seed: 2 }))
    const theta = new Float64Array(net.dim)
    initialise(spec, 5, theta)
    const g = new Float64Array(net.dim)
    const loss = net.gradient(theta, g)
    const ext = extremeEigenvalues((v, out) => net.hvp(theta, v, out), net.dim, { seed: 1, steps: 40 })
    const state = {
      loss,
      gradient: norm(g),
      accuracy: net.accuracy(theta),
      hessian: { min: ext.min, max: ext.max },
    }
    const w = classifyTrainingWalker(state)
    expect(w.kind).toBe('training')
    expect(w.words).toMatch(/^training: loss [\d.]+, accuracy \d+%$/)
    expect(trainingWalkerWords({ ...state, hessian: null })).toBe(w.words)
    expect(trainingWalkerWords({ ...state, accuracy: NaN })).toMatch(/^training: loss [\d.]+$/)
    expect(trainingWalkerWords({ ...state, divergedAt: 40 })).toBe('diverged at step 40')
    expect(classifyTrainingWalker({ ...state, loss: Infinity }).kind).toBe('diverged')
  })
})
