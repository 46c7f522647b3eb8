import { describe, expect, it } from 'vitest'
import { resolveLane } from '../core/dynamics/resolve'
import { SystemLane } from '../core/dynamics/system-lane'
import { makeDataset } from '../core/training/data'
import { extremeEigenvalues, hessianIndex } from '../core/training/lanczos'
import { Network, type NetworkSpec } from '../core/training/network'
import { trainingDescriptor } from '../core/training/training-system'
import { runInProcess as run } from './in-process'

/** `landscape train`: a small network trained on a toy data set, from the command line. */

const TINY = ['--data', 'xor', '--points', '40', '--layers', '2,4,1', '--steps', '50', '--every', '10']

async function train(...args: string[]) {
  const r = await run('train', ...args, '--json')
  expect(r.stderr).toBe('')
  expect(r.code).toBe(0)
  return JSON.parse(r.stdout)
}

const bits = (a: ArrayLike<number>) => Array.from(new Uint32Array(Float64Array.from(a).buffer))

describe('landscape train', () => {
  it('trains a 2-4-1 network on 40 xor points: settings, curves, weights and the Hessian at the end', async () => {
    const doc = await train(...TINY, '--method', 'gd', '--set', 'lr=0.5')
    expect(doc.settings).toMatchObject({
      data: 'xor',
      task: 'classify',
      points: 40,
      noise: 0,
      layers: [2, 4, 1],
      activation: 'tanh',
      loss: 'xent',
      l2: 0,
      init: 'glorot',
      parameters: 17,
      method: 'gd',
      batch: null,
      steps: 50,
      seed: 1,
      walkers: 1,
      every: 10,
    })
    expect(doc.settings.methodSettings.lr).toBe(0.5)
    expect(doc.curves.steps).toEqual([0, 10, 20, 30, 40, 50])
    const loss: number[] = doc.curves.loss[0]
    expect(loss).toHaveLength(6)
    for (let k = 1; k < loss.length; k++) expect(loss[k]).toBeLessThan(loss[k - 1]!)
    expect(loss[5]).toBeLessThan(0.6 * loss[0]!)
    expect(doc.curves.meanLoss).toEqual(loss)
    expect(doc.curves.accuracy[0]).toHaveLength(6)
    for (const a of doc.curves.accuracy[0]) expect(a).toBeGreaterThanOrEqual(0)
    expect(doc.walkers).toHaveLength(1)
    const end = doc.walkers[0]
    expect(end).toMatchObject({ walker: 0, kind: 'running', status: 'trained', divergedAt: null })
    expect(end.loss).toBe(loss[5])
    expect(end.weights).toHaveLength(17)
    expect(doc.hessian).toMatchObject({ walker: 0, method: 'dense', standardError: 0 })
    const [lo, hi] = doc.hessian.extreme
    expect(lo).toBeLessThanOrEqual(hi)
    expect(Number.isInteger(doc.hessian.negative)).toBe(true)
    expect(doc.hessian.negative > 0).toBe(lo < -doc.hessian.tolerance)
    expect(doc.hessian.gradientNorm).toBeGreaterThan(0)
    expect(doc.sgdNoise).toBeNull()
    expect(doc.slice).toBeNull()
    expect(JSON.stringify(doc)).not.toMatch(/"ms"|time/i)
  })

  it('reports the numbers the core gives when run directly: the weights bit for bit, the same Hessian', async () => {
    const doc = await train(...TINY, '--method', 'gd', '--set', 'lr=0.5')
    const spec: NetworkSpec = { layers: [2, 4, 1], activation: 'tanh', loss: 'xent', l2: 0 }
    const dataset = makeDataset('xor', { points: 40, noise: 0, seed: 1 })
    const descriptor = trainingDescriptor({ spec, dataset })
    const r = resolveLane('gd', { lr: 0.5 }, 1, descriptor.dim)
    if (!r.ok) throw new Error('gd does not resolve')
    const lane = new SystemLane({
      descriptor,
      method: r.lane.method,
      settings: r.lane.settings,
      walkers: 1,
      start: { kind: 'random' },
      seed: 1,
    })
    lane.advance(50)
    const theta = Float64Array.from(lane.walkers.qs[0]!)
    expect(bits(doc.walkers[0].weights)).toEqual(bits(theta))
    const net = new Network(spec, dataset)
    expect(doc.walkers[0].loss).toBe(net.loss(theta))
    expect(doc.walkers[0].accuracy).toBe(net.accuracy(theta))
    const hvp = (v: Float64Array, out: Float64Array) => void net.hvp(theta, v, out)
    const index = hessianIndex(hvp, net.dim, { seed: 1 })
    expect(index.method).toBe('dense')
    expect(doc.hessian.negative).toBe(index.negative)
    expect(doc.hessian.extreme).toEqual([index.eigenvalues![0], index.eigenvalues![net.dim - 1]])
    // Lanczos over all 17 directions finds the same extremes.
    const lanczos = extremeEigenvalues(hvp, net.dim, { seed: 1 })
    expect(Math.abs(lanczos.min - doc.hessian.extreme[0])).toBeLessThan(1e-9)
    expect(Math.abs(lanczos.max - doc.hessian.extreme[1])).toBeLessThan(1e-9)
    const g = new Float64Array(net.dim)
    net.gradient(theta, g)
    expect(doc.hessian.gradientNorm).toBe(Math.sqrt(g.reduce((s, x) => s + x * x, 0)))
  })

  it('above 300 parameters estimates the index by stochastic Lanczos quadrature, as the core does', async () => {
    const args = ['--data', 'moons', '--points', '40', '--layers', '2,16,16,1', '--method', 'adam', '--steps', '20']
    const doc = await train(...args)
    expect(doc.settings.parameters).toBe(337)
    expect(doc.hessian.method).toBe('quadrature')
    expect(doc.hessian.standardError).toBeGreaterThan(0)
    const spec: NetworkSpec = { layers: [2, 16, 16, 1], activation: 'tanh', loss: 'xent', l2: 0 }
    const net = new Network(spec, makeDataset('moons', { points: 40, noise: 0, seed: 1 }))
    const theta = Float64Array.from(doc.walkers[0].weights as number[])
    const hvp = (v: Float64Array, out: Float64Array) => void net.hvp(theta, v, out)
    expect(doc.hessian.negative).toBe(hessianIndex(hvp, net.dim, { seed: 1 }).negative)
    const e = extremeEigenvalues(hvp, net.dim, { seed: 1 })
    expect(doc.hessian.extreme).toEqual([e.min, e.max])
  })

  it('--batch N with sgd is gradient descent bit for bit; a smaller batch is not, and reports its noise', async () => {
    const gd = await train(...TINY, '--method', 'gd', '--set', 'lr=0.5', '--walkers', '2')
    const full = await train(...TINY, '--method', 'sgd', '--batch', '40', '--set', 'lr=0.5', '--walkers', '2')
    expect(full.settings.batch).toBe(40)
    for (let i = 0; i < 2; i++) expect(bits(full.walkers[i].weights)).toEqual(bits(gd.walkers[i].weights))
    expect(full.curves.loss).toEqual(gd.curves.loss)
    expect(full.sgdNoise).toMatchObject({ examples: 40, batch: 40, noiseScale: 0, temperature: 0 })
    const small = await train(...TINY, '--method', 'sgd', '--batch', '10', '--set', 'lr=0.5', '--walkers', '2')
    expect(bits(small.walkers[0].weights)).not.toEqual(bits(gd.walkers[0].weights))
    // Smith & Le's noise scale lr (N/B - 1) and Mandt et al.'s kT = N lr c_B / 2.
    const noise = small.sgdNoise
    expect(noise.noiseScale).toBeCloseTo(0.5 * (40 / 10 - 1), 12)
    expect(noise.kT).toBeCloseTo(40 * noise.temperature, 12)
    expect(noise.temperature).toBeCloseTo((0.5 * noise.gradientVariance * noise.batchFactor) / 2, 12)
    expect(noise.assumptions).toMatch(/Mandt/)
  })

  it('gives the same JSON for the same seed, and other walkers for another seed', async () => {
    const args = ['train', ...TINY, '--method', 'sgd', '--batch', '8', '--walkers', '2', '--json']
    const a = await run(...args)
    const b = await run(...args)
    expect(a.stdout).toBe(b.stdout)
    const c = await run(...args, '--seed', '2')
    expect(c.stdout).not.toBe(a.stdout)
  })

  it('--slice random --grid 11: an 11 x 11 grid whose centre is the final loss, and walker 0 projected', async () => {
    const doc = await train(...TINY, '--method', 'gd', '--set', 'lr=0.5', '--slice', 'random', '--grid', '11')
    const s = doc.slice
    expect(s.plane).toBe('random')
    expect(s.a).toHaveLength(11)
    expect(s.b).toHaveLength(11)
    expect(s.a[0]).toBe(-1)
    expect(s.a[5]).toBe(0)
    expect(s.a[10]).toBe(1)
    expect(s.losses).toHaveLength(11)
    for (const row of s.losses) expect(row).toHaveLength(11)
    expect(s.losses[5][5]).toBe(doc.walkers[0].loss)
    expect(s.min).toBeLessThanOrEqual(doc.walkers[0].loss)
    expect(s.trajectory.map((p: { step: number }) => p.step)).toEqual(doc.curves.steps)
    const last = s.trajectory[s.trajectory.length - 1]
    expect(last).toMatchObject({ a: 0, b: 0, distance: 0 })
    expect(last.trueLoss).toBe(doc.walkers[0].loss)
    expect(last.planeLoss).toBe(doc.walkers[0].loss)
    const first = s.trajectory[0]
    expect(first.trueLoss).toBe(doc.curves.loss[0][0])
    expect(first.distance).toBeGreaterThan(0)
  })

  it('--slice pca and --slice hessian: the plane of the path and of the top curvatures', async () => {
    const pca = await train(...TINY, '--method', 'gd', '--set', 'lr=0.5', '--slice', 'pca', '--grid', '5')
    expect(pca.slice.explained[0]).toBeGreaterThan(0.5)
    expect(pca.slice.explained[0] + pca.slice.explained[1]).toBeLessThanOrEqual(1 + 1e-12)
    // The grid covers the path: every checkpoint within the span.
    const span = pca.slice.a[4]
    for (const p of pca.slice.trajectory) expect(Math.max(Math.abs(p.a), Math.abs(p.b))).toBeLessThan(span)
    expect(pca.slice.losses[2][2]).toBe(pca.walkers[0].loss)
    const hess = await train(...TINY, '--method', 'gd', '--set', 'lr=0.5', '--slice', 'hessian', '--grid', '3')
    expect(hess.slice.eigenvalues[0]).toBeCloseTo(hess.hessian.extreme[1], 6)
    expect(hess.slice.eigenvalues[1]).toBeLessThanOrEqual(hess.slice.eigenvalues[0])
  })

  it('says "diverged at step N" for a walker whose loss turns non-finite, and exits 0', async () => {
    const doc = await train(...TINY, '--method', 'gd', '--loss', 'mse', '--set', 'lr=1000', '--walkers', '2')
    for (const w of doc.walkers) {
      expect(w.kind).toBe('diverged')
      expect(w.status).toMatch(/^diverged at step \d+$/)
      expect(w.status).toBe(`diverged at step ${w.divergedAt}`)
      for (const v of w.weights) expect(Number.isFinite(v)).toBe(true)
    }
    // From its last checkpoint on, a diverged walker has no loss; before, it had.
    expect(doc.curves.loss[0][0]).not.toBeNull()
    expect(doc.curves.loss[0][5]).toBeNull()
    expect(doc.curves.meanLoss[5]).toBeNull()
    // At lr = 500 the first two walkers overflow at step 48 and the other two only at step 49:
    // stopped after 49 steps, those two train on to the end and the curves' means are theirs.
    const mixed = await train(
      ...['--data', 'xor', '--points', '40', '--layers', '2,4,1', '--every', '10'],
      ...['--method', 'gd', '--loss', 'mse', '--set', 'lr=500', '--steps', '49', '--walkers', '4'],
    )
    expect(mixed.walkers.map((w: { status: string }) => w.status)).toEqual([
      'diverged at step 48',
      'diverged at step 48',
      'trained',
      'trained',
    ])
    const last = mixed.curves.steps.length - 1
    expect(mixed.curves.steps[last]).toBe(49)
    expect(mixed.curves.loss.map((c: (number | null)[]) => c[last] === null)).toEqual([true, true, false, false])
    expect(mixed.curves.meanLoss[last]).toBe((mixed.curves.loss[2][last] + mixed.curves.loss[3][last]) / 2)
    expect(mixed.walkers[2].loss).toBe(mixed.curves.loss[2][last])
    const table = await run('train', ...TINY, '--method', 'gd', '--loss', 'mse', '--set', 'lr=1000')
    expect(table.code).toBe(0)
    expect(table.stdout).toMatch(/diverged at step \d+/)
  })

  it('prints a short table without --json', async () => {
    const r = await run('train', ...TINY, '--method', 'sgd', '--batch', '10', '--slice', 'random', '--grid', '5')
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^2-4-1 tanh network \(xent, P = 17\) on xor, 40 points; sgd, batch 10/)
    expect(r.stdout).toMatch(/step\s+mean loss\s+mean accuracy/)
    expect(r.stdout).toMatch(/Hessian of walker 0 \(dense\)/)
    expect(r.stdout).toMatch(/SGD noise scale/)
    expect(r.stdout).toMatch(/random slice/)
  })

  const BAD: [string, string[], RegExp][] = [
    [
      'an unknown data set',
      ['--data', 'donut'],
      /^--data: unknown data set 'donut'; known: circle, xor, gauss, spiral, moons, sine$/,
    ],
    [
      'layer sizes out of range',
      ['--layers', '2,100,1'],
      /^--layers: layer 2 has 100 neurons: sizes are integers from 1 to 64$/,
    ],
    ['a first layer other than 2', ['--layers', '3,4,1'], /^--layers: the first layer is the 2 inputs, not 3$/],
    ['layer sizes that are not numbers', ['--layers', '2,x,1'], /^--layers: expected whole numbers/],
    ['a bad activation', ['--activation', 'swish'], /^--activation: unknown value 'swish'; one of tanh, relu/],
    ['a bad loss', ['--loss', 'hinge'], /^--loss: unknown value 'hinge'; one of xent, mse$/],
    ['a bad initialisation', ['--init', 'zeros'], /^--init: unknown value 'zeros'; one of glorot, he$/],
    ['too many points', ['--points', '6000'], /^--points: the number of points must be an integer from 1 to 5000/],
    ['an empty data set', ['--points', '0'], /^--points: 0 points make an empty data set/],
    ['noise out of range', ['--noise', '2'], /^--noise: the noise level must be in \[0, 1\], not 2$/],
    ['an unknown method', ['--method', 'magic'], /^--method: unknown method 'magic'; known: .*\bsgd\b/],
    ['a method for surfaces only', ['--method', 'newton'], /^--method: newton runs on surfaces only/],
    [
      'a batch larger than N',
      ['--method', 'sgd', '--batch', '41'],
      /^--batch: batch size B = 41 is larger than the N = 40 training points$/,
    ],
    [
      'a minibatch for a full-batch method',
      ['--method', 'adam', '--batch', '10'],
      /^--batch: adam takes the full batch of N = 40 points; minibatches are for sgd and sgld$/,
    ],
    ['a bad setting', ['--method', 'gd', '--set', 'lr=-1'], /^--set: /],
    ['cross-entropy on a regression set', ['--data', 'sine', '--loss', 'xent'], /^--loss: cross-entropy needs labels/],
    ['--grid without --slice', ['--grid', '11'], /^--grid applies to a slice: give --slice$/],
    ['a bad slice', ['--slice', 'diagonal'], /^--slice: unknown value 'diagonal'; one of random, pca, hessian$/],
  ]
  for (const [name, args, message] of BAD)
    it(`refuses ${name} in one line, exit code 2`, async () => {
      const base: Record<string, string> = { data: 'xor', points: '40', layers: '2,4,1', steps: '5', method: 'gd' }
      for (let k = 0; k < args.length; k += 2) base[args[k]!.slice(2)] = args[k + 1]!
      const argv = Object.entries(base).flatMap(([k, v]) => [`--${k}`, v])
      const r = await run('train', ...argv, '--json')
      expect(r.code).toBe(2)
      expect(r.stdout).toBe('')
      expect(r.stderr.endsWith('\n')).toBe(true)
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1)
      expect(r.stderr.replace(/^landscape train: /, '').trimEnd()).toMatch(message)
    })

  it('--batch N is accepted by a full-batch method, and sgld takes minibatches', async () => {
    const adam = await train(...TINY, '--method', 'adam', '--batch', '40')
    expect(adam.settings.batch).toBeNull()
    const sgld = await train(...TINY, '--method', 'sgld', '--batch', '8', '--set', 'lr=0.01')
    expect(sgld.settings.batch).toBe(8)
    expect(sgld.settings.methodSettings.kT).toBeGreaterThan(0)
    expect(sgld.extras.batch).toBe(8)
  })
})
