import { describe, expect, it } from 'vitest'
import { interpolationCurve } from '../core/training/interpolation'
import { lanczos } from '../core/training/lanczos'
import { RandomStream } from '../core/random'
import {
  HISTORY_POINTS,
  INTERPOLATION_POINTS,
  REGION_GRID,
  sliceRange,
  SPECTRUM_RECORDS,
  spectrumInterval,
  TrainingRun,
} from './training-run'
import { TRAINING_KIND, type TrainingSetup } from './training-protocol'

/** A clock that moves 1 ms each time it is read. */
function fakeClock(step = 1): () => number {
  let t = 0
  return () => (t += step)
}

const base: TrainingSetup = {
  data: 'circle',
  points: 200,
  noise: 0,
  seed: 1,
  layers: [2, 8, 8, 1],
  activation: 'tanh',
  loss: 'xent',
  l2: 0,
  init: 'glorot',
  method: 'adam',
  lr: 0.03,
  batch: 10,
  kT: 0.01,
  walkers: 3,
}

describe('a training run as the training worker runs it', () => {
  it('trains three networks on the circle: the loss falls, accuracy rises, the regions follow', () => {
    const run = new TrainingRun(base, 1, fakeClock(100))
    const loaded = run.loaded()
    expect(loaded.dim).toBe(105)
    expect(loaded.examples).toBe(200)
    expect(loaded.extent[0]).toBeLessThanOrEqual(-6)
    const first = run.frame({ advance: 0, budgetMs: 1e9, chosen: 1 })
    expect(first.step).toBe(0)
    expect(first.chosen).toBe(1)
    expect(first.regions!.values).toHaveLength(REGION_GRID * REGION_GRID)
    const f = run.frame({ advance: 300, budgetMs: 1e9, chosen: 1 })
    expect(f.step).toBe(300)
    for (let i = 0; i < 3; i++) {
      expect(f.losses[i]!).toBeLessThan(first.losses[i]! * 0.5)
      expect(f.accuracies[i]!).toBeGreaterThan(0.9)
      expect(f.kinds[i]).not.toBe(TRAINING_KIND.diverged)
    }
    expect(f.theta).toHaveLength(105)
    expect(f.regions).not.toBeNull()
    const v = Array.from(f.regions!.values)
    expect(Math.min(...v)).toBeLessThan(0.1)
    expect(Math.max(...v)).toBeGreaterThan(0.9)
    // The history covers the whole run, thinned; walker 1's curve starts at its first loss.
    const h = f.history
    const m = h.steps.length
    expect(m).toBeLessThanOrEqual(HISTORY_POINTS)
    expect(h.steps[0]).toBe(0)
    expect(h.steps[m - 1]).toBe(300)
    expect(h.losses[m]).toBe(first.losses[1])
    // No step and the same walker: the regions are not sent again.
    expect(run.frame({ advance: 0, budgetMs: 1e9, chosen: 1 }).regions).toBeNull()
    // Same setup, same numbers.
    const again = new TrainingRun(base, 2, fakeClock(100))
    expect(Array.from(again.frame({ advance: 300, budgetMs: 1e9, chosen: 0 }).losses)).toEqual(Array.from(f.losses))
  })

  it('thins the loss history and the checkpoints over a long run', () => {
    const run = new TrainingRun({ ...base, walkers: 1, points: 50 }, 1, fakeClock(1000))
    let f = run.frame({ advance: 1, budgetMs: 1e9, chosen: 0 })
    for (let k = 0; k < 9; k++) f = run.frame({ advance: 100, budgetMs: 1e9, chosen: 0 })
    expect(f.step).toBe(901)
    const steps = Array.from(f.history.steps)
    expect(steps.length).toBeLessThanOrEqual(HISTORY_POINTS)
    expect(steps.length).toBeGreaterThan(HISTORY_POINTS / 2 - 2)
    expect(steps[0]).toBe(0)
    for (let k = 1; k < steps.length; k++) expect(steps[k]! - steps[k - 1]!).toBe(steps[1]! - steps[0]!)
  })

  it('says which walkers diverged at too large a learning rate, and at which step', () => {
    const run = new TrainingRun(
      { ...base, method: 'gd', lr: 100, loss: 'mse', data: 'sine', walkers: 2 },
      1,
      fakeClock(),
    )
    const f = run.frame({ advance: 300, budgetMs: 1e9, chosen: 0 })
    expect(f.step).toBe(300)
    expect(Array.from(f.kinds)).toContain(TRAINING_KIND.diverged)
    const i = f.kinds.indexOf(TRAINING_KIND.diverged)
    expect(f.divergedAt[i]).toBeGreaterThanOrEqual(0)
  })

  it('reports SGD noise and runs clicked points', () => {
    const sgd = new TrainingRun({ ...base, method: 'sgd', lr: 0.1, batch: 10, walkers: 2 }, 1, fakeClock())
    const f = sgd.frame({ advance: 20, budgetMs: 1e9, chosen: 0 })
    expect(f.noise!.batch).toBe(10)
    expect(f.noise!.noiseScale).toBeCloseTo(0.1 * (200 / 10 - 1), 12)
    const points = [
      { x: -2, y: -2, label: 0 },
      { x: 2, y: 2, label: 1 },
      { x: -3, y: 1, label: 0 },
    ]
    const user = new TrainingRun({ ...base, data: 'user', userPoints: points }, 1, fakeClock())
    expect(user.loaded().examples).toBe(3)
    expect(user.loaded().extent).toEqual([-6, 6, -6, 6])
    expect(() => new TrainingRun({ ...base, data: 'user', userPoints: [] }, 1)).toThrow(/no points/)
    expect(() => new TrainingRun({ ...base, layers: [2, 8, 3] }, 1)).toThrow(/last layer/)
  })

  it('slices the loss through the chosen walker along random, PCA and Hessian planes, the path projected', () => {
    const run = new TrainingRun(base, 1)
    run.frame({ advance: 200, budgetMs: 1e9, chosen: 2 })
    for (const kind of ['random', 'pca', 'hessian'] as const) {
      const s = run.slice({ kind, grid: 21, chosen: 2 })
      expect(s.walker).toBe(2)
      expect(s.values).toHaveLength(21 * 21)
      expect(s.min).toBeLessThanOrEqual(s.max)
      const p = s.path
      const m = p.steps.length
      expect(m).toBeGreaterThan(50)
      expect(p.steps[m - 1]).toBe(200)
      // The current point is the plane's origin: on it, at (0, 0), with the plane's loss its own.
      expect(Math.abs(p.a[m - 1]!)).toBeLessThan(1e-9)
      expect(p.distance[m - 1]!).toBeLessThan(1e-9)
      expect(p.trueLoss[m - 1]).toBeCloseTo(p.planeLoss[m - 1]!, 12)
      // Every projected point lies within the slice's ranges.
      for (let k = 0; k < m; k++) {
        expect(p.a[k]!).toBeGreaterThanOrEqual(s.a[0])
        expect(p.a[k]!).toBeLessThanOrEqual(s.a[1])
        expect(p.b[k]!).toBeGreaterThanOrEqual(s.b[0])
        expect(p.b[k]!).toBeLessThanOrEqual(s.b[1])
      }
      expect(s.note.length).toBeGreaterThan(20)
      expect(s.ms).toBeGreaterThanOrEqual(0)
    }
    // The PCA plane holds the start far better than a random one: the path lies nearly in it.
    const pca = run.slice({ kind: 'pca', grid: 5, chosen: 2 })
    const random = run.slice({ kind: 'random', grid: 5, chosen: 2 })
    expect(pca.path.distance[0]!).toBeLessThan(random.path.distance[0]!)
    expect(() => run.slice({ kind: 'random', grid: 1000, chosen: 0 })).toThrow(/grid/)
  })

  it("follows the chosen walker's Hessian spectrum every K steps, restarting when another walker is chosen", () => {
    // K so that the records take about a tenth of the stepping time: (4 s + 2) / (0.1 W), halved steps for SGD.
    expect(spectrumInterval(30, 4, false)).toBe(305)
    expect(spectrumInterval(30, 4, true)).toBe(610)
    expect(spectrumInterval(30, 1, false)).toBe(1220)
    const run = new TrainingRun({ ...base, walkers: 2 }, 1, fakeClock())
    const K = run.spectrumEvery
    expect(K).toBe(spectrumInterval(30, 2, false))
    const first = run.frame({ advance: 0, budgetMs: 1e9, chosen: 0 })
    // A record at once, at step 0, for walker 1: its full-batch loss is the frame's.
    expect(first.spectrum.walker).toBe(0)
    expect(Array.from(first.spectrum.steps)).toEqual([0])
    expect(first.spectrum.loss[0]).toBeCloseTo(first.losses[0]!, 12)
    expect(first.spectrum.lanczosSteps).toBe(30)
    const f = run.frame({ advance: 2 * K + 3, budgetMs: 1e9, chosen: 0 })
    expect(Array.from(f.spectrum.steps)).toEqual([0, K, 2 * K])
    const s = f.spectrum
    for (let k = 0; k < 3; k++) {
      expect(s.min[k]!).toBeLessThanOrEqual(s.max[k]!)
      expect(s.max[k]!).toBeGreaterThan(0)
      expect(Number.isInteger(s.index[k]!)).toBe(true)
      expect(s.gradient[k]!).toBeGreaterThan(0)
    }
    expect(s.share).toBeGreaterThan(0)
    expect(s.share).toBeLessThan(1)
    // Choosing walker 2 starts its spectrum at the current step, with a record there.
    const g = run.frame({ advance: 0, budgetMs: 1e9, chosen: 1 })
    expect(g.spectrum.walker).toBe(1)
    expect(Array.from(g.spectrum.steps)).toEqual([2 * K + 3])
    expect(g.spectrum.loss[0]).toBeCloseTo(g.losses[1]!, 12)
    const h = run.frame({ advance: K, budgetMs: 1e9, chosen: 1 })
    expect(Array.from(h.spectrum.steps)).toEqual([2 * K + 3, 3 * K + 3])
    // The extremes are Lanczos's on the Hessian at the walker's weights (the same 30 steps from another start).
    const net = run.network
    const direct = lanczos((v, out) => void net.hvp(h.theta, v, out), net.dim, 30, new RandomStream(7))
    expect(h.spectrum.max[1]!).toBeCloseTo(direct.values[direct.steps - 1]!, 3)
    expect(SPECTRUM_RECORDS).toBeGreaterThanOrEqual(64)
  })

  it("draws the line from the chosen walker's initial to its current weights on request", () => {
    const run = new TrainingRun(base, 1, fakeClock())
    const start = run.frame({ advance: 0, budgetMs: 1e9, chosen: 1 })
    expect(start.interpolation).toBeNull()
    run.frame({ advance: 200, budgetMs: 1e9, chosen: 1 })
    const f = run.frame({ advance: 0, budgetMs: 1e9, chosen: 1, interpolate: true })
    const line = f.interpolation!
    expect(line.problem).toBeNull()
    expect(line.walker).toBe(1)
    expect(line.step).toBe(200)
    expect(line.alpha).toHaveLength(INTERPOLATION_POINTS)
    expect(line.alpha[0]).toBe(-0.5)
    expect(line.alpha[INTERPOLATION_POINTS - 1]).toBe(1.5)
    // The ends are walker 2's first loss and its loss now, bit for bit.
    expect(line.start).toBe(start.losses[1])
    expect(line.end).toBeCloseTo(f.losses[1]!, 12)
    expect(line.loss[line.alpha.indexOf(0)]).toBe(line.start)
    expect(line.loss[line.alpha.indexOf(1)]).toBe(line.end)
    const direct = interpolationCurve(run.network, run.lane.walkers.qs[1]!, run.lane.walkers.qs[1]!, 3)
    expect(direct.barrier.present).toBe(false)
    // A walker that diverged has no line, and says why.
    const wild = new TrainingRun({ ...base, method: 'gd', lr: 100, loss: 'mse', data: 'sine', walkers: 2 }, 1)
    const w = wild.frame({ advance: 300, budgetMs: 1e9, chosen: 0 })
    const bad = w.kinds.indexOf(TRAINING_KIND.diverged)
    const answer = wild.frame({ advance: 0, budgetMs: 1e9, chosen: bad, interpolate: true }).interpolation!
    expect(answer.problem).toMatch(/diverged at step \d+/)
    expect(answer.loss).toHaveLength(0)
  })

  it('keeps slice ranges that hold [-half, half] and every value', () => {
    expect(sliceRange([0, 0], 0)).toEqual([-0.5, 0.5])
    expect(sliceRange([0.5, 0, -0.2], 1)).toEqual([-1, 1])
    expect(sliceRange([], 1)).toEqual([-1, 1])
    const q = sliceRange([0, 2], 1)
    expect(q[0]).toBe(-1)
    expect(q[1]).toBeCloseTo(2.4, 12)
    const r = sliceRange([-2, 3], 0)
    expect(r[0]).toBeCloseTo(-3, 12)
    expect(r[1]).toBeCloseTo(4, 12)
  })
})
