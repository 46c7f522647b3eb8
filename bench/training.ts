import { crossEntropyWithLogits, tanh } from '../src/core/training/activations'
import { makeDataset } from '../src/core/training/data'
import { interpolationCurve } from '../src/core/training/interpolation'
import { LanczosWorkspace } from '../src/core/training/lanczos'
import { Network, initialise, type NetworkSpec } from '../src/core/training/network'
import { SlicePlane, hessianDirections, lossSlice, pcaDirections, randomPlane } from '../src/core/training/slice'
import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import { bandRows, type SliceBandAnswer, type SliceBandRequest } from '../src/engine/slice-band'
import type { TrainingSetup } from '../src/engine/training-protocol'
import { fmt, rates, table, time } from './measure'

/** The case: a 2-16-16-1 tanh network with cross-entropy on 500 spiral points. */
const SPEC: NetworkSpec = { layers: [2, 16, 16, 1], activation: 'tanh', loss: 'xent', l2: 0 }
const GRID = 60

/**
 * The baseline of a slice: the same 3,600 full-batch losses written as one hand loop for this
 * network's shape, one example at a time, with the same tanh and the same cross-entropy: what a
 * plain implementation costs, against which the network's eight-examples-side-by-side loss and
 * the slice's structure are measured.
 */
function handSlice(
  inputs: Float64Array,
  targets: Float64Array,
  n: number,
  origin: Float64Array,
  d: Float64Array,
  e: Float64Array,
  out: Float64Array,
): number {
  const p = origin.length
  const theta = new Float64Array(p)
  const h1 = new Float64Array(16)
  const h2 = new Float64Array(16)
  // Offsets of the layout (spec.ts): W1 16x2, b1, W2 16x16, b2, W3 1x16, b3.
  const w1 = 0
  const b1 = 32
  const w2 = 48
  const b2 = 304
  const w3 = 320
  const b3 = 336
  for (let j = 0; j < GRID; j++) {
    const b = -1 + (2 * j) / (GRID - 1)
    for (let i = 0; i < GRID; i++) {
      const a = -1 + (2 * i) / (GRID - 1)
      for (let k = 0; k < p; k++) theta[k] = origin[k]! + a * d[k]! + b * e[k]!
      let sum = 0
      for (let s = 0; s < n; s++) {
        const x = inputs[2 * s]!
        const y = inputs[2 * s + 1]!
        for (let u = 0; u < 16; u++) h1[u] = tanh(theta[b1 + u]! + theta[w1 + 2 * u]! * x + theta[w1 + 2 * u + 1]! * y)
        for (let u = 0; u < 16; u++) {
          let z = theta[b2 + u]!
          for (let k = 0; k < 16; k++) z += theta[w2 + 16 * u + k]! * h1[k]!
          h2[u] = tanh(z)
        }
        let z = theta[b3]!
        for (let k = 0; k < 16; k++) z += theta[w3 + k]! * h2[k]!
        sum += crossEntropyWithLogits(z, targets[s]!)
      }
      out[j * GRID + i] = sum / n
    }
  }
  return out[0]!
}

/** The bench's network and data as the page's training section sets them up. */
const SETUP: TrainingSetup = {
  data: 'spiral',
  points: 500,
  noise: 0.1,
  seed: 1,
  layers: [...SPEC.layers],
  activation: SPEC.activation,
  loss: SPEC.loss,
  l2: SPEC.l2,
  init: 'glorot',
  method: 'gd',
  lr: 0.1,
  batch: 10,
  kT: 0.01,
  walkers: 1,
}

/** Band workers of the page as Node threads (TypeScript through tsx's loader, as this bench runs). */
function startBandThreads(count: number): Promise<Worker[]> {
  const url = new URL('./slice-band-thread.ts', import.meta.url).href
  const code = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(url)}) })`
  return Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<Worker>((resolve, reject) => {
          const w = new Worker(code, { eval: true })
          w.once('message', () => resolve(w))
          w.once('error', reject)
        }),
    ),
  )
}

function askBand(w: Worker, request: SliceBandRequest): Promise<SliceBandAnswer> {
  return new Promise((resolve) => {
    w.once('message', resolve)
    w.postMessage(request)
  })
}

/**
 * The slice as the page builds it: the grid's rows split into bands (engine/slice-band.ts), each
 * computed by its own thread with its own network built from the setup; ms from the first request
 * to the last band, median of `rounds` after one warm-up round.
 */
async function threadedSlice(
  threads: Worker[],
  origin: Float64Array,
  d: Float64Array,
  e: Float64Array,
  rounds: number,
): Promise<{ ms: number; values: Float64Array }> {
  const plane = { na: GRID, nb: GRID, a: [-1, 1] as [number, number], b: [-1, 1] as [number, number], origin, d, e }
  const bands = bandRows(GRID, threads.length)
  const times: number[] = []
  let values = new Float64Array(0)
  for (let k = 0; k <= rounds; k++) {
    const t0 = performance.now()
    const answers = await Promise.all(bands.map((rows, i) => askBand(threads[i]!, { setup: SETUP, plane, rows })))
    if (k > 0) times.push(performance.now() - t0)
    values = new Float64Array(GRID * GRID)
    let at = 0
    for (const x of answers) {
      values.set(x.values, at)
      at += x.values.length
    }
  }
  times.sort((x, y) => x - y)
  return { ms: times[Math.floor(times.length / 2)]!, values }
}

export async function trainingBenchmarks(): Promise<void> {
  const data = makeDataset('spiral', { points: 500, noise: 0.1, seed: 1 })
  const net = new Network(SPEC, data)
  const p = net.dim
  const theta = new Float64Array(p)
  initialise(SPEC, 1, theta)
  const { d, e } = randomPlane(SPEC.layers, theta, 1)
  const values = new Float64Array(GRID * GRID)
  const scratch = new Float64Array(p)
  const hand = new Float64Array(GRID * GRID)

  // One slice per round, interleaved with the hand loop.
  const [slice, baseline] = rates(
    [
      () => lossSlice(net, theta, d, e, { grid: GRID, out: values, scratch }).min,
      () => handSlice(data.inputs, data.targets, data.n, theta, d, e, hand),
    ],
    [1, 1],
    3,
  )
  let differ = 0
  for (let k = 0; k < values.length; k++) differ = Math.max(differ, Math.abs(values[k]! - hand[k]!))
  // The page's arrangement: the rows shared among band workers, here 1, 2 and 4 threads.
  const threadRows: Record<string, string | number>[] = []
  for (const count of [1, 2, 4]) {
    const threads = await startBandThreads(count)
    const shared = await threadedSlice(threads, theta, d, e, 3)
    await Promise.all(threads.map((w) => w.terminate()))
    let same = true
    for (let k = 0; k < values.length; k++) same &&= Object.is(shared.values[k], values[k])
    threadRows.push({
      'band workers (threads)': count,
      s: fmt(shared.ms / 1000),
      'x one thread in-process': fmt(shared.ms / 1e3 / (slice!.ns / 1e9)),
      'same bits as lossSlice': same ? 'yes' : 'NO',
    })
  }
  table(`Loss slice ${GRID} x ${GRID} of a 2-16-16-1 tanh cross-entropy net (${p} parameters) on 500 spiral points`, [
    {
      route: 'lossSlice (Network.loss, 8 examples side by side)',
      s: fmt(slice!.ns / 1e9),
      'x baseline': fmt(slice!.ns / baseline!.ns),
      'largest difference from baseline': differ,
    },
    {
      route: 'baseline: 3,600 full-batch losses, hand loop, one example at a time',
      s: fmt(baseline!.ns / 1e9),
      'x baseline': 1,
      'largest difference from baseline': 0,
    },
  ])
  table(
    `The same slice as the page builds it: its rows shared among band workers (${availableParallelism()} cores here)`,
    threadRows,
  )

  // One loss, gradient and HVP of the full batch.
  const g = new Float64Array(p)
  const hv = new Float64Array(p)
  const [loss, gradient, hvp] = rates(
    [
      (k) => {
        let s = 0
        for (let i = 0; i < k; i++) s += net.loss(theta)
        return s
      },
      (k) => {
        let s = 0
        for (let i = 0; i < k; i++) s += net.gradient(theta, g)
        return s
      },
      (k) => {
        let s = 0
        for (let i = 0; i < k; i++) s += net.hvp(theta, d, hv)
        return s
      },
    ],
    [200, 100, 50],
  )
  const workspace = new LanczosWorkspace(p, 40)
  let top = hessianDirections(net, theta, { steps: 40, workspace })
  const lanczosMs = time(() => (top = hessianDirections(net, theta, { steps: 40, workspace })))
  const eigen = `lambda ${fmt(top.values[0], 4)}, ${fmt(top.values[1], 4)}`
  const residuals = `residuals ${fmt(top.residuals[0], 2)}, ${fmt(top.residuals[1], 2)}`
  table('Full batch (500 points) at the initial weights', [
    { operation: 'loss', ms: fmt(loss!.ns / 1e6), 'x loss': 1, result: '' },
    {
      operation: 'gradient (backprop)',
      ms: fmt(gradient!.ns / 1e6),
      'x loss': fmt(gradient!.ns / loss!.ns),
      result: '',
    },
    {
      operation: 'Hessian-vector product (R-operator)',
      ms: fmt(hvp!.ns / 1e6),
      'x loss': fmt(hvp!.ns / loss!.ns),
      result: '',
    },
    {
      operation: 'top-2 Hessian eigenvectors, Lanczos 40 steps',
      ms: fmt(lanczosMs),
      'x loss': fmt((lanczosMs * 1e6) / loss!.ns),
      result: `${eigen}; ${residuals}`,
    },
  ])

  // A gradient-descent trajectory: its PCA plane, the honest projection of its checkpoints,
  // and the straight line from its start to its end.
  const q = Float64Array.from(theta)
  const trajectory: Float64Array[] = [Float64Array.from(q)]
  for (let step = 1; step <= 2000; step++) {
    net.gradient(q, g)
    for (let k = 0; k < p; k++) q[k] = q[k]! - 0.5 * g[k]!
    if (step % 10 === 0) trajectory.push(Float64Array.from(q))
  }
  let pca = pcaDirections(trajectory, q)
  const pcaMs = time(() => (pca = pcaDirections(trajectory, q)))
  const plane = new SlicePlane(q, pca.d, pca.e)
  let far = 0
  let gap = 0
  const projectMs = time(() => {
    for (const t of trajectory) {
      const r = plane.project(t, net)
      far = Math.max(far, r.distance)
      gap = Math.max(gap, Math.abs(r.lossGap))
    }
  })
  let curve = interpolationCurve(net, theta, q)
  const curveMs = time(() => (curve = interpolationCurve(net, theta, q)))
  // The largest case: 300 checkpoints of a 2-64-64-1 net (4,417 parameters), a random walk.
  const big = 4417
  let a = 1
  const walk: Float64Array[] = []
  const x = new Float64Array(big)
  for (let i = 0; i < 300; i++) {
    for (let k = 0; k < big; k++) x[k] = x[k]! + ((a = (a * 16807) % 2147483647) / 2147483647 - 0.5)
    walk.push(Float64Array.from(x))
  }
  let walkPca = pcaDirections(walk, x)
  const walkMs = time(() => (walkPca = pcaDirections(walk, x)), 3)
  table(`Trajectory views: gradient descent, 2,000 steps at rate 0.5, ${trajectory.length} checkpoints`, [
    {
      view: 'PCA plane of the checkpoints',
      ms: fmt(pcaMs),
      result: `explained ${fmt(pca.explained[0])}, ${fmt(pca.explained[1])}`,
    },
    {
      view: 'projection of every checkpoint, with its true loss',
      ms: fmt(projectMs),
      result: `farthest ${fmt(far)} off the plane; loss gap up to ${fmt(gap)}`,
    },
    {
      view: 'interpolation theta_0 -> theta_F, 41 points',
      ms: fmt(curveMs),
      result:
        `L ${fmt(curve.start)} -> ${fmt(curve.end)}; ` +
        `barrier ${curve.barrier.present ? fmt(curve.barrier.height) : 'none'}`,
    },
    {
      view: `PCA plane, random walk of 300 checkpoints in ${big} dimensions`,
      ms: fmt(walkMs),
      result: `explained ${fmt(walkPca.explained[0])}, ${fmt(walkPca.explained[1])}`,
    },
  ])
}
