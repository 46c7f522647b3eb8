import type { MethodDescriptor } from '../core/dynamics/method'
import { methodById, METHODS } from '../core/dynamics/methods'
import { resolveLane } from '../core/dynamics/resolve'
import { SystemLane } from '../core/dynamics/system-lane'
import { systemRunSettings } from '../core/systems/run-settings'
import { batchProblem } from '../core/training/batch'
import { DATASETS, datasetProblem, makeDataset, MAX_POINTS, type Dataset } from '../core/training/data'
import { extremeEigenvalues, hessianIndex, type Hvp } from '../core/training/lanczos'
import { Network } from '../core/training/network'
import { hessianDirections, lossSlice, pcaDirections, randomPlane, SlicePlane } from '../core/training/slice'
import {
  ACTIVATIONS,
  LOSSES,
  validateNetworkSpec,
  type Activation,
  type LossKind,
  type NetworkSpec,
} from '../core/training/spec'
import { trainingDescriptor, type InitScheme } from '../core/training/training-system'
import { VERSION } from '../core/version'
import { formatNumber, renderTable } from './format'
import { parseNumber } from './inputs'
import { parseInteger, parseSettings } from './run-options'
import { UsageError, type Command, type OptionSpec } from './usage'

/**
 * `landscape train`: a small network trained on a toy data set by one of the methods, W networks
 * (walkers) side by side, each from its own initialisation. It prints the loss and accuracy
 * curves, the final weights, the Hessian at the end of walker 0 (its extreme eigenvalues and its
 * index, the number of negative eigenvalues), SGD's noise scale and temperature, and with --slice
 * the loss on a plane through walker 0's final weights with walker 0's path projected onto it.
 *
 * The JSON holds no timing, so the same options give the same document bit for bit.
 */

const INITS: readonly InitScheme[] = ['glorot', 'he']
const SLICES = ['random', 'pca', 'hessian'] as const
type SliceKind = (typeof SLICES)[number]

/** Methods that cannot train a network: metadynamics biases two collective variables a network has not got. */
const REFUSED: Record<string, string> = {
  metadynamics: 'metadynamics biases two collective variables, and a network has none to bias',
}

const OPTIONS: Record<string, OptionSpec> = {
  data: { type: 'string' },
  points: { type: 'string' },
  noise: { type: 'string' },
  layers: { type: 'string' },
  activation: { type: 'string' },
  loss: { type: 'string' },
  l2: { type: 'string' },
  init: { type: 'string' },
  method: { type: 'string' },
  set: { type: 'string', multiple: true },
  batch: { type: 'string' },
  steps: { type: 'string' },
  seed: { type: 'string' },
  walkers: { type: 'string' },
  every: { type: 'string' },
  slice: { type: 'string' },
  grid: { type: 'string' },
  span: { type: 'string' },
}

/** The methods with a minibatch setting (sgd, sgld). */
function minibatchMethods(): string[] {
  return METHODS.filter((m) => m.params.some((p) => p.name === 'batch')).map((m) => m.id)
}

function trainingMethods(): string[] {
  return METHODS.filter((m) => m.createSystem && !Object.hasOwn(REFUSED, m.id)).map((m) => m.id)
}

export const TRAIN_USAGE =
  'landscape train --data ID --method ID --steps N [--points N] [--noise S] [--layers 2,8,8,1] ' +
  '[--activation tanh] [--loss xent|mse] [--l2 L] [--init glorot|he] [--set NAME=VALUE ...] [--batch B] ' +
  '[--seed S] [--walkers W] [--every K] [--slice random|pca|hessian [--grid G] [--span S]] [--json]'

/** Splits a list at its spaces into lines of at most `width` characters. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line)
      line = word
    } else line = line === '' ? word : `${line} ${word}`
  }
  return [...lines, line]
}

export const TRAIN_HELP = [
  'Trains a small network (a multilayer perceptron) on a toy data set in the plane, W networks side by',
  'side. The JSON has: settings (as resolved), curves (steps, loss and accuracy per walker, and their',
  'means over the walkers that have not diverged), walkers (final loss, accuracy, status and weights',
  'of every walker), hessian (of walker 0 at the end: extreme eigenvalues, index, gradient norm),',
  "sgdNoise (sgd only), extras (other methods' reports) and slice (with --slice).",
  `  --data ID               a data set: ${DATASETS.map((d) => d.id).join(', ')} (sine is a regression)`,
  `  --points N              training points, 1 to ${MAX_POINTS} (default 200)`,
  "  --noise S               the data set's noise level in [0, 1] (default 0)",
  '  --layers 2,H,...,1      layer sizes from the 2 inputs to the 1 output (default 2,8,8,1)',
  `  --activation NAME       hidden activation: ${ACTIVATIONS.join(', ')} (default tanh)`,
  '  --loss xent|mse         cross-entropy with logits or squared error',
  '                          (default xent; mse on the regression set sine)',
  '  --l2 L                  L2 penalty (L/2) sum W^2 on the weights (default 0)',
  "  --init glorot|he        initialisation of each walker's weights (default glorot)",
  '  --method ID             a method that runs on a network:',
  ...wrap(trainingMethods().join(', '), 70).map((line) => `                          ${line}`),
  '  --set NAME=VALUE        a method setting by its name in `landscape methods`, e.g. lr=0.1 (repeatable)',
  `  --batch B               minibatch size, for ${minibatchMethods().join(' and ')} (default min(10, N));`,
  '                          other methods take the full batch: give N or leave it out',
  '  --steps N               steps to train',
  "  --seed S                seeds the data, every walker's weights and the minibatches (default 1)",
  '  --walkers W             networks trained side by side, each from its own weights (default 1)',
  '  --every K               a point of the curves every K steps (default: steps/100, at least 1)',
  "  --slice random|pca|hessian  the loss on a plane through walker 0's final weights: two random",
  '                          filter-normalised directions, the top two principal components of',
  "                          walker 0's path, or the top two Hessian eigenvectors",
  '  --grid G                points per axis of the slice, 2 to 400 (default 60)',
  '  --span S                the slice covers [-S, S] along each direction (default 1; pca: the',
  "                          path's extent plus 10%)",
]

export interface TrainSettings {
  data: string
  task: 'classify' | 'regress'
  points: number
  noise: number
  layers: number[]
  activation: Activation
  loss: LossKind
  l2: number
  init: InitScheme
  /** P, the number of parameters. */
  parameters: number
  method: string
  /** The method's settings as the run used them, defaults filled in. */
  methodSettings: Record<string, unknown>
  /** The minibatch size, or null for a method that takes the full batch. */
  batch: number | null
  steps: number
  seed: number
  walkers: number
  every: number
}

export interface TrainCurves {
  /** The steps the curves are read at: 0, K, 2K, ... and the last step. */
  steps: number[]
  /** loss[w][k]: walker w's full-batch training loss at steps[k]; null from the step it diverged at. */
  loss: (number | null)[][]
  /** accuracy[w][k]: the share of points on the right side (null for regression, or diverged). */
  accuracy: (number | null)[][]
  /** The mean over the walkers still running at steps[k] (null when none is). */
  meanLoss: (number | null)[]
  meanAccuracy: (number | null)[]
}

export interface TrainWalker {
  walker: number
  loss: number
  accuracy: number | null
  kind: 'running' | 'minimum' | 'diverged'
  /** "trained", "converged (gradient below 1e-6 rms)", "diverged at step 37". */
  status: string
  divergedAt: number | null
  /** The final parameter vector (layout: per layer, W row by row, then b); where it stopped if diverged. */
  weights: number[]
}

export interface TrainHessian {
  walker: 0
  /** [lambda_min, lambda_max] of the full-batch Hessian (L2 term included). */
  extreme: [number, number]
  /** The number of eigenvalues below -tolerance (an estimate for 'quadrature'). */
  negative: number
  /** |grad L| of the full batch. */
  gradientNorm: number
  method: 'dense' | 'quadrature'
  tolerance: number
  /** Quadrature: the standard error of `negative` (0 for dense). */
  standardError: number
}

export interface TrainSlice {
  plane: SliceKind
  /** a_i along the first direction, b_j along the second. */
  a: number[]
  b: number[]
  /** losses[j][i] = L(theta + a_i d + b_j e), theta the final weights of walker 0. */
  losses: (number | null)[][]
  min: number
  max: number
  /** What the directions capture: PCA's explained variance, or the Hessian's two eigenvalues. */
  explained: [number, number] | null
  eigenvalues: [number, number] | null
  /** Walker 0's checkpoints (the steps of the curves) projected onto the plane. */
  trajectory: { step: number; a: number; b: number; distance: number; planeLoss: number; trueLoss: number }[]
}

export interface TrainOutput {
  version: string
  settings: TrainSettings
  curves: TrainCurves
  walkers: TrainWalker[]
  hessian: TrainHessian
  sgdNoise: Record<string, unknown> | null
  extras: Record<string, unknown>
  slice: TrainSlice | null
}

function oneOf<T extends string>(text: string | undefined, option: string, known: readonly T[], fallback: T): T {
  if (text === undefined) return fallback
  if (!known.includes(text as T)) throw new UsageError(`${option}: unknown value '${text}'; one of ${known.join(', ')}`)
  return text as T
}

function layersOption(text: string | undefined): number[] {
  if (text === undefined) return [2, 8, 8, 1]
  const parts = text.split(',').map((s) => s.trim())
  if (parts.some((p) => !/^\d+$/.test(p)))
    throw new UsageError(`--layers: expected whole numbers separated by commas, like 2,8,8,1, not '${text}'`)
  return parts.map(Number)
}

function datasetOption(values: Record<string, unknown>, seed: number): { dataset: Dataset; noise: number } {
  const id = values.data as string | undefined
  if (id === undefined) throw new UsageError(`--data is required: one of ${DATASETS.map((d) => d.id).join(', ')}`)
  if (!DATASETS.some((d) => d.id === id))
    throw new UsageError(`--data: unknown data set '${id}'; known: ${DATASETS.map((d) => d.id).join(', ')}`)
  const points = values.points === undefined ? 200 : parseNumber(values.points as string, '--points')
  const noise = values.noise === undefined ? 0 : parseNumber(values.noise as string, '--noise')
  if (points === 0)
    throw new UsageError('--points: 0 points make an empty data set; a network needs at least one example to train on')
  const pointsProblem = datasetProblem(id, { points, noise: 0, seed })
  if (pointsProblem !== null) throw new UsageError(`--points: ${pointsProblem}`)
  const noiseProblem = datasetProblem(id, { points, noise, seed })
  if (noiseProblem !== null) throw new UsageError(`--noise: ${noiseProblem}`)
  return { dataset: makeDataset(id, { points, noise, seed }), noise }
}

function methodOption(id: string | undefined): MethodDescriptor {
  if (id === undefined) throw new UsageError(`--method is required: one of ${trainingMethods().join(', ')}`)
  const method = methodById(id)
  if (!method) throw new UsageError(`--method: unknown method '${id}'; known: ${trainingMethods().join(', ')}`)
  if (Object.hasOwn(REFUSED, id)) throw new UsageError(`--method: ${REFUSED[id]}`)
  if (!method.createSystem)
    throw new UsageError(`--method: ${id} runs on surfaces only; on a network: ${trainingMethods().join(', ')}`)
  return method
}

/** Everything the run needs, checked: any mistake is a UsageError naming its option. */
interface TrainPlan {
  settings: TrainSettings
  spec: NetworkSpec
  dataset: Dataset
  lane: SystemLane
  slice: { kind: SliceKind; grid: number; span: number | null } | null
}

function plan(values: Record<string, unknown>): TrainPlan {
  const seed = parseInteger(values.seed as string | undefined, '--seed', 0, Number.MAX_SAFE_INTEGER, 1)
  const { dataset, noise } = datasetOption(values, seed)
  const layers = layersOption(values.layers as string | undefined)
  const activation = oneOf(values.activation as string | undefined, '--activation', ACTIVATIONS, 'tanh')
  const loss = oneOf(values.loss as string | undefined, '--loss', LOSSES, dataset.task === 'regress' ? 'mse' : 'xent')
  const init = oneOf(values.init as string | undefined, '--init', INITS, 'glorot')
  const l2 = values.l2 === undefined ? 0 : parseNumber(values.l2 as string, '--l2')
  if (!(l2 >= 0)) throw new UsageError(`--l2: the L2 coefficient must be >= 0, not ${l2}`)
  const spec: NetworkSpec = { layers, activation, loss, l2 }
  const specProblem = validateNetworkSpec(spec)
  if (specProblem !== null) throw new UsageError(`--layers: ${specProblem}`)
  if (loss === 'xent' && dataset.task === 'regress')
    throw new UsageError(
      `--loss: cross-entropy needs labels 0 and 1, and ${dataset.id} is a regression set: use --loss mse`,
    )
  const method = methodOption(values.method as string | undefined)
  const steps = parseInteger(values.steps as string | undefined, '--steps', 0, 100_000_000)
  const walkers = parseInteger(values.walkers as string | undefined, '--walkers', 1, 1000, 1)
  const every = parseInteger(
    values.every as string | undefined,
    '--every',
    1,
    100_000_000,
    Math.max(1, Math.ceil(steps / 100)),
  )
  const n = dataset.n
  const takesBatch = method.params.some((p) => p.name === 'batch')
  const extra: Record<string, number> = {}
  if (values.batch !== undefined) {
    const b = parseNumber(values.batch as string, '--batch')
    if (!takesBatch) {
      if (b !== n)
        throw new UsageError(
          `--batch: ${method.id} takes the full batch of N = ${n} points; ` +
            `minibatches are for ${minibatchMethods().join(' and ')}`,
        )
    } else {
      const problem = batchProblem(n, b)
      if (problem !== null) throw new UsageError(`--batch: ${problem}`)
      extra.batch = b
    }
  }
  const given = parseSettings(values.set as string[] | undefined, method, extra)
  if (takesBatch && given.batch !== undefined && values.batch === undefined) {
    const problem = batchProblem(n, given.batch as number)
    if (problem !== null) throw new UsageError(`--set: ${problem}`)
  }
  const descriptor = trainingDescriptor({ spec, dataset, init })
  const base = systemRunSettings(method, descriptor, descriptor.defaults.kT, walkers)
  if (takesBatch && given.batch === undefined) {
    const fallback = method.params.find((p) => p.name === 'batch')!.default as number
    base.batch = Math.min(fallback, n)
  }
  const resolved = resolveLane(method.id, { ...base, ...given }, walkers, descriptor.dim)
  if (!resolved.ok) {
    const { field, message } = resolved.errors[0]!
    const named = field === 'method' || field === 'walkers' || Object.hasOwn(extra, field)
    throw new UsageError(`${named ? `--${field}` : '--set'}: ${message}`)
  }
  const sliceText = values.slice as string | undefined
  if (sliceText === undefined) {
    for (const option of ['grid', 'span'])
      if (values[option] !== undefined) throw new UsageError(`--${option} applies to a slice: give --slice`)
  }
  const slice =
    sliceText === undefined
      ? null
      : {
          kind: oneOf(sliceText, '--slice', SLICES, 'random'),
          grid: parseInteger(values.grid as string | undefined, '--grid', 2, 400, 60),
          span: values.span === undefined ? null : parseSpan(values.span as string),
        }
  const lane = new SystemLane({
    descriptor,
    method: resolved.lane.method,
    settings: resolved.lane.settings,
    walkers,
    start: { kind: 'random' },
    seed,
  })
  const settings: TrainSettings = {
    data: dataset.id,
    task: dataset.task,
    points: n,
    noise,
    layers,
    activation,
    loss,
    l2,
    init,
    parameters: descriptor.dim,
    method: method.id,
    methodSettings: { ...resolved.lane.settings },
    batch: takesBatch ? (resolved.lane.settings.batch as number) : null,
    steps,
    seed,
    walkers,
    every,
  }
  return { settings, spec, dataset, lane, slice }
}

function parseSpan(text: string): number {
  const s = parseNumber(text, '--span')
  if (!(s > 0)) throw new UsageError(`--span: the half-width of the slice must be > 0, not ${text}`)
  return s
}

const finiteOrNull = (v: number): number | null => (Number.isFinite(v) ? v : null)

function mean(values: (number | null)[]): number | null {
  let sum = 0
  let count = 0
  for (const v of values)
    if (v !== null) {
      sum += v
      count++
    }
  return count > 0 ? sum / count : null
}

/** The Hessian of the full-batch loss at theta: its extreme eigenvalues, its index and the gradient norm. */
export function hessianAt(net: Network, theta: Float64Array, seed: number): Omit<TrainHessian, 'walker'> {
  const p = net.dim
  const hvp: Hvp = (v, out) => {
    net.hvp(theta, v, out)
  }
  // Dense up to 300 parameters (every eigenvalue, so the extremes are exact); above, stochastic
  // Lanczos quadrature for the index (Ubaru, Chen & Saad 2017; Ghorbani et al. 2019) and one
  // Lanczos run for the extremes.
  const index = hessianIndex(hvp, p, { seed })
  let extreme: [number, number]
  if (index.eigenvalues) extreme = [index.eigenvalues[0]!, index.eigenvalues[p - 1]!]
  else {
    const e = extremeEigenvalues(hvp, p, { seed })
    extreme = [e.min, e.max]
  }
  const g = new Float64Array(p)
  net.gradient(theta, g)
  let s = 0
  for (let k = 0; k < p; k++) s += g[k]! * g[k]!
  return {
    extreme,
    negative: index.negative,
    gradientNorm: Math.sqrt(s),
    method: index.method,
    tolerance: index.tolerance,
    standardError: index.standardError,
  }
}

export function runTrain(values: Record<string, unknown>): TrainOutput {
  const { settings, spec, dataset, lane, slice } = plan(values)
  const { steps, every, walkers } = settings
  const net = new Network(spec, dataset)
  const w = lane.walkers
  const classify = dataset.task === 'classify'
  const curves: TrainCurves = {
    steps: [],
    loss: Array.from({ length: walkers }, () => []),
    accuracy: Array.from({ length: walkers }, () => []),
    meanLoss: [],
    meanAccuracy: [],
  }
  const path: { step: number; theta: Float64Array }[] = []
  const record = (t: number) => {
    curves.steps.push(t)
    for (let i = 0; i < walkers; i++) {
      const diverged = lane.status(i).kind === 'diverged'
      const q = w.qs[i]!
      curves.loss[i]!.push(diverged ? null : finiteOrNull(net.loss(q)))
      curves.accuracy[i]!.push(diverged || !classify ? null : net.accuracy(q))
    }
    curves.meanLoss.push(mean(curves.loss.map((c) => c[c.length - 1]!)))
    curves.meanAccuracy.push(mean(curves.accuracy.map((c) => c[c.length - 1]!)))
    if (slice !== null && lane.status(0).kind !== 'diverged') path.push({ step: t, theta: Float64Array.from(w.qs[0]!) })
  }
  record(0)
  for (let t = 1; t <= steps; t++) {
    lane.advance(1)
    if (t % every === 0 || t === steps) record(t)
  }
  const ends = Array.from({ length: walkers }, (_, i): TrainWalker => {
    const s = lane.status(i)
    const q = w.qs[i]!
    const status =
      s.kind === 'diverged'
        ? `diverged at step ${s.divergedAt}`
        : s.kind === 'minimum'
          ? 'converged: the gradient is below 1e-6 rms'
          : lane.capabilities.thermal
            ? 'sampling'
            : 'trained'
    return {
      walker: i,
      loss: net.loss(q),
      accuracy: classify ? net.accuracy(q) : null,
      kind: s.kind,
      status,
      divergedAt: s.divergedAt,
      weights: Array.from(q),
    }
  })
  const theta = Float64Array.from(w.qs[0]!)
  const hessian: TrainHessian = { walker: 0, ...hessianAt(net, theta, settings.seed) }
  const extras = lane.extras()
  const sgd = settings.method === 'sgd'
  return {
    version: VERSION,
    settings,
    curves,
    walkers: ends,
    hessian,
    sgdNoise: sgd ? extras : null,
    extras: sgd ? {} : extras,
    slice: slice === null ? null : sliceOf(net, theta, path, slice, settings),
  }
}

function sliceOf(
  net: Network,
  theta: Float64Array,
  path: { step: number; theta: Float64Array }[],
  opts: { kind: SliceKind; grid: number; span: number | null },
  settings: TrainSettings,
): TrainSlice {
  let d: Float64Array
  let e: Float64Array
  let explained: [number, number] | null = null
  let eigenvalues: [number, number] | null = null
  try {
    if (opts.kind === 'random') ({ d, e } = randomPlane(settings.layers, theta, settings.seed))
    else if (opts.kind === 'pca') {
      const pca = pcaDirections(
        path.map((c) => c.theta),
        theta,
      )
      ;({ d, e } = pca)
      explained = [pca.explained[0], pca.explained[1]]
    } else {
      const h = hessianDirections(net, theta, { seed: settings.seed })
      ;({ d, e } = h)
      eigenvalues = [h.values[0], h.values[1]]
    }
  } catch (err) {
    if (err instanceof RangeError) throw new UsageError(`--slice: ${opts.kind}: ${err.message}`)
    throw err
  }
  let plane: SlicePlane
  try {
    plane = new SlicePlane(theta, d, e)
  } catch (err) {
    if (err instanceof RangeError) throw new UsageError(`--slice: ${opts.kind}: ${err.message}`)
    throw err
  }
  const trajectory = path.map((c) => {
    const p = plane.project(c.theta, net)
    return { step: c.step, a: p.a, b: p.b, distance: p.distance, planeLoss: p.planeLoss, trueLoss: p.trueLoss }
  })
  let span = opts.span
  if (span === null) {
    // Unit PCA directions: the path's own extent, as Li et al. (2018) size their PCA plots.
    let extent = 0
    if (opts.kind === 'pca') for (const c of trajectory) extent = Math.max(extent, Math.abs(c.a), Math.abs(c.b))
    span = extent > 0 ? 1.1 * extent : 1
  }
  const s = lossSlice(net, theta, d, e, { grid: opts.grid, span: [-span, span] })
  const axis = (lo: number, hi: number, m: number) =>
    Array.from({ length: m }, (_, i) => (m > 1 ? lo + ((hi - lo) * i) / (m - 1) : lo))
  const losses = Array.from({ length: s.nb }, (_, j) =>
    Array.from(s.values.subarray(j * s.na, (j + 1) * s.na), finiteOrNull),
  )
  return {
    plane: opts.kind,
    a: axis(s.a[0], s.a[1], s.na),
    b: axis(s.b[0], s.b[1], s.nb),
    losses,
    min: s.min,
    max: s.max,
    explained,
    eigenvalues,
    trajectory,
  }
}

/** Up to `most` indices of 0..n-1, evenly spread, the first and the last included. */
function thin(n: number, most: number): number[] {
  if (n <= most) return Array.from({ length: n }, (_, i) => i)
  return Array.from({ length: most }, (_, k) => Math.round((k * (n - 1)) / (most - 1)))
}

export function trainTable(result: unknown): string {
  const r = result as TrainOutput
  const s = r.settings
  const f = (v: number | null, digits = 6) => (v === null ? '-' : formatNumber(v, digits))
  const h = r.hessian
  const negative = h.method === 'dense' ? String(h.negative) : `about ${f(h.negative, 3)} ± ${f(h.standardError, 2)}`
  const lines = [
    `${s.layers.join('-')} ${s.activation} network (${s.loss}, P = ${s.parameters}) on ${s.data}, ` +
      `${s.points} points; ${s.method}${s.batch === null ? '' : `, batch ${s.batch}`}: ` +
      `${s.walkers} walker${s.walkers === 1 ? '' : 's'}, ${s.steps} steps, seed ${s.seed}`,
    '',
    renderTable(
      ['step', 'mean loss', 'mean accuracy'],
      thin(r.curves.steps.length, 11).map((k) => [
        String(r.curves.steps[k]),
        f(r.curves.meanLoss[k]!),
        f(r.curves.meanAccuracy[k]!, 4),
      ]),
    ),
    '',
    renderTable(
      ['walker', 'loss', 'accuracy', 'status'],
      r.walkers.slice(0, 20).map((x) => [String(x.walker), f(x.loss), f(x.accuracy, 4), x.status]),
    ),
    ...(r.walkers.length > 20 ? [`... and ${r.walkers.length - 20} more walkers (see --json)`] : []),
    '',
    `Hessian of walker 0 (${r.hessian.method}): eigenvalues from ${f(r.hessian.extreme[0])} to ` +
      `${f(r.hessian.extreme[1])}, ${negative} negative; gradient norm ${f(r.hessian.gradientNorm)}`,
  ]
  const noise = r.sgdNoise
  if (noise && typeof noise.noiseScale === 'number' && typeof noise.kT === 'number')
    lines.push(
      `SGD noise scale lr (N/B - 1) = ${f(noise.noiseScale)}; ` +
        `temperature of the loss T = ${f(noise.temperature as number)}, ` +
        `kT = N T = ${f(noise.kT)} (see --json for its assumptions)`,
    )
  if (r.slice) {
    const sl = r.slice
    const mid = (n: number) => Math.floor(n / 2)
    lines.push(
      `${sl.plane} slice through walker 0's final weights: ${sl.a.length} x ${sl.b.length} over ` +
        `[${f(sl.a[0]!)}, ${f(sl.a[sl.a.length - 1]!)}]^2, loss from ${f(sl.min)} to ${f(sl.max)}` +
        (sl.a.length % 2 === 1 ? `, ${f(sl.losses[mid(sl.b.length)]![mid(sl.a.length)]!)} at the centre` : ''),
    )
    const far = sl.trajectory.reduce((m, c) => Math.max(m, c.distance), 0)
    lines.push(`walker 0's path lies up to ${f(far)} off the plane (see --json for each point)`)
  }
  return lines.join('\n')
}

export const trainCommand: Command = {
  name: 'train',
  summary: 'train a small neural network on a toy data set: curves, Hessian, loss slice',
  usage: TRAIN_USAGE,
  help: TRAIN_HELP,
  options: OPTIONS,
  run: (values) => runTrain(values),
  table: trainTable,
}
