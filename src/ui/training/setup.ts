import { methodById } from '../../core/dynamics/methods'
import { DATASETS, datasetProblem, MAX_POINTS, userPointsProblem, type UserPoint } from '../../core/training/data'
import {
  ACTIVATIONS,
  LOSSES,
  MAX_LAYERS,
  MAX_WIDTH,
  parameterCount,
  validateNetworkSpec,
  type Activation,
  type LossKind,
} from '../../core/training/spec'
import type { InitScheme } from '../../core/training/training-system'
import {
  MAX_TRAINING_WALKERS,
  TRAINING_METHODS,
  type TrainingMethod,
  type TrainingSetup,
} from '../../engine/training-protocol'

/** The data choice that takes the points clicked on the data plane. */
export const USER_DATA = 'user'

/** What the section's controls hold, as typed (numbers already read at the input; the layers as text). */
export interface TrainingForm {
  data: string
  points: number
  noise: number
  seed: number
  /** Layer sizes as typed: '2-8-8-1'. */
  layers: string
  activation: Activation
  loss: LossKind
  l2: number
  init: InitScheme
  method: TrainingMethod
  lr: number
  batch: number
  kT: number
  walkers: number
}

export const DEFAULT_FORM: TrainingForm = {
  data: 'circle',
  points: 200,
  noise: 0.1,
  seed: 1,
  layers: '2-8-8-1',
  activation: 'tanh',
  loss: 'xent',
  l2: 0,
  init: 'glorot',
  method: 'adam',
  lr: 0.03,
  batch: 10,
  kT: 0.01,
  walkers: 4,
}

export const DATA_CHOICES: readonly { value: string; label: string }[] = [
  ...DATASETS.map((d) => ({ value: d.id, label: d.task === 'regress' ? `${d.title} (regression)` : d.title })),
  { value: USER_DATA, label: 'Click to add points' },
]

export const METHOD_CHOICES: readonly { value: TrainingMethod; label: string }[] = TRAINING_METHODS.map((id) => ({
  value: id,
  label: methodById(id)?.name ?? id,
}))

export const ACTIVATION_CHOICES: readonly Activation[] = ACTIVATIONS
export const LOSS_CHOICES: readonly { value: LossKind; label: string }[] = LOSSES.map((l) => ({
  value: l,
  label: l === 'xent' ? 'cross-entropy (logits)' : 'squared error',
}))

/** The methods that step with minibatches, and those with a temperature. */
export const BATCH_METHODS: readonly string[] = ['sgd', 'sgld']
export const THERMAL_METHODS: readonly string[] = ['sgld', 'baoab']

/** The control a problem belongs to. */
export type TrainingField =
  | 'data'
  | 'points'
  | 'noise'
  | 'seed'
  | 'layers'
  | 'activation'
  | 'loss'
  | 'l2'
  | 'method'
  | 'lr'
  | 'batch'
  | 'kT'
  | 'walkers'

export interface TrainingProblem {
  field: TrainingField
  message: string
}

export type TrainingFormResult = { ok: true; setup: TrainingSetup } | { ok: false; problem: TrainingProblem }

/** Layer sizes from text: whole numbers joined by dashes (commas and spaces do too); or what is wrong. */
export function parseLayers(text: string): number[] | string {
  const body = text.trim()
  const example = 'write the sizes from the 2 inputs to the 1 output joined by dashes, e.g. 2-8-8-1'
  if (body === '') return `layers: none given; ${example}`
  const parts = body.split(/\s*[-,\s]\s*/)
  const sizes: number[] = []
  for (const part of parts) {
    if (!/^\d+$/.test(part)) return `layers: '${part}' is not a whole number; ${example}`
    sizes.push(Number(part))
  }
  return sizes
}

/** The learning rate's name for the method: BAOAB's step is a time step. */
export function stepName(method: string): string {
  return method === 'baoab' ? 'time step dt' : 'learning rate'
}

/** The number of training points the form gives (the clicked points for USER_DATA). */
export function examplesOf(form: TrainingForm, userPoints: readonly UserPoint[]): number {
  return form.data === USER_DATA ? userPoints.length : form.points
}

/** Checks the form and makes the worker's setup; the first problem found otherwise, with its control. */
export function trainingSetup(form: TrainingForm, userPoints: readonly UserPoint[] = []): TrainingFormResult {
  const fail = (field: TrainingField, message: string): TrainingFormResult => ({
    ok: false,
    problem: { field, message },
  })
  const layers = parseLayers(form.layers)
  if (typeof layers === 'string') return fail('layers', layers)
  if (layers.length > MAX_LAYERS || layers.some((v) => v > MAX_WIDTH)) {
    const spec = validateNetworkSpec({ layers, activation: form.activation, loss: form.loss, l2: form.l2 })
    return fail('layers', `layers: ${spec ?? 'too large'}`)
  }
  const specProblem = validateNetworkSpec({ layers, activation: form.activation, loss: form.loss, l2: form.l2 })
  if (specProblem !== null) {
    const field: TrainingField = /activation/.test(specProblem)
      ? 'activation'
      : /loss/.test(specProblem)
        ? 'loss'
        : /L2/.test(specProblem)
          ? 'l2'
          : 'layers'
    return fail(field, field === 'layers' ? `layers: ${specProblem}` : specProblem)
  }
  const user = form.data === USER_DATA
  if (user) {
    const p = userPointsProblem(userPoints)
    if (p !== null)
      return fail('data', p.startsWith('no points') ? 'no points yet: click on the data plane to add some' : p)
  } else {
    const p = datasetProblem(form.data, { points: form.points, noise: form.noise, seed: form.seed })
    if (p !== null) {
      const field: TrainingField = /points/.test(p)
        ? 'points'
        : /noise/.test(p)
          ? 'noise'
          : /seed/.test(p)
            ? 'seed'
            : 'data'
      return fail(field, p)
    }
  }
  if (!(Number.isInteger(form.seed) && form.seed >= 0 && form.seed < 2 ** 32))
    return fail('seed', 'the seed is a whole number from 0 to 4294967295')
  const task = user ? 'classify' : DATASETS.find((d) => d.id === form.data)?.task
  if (task === 'regress' && form.loss === 'xent')
    return fail('loss', 'cross-entropy needs classes 0 and 1: this data set is a regression, choose squared error')
  if (!(Number.isInteger(form.walkers) && form.walkers >= 1 && form.walkers <= MAX_TRAINING_WALKERS))
    return fail('walkers', `walkers: a whole number from 1 to ${MAX_TRAINING_WALKERS}`)
  if (!(form.lr > 0 && Number.isFinite(form.lr)))
    return fail('lr', `the ${stepName(form.method)} must be a positive number`)
  if (!(TRAINING_METHODS as readonly string[]).includes(form.method))
    return fail('method', `unknown method '${form.method}'`)
  const n = examplesOf(form, userPoints)
  if (BATCH_METHODS.includes(form.method)) {
    if (!(Number.isInteger(form.batch) && form.batch >= 1))
      return fail('batch', 'the batch size is a whole number of points, at least 1')
    if (form.batch > n)
      return fail('batch', `a batch of ${form.batch} is larger than the ${n} training points: at most ${n}`)
  }
  if (THERMAL_METHODS.includes(form.method) && !(form.kT > 0 && Number.isFinite(form.kT)))
    return fail('kT', 'kT must be a positive number')
  if (!(Number.isFinite(form.l2) && form.l2 >= 0)) return fail('l2', 'the L2 coefficient must be a number >= 0')
  return {
    ok: true,
    setup: {
      data: form.data,
      points: form.points,
      noise: form.noise,
      seed: form.seed,
      layers,
      activation: form.activation,
      loss: form.loss,
      l2: form.l2,
      init: form.init,
      method: form.method,
      lr: form.lr,
      batch: form.batch,
      kT: form.kT,
      walkers: form.walkers,
      ...(user ? { userPoints: userPoints.map((p) => ({ ...p })) } : {}),
    },
  }
}

/** "105 parameters" for valid layer text, else null. */
export function parameterWords(text: string): string | null {
  const layers = parseLayers(text)
  if (typeof layers === 'string' || layers.length < 2) return null
  const p = parameterCount(layers)
  return `${p.toLocaleString('en')} parameter${p === 1 ? '' : 's'}`
}

/** The largest number of generated points, for the input's bound. */
export { MAX_POINTS }
