import { describe, expect, it } from 'vitest'
import type { Lane } from '../lane'
import { WALKER_STATUSES, type WalkerStatus } from '../status'
import { atlas, formulaSurface, testLane } from '../../../testing/test-lane'

/** What each optimizer does on the atlas surfaces, judged by the lane's walker statuses. */

const status = (lane: Lane, i = 0): WalkerStatus => WALKER_STATUSES[lane.walkers.status[i]]
const at = (lane: Lane, i = 0): [number, number] => [lane.walkers.x[i], lane.walkers.y[i]]
const distance = (lane: Lane, x: number, y: number, i = 0) => Math.hypot(lane.walkers.x[i] - x, lane.walkers.y[i] - y)

describe('saddles', () => {
  it('gradient descent started on the stable axis of x^2 - y^2 converges to the saddle', () => {
    const { surface, scales } = atlas('strict-saddle')
    const lane = testLane({
      surface,
      scales,
      method: 'gd',
      settings: { lr: 0.05 },
      start: { kind: 'point', x: 1, y: 0 },
    })
    lane.advance(500)
    expect(status(lane)).toBe('saddle')
    expect(lane.walkers.y[0]).toBe(0)
    expect(Math.abs(lane.walkers.x[0])).toBeLessThan(1e-12)
  })

  it('on the bounded saddle gradient descent stops at the saddle, perturbed gradient descent in a minimum', () => {
    const { surface, scales } = atlas('bounded-saddle')
    const start = { kind: 'point', x: 1, y: 0 } as const
    const gd = testLane({ surface, scales, method: 'gd', settings: { lr: 0.2 }, start })
    gd.advance(1000)
    expect(status(gd)).toBe('saddle')

    const walkers = 8
    const pgd = testLane({ surface, scales, method: 'perturbed-gd', settings: { lr: 0.2 }, start, walkers, seed: 3 })
    pgd.advance(1000)
    for (let i = 0; i < walkers; i++) {
      expect(status(pgd, i), `walker ${i} at ${at(pgd, i)}`).toBe('minimum')
      expect(Math.abs(Math.abs(pgd.walkers.y[i]) - 1), `walker ${i}`).toBeLessThan(1e-3)
      expect(Math.abs(pgd.walkers.x[i]), `walker ${i}`).toBeLessThan(1e-3)
    }
    // Each walker kicked at the saddle, then once in its minimum, and then stopped kicking.
    expect(pgd.extras()).toEqual({ kicks: 2 * walkers, settled: walkers })
    const ys = Array.from(pgd.walkers.y)
    expect(ys.some((y) => y > 0) && ys.some((y) => y < 0), 'both minima are reached').toBe(true)
  })

  it('a kick that leads nowhere lower ends the kicking: the walker settles in its minimum', () => {
    const surface = formulaSurface('x^2 + 3*y^2 + x*y')
    const lane = testLane({
      surface,
      method: 'perturbed-gd',
      settings: { lr: 0.1 },
      start: { kind: 'point', x: 0, y: 0 },
    })
    lane.advance(2000)
    expect(lane.extras()).toEqual({ kicks: 1, settled: 1 })
    expect(Math.hypot(...at(lane))).toBeLessThan(1e-12)
  })

  it('Newton lands on the saddle of x^2 - y^2 in one step; saddle-free Newton moves away from it', () => {
    const { surface, scales } = atlas('strict-saddle')
    const start = { kind: 'point', x: 0.3, y: 0.2 } as const
    const newton = testLane({ surface, scales, method: 'newton', start })
    newton.advance(1)
    expect(at(newton)).toEqual([0, 0])
    expect(status(newton)).toBe('saddle')

    // |H| = 2 I: x -= x (to 0), y += y (doubles), every step.
    const sfn = testLane({ surface, scales, method: 'saddle-free-newton', start })
    sfn.advance(1)
    expect(at(sfn)).toEqual([0, 0.4])
    sfn.advance(2)
    expect(at(sfn)).toEqual([0, 1.6])
  })

  it('Newton with a singular Hessian diverges where it was; damping cures it', () => {
    // U = x^2 + y^3 at (1, 0): H = diag(2, 0) and g = (2, 0), so (H + 0 I)^-1 g has 0/0.
    const surface = formulaSurface('x^2 + y^3')
    const start = { kind: 'point', x: 1, y: 0 } as const
    const pure = testLane({ surface, method: 'newton', start })
    pure.advance(1)
    expect(status(pure)).toBe('diverged')
    expect(pure.walkers.divergedAt[0]).toBe(0)
    expect(at(pure)).toEqual([1, 0])
    // mu = 1: (H + I)^-1 g = (2/3, 0).
    const damped = testLane({ surface, method: 'newton', settings: { damping: 1 }, start })
    damped.advance(1)
    expect(at(damped)).toEqual([1 - 2 / 3, 0])
  })
})

describe('Müller-Brown', () => {
  const MC: [number, number] = [-0.050011, 0.466694]

  function gd(lr: number, xs: number[], ys: number[]): Lane {
    const { surface, scales } = atlas('muller-brown')
    return testLane({
      surface,
      scales,
      method: 'gd',
      settings: { lr },
      start: { kind: 'points', xs, ys },
      walkers: xs.length,
    })
  }

  it('gradient descent with lr 1e-4 from (0, 0.5) stops in the local minimum MC', () => {
    const lane = gd(1e-4, [0], [0.5])
    lane.advance(2000)
    expect(status(lane)).toBe('minimum')
    expect(lane.label(0)).toBe('local')
    expect(distance(lane, ...MC)).toBeLessThan(1e-6)
  })

  it('with lr 1e-2 it diverges within 10 steps, and the other walkers of the lane are unaffected', () => {
    // lr 1e-2 exceeds 2/lambda_max at every minimum (lambda_max 1479 at MC), and from every
    // node of a 10 x 12 grid over the domain gradient descent diverges within 10 steps; so
    // the bystander sits on MC itself (from gradient descent at lr 1e-4), where g ~ 1e-13
    // grows by |1 - 14.8| per step and stays small for these 10 steps.
    const settle = gd(1e-4, [0], [0.5])
    settle.advance(2000)
    const [mx, my] = at(settle)
    const pair = gd(1e-2, [0, mx], [0.5, my])
    const alone = gd(1e-2, [mx], [my])
    pair.advance(10)
    alone.advance(10)
    expect(status(pair, 0)).toBe('diverged')
    expect(pair.walkers.divergedAt[0]).toBeLessThanOrEqual(10)
    expect(at(pair, 0).every(Number.isFinite), 'stopped where it last was').toBe(true)
    expect(status(pair, 1)).not.toBe('diverged')
    expect(at(pair, 1)).toEqual(at(alone, 0))
    expect(distance(pair, ...MC, 1)).toBeLessThan(1e-3)
  })

  it('with lr 8e-4 near MA it oscillates instead of converging', () => {
    // 8e-4 > 2/4068: the stiff direction at MA is unstable and the walker ends on a 2-cycle.
    const lane = gd(8e-4, [-0.558], [1.44])
    lane.advance(2000)
    expect(status(lane)).toBe('oscillating')
    const here = at(lane)
    lane.advance(1)
    const next = at(lane)
    lane.advance(1)
    expect(next).not.toEqual(here)
    expect(Math.hypot(lane.walkers.x[0] - here[0], lane.walkers.y[0] - here[1])).toBeLessThan(1e-9)
  })
})

describe('Rosenbrock from (-1.2, 1)', () => {
  const start = { kind: 'point', x: -1.2, y: 1 } as const
  const run = (method: string, settings: Record<string, unknown>, steps: number) => {
    const { surface, scales } = atlas('rosenbrock')
    const lane = testLane({ surface, scales, method, settings, start })
    lane.advance(steps)
    return lane
  }

  it('after 2000 steps gradient descent is still crawling along the valley; heavy ball and Adam are there', () => {
    expect(distance(run('gd', { lr: 1e-3 }, 2000), 1, 1)).toBeGreaterThan(0.1)
    expect(distance(run('momentum', { lr: 1e-3, momentum: 0.9 }, 2000), 1, 1)).toBeLessThan(1e-3)
    expect(distance(run('adam', { lr: 0.05 }, 2000), 1, 1)).toBeLessThan(1e-3)
  })

  it('L-BFGS reaches the minimum to 1e-5 within 100 steps', () => {
    const lane = run('lbfgs', {}, 100)
    expect(distance(lane, 1, 1)).toBeLessThan(1e-5)
    expect(status(lane)).toBe('minimum')
    expect(lane.label(0)).toBe('global')
  })
})

describe('AdamW', () => {
  it('stops short of a minimum, on the side of the origin, where Adam lands on it', () => {
    // (x - 1)^2 + (y - 1)^2 from (0, 0), lr 0.01, 3000 steps: Adam at (1, 1) to the last bit,
    // AdamW about 5e-4 short along the diagonal (the pull fades as Adam's step scale adapts).
    const surface = formulaSurface('(x - 1)^2 + (y - 1)^2')
    const start = { kind: 'point', x: 0, y: 0 } as const
    const adam = testLane({ surface, method: 'adam', settings: { lr: 0.01 }, start })
    const adamw = testLane({ surface, method: 'adamw', settings: { lr: 0.01 }, start })
    adam.advance(3000)
    adamw.advance(3000)
    expect(distance(adam, 1, 1)).toBeLessThan(1e-12)
    const [x, y] = at(adamw)
    expect(x).toBe(y)
    expect(1 - x).toBeGreaterThan(1e-4)
    expect(1 - x).toBeLessThan(1e-3)
  })
})
