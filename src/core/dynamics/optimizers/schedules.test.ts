import { describe, expect, it } from 'vitest'
import { METHODS } from '../methods'
import { Noise, STREAM } from '../noise'
import { resolveSettings, type Settings } from '../params'
import { clipFactor, learningRate } from '../schedules'
import { atlas, formulaSurface, path, testLane } from '../../../testing/test-lane'

/** Learning-rate schedules and gradient clipping, shared by every optimizer. */

// Optimizers with a learning rate (FIRE steps by its own adaptive time step, basin hopping by quenches).
const OPTIMIZER_IDS = METHODS.filter((m) => m.family === 'optimizer' && m.params.some((p) => p.name === 'lr')).map(
  (m) => m.id,
)

function settings(given: Record<string, unknown>): Settings {
  const gd = METHODS.find((m) => m.id === 'gd')
  if (!gd) throw new Error('no gd')
  const resolved = resolveSettings(gd.params, given, 'gd')
  if (!resolved.ok) throw new Error(resolved.errors.map((e) => e.message).join('; '))
  return resolved.settings
}

function expectRates(given: Record<string, unknown>, expected: [t: number, lr: number][]): void {
  const s = settings({ lr: 0.1, ...given })
  for (const [t, lr] of expected) expect(Math.abs(learningRate(s, t) - lr), `t = ${t}`).toBeLessThanOrEqual(1e-15)
}

describe('learningRate(settings, t)', () => {
  it('constant', () =>
    expectRates({}, [
      [0, 0.1],
      [7, 0.1],
      [1e6, 0.1],
    ]))

  it('step: lr decay^floor(t / period)', () => {
    expectRates({ schedule: 'step', decay: 0.5, period: 10 }, [
      [0, 0.1],
      [9, 0.1],
      [10, 0.05],
      [25, 0.025],
    ])
  })

  it('exponential: lr decay^t', () => {
    expectRates({ schedule: 'exponential', decay: 0.9 }, [
      [0, 0.1],
      [1, 0.09],
      [3, 0.0729],
    ])
  })

  it('cosine: lr (1 + cos(pi t / period)) / 2, then 0', () => {
    expectRates({ schedule: 'cosine', period: 100 }, [
      [0, 0.1],
      [25, 0.05 * (1 + Math.SQRT1_2)],
      [50, 0.05],
      [100, 0],
      [250, 0],
    ])
  })

  it('warm-up: lr min(1, (t + 1) / period)', () => {
    expectRates({ schedule: 'warmup', period: 4 }, [
      [0, 0.025],
      [1, 0.05],
      [3, 0.1],
      [10, 0.1],
    ])
  })
})

describe('every optimizer reads the schedule at every step', () => {
  const Q = formulaSurface('x^2 + 3*y^2 + x*y')

  it('gradient descent with step decay: lr 0.1, 0.1, then 0.05', () => {
    // From (1, 1): (0.7, 0.3), (0.53, 0.05), then g = (1.11, 0.83) at half the rate.
    const lane = testLane({
      surface: Q,
      method: 'gd',
      settings: { lr: 0.1, schedule: 'step', decay: 0.5, period: 2 },
      start: { kind: 'point', x: 1, y: 1 },
    })
    const got = path(lane, 3)
    expect(Math.abs(got[2][0] - 0.4745)).toBeLessThanOrEqual(1e-12)
    expect(Math.abs(got[2][1] - 0.0085)).toBeLessThanOrEqual(1e-12)
  })

  for (const method of OPTIMIZER_IDS) {
    it(`${method}: cosine over one step leaves lr = 0 from step 1, and the walker stops`, () => {
      const lane = testLane({
        surface: Q,
        method,
        settings: { schedule: 'cosine', period: 1 },
        start: { kind: 'point', x: 1, y: 1 },
      })
      const [first, , last] = path(lane, 3)
      expect(first).not.toEqual([1, 1])
      expect(last).toEqual(first)
    })
  }
})

describe('gradient clipping', () => {
  it('clipFactor scales a gradient longer than clip to length clip (0 = off)', () => {
    expect(clipFactor(3, 4, 1)).toBe(0.2)
    expect(clipFactor(3, 4, 10)).toBe(1)
    expect(clipFactor(3, 4, 0)).toBe(1)
  })

  it('caps the drift of gradient descent, momentum and SGLD at lr * clip on Müller-Brown', () => {
    const { surface } = atlas('muller-brown')
    const g = new Float64Array(2)
    surface.gradient(0, 0.5, g)
    const norm = Math.hypot(g[0], g[1])
    expect(norm).toBeGreaterThan(1)
    // SGLD's noise at step 0, drawn as the method draws it (seed 1), is taken off its step.
    const xi = new Float64Array(2)
    new Noise(1).normal2(0, 0, STREAM.perturb, xi)
    const kick = Math.sqrt(2 * 1e-3 * 0.5)
    for (const method of ['gd', 'momentum', 'nesterov', 'sgld']) {
      const lane = testLane({
        surface,
        method,
        settings: { lr: 1e-3, clip: 1, ...(method === 'sgld' ? { kT: 0.5 } : {}) },
        start: { kind: 'point', x: 0, y: 0.5 },
        seed: 1,
      })
      lane.advance(1)
      const noisy = method === 'sgld'
      const dx = lane.walkers.x[0] - (noisy ? kick * xi[0] : 0)
      const dy = lane.walkers.y[0] - 0.5 - (noisy ? kick * xi[1] : 0)
      // Nesterov's first step is lr (1 + mu) g.
      const length = method === 'nesterov' ? 1.9e-3 : 1e-3
      expect(Math.abs(dx + (length * g[0]) / norm), method).toBeLessThanOrEqual(1e-15)
      expect(Math.abs(dy + (length * g[1]) / norm), method).toBeLessThanOrEqual(1e-15)
    }
  })
})
