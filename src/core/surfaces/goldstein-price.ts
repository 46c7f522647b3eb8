import type { AtlasSurface } from './types'

// Stiffest minimum (1.8, 0.2), lambda_max = 2.6e4: gradient descent is stable below
// 2/2.6e4 = 7.6e-5 and 1e-5 is about an eighth of that (slow at the global minimum, whose
// lambda_max is only 965); BAOAB with omega = 162 and dt = 1e-3 has omega*dt = 0.16.
export const goldsteinPrice: AtlasSurface = {
  id: 'goldstein-price',
  title: 'Goldstein-Price',
  formula:
    '(1 + (x + y + 1)^2*(19 - 14*x + 3*x^2 - 14*y + 6*x*y + 3*y^2))' +
    '*(30 + (2*x - 3*y)^2*(18 - 32*x + 12*x^2 + 48*y - 36*x*y + 27*y^2))',
  domain: { xmin: -2, xmax: 2, ymin: -2, ymax: 2 },
  colourScale: 'log',
  axes: ['x', 'y'],
  note:
    'Inside this small square the values run from 3 to about a million, so the picture needs a logarithmic ' +
    'colour scale to show anything. ' +
    'Several shallower valleys crowd around the deepest one, and gradient descent that starts in one of them ' +
    'never finds out that the best valley is right next door.',
  reference: 'Goldstein & Price, Math. Comp. 25:569, 1971',
  learningRate: 1e-5,
  dt: 1e-3,
  // Barriers (computed, not from the literature): 5 out of the valley at 30 (saddle 35 at
  // (-0.4, -0.6)), 15 out of the one at 84, 32 out of the global minimum.
  kT: [1, 30],
  points: [
    { kind: 'minimum', x: 0, y: -1, value: 3, digits: 0, rank: 'global' },
    { kind: 'minimum', x: -0.6, y: -0.4, value: 30, digits: 1, rank: 'local' },
    { kind: 'minimum', x: 1.8, y: 0.2, value: 84, digits: 1, rank: 'local' },
    { kind: 'minimum', x: 1.2, y: 0.8, value: 840, digits: 1, rank: 'local' },
  ],
}
