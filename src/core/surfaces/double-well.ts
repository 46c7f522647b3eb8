import type { AtlasSurface } from './types'

// Hessian diag(8, 2) at both minima: gradient descent is stable below 2/8 = 0.25 and 0.05 is
// a fifth of that; BAOAB with omega = sqrt(8) = 2.83 and dt = 0.05 has omega*dt = 0.14.
export const doubleWell: AtlasSurface = {
  id: 'double-well',
  title: 'Double well',
  formula: '(x^2 - 1)^2 + y^2',
  domain: { xmin: -2, xmax: 2, ymin: -1.5, ymax: 1.5 },
  colourScale: 'linear',
  axes: ['x', 'y'],
  note:
    'Two equally deep valleys are separated by a hump of height 1, and gradient descent always ends in the ' +
    'valley on its own side of the hump. ' +
    'A sampler hops over the hump now and then, and as the temperature drops the waiting time between hops grows ' +
    'like exp(1/kT).',
  learningRate: 0.05,
  dt: 0.05,
  // Barrier 1: hops are rare at kT = 0.2 (Eyring-Kramers 1.11 exp(1/kT) ~ 165) and frequent at 1.
  kT: [0.2, 1],
  points: [
    { kind: 'minimum', x: -1, y: 0, value: 0, digits: 0, rank: 'global' },
    { kind: 'minimum', x: 1, y: 0, value: 0, digits: 0, rank: 'global' },
    { kind: 'saddle', x: 0, y: 0, value: 1, digits: 0 },
  ],
}
