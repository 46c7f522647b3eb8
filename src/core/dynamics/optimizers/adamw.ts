import type { MethodDescriptor } from '../method'
import { num } from '../params'
import { ADAM_PARAMS, adamStepper, adamSystemStepper } from './adam'
import { optimizerParams } from './common'

/** torch.optim.AdamW: x <- x - lr wd x, then the Adam step with the gradient at the old x. */
export const adamw: MethodDescriptor = {
  id: 'adamw',
  family: 'optimizer',
  name: 'AdamW',
  summary:
    'Adam that also shrinks x and y toward the origin every step (decoupled weight decay), so on a 2D surface it ' +
    'settles short of a minimum, pulled toward (0, 0); the pull fades as the step scale adapts',
  reference: 'Loshchilov & Hutter, arXiv:1711.05101 (ICLR 2019)',
  params: optimizerParams(0.001, [
    ...ADAM_PARAMS,
    {
      kind: 'number',
      name: 'weightDecay',
      label: 'weight decay',
      default: 0.01,
      min: 0,
      max: 1e3,
      scale: 'log',
      unit: '',
      help: 'Each step first multiplies x and y by (1 - lr * weight decay): a pull toward the origin',
    },
  ]),
  velocities: false,
  physicalTime: false,
  create: (context) => adamStepper(context, num(context.settings, 'weightDecay')),
  createSystem: (context) => adamSystemStepper(context, num(context.settings, 'weightDecay')),
}
