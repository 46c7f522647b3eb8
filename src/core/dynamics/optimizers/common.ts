import type { CompiledSurface } from '../../surface'
import type { ParamSpec } from '../params'
import { LEARNING_RATE_SCHEDULE } from '../schedules'
import { STATUS } from '../status'
import type { Walkers } from '../walkers'

/** The learning rate parameter with PyTorch's default for the method, then the schedule and clipping. */
export function optimizerParams(lr: number, extra: readonly ParamSpec[] = []): ParamSpec[] {
  return [
    {
      kind: 'number',
      name: 'lr',
      label: 'learning rate',
      default: lr,
      min: 1e-12,
      max: 1e6,
      scale: 'log',
      unit: '',
      help: 'Step size: how far each update moves along the (scaled) gradient',
    },
    ...extra,
    ...LEARNING_RATE_SCHEDULE,
  ]
}

/** Moves walker i to (x, y) and caches its gradient and energy there: the one gradient evaluation of the step. */
export function moveTo(surface: CompiledSurface, w: Walkers, i: number, x: number, y: number, g: Float64Array): void {
  w.x[i] = x
  w.y[i] = y
  w.u[i] = surface.gradient(x, y, g)
  w.gx[i] = g[0]!
  w.gy[i] = g[1]!
}

/** Diverged walkers stop; frozen ones are no longer wanted. */
export const isStopped = (w: Walkers, i: number) => w.frozen[i] === 1 || w.status[i] === STATUS.diverged
