import { describe, expect, it } from 'vitest'
import { bits, systemLane } from '../../../testing/system-lane'
import { atlas, testLane } from '../../../testing/test-lane'
import { makeDataset } from '../../training/data'
import { Network, type NetworkSpec } from '../../training/network'
import { trainingDescriptor } from '../../training/training-system'
import { systemById } from '../../systems'
import { STATUS } from '../status'
import type { SystemStart } from '../system-lane'
import { sgd } from './sgd'

const SPEC: NetworkSpec = { layers: [2, 8, 8, 1], activation: 'tanh', loss: 'xent', l2: 0 }
const circle = makeDataset('circle', { points: 100, noise: 0.1, seed: 3 })
const net = trainingDescriptor({ spec: SPEC, dataset: circle })

describe('minibatch SGD on a network (2-8-8-1 tanh, cross-entropy, circle, N = 100)', () => {
  it('with B = N (or more) repeats full-batch gradient descent bit for bit: 3 walkers, 200 steps', () => {
    const gd = systemLane(net, 'gd', { lr: 0.1 }, { kind: 'random' }, 3, 4)
    const start = Float64Array.from(gd.walkers.u)
    gd.advance(200)
    for (const batch of [100, 5000]) {
      const lane = systemLane(net, 'sgd', { lr: 0.1, batch }, { kind: 'random' }, 3, 4)
      lane.advance(200)
      expect(bits(lane.walkers.q)).toEqual(bits(gd.walkers.q))
      expect(bits(lane.walkers.u)).toEqual(bits(gd.walkers.u))
      expect(bits(lane.walkers.g)).toEqual(bits(gd.walkers.g))
    }
    // It trained: every network's loss fell, and the three are different networks.
    for (let i = 0; i < 3; i++) expect(gd.walkers.u[i]).toBeLessThan(0.9 * start[i]!)
    expect(gd.walkers.u[0]).not.toBe(gd.walkers.u[1])
  })

  it('with B = N and momentum repeats heavy-ball momentum bit for bit', () => {
    const heavy = systemLane(net, 'momentum', { lr: 0.05, momentum: 0.9 }, { kind: 'random' }, 3, 4)
    const lane = systemLane(net, 'sgd', { lr: 0.05, momentum: 0.9, batch: 100 }, { kind: 'random' }, 3, 4)
    heavy.advance(200)
    lane.advance(200)
    expect(bits(lane.walkers.q)).toEqual(bits(heavy.walkers.q))
  })

  it('with B < N differs from GD, repeats itself bit for bit however chunked, and another seed differs', () => {
    const theta = new Float64Array(net.dim)
    net.randomState(
      (() => {
        let k = 0
        return () => ((k++ * 0.618034) % 1) + 1e-9
      })(),
      theta,
    )
    const start: SystemStart = { kind: 'state', q: theta }
    const run = (seed: number, chunks: number) => {
      const lane = systemLane(net, 'sgd', { lr: 0.1, batch: 10 }, start, 3, seed)
      for (let k = 0; k < chunks; k++) lane.advance(200 / chunks)
      return lane
    }
    const once = run(11, 1)
    const q = bits(once.walkers.q)
    expect(bits(run(11, 8).walkers.q)).toEqual(q)
    expect(bits(run(12, 1).walkers.q)).not.toEqual(q)
    // Every walker starts at one state but draws its own batches: three different paths.
    expect(bits(once.walkers.qs[0]!.slice())).not.toEqual(bits(once.walkers.qs[1]!.slice()))
    const gd = systemLane(net, 'gd', { lr: 0.1 }, start, 3, 11)
    gd.advance(200)
    expect(bits(once.walkers.q)).not.toEqual(bits(gd.walkers.q))
    // The energy a walker shows is the full training loss, not its batch's.
    const system = net.system()
    for (let i = 0; i < 3; i++) expect(once.walkers.u[i]).toBe(system.energy(once.walkers.qs[i]!))
  })

  it('gives walker i the same batches whatever the number of walkers beside it', () => {
    const one = systemLane(net, 'sgd', { lr: 0.1, batch: 7 }, { kind: 'random' }, 1, 9)
    const four = systemLane(net, 'sgd', { lr: 0.1, batch: 7 }, { kind: 'random' }, 4, 9)
    one.advance(50)
    four.advance(50)
    expect(bits(four.walkers.qs[0]!.slice())).toEqual(bits(one.walkers.qs[0]!.slice()))
  })

  it('reports its noise scale lr (N/B - 1) and the temperature it implies, with the assumptions', () => {
    const lane = systemLane(net, 'sgd', { lr: 0.1, batch: 10 }, { kind: 'random' }, 2, 4)
    lane.advance(5)
    const x = lane.extras() as Record<string, number | string>
    expect(x.examples).toBe(100)
    expect(x.batch).toBe(10)
    expect(x.noiseScale).toBeCloseTo(0.1 * (100 / 10 - 1), 14)
    expect(x.batchFactor).toBeCloseTo(90 / (10 * 99), 15)
    // c from the network's per-example gradients directly: (1/(N P)) sum_i |g_i - gbar|^2.
    const network = new Network(SPEC, circle)
    const theta = lane.walkers.qs[0]!
    const mean = new Float64Array(net.dim)
    const gi = new Float64Array(net.dim)
    network.gradient(theta, mean)
    let c = 0
    for (let i = 0; i < 100; i++) {
      network.perExampleGradient(theta, i, gi)
      for (let k = 0; k < net.dim; k++) c += (gi[k]! - mean[k]!) ** 2
    }
    c /= 100 * net.dim
    expect(x.gradientVariance as number).toBeCloseTo(c, 14)
    expect(x.temperature as number).toBeCloseTo((0.1 * c * (90 / 990)) / 2, 14)
    expect(x.kT as number).toBeCloseTo((100 * 0.1 * c * (90 / 990)) / 2, 12)
    expect(x.assumptions).toMatch(/Mandt, Hoffman & Blei/)
  })

  it('stops a walker whose loss turns non-finite (too large a learning rate) while the others train on', () => {
    // Squared error on the sine set: the linear last layer is unstable for walker 3 at lr = 0.6
    // (its loss grows about 10^0.26 a step) and stable for the other three (seeded instance).
    const sine = makeDataset('sine', { points: 100, noise: 0, seed: 3 })
    const mse = trainingDescriptor({ spec: { ...SPEC, loss: 'mse' }, dataset: sine })
    const lane = systemLane(mse, 'sgd', { lr: 0.6, batch: 100 }, { kind: 'random' }, 4, 1)
    lane.advance(600)
    const before = Float64Array.from(lane.walkers.u)
    lane.advance(800)
    const w = lane.walkers
    expect(w.status[3]).toBe(STATUS.diverged)
    expect(lane.status(3)).toMatchObject({ kind: 'diverged' })
    const at = w.divergedAt[3]!
    expect(at).toBeGreaterThan(600)
    expect(at).toBeLessThan(1400)
    // Stopped where it last was: a finite state and loss.
    expect(w.qs[3]!.every(Number.isFinite)).toBe(true)
    expect(Number.isFinite(w.u[3]!)).toBe(true)
    for (let i = 0; i < 3; i++) {
      expect(w.status[i]).not.toBe(STATUS.diverged)
      expect(lane.status(i).kind).toBe('running')
      expect(w.u[i]).toBeLessThan(before[i]!)
      expect(w.u[i]).toBeLessThan(0.05)
    }
    expect(lane.t).toBe(1400)
  })
})

describe('minibatch SGD where there is no training set', () => {
  it('is gradient descent on a surface, bit for bit, and says why', () => {
    const mb = atlas('muller-brown').surface
    const run = (method: string, settings: Record<string, unknown>) => {
      const lane = testLane({ surface: mb, method, settings, start: { kind: 'point', x: -0.5, y: 1.4 }, walkers: 2 })
      lane.advance(100)
      return lane
    }
    const a = run('sgd', { lr: 1e-4, batch: 10 })
    const b = run('gd', { lr: 1e-4 })
    expect(bits(a.walkers.x)).toEqual(bits(b.walkers.x))
    expect(bits(a.walkers.y)).toEqual(bits(b.walkers.y))
    const m = run('sgd', { lr: 1e-4, momentum: 0.9 })
    const h = run('momentum', { lr: 1e-4, momentum: 0.9 })
    expect(bits(m.walkers.x)).toEqual(bits(h.walkers.x))
    expect(a.extras()).toMatchObject({ examples: null, note: expect.stringContaining('no training set') })
  })

  it('is gradient descent on a molecule (LJ13), and says why', () => {
    const lj13 = systemById('lj13')!
    const a = systemLane(lj13, 'sgd', { lr: 1e-3 }, { kind: 'random' }, 2, 3)
    const b = systemLane(lj13, 'gd', { lr: 1e-3 }, { kind: 'random' }, 2, 3)
    a.advance(50)
    b.advance(50)
    expect(bits(a.walkers.q)).toEqual(bits(b.walkers.q))
    expect(a.extras()).toMatchObject({ examples: null })
  })

  it('states the stability limit of its step: 2/lambda, and 2(1 + mu)/lambda with momentum', () => {
    const values = { lr: 0.1, kT: null, dt: null }
    expect(sgd.stability!(values, { momentum: 0 }, 4)).toMatchObject({ limit: 0.5, limitName: '2/lambda_max' })
    expect(sgd.stability!(values, { momentum: 0.5 }, 4)).toMatchObject({ limit: 0.75 })
  })
})
