import { describe, expect, it } from 'vitest'
import { isMinibatch, planeSystem } from '../system'
import { atlas } from '../../testing/test-lane'
import { makeDataset, type Dataset } from './data'
import { initScale, layout, Network, type NetworkSpec } from './network'
import { trainingDescriptor, trainingProblem, trainingSystem } from './training-system'

const SPEC: NetworkSpec = { layers: [2, 8, 8, 1], activation: 'tanh', loss: 'xent', l2: 0 }
const circle = makeDataset('circle', { points: 100, noise: 0, seed: 3 })

const bits = (a: Float64Array) => Array.from(new Uint32Array(a.buffer, a.byteOffset, 2 * a.length))

describe('a network as a system', () => {
  it('is described with its id, its parameter count and a loss-sized temperature', () => {
    const d = trainingDescriptor({ spec: SPEC, dataset: circle })
    expect(d.id).toBe('net-2-8-8-1-tanh-xent-circle')
    expect(d.dim).toBe(105)
    expect(d.units).toBe('loss (dimensionless), parameters')
    expect(d.minima).toEqual([])
    expect(d.atoms).toBeNull()
    expect(d.init).toBe('glorot')
    expect(d.note).toContain('N = 100')
    expect(d.defaults.kT).toBeLessThan(Math.log(2))
    const l2 = trainingDescriptor({ spec: { ...SPEC, l2: 0.001 }, dataset: circle, init: 'he' })
    expect(l2.id).toBe('net-2-8-8-1-tanh-xent-circle-l2-0p001')
    expect(l2.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/)
  })

  it('gives the full-batch loss and gradient, and minibatch gradients of the same network', () => {
    const system = trainingDescriptor({ spec: SPEC, dataset: circle }).system()
    expect(isMinibatch(system)).toBe(true)
    expect(system.examples).toBe(100)
    const net = new Network(SPEC, circle)
    const theta = new Float64Array(105)
    for (let k = 0; k < 105; k++) theta[k] = Math.sin(1.3 * k + 0.2)
    const g = new Float64Array(105)
    const h = new Float64Array(105)
    expect(system.gradient(theta, g)).toBe(net.gradient(theta, h))
    expect(bits(g)).toEqual(bits(h))
    expect(system.energy(theta)).toBe(net.loss(theta))
    // All indices in order: the full gradient's bits.
    const all = Int32Array.from({ length: 100 }, (_, i) => i)
    expect(system.batchGradient(theta, h, all, 100)).toBe(system.gradient(theta, g))
    expect(bits(h)).toEqual(bits(g))
    // A batch: the mean of its per-example gradients.
    const batch = Int32Array.from([3, 17, 40])
    system.batchGradient(theta, h, batch, 3)
    const one = new Float64Array(105)
    const mean = new Float64Array(105)
    for (const i of batch) {
      net.perExampleGradient(theta, i, one)
      for (let k = 0; k < 105; k++) mean[k] = mean[k]! + one[k]! / 3
    }
    for (let k = 0; k < 105; k++) expect(Math.abs(h[k]! - mean[k]!)).toBeLessThan(1e-15)
    expect(() => system.batchGradient(theta, h, batch, 4)).toThrow(RangeError)
    // A surface is no training set.
    expect(isMinibatch(planeSystem(atlas('muller-brown').surface))).toBe(false)
  })

  it('draws each random state from the initialisation: biases 0, weights of the scheme’s spread', () => {
    const d = trainingDescriptor({ spec: SPEC, dataset: circle, init: 'he' })
    let state = 12345
    // A plain linear congruential generator for the uniforms: only their use is under test.
    const uniform = () => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0
      return (state + 0.5) / 2 ** 32
    }
    const lay = layout(SPEC.layers).layers
    // Layer 1 has 16 weights of sd sqrt(2/2) = 1; over 400 draws the mean square is 1 within
    // 5 sqrt(2/6400) = 0.09 (chi-square, false alarm below 1e-6).
    let squares = 0
    const out = new Float64Array(105)
    for (let r = 0; r < 400; r++) {
      out.fill(NaN)
      d.randomState(uniform, out)
      for (const layer of lay) {
        for (let j = 0; j < layer.fanOut; j++) expect(out[layer.biases + j]).toBe(0)
      }
      for (let k = 0; k < 105; k++) expect(Number.isFinite(out[k]!)).toBe(true)
      for (let k = lay[0]!.weights; k < lay[0]!.biases; k++) squares += out[k]! ** 2
    }
    expect(initScale('he', 'tanh', 2, 8)).toBe(1)
    expect(Math.abs(squares / 6400 - 1)).toBeLessThan(5 * Math.sqrt(2 / 6400))
    // Two walkers (two draws) are two networks.
    const a = new Float64Array(105)
    const b = new Float64Array(105)
    d.randomState(uniform, a)
    d.randomState(uniform, b)
    expect(bits(a)).not.toEqual(bits(b))
  })

  it('refuses a bad spec, an empty data set and labels cross-entropy cannot take, with a clear message', () => {
    expect(() => trainingDescriptor({ spec: { ...SPEC, layers: [2, 100, 1] }, dataset: circle })).toThrow(
      /training: layer 2 has 100 neurons/,
    )
    expect(() => trainingDescriptor({ spec: { ...SPEC, layers: [3, 8, 1] }, dataset: circle })).toThrow(
      /the first layer is the 2 inputs/,
    )
    const empty: Dataset = {
      id: 'user',
      n: 0,
      inputs: new Float64Array(0),
      targets: new Float64Array(0),
      task: 'classify',
    }
    expect(trainingProblem({ spec: SPEC, dataset: empty })).toBe(
      "the data set 'user' has no points: a network needs at least one example to train on",
    )
    expect(() => trainingDescriptor({ spec: SPEC, dataset: empty })).toThrow(/has no points/)
    const sine = makeDataset('sine', { points: 20, noise: 0, seed: 1 })
    expect(() => trainingDescriptor({ spec: SPEC, dataset: sine })).toThrow(/cross-entropy needs labels 0 and 1/)
    expect(trainingDescriptor({ spec: { ...SPEC, loss: 'mse' }, dataset: sine }).dim).toBe(105)
    expect(() => trainingSystem({ ...SPEC, activation: 'cosh' as 'tanh' }, circle)).toThrow(/unknown activation/)
  })
})
