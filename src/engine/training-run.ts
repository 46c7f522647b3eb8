import { methodById } from '../core/dynamics/methods'
import { resolveLane } from '../core/dynamics/resolve'
import { SystemLane } from '../core/dynamics/system-lane'
import { DATASETS, type Dataset } from '../core/training/data'
import { interpolationCurve } from '../core/training/interpolation'
import { Network } from '../core/training/network'
import { hessianDirections, pcaDirections, randomPlane, SlicePlane } from '../core/training/slice'
import { joinSlice, sliceRows } from './slice-band'
import { setupDataset } from './training-network'
import { SpectrumTracker } from '../core/training/spectrum'
import { trainingDescriptor, type TrainingDescriptor } from '../core/training/training-system'
import {
  MAX_TRAINING_WALKERS,
  TRAINING_KIND,
  TRAINING_METHODS,
  type InterpolationAnswer,
  type LossHistory,
  type LossSliceAnswer,
  type RegionGrid,
  type SgdNoiseReport,
  type SlicePlaneAnswer,
  type SliceRequest,
  type SpectrumHistory,
  type TrainingFrame,
  type TrainingFrameRequest,
  type TrainingLoaded,
  type TrainingSetup,
} from './training-protocol'

/** Points per axis of the decision-region grid. */
export const REGION_GRID = 60
/** The regions are recomputed at most this often (ms), and only when the weights moved. */
const REGION_INTERVAL_MS = 150
/** Points kept per loss curve: beyond, every other one is dropped and the stride doubles. */
export const HISTORY_POINTS = 400
/** Checkpoints of the weights kept per walker (fewer for a large network, see `checkpointCapacity`). */
export const MAX_CHECKPOINTS = 200
/** The weights of every walker's checkpoints together stay under this many numbers (16 MB). */
const CHECKPOINT_BUDGET = 2_000_000
/** The largest slice grid per axis. */
export const MAX_SLICE_GRID = 100

/** Hessian spectrum records kept for the chosen walker (thinned by halving beyond). */
export const SPECTRUM_RECORDS = 128
/** Lanczos steps per spectrum record (fewer for a network with fewer parameters). */
export const SPECTRUM_LANCZOS_STEPS = 30
/** The spectrum records may take about this share of the worker's time. */
export const SPECTRUM_SHARE = 0.1
/** Points on the interpolation line: alpha every 0.025 over [-0.5, 1.5]. */
export const INTERPOLATION_POINTS = 81

/**
 * K, the steps between two spectrum records, so that the records take about `share` of the
 * worker's stepping time. A record costs s Hessian-vector products and one gradient on all N
 * points; a step costs each of the W walkers about one pass over the N points (the full-batch
 * methods' gradient; for SGD and SGLD the lane's full-batch loss for the status outweighs the
 * minibatch gradient, and a step costs about half a full-batch one). Measured in Node on a 2-8-8-1
 * tanh network, 200 points: one Lanczos record of s = 30 products takes about as long as 4s + 2 =
 * 122 walker-steps (Pearlmutter's product runs example by example, the loss and gradient eight
 * examples at a time), so K = ceil((4s + 2) / (share W)): 305 for the default four walkers, a
 * measured share of about 9% (SGD: 610); wider networks pay less (2-16-16-1: about 5%). The
 * tracker doubles K as it thins its records over a long run, and the frame reports the share
 * measured.
 */
export function spectrumInterval(
  lanczosSteps: number,
  walkers: number,
  batched: boolean,
  share = SPECTRUM_SHARE,
): number {
  const step = Math.max(1, walkers) * (batched ? 0.5 : 1)
  return Math.max(1, Math.ceil((4 * lanczosSteps + 2) / (share * step)))
}

/** Checkpoints kept per walker: MAX_CHECKPOINTS, fewer when walkers × P would pass the budget. */
export function checkpointCapacity(walkers: number, dim: number): number {
  return Math.max(20, Math.min(MAX_CHECKPOINTS, Math.floor(CHECKPOINT_BUDGET / (walkers * dim))))
}

/**
 * A record thinned by halving: a point every `stride` steps; when the record is full every other
 * point is dropped and the stride doubles, so it always spans the whole run with at most
 * `capacity` points, evenly spaced.
 */
class Thinned<T> {
  stride = 1
  readonly steps: number[] = []
  readonly items: T[] = []
  constructor(readonly capacity: number) {}

  /** Whether step t is one the record keeps. */
  due(t: number): boolean {
    return t % this.stride === 0
  }

  push(t: number, item: T): void {
    if (this.steps.length >= this.capacity) {
      this.stride *= 2
      let k = 0
      for (let i = 0; i < this.steps.length; i++) {
        if (this.steps[i]! % this.stride !== 0) continue
        this.steps[k] = this.steps[i]!
        this.items[k] = this.items[i]!
        k++
      }
      this.steps.length = k
      this.items.length = k
      if (t % this.stride !== 0) return
    }
    this.steps.push(t)
    this.items.push(item)
  }
}

/**
 * The rectangle of the data plane shown: the generator's extent, widened to hold every point with
 * a margin (noise moves points out of it); for clicked points, [-6, 6]² (the plane they are placed on).
 */
export function dataExtent(dataset: Dataset, id: string): [number, number, number, number] {
  const base = DATASETS.find((d) => d.id === id)?.extent ?? [-6, 6, -6, 6]
  let [x0, x1, y0, y1] = base
  if (id === 'user') return [x0, x1, y0, y1]
  const margin = 0.05 * Math.max(x1 - x0, y1 - y0)
  for (let i = 0; i < dataset.n; i++) {
    const x = dataset.inputs[2 * i]!
    const y = dataset.inputs[2 * i + 1]!
    if (x - margin < x0) x0 = x - margin
    if (x + margin > x1) x1 = x + margin
    if (y - margin < y0) y0 = y - margin
    if (y + margin > y1) y1 = y + margin
  }
  return [x0, x1, y0, y1]
}

/** The lane settings of a setup: the learning rate (BAOAB: its dt), and batch and kT where the method has them. */
export function laneSettings(setup: TrainingSetup): Record<string, number> {
  const method = methodById(setup.method)
  if (!method) throw new RangeError(`unknown method '${setup.method}'`)
  const has = (name: string) => method.params.some((p) => p.name === name)
  const out: Record<string, number> = {}
  if (has('lr')) out['lr'] = setup.lr
  else if (has('dt')) out['dt'] = setup.lr
  if (has('batch')) out['batch'] = setup.batch
  if (has('kT')) out['kT'] = setup.kT
  return out
}

/**
 * Several small networks trained side by side, as the training worker runs them: a SystemLane over
 * a network's training loss, each walker one network from its own initialisation. It keeps each
 * walker's loss curve and a thinned record of its weights (for slices through parameter space) and
 * computes the chosen network's predictions over the data plane, its decision regions. Plain
 * TypeScript (no worker API), so that it runs in tests as in the worker.
 */
export class TrainingRun {
  readonly descriptor: TrainingDescriptor
  readonly lane: SystemLane
  readonly network: Network
  readonly dataset: Dataset
  readonly extent: [number, number, number, number]
  readonly thermal: boolean
  private readonly history: Thinned<Float64Array>
  private readonly checkpoints: Thinned<Float64Array>[]
  private regionsAt = -Infinity
  private regionsFor = { step: -1, walker: -1 }
  private readonly regionValues: Float64Array
  private chosen = 0
  /** Every walker's weights at step 0, for the line from the initial to the current weights. */
  private readonly initial: Float64Array[]
  private spectrum: SpectrumTracker
  /** The step the spectrum's walker was chosen at: its records' steps count from there. */
  private spectrumOrigin = 0
  private spectrumWalker = 0
  /** Milliseconds spent on spectrum records, and by the worker on frames (records included), since it began. */
  private spectrumMs = 0
  private workMs = 0
  private recordMs = 0
  readonly spectrumEvery: number

  constructor(
    readonly setup: TrainingSetup,
    readonly load: number,
    private readonly clock: () => number = () => performance.now(),
  ) {
    if (!(TRAINING_METHODS as readonly string[]).includes(setup.method))
      throw new RangeError(`the method '${setup.method}' is not one the training section runs`)
    if (!(Number.isInteger(setup.walkers) && setup.walkers >= 1 && setup.walkers <= MAX_TRAINING_WALKERS))
      throw new RangeError(`walkers: a whole number from 1 to ${MAX_TRAINING_WALKERS}, not ${setup.walkers}`)
    this.dataset = setupDataset(setup)
    const spec = { layers: setup.layers, activation: setup.activation, loss: setup.loss, l2: setup.l2 }
    this.descriptor = trainingDescriptor({ spec, dataset: this.dataset, init: setup.init })
    const resolved = resolveLane(setup.method, laneSettings(setup), setup.walkers, this.descriptor.dim)
    if (!resolved.ok) throw new RangeError(resolved.errors.map((e) => e.message).join('; '))
    this.lane = new SystemLane({
      descriptor: this.descriptor,
      method: resolved.lane.method,
      settings: resolved.lane.settings,
      walkers: setup.walkers,
      start: { kind: 'random' },
      seed: setup.seed,
    })
    this.thermal = resolved.lane.capabilities.thermal
    this.network = new Network(spec, this.dataset)
    this.extent = dataExtent(this.dataset, setup.data)
    this.regionValues = new Float64Array(REGION_GRID * REGION_GRID)
    this.history = new Thinned(HISTORY_POINTS)
    const capacity = checkpointCapacity(setup.walkers, this.descriptor.dim)
    this.checkpoints = Array.from({ length: setup.walkers }, () => new Thinned<Float64Array>(capacity))
    this.initial = this.lane.walkers.qs.map((q) => Float64Array.from(q))
    this.spectrumEvery = spectrumInterval(
      Math.min(this.descriptor.dim, SPECTRUM_LANCZOS_STEPS),
      setup.walkers,
      setup.method === 'sgd' || setup.method === 'sgld',
    )
    this.spectrum = this.newTracker()
    this.record()
    this.spectrumMs = this.workMs = this.observeSpectrum()
  }

  private newTracker(): SpectrumTracker {
    const net = this.network
    return new SpectrumTracker({
      dim: this.descriptor.dim,
      hessian: { kind: 'product', hvp: (theta, v, out) => void net.hvp(theta, v, out) },
      gradient: (theta, g) => net.gradient(theta, g),
      every: this.spectrumEvery,
      capacity: SPECTRUM_RECORDS,
      steps: SPECTRUM_LANCZOS_STEPS,
      seed: this.setup.seed,
    })
  }

  /** Starts the spectrum afresh for another walker, its first record at once. */
  private restartSpectrum(walker: number): void {
    this.spectrumWalker = walker
    this.spectrumOrigin = this.lane.t
    this.spectrum = this.newTracker()
    const ms = this.observeSpectrum()
    this.spectrumMs = ms
    this.workMs = 0
  }

  /**
   * Records the chosen walker's spectrum if due (never for a walker whose weights are not finite);
   * returns the milliseconds it took (0 when not due).
   */
  private observeSpectrum(): number {
    const step = this.lane.t - this.spectrumOrigin
    if (!this.spectrum.due(step)) return 0
    const walker = this.spectrumWalker
    if (this.lane.status(walker).kind === 'diverged') return 0
    const t0 = this.clock()
    this.spectrum.observe(step, this.lane.walkers.qs[walker]!)
    this.recordMs = this.clock() - t0
    return this.recordMs
  }

  loaded(): TrainingLoaded {
    return {
      dim: this.descriptor.dim,
      examples: this.dataset.n,
      task: this.dataset.task,
      extent: [...this.extent],
      inputs: Float64Array.from(this.dataset.inputs),
      targets: Float64Array.from(this.dataset.targets),
      title: this.descriptor.title,
      settings: { ...this.lane.config.settings },
      thermal: this.thermal,
    }
  }

  /** Advances up to request.advance steps (stopping when the time budget is spent) and makes the frame. */
  frame(request: TrainingFrameRequest): TrainingFrame {
    const start = this.clock()
    const lane = this.lane
    this.chosen = this.walker(request.chosen)
    if (this.chosen !== this.spectrumWalker) this.restartSpectrum(this.chosen)
    let done = 0
    while (done < request.advance && (done === 0 || this.clock() - start < request.budgetMs)) {
      lane.advance(1)
      done++
      this.record()
      this.spectrumMs += this.observeSpectrum()
    }
    const frame = this.makeFrame(start, request.interpolate === true)
    this.workMs += frame.cost
    return frame
  }

  private walker(asked: number): number {
    return Math.min(Math.max(0, Math.floor(asked) || 0), this.lane.walkers.n - 1)
  }

  /** Records the losses and the weights at the current step where the thinned records keep it. */
  private record(): void {
    const t = this.lane.t
    const w = this.lane.walkers
    if (this.history.due(t)) this.history.push(t, Float64Array.from(w.u))
    for (let i = 0; i < w.n; i++) {
      const c = this.checkpoints[i]!
      if (c.due(t)) c.push(t, Float64Array.from(w.qs[i]!))
    }
  }

  private makeFrame(start: number, interpolate: boolean): TrainingFrame {
    const lane = this.lane
    const w = lane.walkers
    const n = w.n
    const chosen = this.chosen
    const losses = new Float64Array(n)
    const accuracies = new Float64Array(n)
    const kinds = new Uint8Array(n)
    const divergedAt = new Int32Array(n)
    for (let i = 0; i < n; i++) {
      const s = lane.status(i)
      losses[i] = s.energy
      kinds[i] = TRAINING_KIND[s.kind]
      divergedAt[i] = s.divergedAt ?? -1
      accuracies[i] = s.kind === 'diverged' ? NaN : this.network.accuracy(w.qs[i]!)
    }
    let regions: RegionGrid | null = null
    const now = this.clock()
    const moved = this.regionsFor.step !== lane.t || this.regionsFor.walker !== chosen
    if (moved && now - this.regionsAt >= REGION_INTERVAL_MS) {
      const t0 = this.clock()
      const [x0, x1, y0, y1] = this.extent
      this.network.predictGrid(w.qs[chosen]!, { x0, x1, y0, y1 }, REGION_GRID, REGION_GRID, this.regionValues)
      regions = {
        nx: REGION_GRID,
        ny: REGION_GRID,
        extent: [...this.extent],
        values: Float64Array.from(this.regionValues),
        step: lane.t,
        walker: chosen,
        ms: this.clock() - t0,
      }
      this.regionsAt = now
      this.regionsFor = { step: lane.t, walker: chosen }
    }
    const g = w.gs[chosen]!
    let g2 = 0
    for (let k = 0; k < g.length; k++) g2 += g[k]! * g[k]!
    return {
      load: this.load,
      step: lane.t,
      settings: { ...lane.config.settings },
      losses,
      accuracies,
      kinds,
      divergedAt,
      history: this.historyArrays(),
      chosen,
      theta: Float64Array.from(w.qs[chosen]!),
      gradientNorm: Math.sqrt(g2),
      regions,
      noise: this.noiseReport(),
      spectrum: this.spectrumHistory(start),
      interpolation: interpolate ? this.interpolate(chosen) : null,
      cost: this.clock() - start,
    }
  }

  private spectrumHistory(start: number): SpectrumHistory {
    const records = this.spectrum.records
    const m = records.length
    const out: SpectrumHistory = {
      walker: this.spectrumWalker,
      steps: new Float64Array(m),
      loss: new Float64Array(m),
      gradient: new Float64Array(m),
      min: new Float64Array(m),
      max: new Float64Array(m),
      index: new Float64Array(m),
      every: this.spectrum.every,
      lanczosSteps: this.spectrum.lanczosSteps,
      share: this.spectrumMs / Math.max(1e-9, this.workMs + this.clock() - start),
      recordMs: this.recordMs,
    }
    records.forEach((r, k) => {
      out.steps[k] = this.spectrumOrigin + r.step
      out.loss[k] = r.loss
      out.gradient[k] = r.gradient
      out.min[k] = r.min
      out.max[k] = r.max
      out.index[k] = r.index
    })
    return out
  }

  /**
   * The loss along the straight line from the chosen walker's initial weights (alpha = 0) to its
   * current ones (alpha = 1), alpha over [-0.5, 1.5] (Goodfellow, Vinyals & Saxe, ICLR 2015).
   */
  interpolate(chosen: number): InterpolationAnswer {
    const t0 = this.clock()
    const walker = this.walker(chosen)
    const status = this.lane.status(walker)
    if (status.kind === 'diverged')
      return {
        walker,
        step: this.lane.t,
        problem:
          `walker ${walker + 1} diverged at step ${status.divergedAt ?? '?'}: ` +
          'its weights are no longer finite numbers',
        alpha: new Float64Array(0),
        loss: new Float64Array(0),
        start: NaN,
        end: NaN,
        barrier: { present: false, height: NaN, at: NaN },
        monotone: false,
        ms: this.clock() - t0,
      }
    const c = interpolationCurve(
      this.network,
      this.initial[walker]!,
      this.lane.walkers.qs[walker]!,
      INTERPOLATION_POINTS,
      { range: [-0.5, 1.5] },
    )
    return {
      walker,
      step: this.lane.t,
      problem: null,
      alpha: c.alpha,
      loss: c.loss,
      start: c.start,
      end: c.end,
      barrier: { ...c.barrier },
      monotone: c.monotone,
      ms: this.clock() - t0,
    }
  }

  private historyArrays(): LossHistory {
    const h = this.history
    const m = h.steps.length
    const n = this.lane.walkers.n
    const losses = new Float64Array(n * m)
    for (let k = 0; k < m; k++) {
      const row = h.items[k]!
      for (let i = 0; i < n; i++) losses[i * m + k] = row[i]!
    }
    return { steps: Float64Array.from(h.steps), losses }
  }

  private noiseReport(): SgdNoiseReport | null {
    if (this.setup.method !== 'sgd') return null
    const x = this.lane.extras()
    const scale = x['noiseScale']
    const kT = x['kT']
    const batch = x['batch']
    const assumptions = x['assumptions']
    if (typeof scale !== 'number' || typeof kT !== 'number' || typeof batch !== 'number') return null
    return { noiseScale: scale, kT, batch, assumptions: typeof assumptions === 'string' ? assumptions : '' }
  }

  /**
   * A plane through the chosen walker's current weights (Li et al., NeurIPS 2018) and the walker's
   * recorded checkpoints projected on it, each with its distance off the plane and its true loss
   * beside the plane's value there: everything of a slice but its grid, whose rows `sliceRows`
   * computes (in the page, shared among workers).
   */
  slicePlane(request: SliceRequest): SlicePlaneAnswer {
    const t0 = this.clock()
    const walker = this.walker(request.chosen)
    const grid = request.grid
    if (!(Number.isInteger(grid) && grid >= 3 && grid <= MAX_SLICE_GRID))
      throw new RangeError(`the slice grid must be a whole number from 3 to ${MAX_SLICE_GRID}, not ${grid}`)
    const w = this.lane.walkers
    const theta = Float64Array.from(w.qs[walker]!)
    const record = this.checkpoints[walker]!
    const steps = [...record.steps]
    const path = [...record.items]
    if (steps[steps.length - 1] !== this.lane.t) {
      steps.push(this.lane.t)
      path.push(theta)
    }
    let d: Float64Array
    let e: Float64Array
    let note: string
    switch (request.kind) {
      case 'random': {
        const plane = randomPlane(this.setup.layers, theta, this.setup.seed)
        d = plane.d
        e = plane.e
        note =
          'Two random directions, each neuron’s weights scaled to the norm of its weights in θ (filter ' +
          'normalisation, Li et al. 2018), biases 0: a ReLU network’s rescalings do not change the picture.'
        break
      }
      case 'pca': {
        if (path.length < 3)
          throw new RangeError('the path has fewer than three checkpoints: train a few steps before slicing along it')
        const pca = pcaDirections(path, theta)
        d = pca.d
        e = pca.e
        const pct = (v: number) => `${(100 * v).toFixed(1)}%`
        note =
          `The top two principal components of the path: ${pct(pca.explained[0])} and ${pct(pca.explained[1])} of ` +
          'its variance. A random walk in many dimensions also puts most of its variance in two components ' +
          '(Antognini & Sohl-Dickstein 2018).'
        break
      }
      case 'hessian': {
        const h = hessianDirections(this.network, theta)
        d = h.d
        e = h.e
        const f = (v: number) => v.toPrecision(3)
        note =
          `The top two Hessian eigenvectors at θ (Lanczos, ${h.steps} steps): curvatures ${f(h.values[0])} and ` +
          `${f(h.values[1])}, the steepest directions of the loss there.`
        break
      }
      default:
        throw new RangeError(`unknown plane '${String(request.kind)}': random, pca or hessian`)
    }
    const plane = new SlicePlane(theta, d, e)
    const m = path.length
    const projected = {
      steps: Float64Array.from(steps),
      a: new Float64Array(m),
      b: new Float64Array(m),
      distance: new Float64Array(m),
      planeLoss: new Float64Array(m),
      trueLoss: new Float64Array(m),
    }
    for (let k = 0; k < m; k++) {
      const p = plane.project(path[k]!, this.network)
      projected.a[k] = p.a
      projected.b[k] = p.b
      projected.distance[k] = p.distance
      projected.planeLoss[k] = p.planeLoss
      projected.trueLoss[k] = p.trueLoss
    }
    // Random directions: Li et al.'s [-1, 1]² (d and e as long as theta), widened to hold the path;
    // unit directions (PCA, Hessian): the path's extent with a margin.
    const unit = request.kind !== 'random'
    return {
      kind: request.kind,
      walker,
      step: this.lane.t,
      na: grid,
      nb: grid,
      a: sliceRange(projected.a, unit ? 0 : 1),
      b: sliceRange(projected.b, unit ? 0 : 1),
      origin: theta,
      d,
      e,
      path: projected,
      note,
      ms: this.clock() - t0,
    }
  }

  /** The whole slice in this thread: the plane, then every row of its grid. */
  slice(request: SliceRequest): LossSliceAnswer {
    const t0 = this.clock()
    const plane = this.slicePlane(request)
    const rows = sliceRows(this.network, plane, [0, plane.nb])
    return joinSlice(plane, [rows], this.clock() - t0)
  }
}

/**
 * A range that holds [-half, half] and every value, the values' own span widened by a fifth of it
 * on each side (so [-1, 1], Li et al.'s grid, stays as it is for a path inside it); [-0.5, 0.5]
 * where nothing spreads.
 */
export function sliceRange(values: ArrayLike<number>, half: number): [number, number] {
  let vlo = Infinity
  let vhi = -Infinity
  for (let k = 0; k < values.length; k++) {
    const v = values[k]!
    if (!Number.isFinite(v)) continue
    if (v < vlo) vlo = v
    if (v > vhi) vhi = v
  }
  if (vlo === Infinity) return half > 0 ? [-half, half] : [-0.5, 0.5]
  const pad = 0.2 * (vhi - vlo)
  const lo = Math.min(-half, vlo - pad)
  const hi = Math.max(half, vhi + pad)
  if (hi - lo < 1e-9) return [-0.5, 0.5]
  return [lo, hi]
}
