import type { MethodDescriptor } from '../method'
import { optimizerParams } from './common'
import { MOMENTUM_PARAM, momentumStepper, momentumSystemStepper } from './momentum'

/**
 * PyTorch's Nesterov form (torch.optim.SGD, nesterov=True): b <- mu b + g; x <- x - lr (g + mu b).
 * It is Sutskever et al.'s look-ahead v <- mu v - lr grad U(x + mu v) rewritten in the shifted
 * variable x + mu v, so it needs only the gradient at the current point.
 */
export const nesterov: MethodDescriptor = {
  id: 'nesterov',
  family: 'optimizer',
  name: 'Nesterov momentum',
  summary:
    'Momentum that corrects its step with the gradient it is heading into: overshoots less than the heavy ball, ' +
    'but still circles in narrow wells',
  reference: 'Nesterov, Soviet Math. Dokl. 27:372 (1983); Sutskever et al., ICML 2013; torch.optim.SGD (nesterov=True)',
  params: optimizerParams(0.001, [MOMENTUM_PARAM]),
  velocities: false,
  physicalTime: false,
  create: (context) => momentumStepper(context, true),
  createSystem: (context) => momentumSystemStepper(context, true),
}
