import { choice, num, type ParamSpec, type Settings } from './params'
import { portableMath as pm } from '../portable-math'

/**
 * Learning-rate schedules for every optimizer (the PyTorch ones: StepLR,
 * ExponentialLR, CosineAnnealingLR with eta_min = 0, and a linear warm-up) and
 * temperature schedules for every sampler (simulated annealing).
 */

export const LEARNING_RATE_SCHEDULE: readonly ParamSpec[] = [
  {
    kind: 'choice',
    name: 'schedule',
    label: 'schedule',
    default: 'constant',
    choices: [
      { value: 'constant', label: 'constant' },
      { value: 'step', label: 'step decay' },
      { value: 'exponential', label: 'exponential decay' },
      { value: 'cosine', label: 'cosine annealing' },
      { value: 'warmup', label: 'linear warm-up' },
    ],
    help: 'How the learning rate changes with the step number',
  },
  {
    kind: 'number',
    name: 'decay',
    label: 'decay factor',
    default: 0.1,
    min: 1e-6,
    max: 1,
    scale: 'log',
    unit: '',
    help: 'Step decay: multiply by this every period; exponential: by this every step',
  },
  {
    kind: 'number',
    name: 'period',
    label: 'period',
    default: 1000,
    min: 1,
    max: 1e9,
    scale: 'log',
    integer: true,
    unit: 'steps',
    help: 'Steps between decays (step), to reach zero (cosine), or to warm up (warm-up)',
  },
  {
    kind: 'number',
    name: 'clip',
    label: 'gradient clip',
    default: 0,
    min: 0,
    max: 1e12,
    scale: 'log',
    unit: '',
    help: 'Largest gradient norm used (longer gradients are scaled down); 0 = no clipping',
  },
]

/** The learning rate at step t (0-based). */
export function learningRate(settings: Settings, t: number): number {
  const lr = num(settings, 'lr')
  const period = num(settings, 'period')
  switch (choice(settings, 'schedule')) {
    case 'step':
      return lr * pm.pow(num(settings, 'decay'), Math.floor(t / period))
    case 'exponential':
      return lr * pm.pow(num(settings, 'decay'), t)
    case 'cosine':
      return t >= period ? 0 : 0.5 * lr * (1 + pm.cos((Math.PI * t) / period))
    case 'warmup':
      return lr * Math.min(1, (t + 1) / period)
    default:
      return lr
  }
}

/**
 * Scales (gx, gy) so its norm is at most `clip` (0 = off); returns the factor.
 * torch.nn.utils.clip_grad_norm_ semantics.
 */
export function clipFactor(gx: number, gy: number, clip: number): number {
  if (clip <= 0) return 1
  const norm = Math.sqrt(gx * gx + gy * gy)
  return norm > clip ? clip / norm : 1
}

export const TEMPERATURE_SCHEDULE: readonly ParamSpec[] = [
  {
    kind: 'choice',
    name: 'anneal',
    label: 'annealing',
    default: 'none',
    choices: [
      { value: 'none', label: 'constant kT' },
      { value: 'linear', label: 'linear to kT end' },
      { value: 'geometric', label: 'geometric (kT <- alpha kT)' },
      { value: 'logarithmic', label: 'logarithmic (c / ln t)' },
    ],
    help: 'Simulated annealing: lower the temperature as the run goes',
  },
  {
    kind: 'number',
    name: 'kTEnd',
    label: 'kT end',
    default: 0.01,
    min: 1e-6,
    max: 1e6,
    scale: 'log',
    unit: 'energy',
    help: 'Final temperature of the linear schedule, and the floor of the others',
  },
  {
    kind: 'number',
    name: 'annealSteps',
    label: 'anneal steps',
    default: 10000,
    min: 1,
    max: 1e9,
    scale: 'log',
    integer: true,
    unit: 'steps',
    help: 'Linear: steps to reach kT end; geometric and logarithmic: steps per stage',
  },
  {
    kind: 'number',
    name: 'alpha',
    label: 'alpha',
    default: 0.95,
    min: 0.5,
    max: 1,
    scale: 'linear',
    unit: '',
    help: 'Geometric cooling factor per stage (0.8 to 0.99 is usual; no convergence guarantee)',
  },
]

/**
 * kT at step t. Logarithmic: kT(t) = kT ln 2 / ln(2 + t/stage), i.e. c/ln(k) with
 * c = kT ln 2, which reaches the global minimum almost surely when c is at least
 * the depth of the deepest non-global well (Hajek 1988); geometric has no such guarantee.
 */
export function temperature(settings: Settings, t: number): number {
  const kT = num(settings, 'kT')
  if (!Object.hasOwn(settings, 'anneal')) return kT
  const end = num(settings, 'kTEnd')
  const stage = num(settings, 'annealSteps')
  switch (choice(settings, 'anneal')) {
    case 'linear': {
      // Written as a weighted mean so the end value is reached exactly.
      const f = Math.min(1, t / stage)
      return kT * (1 - f) + end * f
    }
    case 'geometric':
      return Math.max(end, kT * pm.pow(num(settings, 'alpha'), Math.floor(t / stage)))
    case 'logarithmic':
      return Math.max(end, (kT * Math.LN2) / pm.log(2 + t / stage))
    default:
      return kT
  }
}
