import type { AtlasSurface } from './types'

// Hessian eigenvalues (2, -2) everywhere. Gradient descent contracts x by (1 - 2 lr) and grows
// y by (1 + 2 lr) each step: lr = 0.05 is far below the limit 2/2 = 1 along x and makes the
// escape along y slow enough to watch (a factor 1.1 per step). BAOAB along x: omega = sqrt(2),
// dt = 0.1 gives omega*dt = 0.14.
export const strictSaddle: AtlasSurface = {
  id: 'strict-saddle',
  title: 'Strict saddle',
  formula: 'x^2 - y^2',
  domain: { xmin: -2, xmax: 2, ymin: -2, ymax: 2 },
  colourScale: 'linear',
  axes: ['x', 'y'],
  note:
    'The ground goes up along x and down along y, so the origin is flat without being a top or a bottom. ' +
    'Gradient descent started exactly on the x axis slides straight into the saddle and stops there, but the ' +
    'tiniest push off the axis grows with every step and carries it away.',
  learningRate: 0.05,
  dt: 0.1,
  // U is unbounded below, so no temperature gives a Boltzmann distribution: this surface is
  // for optimizers, and the range only keeps noisy gradient descent's noise visible.
  kT: [0.1, 1],
  points: [{ kind: 'saddle', x: 0, y: 0, value: 0, digits: 0 }],
}
