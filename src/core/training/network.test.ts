import { describe, expect, it } from 'vitest'
import { RandomStream } from '../random'
import { makeDataset, userDataset, type Dataset } from './data'
import {
  MAX_PARAMETERS,
  Network,
  coordinateName,
  crossEntropyWithLogits,
  initScale,
  initialise,
  layout,
  log1p,
  networkSystem,
  parameterCount,
  tanh,
  validateNetworkSpec,
  type Activation,
  type LossKind,
  type NetworkSpec,
} from './network'

const ACTS: Activation[] = ['tanh', 'relu', 'sigmoid', 'linear']
const LOSSES: LossKind[] = ['xent', 'mse']
const H = 1e-5

/** A small data set for the loss: classes for cross-entropy, a regression for squared error. */
function smallData(loss: LossKind, seed: number): Dataset {
  return loss === 'xent'
    ? makeDataset('circle', { points: 13, noise: 0.3, seed })
    : makeDataset('sine', { points: 13, noise: 0.3, seed })
}

/** Glorot weights and biases N(0, 0.3^2), so that the biases' part of the gradient is not special. */
function parameters(spec: NetworkSpec, seed: number): Float64Array {
  const theta = new Float64Array(parameterCount(spec.layers))
  initialise(spec, seed, theta)
  const rng = new RandomStream(seed, 99)
  for (const l of layout(spec.layers).layers)
    for (let j = 0; j < l.fanOut; j++) theta[l.biases + j] = 0.3 * rng.normal()
  return theta
}

/** A unit vector of random direction. */
function direction(dim: number, seed: number): Float64Array {
  const rng = new RandomStream(seed, 7)
  const v = new Float64Array(dim)
  let s = 0
  for (let k = 0; k < dim; k++) {
    v[k] = rng.normal()
    s += v[k]! * v[k]!
  }
  for (let k = 0; k < dim; k++) v[k] = v[k]! / Math.sqrt(s)
  return v
}

/**
 * An independent forward pass in plain arrays: every hidden pre-activation (for the ReLU kink
 * check) and the mean loss with its L2 term.
 */
function reference(spec: NetworkSpec, data: Dataset, theta: Float64Array): { loss: number; pre: number[] } {
  const lay = layout(spec.layers).layers
  const f = (z: number) =>
    spec.activation === 'tanh'
      ? tanh(z)
      : spec.activation === 'relu'
        ? Math.max(z, 0)
        : spec.activation === 'sigmoid'
          ? 1 / (1 + Math.exp(-z))
          : z
  const pre: number[] = []
  let sum = 0
  for (let i = 0; i < data.n; i++) {
    let a = [data.inputs[2 * i]!, data.inputs[2 * i + 1]!]
    lay.forEach((l, li) => {
      const z = Array.from({ length: l.fanOut }, (_, j) => {
        let s = theta[l.biases + j]!
        for (let k = 0; k < l.fanIn; k++) s += theta[l.weights + j * l.fanIn + k]! * a[k]!
        return s
      })
      if (li < lay.length - 1) pre.push(...z)
      a = li < lay.length - 1 ? z.map(f) : z
    })
    const z = a[0]!
    const y = data.targets[i]!
    sum += spec.loss === 'xent' ? Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z))) : 0.5 * (z - y) ** 2
  }
  let w2 = 0
  for (const l of lay) for (let k = 0; k < l.fanIn * l.fanOut; k++) w2 += theta[l.weights + k]! ** 2
  return { loss: sum / data.n + 0.5 * spec.l2 * w2, pre }
}

/** Whether every hidden pre-activation keeps its sign at theta and at theta +- H e_k (and +- H v): no kink crossed. */
function awayFromKinks(spec: NetworkSpec, data: Dataset, theta: Float64Array, v: Float64Array): boolean {
  if (spec.activation !== 'relu') return true
  const base = reference(spec, data, theta).pre
  if (base.some((z) => Math.abs(z) < 1e-4)) return false
  const q = new Float64Array(theta)
  const same = () => reference(spec, data, q).pre.every((z, i) => z > 0 === base[i]! > 0)
  for (const s of [H, -H]) {
    for (let k = 0; k < theta.length; k++) {
      q[k] = theta[k]! + s
      const ok = same()
      q[k] = theta[k]!
      if (!ok) return false
    }
    for (let k = 0; k < theta.length; k++) q[k] = theta[k]! + s * v[k]!
    if (!same()) return false
    q.set(theta)
  }
  return true
}

/** The first `count` seeds from 1 whose parameters keep ReLU away from its kinks (all seeds for smooth activations). */
function seedsFor(spec: NetworkSpec, data: Dataset, count: number): number[] {
  const seeds: number[] = []
  for (let seed = 1; seeds.length < count; seed++) {
    if (seed > 200) throw new Error('no seed keeps the pre-activations away from 0')
    const theta = parameters(spec, seed)
    if (awayFromKinks(spec, data, theta, direction(theta.length, seed))) seeds.push(seed)
  }
  return seeds
}

/**
 * Central differences, h = 1e-5: the error is (h^2/6) L''' plus rounding, about eps |L| / h =
 * 2e-11 for |L| ~ 1; L''' reaches ~100 for first-layer weights on inputs up to 5, so errors up to
 * ~2e-9 occur. The relative test |g - g_num| / (|g| + |g_num|) < 1e-7 is CS231n's "good"; where
 * the difference is below 1e-9 it passes on that absolute floor instead, since a tiny entry's
 * relative error is rounding over a tiny number (for any entry above 1e-2 the floor is stricter
 * than the relative bound anyway).
 */
const GRAD_REL = 1e-7
const GRAD_FLOOR = 1e-9

describe('parameters and their layout', () => {
  it('counts sum (n_{l-1} + 1) n_l parameters', () => {
    expect(parameterCount([2, 8, 8, 1])).toBe(105)
    expect(parameterCount([2, 5, 4, 3, 1])).toBe(15 + 24 + 15 + 4)
    expect(parameterCount([2, 1])).toBe(3)
    expect(layout([2, 8, 8, 1])).toEqual({
      layers: [
        { fanIn: 2, fanOut: 8, weights: 0, biases: 16 },
        { fanIn: 8, fanOut: 8, weights: 24, biases: 88 },
        { fanIn: 8, fanOut: 1, weights: 96, biases: 104 },
      ],
      count: 105,
    })
  })

  it('names every parameter once', () => {
    const names = Array.from({ length: 105 }, (_, k) => coordinateName([2, 8, 8, 1], k))
    expect(new Set(names).size).toBe(105)
    expect(names[0]).toBe('W1[0,0]')
    expect(names[7]).toBe('W1[3,1]')
    expect(names[16]).toBe('b1[0]')
    expect(names[24 + 3 * 8 + 2]).toBe('W2[3,2]')
    expect(names[88 + 4]).toBe('b2[4]')
    expect(names[104]).toBe('b3[0]')
    expect(coordinateName([2, 8, 8, 1], 105)).toBe('theta[105]')
  })

  it('validates specs with one clear message', () => {
    const ok: NetworkSpec = { layers: [2, 8, 8, 1], activation: 'tanh', loss: 'xent', l2: 0 }
    expect(validateNetworkSpec(ok)).toBeNull()
    expect(validateNetworkSpec({ ...ok, layers: [2] })).toBe(
      'a network has 2 to 6 layers (inputs, hidden layers, output), not 1',
    )
    expect(validateNetworkSpec({ ...ok, layers: [2, 4, 4, 4, 4, 4, 1] })).toMatch(/not 7$/)
    expect(validateNetworkSpec({ ...ok, layers: [2, 65, 1] })).toBe(
      'layer 2 has 65 neurons: sizes are integers from 1 to 64',
    )
    expect(validateNetworkSpec({ ...ok, layers: [2, 0, 1] })).toMatch(/^layer 2 has 0 neurons/)
    expect(validateNetworkSpec({ ...ok, layers: [2, 2.5, 1] })).toMatch(/^layer 2 has 2.5 neurons/)
    expect(validateNetworkSpec({ ...ok, layers: [3, 8, 1] })).toBe('the first layer is the 2 inputs, not 3')
    expect(validateNetworkSpec({ ...ok, layers: [2, 8, 2] })).toBe('the last layer is the 1 output, not 2')
    expect(validateNetworkSpec({ ...ok, layers: [2, 64, 64, 1] })).toBeNull()
    expect(validateNetworkSpec({ ...ok, layers: [2, 64, 64, 64, 1] })).toBe(
      `8577 parameters: at most ${MAX_PARAMETERS}`,
    )
    expect(validateNetworkSpec({ ...ok, activation: 'gelu' as Activation })).toBe(
      "unknown activation 'gelu': one of tanh, relu, sigmoid, linear",
    )
    expect(validateNetworkSpec({ ...ok, loss: 'hinge' as LossKind })).toBe("unknown loss 'hinge': one of xent, mse")
    expect(validateNetworkSpec({ ...ok, l2: -1 })).toBe('the L2 coefficient must be finite and >= 0, not -1')
    expect(validateNetworkSpec({ ...ok, l2: Infinity })).toMatch(/L2/)
    expect(() => new Network({ ...ok, layers: [2, 8] }, makeDataset('xor', { points: 5, noise: 0, seed: 1 }))).toThrow(
      RangeError,
    )
    expect(() => new Network(ok, makeDataset('sine', { points: 5, noise: 0, seed: 1 }))).toThrow(
      /cross-entropy needs labels 0 and 1/,
    )
  })
})

describe('initialise', () => {
  it('draws the same bits from the same seed, biases 0', () => {
    const spec: NetworkSpec = { layers: [2, 8, 8, 1], activation: 'relu', loss: 'xent', l2: 0 }
    const a = new Float64Array(105)
    const b = new Float64Array(105)
    const c = new Float64Array(105)
    initialise(spec, 5, a, 'he')
    initialise(spec, 5, b, 'he')
    initialise(spec, 6, c, 'he')
    expect(a).toEqual(b)
    expect(a).not.toEqual(c)
    for (const l of layout(spec.layers).layers) for (let j = 0; j < l.fanOut; j++) expect(a[l.biases + j]).toBe(0)
    expect(() => initialise(spec, 5, new Float64Array(104))).toThrow(RangeError)
  })

  it("gives a big layer's weights the target standard deviation", () => {
    // W2 of [2, 64, 64, 1] has N = 4096 weights. The sample sd s of N draws of kurtosis k has relative sd
    // sqrt((k - 1) / (4N)) (delta method on s^2, whose relative variance is (k - 1)/N): sqrt(1 / (2N)) = 1.1% for
    // normal draws (k = 3), sqrt(0.2 / N) = 0.70% for uniform ones (k = 9/5). A bound of 5 such sd, and 5 sd of the
    // mean (sd / sqrt N), fails by chance with probability 6e-7 each for a seed.
    const layers = [2, 64, 64, 1]
    const N = 64 * 64
    const w2 = layout(layers).layers[1]!
    const cases = [
      ['glorot', 'normal', 'tanh', (5 / 3) * Math.sqrt(2 / 128), 3],
      ['glorot', 'uniform', 'sigmoid', Math.sqrt(2 / 128), 9 / 5],
      ['he', 'normal', 'relu', Math.sqrt(2 / 64), 3],
      ['he', 'uniform', 'relu', Math.sqrt(2 / 64), 9 / 5],
    ] as const
    for (const [scheme, distribution, activation, sd, kurtosis] of cases) {
      const spec: NetworkSpec = { layers, activation, loss: 'xent', l2: 0 }
      expect(initScale(scheme, activation, 64, 64)).toBeCloseTo(sd, 15)
      const theta = new Float64Array(parameterCount(layers))
      initialise(spec, 2024, theta, scheme, distribution)
      let m = 0
      let s2 = 0
      for (let k = 0; k < N; k++) m += theta[w2.weights + k]!
      m /= N
      for (let k = 0; k < N; k++) s2 += (theta[w2.weights + k]! - m) ** 2
      const s = Math.sqrt(s2 / (N - 1))
      expect(Math.abs(m)).toBeLessThan((5 * sd) / Math.sqrt(N))
      expect(Math.abs(s / sd - 1)).toBeLessThan(5 * Math.sqrt((kurtosis - 1) / (4 * N)))
      if (distribution === 'uniform')
        for (let k = 0; k < N; k++) expect(Math.abs(theta[w2.weights + k]!)).toBeLessThanOrEqual(Math.sqrt(3) * sd)
    }
  })
})

describe('scalar functions', () => {
  it('log1p is accurate for tiny arguments and near the engine everywhere', () => {
    expect(log1p(0)).toBe(0)
    expect(log1p(1e-20)).toBe(1e-20)
    expect(log1p(5e-324)).toBe(5e-324)
    // log(1 + x) = x - x^2/2 + x^3/3 - ...: at x = 1e-10 the second term is 5e-21, 5e-11 of the value.
    expect(Math.abs(log1p(1e-10) - (1e-10 - 5e-21)) / 1e-10).toBeLessThan(2e-16)
    expect(log1p(1)).toBe(Math.LN2)
    let worst = 0
    for (let i = 1; i <= 20000; i++) {
      const x = Math.exp(-i * 0.002) // e^-40 .. 1: what the cross-entropy passes in
      worst = Math.max(worst, Math.abs(log1p(x) - Math.log1p(x)) / Math.log1p(x))
    }
    expect(worst).toBeLessThan(5e-16)
  })

  it('tanh is odd, saturates and agrees with the engine to 4 ulps', () => {
    expect(tanh(0)).toBe(0)
    expect(tanh(1000)).toBe(1)
    expect(tanh(-1000)).toBe(-1)
    expect(tanh(20.000001)).toBe(1)
    expect(tanh(1e-300)).toBe(1e-300)
    let worst = 0
    for (let i = 1; i <= 50000; i++) {
      const x = i * 0.0005 // 0 .. 25: every knot of the table, the points halfway between, the saturation
      expect(tanh(-x)).toBe(-tanh(x))
      const ref = Math.tanh(x)
      const ulp = 2 ** (Math.floor(Math.log2(ref)) - 52)
      worst = Math.max(worst, Math.abs(tanh(x) - ref) / ulp)
    }
    expect(worst).toBeLessThanOrEqual(4)
  })

  it('cross-entropy with logits is finite and exact at |z| = 1000', () => {
    expect(crossEntropyWithLogits(1000, 1)).toBe(0)
    expect(crossEntropyWithLogits(1000, 0)).toBe(1000)
    expect(crossEntropyWithLogits(-1000, 1)).toBe(1000)
    expect(crossEntropyWithLogits(-1000, 0)).toBe(0)
    expect(crossEntropyWithLogits(0, 1)).toBe(Math.LN2)
    expect(crossEntropyWithLogits(40, 0)).toBeCloseTo(40, 14)
    // The network at a logit of +-1000: W = 0, b = +-1000, one point of each class.
    const data = userDataset([
      { x: 1, y: 2, label: 1 },
      { x: -1, y: 0, label: 0 },
    ])
    const net = new Network({ layers: [2, 1], activation: 'linear', loss: 'xent', l2: 0 }, data)
    const g = new Float64Array(3)
    for (const b of [1000, -1000]) {
      const theta = new Float64Array([0, 0, b])
      expect(net.loss(theta)).toBe(500)
      expect(net.gradient(theta, g)).toBe(500)
      // dl/dz = sigmoid(z) - y: (0 and 1)/2 at z = 1000, (-1 and 0)/2 at z = -1000.
      expect(g[2]).toBe(b > 0 ? 0.5 : -0.5)
      expect(g[0]).toBe(b > 0 ? -0.5 : -0.5)
    }
  })
})

describe('loss and gradient', () => {
  it('gives the exact loss and gradient of a linear model', () => {
    const data = userDataset([
      { x: 1, y: 2, label: 1 },
      { x: -2, y: 0.5, label: 0 },
      { x: 0, y: 0, label: 1 },
    ])
    const spec: NetworkSpec = { layers: [2, 1], activation: 'tanh', loss: 'mse', l2: 0.5 }
    const net = new Network(spec, data)
    const theta = new Float64Array([0.5, -0.25, 0.125])
    // z = 0.125, -1, 0.125; residuals -0.875, -1, -0.875; half squares 0.3828125, 0.5, 0.3828125; penalty
    // 0.25 (0.25 + 0.0625).
    expect(net.loss(theta)).toBe(1.265625 / 3 + 0.078125)
    const g = new Float64Array(3)
    net.gradient(theta, g)
    expect(g[0]).toBeCloseTo(1.125 / 3 + 0.25, 15)
    expect(g[1]).toBeCloseTo(-2.25 / 3 - 0.125, 15)
    expect(g[2]).toBeCloseTo(-2.75 / 3, 15)
  })

  it('matches an independent forward pass', () => {
    for (const activation of ACTS)
      for (const loss of LOSSES) {
        const spec: NetworkSpec = { layers: [2, 5, 4, 3, 1], activation, loss, l2: 0.01 }
        const data = smallData(loss, 3)
        const theta = parameters(spec, 3)
        const ref = reference(spec, data, theta).loss
        expect(Math.abs(new Network(spec, data).loss(theta) - ref)).toBeLessThan(1e-14 * Math.abs(ref))
      }
  })

  it('agrees with central differences for every activation and loss', () => {
    let worst = 0
    for (const layers of [
      [2, 8, 8, 1],
      [2, 5, 4, 3, 1],
    ])
      for (const activation of ACTS)
        for (const loss of LOSSES)
          for (const l2 of [0, 0.01]) {
            const spec: NetworkSpec = { layers, activation, loss, l2 }
            const data = smallData(loss, 17)
            const net = new Network(spec, data)
            const g = new Float64Array(net.dim)
            for (const seed of seedsFor(spec, data, 3)) {
              const theta = parameters(spec, seed)
              const value = net.gradient(theta, g)
              expect(value).toBe(net.loss(theta))
              const q = new Float64Array(theta)
              for (let k = 0; k < net.dim; k++) {
                q[k] = theta[k]! + H
                const up = net.loss(q)
                q[k] = theta[k]! - H
                const down = net.loss(q)
                q[k] = theta[k]!
                const num = (up - down) / (2 * H)
                const diff = Math.abs(g[k]! - num)
                if (diff < GRAD_FLOOR) continue
                const rel = diff / (Math.abs(g[k]!) + Math.abs(num))
                worst = Math.max(worst, rel)
                expect(rel, `${layers} ${activation} ${loss} l2 ${l2} seed ${seed} ${net.coordinate(k)}`).toBeLessThan(
                  GRAD_REL,
                )
              }
            }
          }
    expect(worst).toBeLessThan(GRAD_REL)
  })

  it('gives the full-batch bits for a batch of all indices in order', () => {
    const spec: NetworkSpec = { layers: [2, 8, 8, 1], activation: 'tanh', loss: 'xent', l2: 0.01 }
    const data = makeDataset('spiral', { points: 100, noise: 0.1, seed: 1 })
    const net = new Network(spec, data)
    const theta = parameters(spec, 4)
    const v = direction(net.dim, 4)
    const batch = new Int32Array(data.n + 7) // longer than used: batchSize says how much
    for (let i = 0; i < data.n; i++) batch[i] = i
    const g1 = new Float64Array(net.dim)
    const g2 = new Float64Array(net.dim)
    const l1 = net.gradient(theta, g1)
    const l2 = net.gradient(theta, g2, batch, data.n)
    expect(Object.is(l1, l2)).toBe(true)
    // loss() runs eight examples at a time, gradient() one: the same operations, so the same bits.
    expect(Object.is(l1, net.loss(theta))).toBe(true)
    expect(Object.is(net.loss(theta), net.loss(theta, batch, data.n))).toBe(true)
    for (let k = 0; k < net.dim; k++) expect(Object.is(g1[k], g2[k])).toBe(true)
    net.hvp(theta, v, g1)
    net.hvp(theta, v, g2, batch, data.n)
    for (let k = 0; k < net.dim; k++) expect(Object.is(g1[k], g2[k])).toBe(true)
    // Another order only changes the rounding.
    for (let i = 0; i < data.n; i++) batch[i] = (i * 37) % data.n
    const l3 = net.gradient(theta, g2, batch, data.n)
    net.gradient(theta, g1)
    expect(Math.abs(l3 - l1)).toBeLessThan(1e-12 * l1)
    for (let k = 0; k < net.dim; k++) expect(Math.abs(g2[k]! - g1[k]!)).toBeLessThan(1e-12 * Math.abs(g1[k]!) + 1e-15)
  })

  it('gives the mean of per-example losses and gradients for a batch subset', () => {
    for (const activation of ACTS) {
      const spec: NetworkSpec = { layers: [2, 5, 4, 1], activation, loss: 'xent', l2: 0.02 }
      const data = makeDataset('moons', { points: 20, noise: 0.1, seed: 2 })
      const net = new Network(spec, data)
      const theta = parameters(spec, 8)
      const batch = new Int32Array([5, 2, 19, 0, 0])
      const g = new Float64Array(net.dim)
      const gi = new Float64Array(net.dim)
      const mean = new Float64Array(net.dim)
      let meanLoss = 0
      for (const i of [5, 2, 19]) {
        meanLoss += net.perExampleGradient(theta, i, gi) / 3
        expect(net.loss(theta, new Int32Array([i]))).toBe(net.perExampleGradient(theta, i, gi))
        for (let k = 0; k < net.dim; k++) mean[k] = mean[k]! + gi[k]! / 3
      }
      expect(net.loss(theta, batch, 3)).toBeCloseTo(meanLoss, 14)
      expect(net.gradient(theta, g, batch, 3)).toBeCloseTo(meanLoss, 14)
      for (let k = 0; k < net.dim; k++) expect(g[k]).toBeCloseTo(mean[k]!, 14)
      // The mean of all per-example gradients is the full gradient.
      mean.fill(0)
      for (let i = 0; i < data.n; i++) {
        net.perExampleGradient(theta, i, gi)
        for (let k = 0; k < net.dim; k++) mean[k] = mean[k]! + gi[k]! / data.n
      }
      net.gradient(theta, g)
      for (let k = 0; k < net.dim; k++) expect(g[k]).toBeCloseTo(mean[k]!, 14)
    }
  })
})

describe('Hessian-vector product', () => {
  it('agrees with central differences of the gradient for every activation and loss, L2 on and off', () => {
    // [g(theta + h v) - g(theta - h v)] / (2h) is off by (h^2/6) d^3 g (about 1e-11) plus rounding eps |g| / h
    // (about 1e-11): the two agree to about 1e-10 of |Hv|, and the bound is 1e-8.
    let worst = 0
    for (const layers of [
      [2, 8, 8, 1],
      [2, 5, 4, 3, 1],
    ])
      for (const activation of ACTS)
        for (const loss of LOSSES)
          for (const l2 of [0, 0.05]) {
            const spec: NetworkSpec = { layers, activation, loss, l2 }
            const data = smallData(loss, 23)
            const net = new Network(spec, data)
            const hv = new Float64Array(net.dim)
            const gp = new Float64Array(net.dim)
            const gm = new Float64Array(net.dim)
            for (const seed of seedsFor(spec, data, 2)) {
              const theta = parameters(spec, seed)
              const v = direction(net.dim, seed)
              expect(net.hvp(theta, v, hv)).toBe(net.loss(theta))
              const q = new Float64Array(net.dim)
              for (let k = 0; k < net.dim; k++) q[k] = theta[k]! + H * v[k]!
              net.gradient(q, gp)
              for (let k = 0; k < net.dim; k++) q[k] = theta[k]! - H * v[k]!
              net.gradient(q, gm)
              let err = 0
              let size = 0
              for (let k = 0; k < net.dim; k++) {
                err = Math.max(err, Math.abs(hv[k]! - (gp[k]! - gm[k]!) / (2 * H)))
                size = Math.max(size, Math.abs(hv[k]!))
              }
              worst = Math.max(worst, err / size)
              expect(err / size, `${layers} ${activation} ${loss} l2 ${l2} seed ${seed}`).toBeLessThan(1e-8)
            }
          }
    expect(worst).toBeLessThan(1e-8)
  })

  it('builds a symmetric Hessian from P products', () => {
    for (const activation of ACTS)
      for (const loss of LOSSES) {
        const spec: NetworkSpec = { layers: [2, 8, 8, 1], activation, loss, l2: 0.01 }
        const data = smallData(loss, 5)
        const net = new Network(spec, data)
        const theta = parameters(spec, 3)
        const P = net.dim
        const Hm = new Float64Array(P * P)
        const e = new Float64Array(P)
        const col = new Float64Array(P)
        for (let k = 0; k < P; k++) {
          e[k] = 1
          net.hvp(theta, e, col)
          e[k] = 0
          Hm.set(col, k * P)
        }
        let asym = 0
        let size = 0
        for (let i = 0; i < P; i++)
          for (let j = 0; j < P; j++) {
            asym = Math.max(asym, Math.abs(Hm[i * P + j]! - Hm[j * P + i]!))
            size = Math.max(size, Math.abs(Hm[i * P + j]!))
          }
        expect(asym / size, `${activation} ${loss}`).toBeLessThan(1e-12)
        expect(size).toBeGreaterThan(0)
      }
  })
})

describe('predictions', () => {
  it('predicts probabilities, counts accuracy and fills a grid', () => {
    const data = makeDataset('gauss', { points: 200, noise: 0.1, seed: 3 })
    const spec: NetworkSpec = { layers: [2, 1], activation: 'linear', loss: 'xent', l2: 0 }
    const net = new Network(spec, data)
    const theta = new Float64Array([1, 1, 0])
    expect(net.predict(theta, 0, 0)).toBe(0.5)
    expect(net.predict(theta, 1, 2)).toBeCloseTo(1 / (1 + Math.exp(-3)), 15)
    let right = 0
    for (let i = 0; i < data.n; i++)
      if (data.inputs[2 * i]! + data.inputs[2 * i + 1]! > 0 === (data.targets[i] === 1)) right++
    expect(net.accuracy(theta)).toBe(right / data.n)
    expect(net.accuracy(theta)).toBeGreaterThan(0.95)
    const out = new Float64Array(12)
    net.predictGrid(theta, { x0: -1, x1: 2, y0: 0, y1: 1 }, 4, 3, out)
    for (let j = 0; j < 3; j++)
      for (let i = 0; i < 4; i++) expect(out[j * 4 + i]).toBe(net.predict(theta, -1 + i, 0 + j * 0.5))
    // Squared error: the output is the value, and class 1 is predicted above 0.5.
    const mse = new Network({ ...spec, loss: 'mse' }, data)
    expect(mse.predict(theta, 1, 2)).toBe(3)
    expect(mse.accuracy(new Float64Array([0, 0, 0.6]))).toBe(0.5)
    const regression = new Network({ ...spec, loss: 'mse' }, makeDataset('sine', { points: 5, noise: 0, seed: 1 }))
    expect(regression.accuracy(theta)).toBeNaN()
  })

  it('is a System: energy the full-batch loss, gradient the full gradient, coordinates named', () => {
    const spec: NetworkSpec = { layers: [2, 8, 8, 1], activation: 'tanh', loss: 'xent', l2: 0.001 }
    const data = makeDataset('xor', { points: 50, noise: 0, seed: 1 })
    const sys = networkSystem(spec, data)
    const net = new Network(spec, data)
    const theta = parameters(spec, 2)
    expect(sys.dim).toBe(105)
    expect(sys.coordinate(7)).toBe('W1[3,1]')
    expect(sys.energy(theta)).toBe(net.loss(theta))
    const g1 = new Float64Array(105)
    const g2 = new Float64Array(105)
    expect(sys.gradient(theta, g1)).toBe(net.gradient(theta, g2))
    expect(g1).toEqual(g2)
  })
})
