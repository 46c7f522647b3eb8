import { describe, expect, it } from 'vitest'
import type { Lane } from '../lane'
import { atlas, testLane } from '../../../testing/test-lane'

/**
 * Counter-based noise: a run gives bit-identical positions however it is split into
 * calls, and a walker's path does not depend on the walkers beside it.
 */

const RUNS: { method: string; settings: Record<string, unknown> }[] = [
  { method: 'adam', settings: { lr: 0.05 } },
  { method: 'perturbed-gd', settings: { lr: 0.2 } },
  { method: 'sgld', settings: { lr: 0.01, kT: 0.1 } },
]

function lane(method: string, settings: Record<string, unknown>, walkers: number, seed: number): Lane {
  const { surface, scales } = atlas('bounded-saddle')
  return testLane({
    surface,
    scales,
    method,
    settings,
    walkers,
    seed,
    start: { kind: 'gaussian', x: 1, y: 0, sigma: 0.01 },
  })
}

const bits = (lane: Lane) => [...lane.walkers.x, ...lane.walkers.y, ...lane.walkers.u, ...lane.walkers.status]

describe('reproducibility', () => {
  for (const { method, settings } of RUNS) {
    it(`${method}: 1000 steps in one call or one step per call give the same bits`, () => {
      const once = lane(method, settings, 5, 42)
      const stepwise = lane(method, settings, 5, 42)
      once.advance(1000)
      for (let k = 0; k < 1000; k++) stepwise.advance(1)
      expect(bits(stepwise)).toEqual(bits(once))
      expect(stepwise.extras()).toEqual(once.extras())
      const alone = lane(method, settings, 1, 42)
      alone.advance(1000)
      expect([alone.walkers.x[0], alone.walkers.y[0]]).toEqual([once.walkers.x[0], once.walkers.y[0]])
    })
  }

  it('the noise matters: another seed gives another path (sgld) and perturbed GD did kick', () => {
    const a = lane('sgld', { lr: 0.01, kT: 0.1 }, 1, 1)
    const b = lane('sgld', { lr: 0.01, kT: 0.1 }, 1, 2)
    a.advance(100)
    b.advance(100)
    expect(a.walkers.x[0]).not.toBe(b.walkers.x[0])
    const pgd = lane('perturbed-gd', { lr: 0.2 }, 5, 42)
    pgd.advance(1000)
    expect(pgd.extras().kicks).toBeGreaterThan(0)
  })
})
