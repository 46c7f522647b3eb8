import type { AtlasSurface } from './types'

// The Hessian has eigenvalues +-6r at distance r from the origin, at most 6*2*sqrt(2) = 17 in
// this domain: gradient descent is stable below 2/17 = 0.12 and 0.02 is a sixth of that; the
// slope 3r^2 makes it crawl near the origin. BAOAB with omega = sqrt(17) = 4.1 and dt = 0.02
// has omega*dt = 0.08 at worst.
export const monkeySaddle: AtlasSurface = {
  id: 'monkey-saddle',
  title: 'Monkey saddle',
  formula: 'x^3 - 3*x*y^2',
  domain: { xmin: -2, xmax: 2, ymin: -2, ymax: 2 },
  colourScale: 'linear',
  axes: ['x', 'y'],
  note:
    'At the origin the ground is completely flat, with three ways down and three ways up, like a saddle with ' +
    "room for a monkey's tail. " +
    'Both the slope and the curvature vanish there, so gradient descent creeps along and a curvature test cannot ' +
    'tell what kind of point it is.',
  learningRate: 0.02,
  dt: 0.02,
  // U is unbounded below, so no temperature gives a Boltzmann distribution: this surface is
  // for optimizers, and the range only keeps noisy gradient descent's noise visible.
  kT: [0.1, 1],
  points: [{ kind: 'degenerate', x: 0, y: 0, value: 0, digits: 0 }],
}
