import type { UserPoint } from '../core/training/data'
import type { Activation, LossKind } from '../core/training/spec'
import type { InitScheme } from '../core/training/training-system'
import type { Call } from './protocol'

/**
 * The messages of the training worker, declared once for both sides: the worker trains several
 * small networks side by side (a SystemLane over a network's training loss), answers frame
 * requests with their losses and the chosen network's decision regions, and builds a loss slice
 * through the chosen network's weights on demand. Every setup is plain data checked on the page.
 */

/** The methods the training section offers, in its menu's order. */
export const TRAINING_METHODS = ['gd', 'momentum', 'nesterov', 'adam', 'rmsprop', 'sgd', 'sgld', 'baoab'] as const
export type TrainingMethod = (typeof TRAINING_METHODS)[number]

/** The most walkers (networks trained side by side). */
export const MAX_TRAINING_WALKERS = 8

export interface TrainingSetup {
  /** A generator of DATASETS, or 'user' for clicked points. */
  data: string
  points: number
  noise: number
  /** Seeds the data, the initial weights (walker by walker) and the minibatches. */
  seed: number
  layers: number[]
  activation: Activation
  loss: LossKind
  l2: number
  init: InitScheme
  method: TrainingMethod
  /** The learning rate (for Langevin, BAOAB, its time step dt). */
  lr: number
  /** Minibatch size for sgd and sgld (ignored by the others). */
  batch: number
  /** Temperature for sgld and baoab (ignored by the others). */
  kT: number
  walkers: number
  /** The clicked points when data is 'user'. */
  userPoints?: UserPoint[]
}

export interface TrainingLoaded {
  /** P, the number of parameters. */
  dim: number
  /** N, the number of training points. */
  examples: number
  task: 'classify' | 'regress'
  /** The rectangle [x0, x1, y0, y1] of the data plane the regions cover. */
  extent: [number, number, number, number]
  /** The points, n × 2 row-major, and their targets. */
  inputs: Float64Array
  targets: Float64Array
  title: string
  settings: Record<string, number | string>
  thermal: boolean
}

/** Status kinds per walker, as in SystemLane.status. */
export const TRAINING_KIND = { running: 0, minimum: 1, diverged: 2 } as const

/** The network's prediction over the data plane: values[j nx + i] at (x_i, y_j), row j = 0 at y0. */
export interface RegionGrid {
  nx: number
  ny: number
  extent: [number, number, number, number]
  values: Float64Array
  /** Which step and walker it was computed for. */
  step: number
  walker: number
  /** Milliseconds the grid of forward passes took. */
  ms: number
}

/** The loss curves so far, thinned: losses[i * steps.length + k] is walker i's loss at steps[k]. */
export interface LossHistory {
  steps: Float64Array
  losses: Float64Array
}

/** What SGD's batches amount to (Smith & Le 2018; Mandt, Hoffman & Blei 2017). */
export interface SgdNoiseReport {
  noiseScale: number
  kT: number
  batch: number
  /** The conditions under which SGD spreads like Langevin dynamics at kT, in a sentence. */
  assumptions: string
}

export interface TrainingFrame {
  load: number
  step: number
  settings: Record<string, number | string>
  /** Per walker: full-batch training loss, accuracy (NaN for regression), status kind, step diverged at (-1). */
  losses: Float64Array
  accuracies: Float64Array
  kinds: Uint8Array
  divergedAt: Int32Array
  history: LossHistory
  chosen: number
  /** The chosen walker's weights and the norm of its last gradient. */
  theta: Float64Array
  gradientNorm: number
  /** The decision regions when recomputed since the last frame that carried them; else null. */
  regions: RegionGrid | null
  noise: SgdNoiseReport | null
  /** The chosen walker's Hessian spectrum over training (restarted when the chosen walker changes). */
  spectrum: SpectrumHistory
  /** The line from the chosen walker's initial to its current weights, when the request asked for it; else null. */
  interpolation: InterpolationAnswer | null
  /** Milliseconds the worker spent on this frame. */
  cost: number
}

/**
 * The chosen walker's Hessian spectrum, one record every `every` steps (thinned by halving over a
 * long run): Lanczos on Hessian-vector products at its weights (SpectrumTracker).
 */
export interface SpectrumHistory {
  walker: number
  /** Per record: its step, full-batch loss, |grad L|, Ritz extremes and negative-curvature count. */
  steps: Float64Array
  loss: Float64Array
  gradient: Float64Array
  min: Float64Array
  max: Float64Array
  index: Float64Array
  /** The current interval between records, in steps, and the Lanczos steps per record. */
  every: number
  lanczosSteps: number
  /** The share of the worker's time on frames the records have taken since the run (or the walker) began. */
  share: number
  /** Milliseconds one record took (the last one). */
  recordMs: number
}

export interface TrainingFrameRequest {
  advance: number
  budgetMs: number
  chosen: number
  /** Also compute the loss along the line from the chosen walker's initial to its current weights. */
  interpolate?: boolean
}

export type SliceKind = 'random' | 'pca' | 'hessian'

export interface SliceRequest {
  kind: SliceKind
  grid: number
  chosen: number
}

/** The chosen walker's recorded checkpoints projected on the slice plane. */
export interface ProjectedPath {
  steps: Float64Array
  a: Float64Array
  b: Float64Array
  /** How far each checkpoint lies off the plane. */
  distance: Float64Array
  /** L on the plane at (a, b), and the checkpoint's true loss. */
  planeLoss: Float64Array
  trueLoss: Float64Array
}

/**
 * A slice's plane before its grid: the chosen walker's weights (origin), the two directions, the
 * ranges the grid spans, and the walker's path projected on it. The training worker builds it; the
 * grid's rows can then be shared among workers (slice-band.ts).
 */
export interface SlicePlaneAnswer {
  kind: SliceKind
  walker: number
  step: number
  /** The grid: na points over range a, nb over range b. */
  na: number
  nb: number
  a: [number, number]
  b: [number, number]
  origin: Float64Array
  d: Float64Array
  e: Float64Array
  path: ProjectedPath
  /** What the directions capture, in words (PCA shares, Hessian eigenvalues, normalisation). */
  note: string
  /** Milliseconds the worker took for the directions and the projection. */
  ms: number
}

/** A slice: its plane (without the directions themselves) and the loss on its grid. */
export interface LossSliceAnswer extends Omit<SlicePlaneAnswer, 'origin' | 'd' | 'e' | 'ms'> {
  /** values[j na + i] at a_i over range a, b_j over range b (row j = 0 at b[0]). */
  values: Float64Array
  min: number
  max: number
  /** Milliseconds from the request to the whole grid: the directions, the projection and the grid. */
  ms: number
  /** How many workers shared the grid's rows. */
  workers: number
}

/**
 * The loss along the line (1 - alpha) theta_0 + alpha theta_t from the chosen walker's initial to its
 * current weights (Goodfellow, Vinyals & Saxe 2015), computed after the frame's steps when the frame
 * request asks for it. A walker that diverged has no line: `problem` says so and the arrays are empty.
 */
export interface InterpolationAnswer {
  walker: number
  step: number
  problem: string | null
  alpha: Float64Array
  loss: Float64Array
  /** L(theta_0) and L(theta_t). */
  start: number
  end: number
  /** The largest sampled loss in (0, 1) above the larger end, and where (see core/training/interpolation). */
  barrier: { present: boolean; height: number; at: number }
  /** Whether the sampled loss never rises on [0, 1]. */
  monotone: boolean
  ms: number
}

export interface TrainingService {
  load: Call<{ setup: TrainingSetup; load: number }, TrainingLoaded>
  frame: Call<TrainingFrameRequest, TrainingFrame>
  slicePlane: Call<SliceRequest, SlicePlaneAnswer>
}

/** The buffers of a frame, to pass as transferables. */
export function trainingFrameBuffers(frame: TrainingFrame): ArrayBuffer[] {
  const out = [
    frame.losses,
    frame.accuracies,
    frame.kinds,
    frame.divergedAt,
    frame.history.steps,
    frame.history.losses,
    frame.theta,
    frame.spectrum.steps,
    frame.spectrum.loss,
    frame.spectrum.gradient,
    frame.spectrum.min,
    frame.spectrum.max,
    frame.spectrum.index,
  ].map((a) => a.buffer)
  if (frame.regions) out.push(frame.regions.values.buffer)
  if (frame.interpolation) out.push(frame.interpolation.alpha.buffer, frame.interpolation.loss.buffer)
  return out as ArrayBuffer[]
}

export function slicePlaneBuffers(s: SlicePlaneAnswer): ArrayBuffer[] {
  const p = s.path
  return [s.origin, s.d, s.e, p.steps, p.a, p.b, p.distance, p.planeLoss, p.trueLoss].map(
    (a) => a.buffer,
  ) as ArrayBuffer[]
}
