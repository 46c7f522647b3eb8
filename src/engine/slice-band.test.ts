import { describe, expect, it } from 'vitest'
import type { CallContext } from './serve'
import { bandRows, joinSlice, sliceBandHandlers } from './slice-band'
import { networkKey } from './training-network'
import type { TrainingSetup } from './training-protocol'
import { TrainingRun } from './training-run'

const setup: TrainingSetup = {
  data: 'spiral',
  points: 120,
  noise: 0.1,
  seed: 3,
  layers: [2, 8, 8, 1],
  activation: 'tanh',
  loss: 'xent',
  l2: 0.001,
  init: 'glorot',
  method: 'adam',
  lr: 0.03,
  batch: 10,
  kT: 0.01,
  walkers: 2,
}

const context = (transferred: ArrayBuffer[] = []): CallContext => ({
  progress: () => {},
  transfer: (buffers) => transferred.push(...buffers),
})

describe('a slice grid shared among band workers', () => {
  it('splits rows into nearly equal bands that cover every row once', () => {
    expect(bandRows(60, 2)).toEqual([
      [0, 30],
      [30, 60],
    ])
    expect(bandRows(7, 3)).toEqual([
      [0, 2],
      [2, 4],
      [4, 7],
    ])
    expect(bandRows(2, 4)).toEqual([
      [0, 1],
      [1, 2],
    ])
    expect(bandRows(5, 0)).toEqual([[0, 5]])
  })

  it('gives the whole slice bit for bit, however many workers share its rows', () => {
    const run = new TrainingRun(setup, 1)
    run.frame({ advance: 150, budgetMs: 1e9, chosen: 1 })
    for (const kind of ['random', 'pca', 'hessian'] as const) {
      const whole = run.slice({ kind, grid: 17, chosen: 1 })
      const plane = run.slicePlane({ kind, grid: 17, chosen: 1 })
      for (const parts of [1, 2, 3, 4]) {
        // Each band worker builds its own network from the setup, as in the page.
        const bands = bandRows(plane.nb, parts).map((rows) => {
          const transferred: ArrayBuffer[] = []
          const answer = sliceBandHandlers().rows({ setup, plane, rows }, context(transferred))
          expect(answer.rows).toEqual(rows)
          expect(transferred).toEqual([answer.values.buffer])
          return answer.values
        })
        const joined = joinSlice(plane, bands, 5)
        expect([...joined.values]).toEqual([...whole.values])
        expect([joined.min, joined.max]).toEqual([whole.min, whole.max])
        expect(joined.workers).toBe(parts)
        expect(joined.path).toBe(plane.path)
      }
    }
    const plane = run.slicePlane({ kind: 'random', grid: 9, chosen: 0 })
    expect(() => joinSlice(plane, [new Float64Array(9 * 4)], 1)).toThrow("the slice's bands hold 36 values, not 81")
  })

  it('keeps a band worker’s network while only the method changes, and rebuilds it for new data', () => {
    const same = { ...setup, method: 'sgd' as const, lr: 0.5, batch: 4, walkers: 1 }
    expect(networkKey(same)).toBe(networkKey(setup))
    for (const change of [
      { seed: 4 },
      { points: 121 },
      { layers: [2, 8, 1] },
      { l2: 0 },
      { activation: 'relu' as const },
    ])
      expect(networkKey({ ...setup, ...change })).not.toBe(networkKey(setup))
    // A band worker asked for a new data set answers on it, not on the one it kept.
    const handlers = sliceBandHandlers()
    const other = { ...setup, seed: 9 }
    const plane = new TrainingRun(other, 1).slicePlane({ kind: 'random', grid: 5, chosen: 0 })
    expect(handlers.prepare({ setup }, context())).toBeNull()
    const first = handlers.rows({ setup, plane, rows: [0, 5] }, context()).values
    const second = handlers.rows({ setup: other, plane, rows: [0, 5] }, context()).values
    expect([...second]).toEqual([...new TrainingRun(other, 1).slice({ kind: 'random', grid: 5, chosen: 0 }).values])
    expect([...first]).not.toEqual([...second])
  })
})
