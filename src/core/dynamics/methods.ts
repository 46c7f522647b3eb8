import type { MethodDescriptor } from './method'
import { adagrad } from './optimizers/adagrad'
import { adam } from './optimizers/adam'
import { adamw } from './optimizers/adamw'
import { basinHopping } from './optimizers/basin-hopping'
import { fire } from './optimizers/fire'
import { gradientDescent } from './optimizers/gradient-descent'
import { lbfgs } from './optimizers/lbfgs'
import { momentum } from './optimizers/momentum'
import { nesterov } from './optimizers/nesterov'
import { newton } from './optimizers/newton'
import { perturbedGradientDescent } from './optimizers/perturbed-gd'
import { rmsprop } from './optimizers/rmsprop'
import { saddleFreeNewton } from './optimizers/saddle-free-newton'
import { sgd } from './optimizers/sgd'
import { sgld } from './optimizers/sgld'
import { DYNAMICS_SAMPLERS } from './samplers'
import { MONTE_CARLO_SAMPLERS } from './samplers/monte-carlo'

const OPTIMIZERS: readonly MethodDescriptor[] = [
  gradientDescent,
  momentum,
  nesterov,
  adagrad,
  rmsprop,
  adam,
  adamw,
  newton,
  saddleFreeNewton,
  lbfgs,
  fire,
  basinHopping,
  perturbedGradientDescent,
  sgd,
  sgld,
]

/** Every method, optimizers first; the page and the CLI list them in this order. */
export const METHODS: readonly MethodDescriptor[] = [...OPTIMIZERS, ...DYNAMICS_SAMPLERS, ...MONTE_CARLO_SAMPLERS]

const byId = new Map(METHODS.map((m) => [m.id, m]))

export function methodById(id: string): MethodDescriptor | undefined {
  return byId.get(id)
}

/** Which method a new lane gets: the next of a classic comparison not yet on the page (the first when all are). */
export const NEW_LANE_ORDER: readonly string[] = [
  momentum.id,
  adam.id,
  DYNAMICS_SAMPLERS[0]!.id,
  gradientDescent.id,
  nesterov.id,
  rmsprop.id,
]
