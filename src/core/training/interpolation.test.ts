import { describe, expect, it } from 'vitest'
import { RandomStream } from '../random'
import type { Dataset } from './data'
import { interpolationCurve } from './interpolation'
import { Network, type NetworkSpec } from './network'

/** Targets 2 x - y, without noise: a linear model fits them exactly. */
function linearData(n: number): Dataset {
  const rng = new RandomStream(1, 5)
  const inputs = new Float64Array(2 * n)
  const targets = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const x = 4 * rng.uniform() - 2
    const y = 4 * rng.uniform() - 2
    inputs[2 * i] = x
    inputs[2 * i + 1] = y
    targets[i] = 2 * x - y
  }
  return { id: 'linear', n, inputs, targets, task: 'regress' }
}

describe('linear interpolation from initial to final weights (Goodfellow et al. 2015)', () => {
  it('equals L(theta_0) and L(theta_F) at the ends exactly, and L on the line elsewhere', () => {
    const spec: NetworkSpec = { layers: [2, 5, 1], activation: 'tanh', loss: 'mse', l2: 0 }
    const net = new Network(spec, linearData(30))
    const rng = new RandomStream(2, 0)
    const theta0 = Float64Array.from({ length: net.dim }, () => rng.normal())
    const thetaF = Float64Array.from({ length: net.dim }, () => rng.normal())
    const c = interpolationCurve(net, theta0, thetaF)
    expect(c.alpha.length).toBe(41)
    expect(c.alpha[0]).toBe(-0.5)
    expect(c.alpha[40]).toBe(1.5)
    expect(c.alpha[10]).toBe(0)
    expect(c.alpha[30]).toBe(1)
    expect(c.start).toBe(net.loss(theta0))
    expect(c.end).toBe(net.loss(thetaF))
    expect(c.loss[10]).toBe(c.start)
    expect(c.loss[30]).toBe(c.end)
    const x = Float64Array.from(theta0, (t, k) => (1 - c.alpha[3]!) * t + c.alpha[3]! * thetaF[k]!)
    expect(c.loss[3]).toBe(net.loss(x))
    // 0 and 1 off the grid: the ends are still reported.
    const d = interpolationCurve(net, theta0, thetaF, 10, { range: [-0.3, 1.3] })
    expect(d.start).toBe(net.loss(theta0))
    expect(d.end).toBe(net.loss(thetaF))
    expect(d.alpha.includes(0)).toBe(false)
  })

  it('finds no barrier on a convex loss towards its minimum, the loss falling all the way', () => {
    // A linear model with squared error: L is a convex quadratic, least at the exact fit.
    const net = new Network({ layers: [2, 1], activation: 'linear', loss: 'mse', l2: 0 }, linearData(30))
    const thetaF = Float64Array.from([2, -1, 0])
    const theta0 = Float64Array.from([-0.3, 0.8, 1.5])
    const c = interpolationCurve(net, theta0, thetaF)
    expect(c.end).toBeLessThan(1e-28)
    expect(c.barrier.present).toBe(false)
    expect(c.barrier.height).toBeLessThan(0)
    expect(c.monotone).toBe(true)
    // Beyond the minimum the loss rises again.
    expect(c.loss[40]).toBeGreaterThan(c.end)
  })

  it('finds the barrier between two mirror-image fits of a two-layer linear net, at the midpoint', () => {
    // z = w2 (w1 . x + b1) + b2: (w1, b1, w2) and (-w1, -b1, -w2) compute the same function;
    // halfway the weights vanish and the output is 0, a barrier of mean(t^2)/2.
    const data = linearData(30)
    const net = new Network({ layers: [2, 1, 1], activation: 'linear', loss: 'mse', l2: 0 }, data)
    const theta0 = Float64Array.from([2, -1, 0, 1, 0])
    const thetaF = Float64Array.from([-2, 1, 0, -1, 0])
    const c = interpolationCurve(net, theta0, thetaF)
    let mid = 0
    for (let i = 0; i < data.n; i++) mid += (0.5 * data.targets[i]! * data.targets[i]!) / data.n
    expect(c.start).toBe(0)
    expect(c.end).toBe(0)
    expect(c.barrier.present).toBe(true)
    expect(c.barrier.at).toBe(0.5)
    expect(Math.abs(c.barrier.height - mid)).toBeLessThan(1e-12 * mid)
    expect(c.monotone).toBe(false)
  })

  it('refuses too few points or a bad range', () => {
    const net = new Network({ layers: [2, 1], activation: 'linear', loss: 'mse', l2: 0 }, linearData(5))
    const t = new Float64Array(3)
    expect(() => interpolationCurve(net, t, t, 1)).toThrow(RangeError)
    expect(() => interpolationCurve(net, t, t, 5, { range: [1, 0] })).toThrow(RangeError)
  })
})
