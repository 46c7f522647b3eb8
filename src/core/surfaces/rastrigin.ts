import type { AtlasSurface } from './types'

// lambda_max = 4 pi^2 * 10 + 2 = 396.8 at the global minimum: gradient descent is stable below
// 2/396.8 = 5.0e-3 and 1e-3 is a fifth of that; BAOAB with omega = 19.9 and dt = 0.01 has
// omega*dt = 0.2.
export const rastrigin: AtlasSurface = {
  id: 'rastrigin',
  title: 'Rastrigin',
  formula: '20 + x^2 - 10*cos(2*pi*x) + y^2 - 10*cos(2*pi*y)',
  domain: { xmin: -5.12, xmax: 5.12, ymin: -5.12, ymax: 5.12 },
  colourScale: 'linear',
  axes: ['x', 'y'],
  note:
    'An egg-carton pattern of ripples sits on top of a bowl, so there is a local minimum near every point with ' +
    'whole-number coordinates and gradient descent stops in the nearest one. ' +
    'Only noise or a high temperature lets a walker climb out of the ripples and feel the bowl that slopes down ' +
    'to the true minimum at the centre.',
  reference: 'Rastrigin, Systems of Extremal Control, Nauka, 1974',
  learningRate: 1e-3,
  dt: 0.01,
  // Each ripple is a barrier of about 20 (U = 20.25 at the saddle (0.5025, 0)).
  kT: [2, 20],
  points: [
    { kind: 'minimum', x: 0, y: 0, value: 0, digits: 0, rank: 'global' },
    { kind: 'minimum', x: 0.994959, y: 0, value: 0.995, digits: 6, rank: 'local' },
    { kind: 'minimum', x: -0.994959, y: 0, value: 0.995, digits: 6, rank: 'local' },
    { kind: 'minimum', x: 0, y: 0.994959, value: 0.995, digits: 6, rank: 'local' },
    { kind: 'minimum', x: 0, y: -0.994959, value: 0.995, digits: 6, rank: 'local' },
  ],
}
