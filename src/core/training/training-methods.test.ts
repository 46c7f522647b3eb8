import { describe, expect, it } from 'vitest'
import { expectStateRepeatsPlanar } from '../../testing/state-repeats-planar'
import { bits, systemLane } from '../../testing/system-lane'
import { makeDataset } from './data'
import { trainingDescriptor } from './training-system'

/**
 * As in system-lane.test.ts: a method's state stepper does, coordinate by coordinate, its planar
 * step's arithmetic with the same random numbers, so on Müller-Brown taken as a system of two
 * coordinates it repeats the planar lane bit for bit (from near MA, 300 steps, 3 walkers).
 */
describe('RMSprop and SGLD on states of d coordinates', () => {
  const SAME: Record<string, Record<string, unknown>> = {
    rmsprop: { lr: 0.01 },
    'rmsprop with clipping': { lr: 0.01, clip: 50 },
    sgld: { lr: 1e-4, kT: 10 },
    'sgld with clipping': { lr: 1e-4, kT: 10, clip: 50 },
  }
  for (const [name, settings] of Object.entries(SAME))
    it(`${name}: the state stepper repeats the planar one bit for bit`, () => {
      expectStateRepeatsPlanar(name.split(' ')[0]!, settings)
    })
})

describe('RMSprop and SGLD on a network', () => {
  const circle = makeDataset('circle', { points: 100, noise: 0, seed: 3 })
  const net = trainingDescriptor({
    spec: { layers: [2, 8, 8, 1], activation: 'tanh', loss: 'xent', l2: 0 },
    dataset: circle,
  })

  it('RMSprop trains three networks from three random starts, reproducibly', () => {
    const run = () => {
      const lane = systemLane(net, 'rmsprop', { lr: 0.01 }, { kind: 'random' }, 3, 5)
      const start = Float64Array.from(lane.walkers.u)
      lane.advance(300)
      return { start, lane }
    }
    const { start, lane } = run()
    for (let i = 0; i < 3; i++) expect(lane.walkers.u[i]).toBeLessThan(0.5 * start[i]!)
    expect(bits(run().lane.walkers.q)).toEqual(bits(lane.walkers.q))
  })

  it('SGLD steps with minibatches, reproducibly, and says what its kT means on a loss', () => {
    const run = (batch: number, seed = 5) => {
      const lane = systemLane(net, 'sgld', { lr: 0.05, kT: 1, batch }, { kind: 'random' }, 3, seed)
      lane.advance(100)
      return lane
    }
    const a = run(10)
    expect(bits(run(10).walkers.q)).toEqual(bits(a.walkers.q))
    // The same injected noise with the full batch: another path, because the batches differ.
    expect(bits(run(100).walkers.q)).not.toEqual(bits(a.walkers.q))
    expect(bits(run(10, 6).walkers.q)).not.toEqual(bits(a.walkers.q))
    for (let i = 0; i < 3; i++) expect(Number.isFinite(a.walkers.u[i]!)).toBe(true)
    expect(a.extras()).toMatchObject({ examples: 100, batch: 10, temperatureOfLoss: 0.01 })
    expect(a.extras().note).toMatch(/exp\(-N L\/kT\) with N = 100/)
  })
})
