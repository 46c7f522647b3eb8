import type { CompiledSurface } from '../surface'
import type { BiasVariable, System } from '../system'
import type { Noise } from './noise'
import type { ParamSpec, SettingError, Settings } from './params'
import type { StateWalkers } from './state-walkers'
import type { Walkers } from './walkers'

export type Family = 'optimizer' | 'sampler'

/** What a run accumulates for its report; samplers add to it only while `recording`. */
export interface RunStats {
  recording: boolean
  accepted: number
  proposed: number
  /** Sums of the kinetic energy K = |v|^2/2 (mass 1) and of K^2, over walkers and recorded steps. */
  kinetic: number
  kineticSquared: number
  kineticCount: number
}

export function emptyStats(): RunStats {
  return { recording: true, accepted: 0, proposed: 0, kinetic: 0, kineticSquared: 0, kineticCount: 0 }
}

/** Everything a method needs to advance its walkers. */
export interface MethodContext {
  surface: CompiledSurface
  walkers: Walkers
  settings: Settings
  noise: Noise
  stats: RunStats
}

/** Everything a method needs to advance walkers whose states have any number of coordinates. */
export interface SystemContext {
  system: System
  walkers: StateWalkers
  settings: Settings
  noise: Noise
  stats: RunStats
  /** The two variables the run is seen through (a molecule's map), for a method that biases them. */
  variables?: readonly [BiasVariable, BiasVariable]
}

/**
 * A running method: advances every walker that has not diverged by one step.
 * On return, walkers.gx/gy/u hold the gradient and energy at the new positions
 * (one gradient evaluation per step where the method allows).
 */
export interface Stepper {
  /** t is the index of this step: 0 for the first step of the run. */
  step(t: number): void
  /** Method-specific state worth showing or exporting (a metadynamics bias, replica temperatures). */
  extras?(): Record<string, unknown>
  /**
   * Whether walker i is a sample of the target distribution now (parallel
   * tempering: only replicas at the lowest temperature are). Default: all are.
   */
  counts?(i: number): boolean
  /**
   * The walkers form `units` independent units, walker i belonging to unit(i):
   * parallel tempering's ensembles of replicas, which swap among themselves.
   * Default: each walker is its own unit.
   */
  units?: number
  unit?(i: number): number
}

/**
 * Where a method's step turns unstable on a quadratic well whose largest
 * curvature is lambda_max: the quantity that sets it, its value now and the limit,
 * for the words that explain a divergence or an oscillation.
 */
export interface StabilityLimit {
  /** The quantity as a sentence names it before its value: 'learning rate', 'the time step dt ='. */
  quantity: string
  value: number
  limit: number
  /** How the limit is written: '2/lambda_max', '2/omega_max'. */
  limitName: string
}

/** The values a method runs with at one step (see resolve.ts). */
export interface StepValues {
  kT: number | null
  lr: number | null
  dt: number | null
}

export interface MethodDescriptor {
  id: string
  family: Family
  /** Display name, e.g. 'Adam'. */
  name: string
  /** One line: what it does and what to watch for. */
  summary: string
  reference?: string
  params: readonly ParamSpec[]
  /** Carries velocities (started from Maxwell-Boltzmann at kT). */
  velocities: boolean
  /** Its step is a physical time step, so rates and Arrhenius fits make sense. */
  physicalTime: boolean
  /**
   * Why its crossings, though timed, are not rates of U at one kT (a sweep says
   * it after the method's name and refuses); absent when they are.
   */
  notRates?: string
  /**
   * Why its samples are not exp(-U/kT) at the lane's kT (a bias added to U, an
   * energy kept constant); absent when they are meant to be. The check of a run
   * against the exact density says it instead of judging.
   */
  notBoltzmann?: string
  /**
   * 'minibatches': the method is made for a loss over a training set (minibatch SGD) and on
   * anything else is only another name for a method already listed, so the surface and molecule
   * menus leave it out. Absent: it belongs wherever it runs.
   */
  needs?: 'minibatches'
  /** Its stability limit at largest curvature lambdaMax (> 0), or null; absent when it has none that simple. */
  stability?(values: StepValues, settings: Settings, lambdaMax: number): StabilityLimit | null
  /**
   * Settings that are each in range but do not fit together or with the walker
   * count (parallel tempering needs a multiple of its replicas): the problem in a
   * sentence, or null. Checked before create(), which may then rely on it.
   */
  check?(settings: Settings, walkers: number): SettingError | null
  create(context: MethodContext): Stepper
  /**
   * The same method on states of any number of coordinates (a cluster, a chain): the
   * step loops over each walker's state vector and calls the system's gradient on it,
   * with the same update rule and the same random numbers per coordinate pair. Absent:
   * the method runs on surfaces only, and resolveLane refuses it for d other than 2.
   */
  createSystem?(context: SystemContext): Stepper
}

/** Whether a method belongs in the menus of surfaces and molecules (see MethodDescriptor.needs). */
export const offeredWithoutData = (method: MethodDescriptor): boolean => method.needs === undefined

/** Whether a method runs on states of any number of coordinates. */
export const runsOnSystems = (method: MethodDescriptor): boolean => method.createSystem !== undefined

/** Unit mass: the playground's reduced units (k_B = 1, m = 1). */
export const MASS = 1

/** Why a lane's samples are not exp(-U/kT) at its kT, or null: the method's reason, or a temperature that moves. */
export function notBoltzmann(method: MethodDescriptor, settings: Settings): string | null {
  if (method.notBoltzmann) return `${method.name} ${method.notBoltzmann}`
  if (settings.anneal !== undefined && settings.anneal !== 'none')
    return 'the temperature changes during the run (annealing): no single exp(-U/kT) to compare with'
  return null
}

/** x -= lr grad U (plus noise): stable on a quadratic exactly for lr < 2/lambda_max. */
export function gradientStepStability(
  values: StepValues,
  _settings: Settings,
  lambdaMax: number,
): StabilityLimit | null {
  return values.lr === null
    ? null
    : { quantity: 'learning rate', value: values.lr, limit: 2 / lambdaMax, limitName: '2/lambda_max' }
}

/** Velocity Verlet's B-A-B (mass 1): stable on a harmonic well for omega dt < 2, omega = sqrt(lambda_max). */
export function verletStability(values: StepValues, _settings: Settings, lambdaMax: number): StabilityLimit | null {
  return values.dt === null
    ? null
    : { quantity: 'the time step dt =', value: values.dt, limit: 2 / Math.sqrt(lambdaMax), limitName: '2/omega_max' }
}
