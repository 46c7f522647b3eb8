import { describe, expect, it } from 'vitest'
import { RandomStream } from '../random'
import { jacobiEigen } from '../systems/hessian'
import { makeDataset } from './data'
import { Network, initialise, layout, parameterCount, type NetworkSpec } from './network'
import {
  SlicePlane,
  filterNormalisedDirection,
  hessianDirections,
  lossSlice,
  pcaDirections,
  projectPoint,
  randomPlane,
} from './slice'

/** Glorot weights and biases N(0, 0.3^2), so that the biases matter. */
function parameters(spec: NetworkSpec, seed: number): Float64Array {
  const theta = new Float64Array(parameterCount(spec.layers))
  initialise(spec, seed, theta)
  const rng = new RandomStream(seed, 99)
  for (const l of layout(spec.layers).layers)
    for (let j = 0; j < l.fanOut; j++) theta[l.biases + j] = 0.3 * rng.normal()
  return theta
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!
  return s
}

function normals(n: number, seed: number, stream = 7): Float64Array {
  const rng = new RandomStream(seed, stream)
  return Float64Array.from({ length: n }, () => rng.normal())
}

/** f(a) = L(theta + a d). */
function along(net: Network, theta: Float64Array, d: Float64Array, a: number): number {
  const x = new Float64Array(theta.length)
  for (let k = 0; k < x.length; k++) x[k] = theta[k]! + a * d[k]!
  return net.loss(x)
}

/** The dense Hessian from P HVPs with the unit vectors, symmetrised. */
function denseHessian(net: Network, theta: Float64Array): Float64Array {
  const p = net.dim
  const h = new Float64Array(p * p)
  const e = new Float64Array(p)
  const col = new Float64Array(p)
  for (let i = 0; i < p; i++) {
    e.fill(0)
    e[i] = 1
    net.hvp(theta, e, col)
    for (let j = 0; j < p; j++) h[i * p + j] = col[j]!
  }
  for (let i = 0; i < p; i++)
    for (let j = i + 1; j < p; j++) h[i * p + j] = h[j * p + i] = 0.5 * (h[i * p + j]! + h[j * p + i]!)
  return h
}

describe('filter-normalised directions (Li et al. 2018)', () => {
  const spec: NetworkSpec = { layers: [2, 8, 8, 1], activation: 'relu', loss: 'xent', l2: 0 }
  const data = makeDataset('circle', { points: 40, noise: 0.2, seed: 3 })
  const net = new Network(spec, data)

  it('scales each weight row to the norm of theta row (+ 1e-10 in the divisor), biases 0 or theta', () => {
    const theta = parameters(spec, 1)
    const raw = filterNormalisedDirection(spec.layers, theta, 5, { normalisation: 'none' })
    for (const ignoreBiases of [true, false]) {
      const d = filterNormalisedDirection(spec.layers, theta, 5, { ignoreBiases })
      for (const l of layout(spec.layers).layers) {
        for (let j = 0; j < l.fanOut; j++) {
          const row = l.weights + j * l.fanIn
          const dr = d.subarray(row, row + l.fanIn)
          const tr = theta.subarray(row, row + l.fanIn)
          const rr = raw.subarray(row, row + l.fanIn)
          const rawNorm = Math.sqrt(dot(rr, rr))
          const expected = (Math.sqrt(dot(tr, tr)) * rawNorm) / (rawNorm + 1e-10)
          expect(Math.abs(Math.sqrt(dot(dr, dr)) / expected - 1)).toBeLessThan(1e-14)
          // The direction of the draw is kept.
          expect(1 - dot(dr, rr) / (Math.sqrt(dot(dr, dr)) * rawNorm)).toBeLessThan(1e-14)
        }
        for (let j = l.biases; j < l.biases + l.fanOut; j++) expect(d[j]).toBe(ignoreBiases ? 0 : theta[j])
      }
    }
  })

  it('keeps f(a) under the ReLU rescaling W1 -> cW1, b1 -> cb1, W2 -> W2/c; the raw direction does not', () => {
    const c = 3.7
    let worstFilter = 0
    let leastRaw = Infinity
    for (const seed of [1, 2, 3]) {
      const theta = parameters(spec, seed)
      const scaled = Float64Array.from(theta)
      const [l1, l2] = layout(spec.layers).layers
      for (let k = l1!.weights; k < l1!.biases + l1!.fanOut; k++) scaled[k] = c * theta[k]!
      for (let k = l2!.weights; k < l2!.biases; k++) scaled[k] = theta[k]! / c
      // The same function: the rescaling is a symmetry of the ReLU network.
      expect(Math.abs(net.loss(scaled) - net.loss(theta))).toBeLessThan(1e-12)
      for (const ignoreBiases of [true, false]) {
        const d = filterNormalisedDirection(spec.layers, theta, 10 + seed, { ignoreBiases })
        const ds = filterNormalisedDirection(spec.layers, scaled, 10 + seed, { ignoreBiases })
        for (const a of [-1, -0.4, 0.25, 0.7, 1])
          worstFilter = Math.max(worstFilter, Math.abs(along(net, scaled, ds, a) - along(net, theta, d, a)))
      }
      const raw = filterNormalisedDirection(spec.layers, theta, 10 + seed, { normalisation: 'none' })
      const rawScaled = filterNormalisedDirection(spec.layers, scaled, 10 + seed, { normalisation: 'none' })
      expect(rawScaled).toEqual(raw)
      let change = 0
      for (const a of [-1, -0.4, 0.25, 0.7, 1])
        change = Math.max(change, Math.abs(along(net, scaled, raw, a) - along(net, theta, raw, a)))
      leastRaw = Math.min(leastRaw, change)
    }
    expect(worstFilter).toBeLessThan(1e-12)
    expect(leastRaw).toBeGreaterThan(1e-2)
  })

  it('draws the two plane directions independently, from one seed', () => {
    const theta = parameters(spec, 1)
    const { d, e } = randomPlane(spec.layers, theta, 4)
    expect(d).toEqual(filterNormalisedDirection(spec.layers, theta, 4))
    expect(e).not.toEqual(d)
    expect(randomPlane(spec.layers, theta, 4).e).toEqual(e)
    // Not orthogonalised: the cosine is small but not zero.
    const cos = dot(d, e) / Math.sqrt(dot(d, d) * dot(e, e))
    expect(cos).not.toBe(0)
    expect(Math.abs(cos)).toBeLessThan(0.5)
  })
})

describe('PCA directions of a trajectory', () => {
  /** The top two eigenpairs of the dense covariance of the centred rows theta_i - final. */
  function densePca(trajectory: Float64Array[], final: Float64Array) {
    const m = trajectory.length
    const p = final.length
    const mean = new Float64Array(p)
    for (const t of trajectory) for (let k = 0; k < p; k++) mean[k] = mean[k]! + (t[k]! - final[k]!) / m
    const c = new Float64Array(p * p)
    for (const t of trajectory)
      for (let i = 0; i < p; i++)
        for (let j = 0; j < p; j++)
          c[i * p + j] = c[i * p + j]! + (t[i]! - final[i]! - mean[i]!) * (t[j]! - final[j]! - mean[j]!)
    let trace = 0
    for (let i = 0; i < p; i++) trace += c[i * p + i]!
    const values = new Float64Array(p)
    const vectors = new Float64Array(p * p)
    jacobiEigen(c, p, values, vectors)
    const column = (k: number) => Float64Array.from({ length: p }, (_, i) => vectors[i * p + k]!)
    return { values: [values[p - 1]!, values[p - 2]!], trace, vectors: [column(p - 1), column(p - 2)] }
  }

  /** A random walk with drift, in p dimensions, m checkpoints. */
  function walk(p: number, m: number, seed: number): Float64Array[] {
    const rng = new RandomStream(seed, 3)
    const scale = Float64Array.from({ length: p }, (_, k) => 1 / (1 + k))
    const out: Float64Array[] = []
    const x = new Float64Array(p)
    for (let i = 0; i < m; i++) {
      for (let k = 0; k < p; k++) x[k] = x[k]! + scale[k]! * (rng.normal() + 0.05 * k)
      out.push(Float64Array.from(x))
    }
    return out
  }

  for (const [p, m] of [
    [6, 10],
    [20, 150],
    [40, 12],
  ] as const)
    it(`matches a dense eigen-decomposition of the covariance (${p} parameters, ${m} checkpoints)`, () => {
      const trajectory = walk(p, m, p + m)
      const final = trajectory[m - 1]!
      const r = pcaDirections(trajectory, final)
      const dense = densePca(trajectory, final)
      for (const [i, v] of [r.d, r.e].entries()) {
        expect(Math.abs(dot(v, v) - 1)).toBeLessThan(1e-14)
        expect(1 - Math.abs(dot(v, dense.vectors[i]!))).toBeLessThan(1e-10)
        expect(Math.abs(r.explained[i]! - dense.values[i]! / dense.trace)).toBeLessThan(1e-12)
        expect(Math.abs(r.variances[i]! - dense.values[i]! / (m - 1))).toBeLessThan(1e-10 * dense.values[0]!)
        // The first checkpoint at a coordinate >= 0.
        let s = 0
        for (let k = 0; k < p; k++) s += (trajectory[0]![k]! - final[k]!) * v[k]!
        expect(s).toBeGreaterThanOrEqual(0)
      }
      expect(Math.abs(dot(r.d, r.e))).toBeLessThan(1e-12)
    })

  it('recovers the plane of a trajectory that lies in one (explained variance 1)', () => {
    const p = 50
    const u = normals(p, 1)
    const v = normals(p, 2)
    const final = normals(p, 3)
    const rng = new RandomStream(4, 0)
    const trajectory: Float64Array[] = []
    for (let i = 0; i < 30; i++) {
      const s = rng.normal()
      const t = rng.normal()
      trajectory.push(Float64Array.from(final, (x, k) => x + s * u[k]! + t * v[k]!))
    }
    const r = pcaDirections(trajectory, final)
    expect(Math.abs(r.explained[0] + r.explained[1] - 1)).toBeLessThan(1e-12)
    expect(r.explained[1]).toBeGreaterThan(0.01)
    // d and e lie in span{u, v}: no distance from the plane through 0 that u and v span.
    const plane = new SlicePlane(new Float64Array(p), u, v)
    expect(plane.project(r.d).distance).toBeLessThan(1e-12)
    expect(plane.project(r.e).distance).toBeLessThan(1e-12)
  })

  it('completes a trajectory on a line with an orthogonal unit e of share 0', () => {
    const p = 8
    const u = normals(p, 5)
    const final = normals(p, 6)
    const trajectory = [0, 0.5, 1.5, 3].map((s) => Float64Array.from(final, (x, k) => x + s * u[k]!))
    const r = pcaDirections(trajectory, final)
    expect(1 - Math.abs(dot(r.d, u)) / Math.sqrt(dot(u, u))).toBeLessThan(1e-12)
    expect(r.explained[0]).toBeCloseTo(1, 12)
    expect(r.explained[1]).toBe(0)
    expect(Math.abs(dot(r.d, r.e))).toBeLessThan(1e-12)
    expect(Math.abs(dot(r.e, r.e) - 1)).toBeLessThan(1e-14)
  })

  it('refuses a trajectory that does not move, or of one checkpoint', () => {
    const x = new Float64Array(4).fill(1)
    expect(() => pcaDirections([x, x, x], x)).toThrow(RangeError)
    expect(() => pcaDirections([x], x)).toThrow(RangeError)
  })
})

describe('Hessian directions', () => {
  it('match the dense Hessian from P HVPs: eigenvalues within 1e-8 relative', () => {
    const spec: NetworkSpec = { layers: [2, 4, 3, 1], activation: 'tanh', loss: 'xent', l2: 0.01 }
    const net = new Network(spec, makeDataset('spiral', { points: 30, noise: 0.1, seed: 2 }))
    for (const seed of [1, 2]) {
      const theta = parameters(spec, seed)
      const p = net.dim
      const values = new Float64Array(p)
      const vectors = new Float64Array(p * p)
      jacobiEigen(denseHessian(net, theta), p, values, vectors)
      const scale = Math.max(Math.abs(values[0]!), Math.abs(values[p - 1]!))
      const r = hessianDirections(net, theta)
      for (const [i, v] of [r.d, r.e].entries()) {
        const k = p - 1 - i
        expect(Math.abs(r.values[i]! - values[k]!)).toBeLessThan(1e-8 * scale)
        const dense = Float64Array.from({ length: p }, (_, x) => vectors[x * p + k]!)
        expect(1 - Math.abs(dot(v, dense))).toBeLessThan(1e-8)
        expect(r.residuals[i]).toBeLessThan(1e-8 * scale)
      }
    }
  })

  it('with fewer steps than parameters, each value lies within its residual of an eigenvalue of H', () => {
    const spec: NetworkSpec = { layers: [2, 8, 8, 1], activation: 'tanh', loss: 'xent', l2: 0 }
    const net = new Network(spec, makeDataset('circle', { points: 40, noise: 0.1, seed: 1 }))
    const theta = parameters(spec, 3)
    const p = net.dim
    const values = new Float64Array(p)
    jacobiEigen(denseHessian(net, theta), p, values, new Float64Array(p * p))
    const scale = Math.max(Math.abs(values[0]!), Math.abs(values[p - 1]!))
    const r = hessianDirections(net, theta, { steps: 30 })
    expect(r.steps).toBe(30)
    for (let i = 0; i < 2; i++) {
      const gap = Math.min(...Array.from(values, (x) => Math.abs(x - r.values[i]!)))
      expect(gap).toBeLessThanOrEqual(r.residuals[i]! + 1e-12 * scale)
    }
    expect(r.values[0]).toBeLessThanOrEqual(values[p - 1]! + 1e-12 * scale)
    expect(r.values[0]).toBeGreaterThanOrEqual(r.values[1])
  })
})

describe('loss slice', () => {
  const spec: NetworkSpec = { layers: [2, 6, 6, 1], activation: 'tanh', loss: 'xent', l2: 0.001 }
  const net = new Network(spec, makeDataset('moons', { points: 37, noise: 0.1, seed: 1 }))
  const theta = parameters(spec, 2)
  const { d, e } = randomPlane(spec.layers, theta, 9)

  it('has L(origin) at the centre exactly, and L at every grid point', () => {
    const s = lossSlice(net, theta, d, e, { grid: 61 })
    expect(s.na).toBe(61)
    expect(s.values.length).toBe(61 * 61)
    expect(s.values[30 * 61 + 30]).toBe(net.loss(theta))
    const x = new Float64Array(net.dim)
    for (const [i, j] of [
      [0, 0],
      [60, 0],
      [7, 52],
    ] as const) {
      const a = -1 + (2 * i) / 60
      const b = -1 + (2 * j) / 60
      for (let k = 0; k < x.length; k++) x[k] = theta[k]! + a * d[k]! + b * e[k]!
      expect(s.values[j * 61 + i]).toBe(net.loss(x))
    }
    expect(s.min).toBe(Math.min(...s.values))
    expect(s.max).toBe(Math.max(...s.values))
  })

  it('takes per-axis ranges and grids, and writes into a given array', () => {
    const out = new Float64Array(5 * 3 + 4)
    const s = lossSlice(net, theta, d, e, { grid: [5, 3], a: [-2, 0], b: [0, 0.5], out })
    expect(s.values).toBe(out)
    expect(s.a).toEqual([-2, 0])
    expect(s.b).toEqual([0, 0.5])
    // a = 0, b = 0 is the last column of the first row.
    expect(out[4]).toBe(net.loss(theta))
    const x = new Float64Array(net.dim)
    for (let k = 0; k < x.length; k++) x[k] = theta[k]! + -1 * d[k]! + 0.5 * e[k]!
    expect(out[2 * 5 + 2]).toBe(net.loss(x))
  })

  it('computes a band of rows with the values the whole grid has there, bit for bit; bad rows are named', () => {
    const whole = lossSlice(net, theta, d, e, { grid: [7, 9], a: [-1.5, 0.5], b: [-1, 2] })
    const bands = [
      [0, 3],
      [3, 4],
      [4, 4],
      [4, 9],
    ] as const
    const joined: number[] = []
    for (const rows of bands) {
      const band = lossSlice(net, theta, d, e, { grid: [7, 9], a: [-1.5, 0.5], b: [-1, 2], rows })
      expect(band.values.length).toBe(7 * (rows[1] - rows[0]))
      joined.push(...band.values)
    }
    expect(joined).toEqual([...whole.values])
    expect(() => lossSlice(net, theta, d, e, { grid: 5, rows: [2, 6] })).toThrow(
      'rows [2, 6) are not whole numbers within [0, 5]',
    )
    expect(() => lossSlice(net, theta, d, e, { grid: 5, rows: [3, 2] })).toThrow('rows [3, 2)')
  })
})

describe('projection onto the slice plane', () => {
  const spec: NetworkSpec = { layers: [2, 6, 6, 1], activation: 'tanh', loss: 'xent', l2: 0 }
  const net = new Network(spec, makeDataset('xor', { points: 50, noise: 0.1, seed: 1 }))
  const theta = parameters(spec, 4)
  const { d, e } = randomPlane(spec.layers, theta, 2)
  const p = net.dim

  it('puts a point of the plane at its coordinates, 0 off it, with the plane loss equal to the true loss', () => {
    for (const [a, b] of [
      [0.3, -0.7],
      [0, 0],
      [-1.2, 0.05],
    ] as const) {
      const x = Float64Array.from(theta, (t, k) => t + a * d[k]! + b * e[k]!)
      const r = projectPoint(x, theta, d, e, net)
      expect(Math.abs(r.a - a)).toBeLessThan(1e-12)
      expect(Math.abs(r.b - b)).toBeLessThan(1e-12)
      expect(r.distance).toBeLessThan(1e-12)
      expect(Math.abs(r.planeLoss - r.trueLoss)).toBeLessThan(1e-12)
      expect(r.trueLoss).toBe(net.loss(x))
    }
  })

  it('reports the distance of a point moved off the plane along a normal, and its loss against the plane', () => {
    // A unit normal: a random vector with its parts along d and e removed (Gram-Schmidt, twice).
    const n = normals(p, 11)
    const basis: Float64Array[] = []
    for (const v of [d, e]) {
      const w = Float64Array.from(v)
      for (const q of basis) {
        const c = dot(w, q)
        for (let k = 0; k < p; k++) w[k] = w[k]! - c * q[k]!
      }
      const norm = Math.sqrt(dot(w, w))
      basis.push(w.map((x) => x / norm))
    }
    for (let pass = 0; pass < 2; pass++)
      for (const q of basis) {
        const c = dot(n, q)
        for (let k = 0; k < p; k++) n[k] = n[k]! - c * q[k]!
      }
    const norm = Math.sqrt(dot(n, n))
    for (let k = 0; k < p; k++) n[k] = n[k]! / norm
    const plane = new SlicePlane(theta, d, e)
    const onPlane = plane.point(0.4, 0.6)
    for (const h of [0.8, 2.5]) {
      const x = Float64Array.from(onPlane, (t, k) => t + h * n[k]!)
      const r = plane.project(x, net)
      expect(Math.abs(r.a - 0.4)).toBeLessThan(1e-12)
      expect(Math.abs(r.b - 0.6)).toBeLessThan(1e-12)
      expect(Math.abs(r.distance - h)).toBeLessThan(1e-12)
      expect(Math.abs(r.planeLoss - net.loss(onPlane))).toBeLessThan(1e-12)
      expect(r.trueLoss).toBe(net.loss(x))
      expect(r.lossGap).toBe(r.trueLoss - r.planeLoss)
      expect(Math.abs(r.lossGap)).toBeGreaterThan(1e-6)
    }
  })

  it('projects without a network, and refuses parallel directions', () => {
    const x = Float64Array.from(theta, (t, k) => t + 0.5 * d[k]!)
    const r = projectPoint(x, theta, d, e)
    expect(Math.abs(r.a - 0.5)).toBeLessThan(1e-12)
    expect(r.planeLoss).toBeNaN()
    expect(r.fromOrigin).toBeCloseTo(0.5 * Math.sqrt(dot(d, d)), 12)
    expect(
      () =>
        new SlicePlane(
          theta,
          d,
          d.map((x) => 2 * x),
        ),
    ).toThrow(RangeError)
    expect(() => new SlicePlane(theta, d, new Float64Array(p))).toThrow(RangeError)
  })
})
