import type { AtlasSurface } from './types'

// Hessian diag(1, 2) at both minima: gradient descent is stable below 2/2 = 1 and 0.2 is a
// fifth of that; BAOAB with omega = sqrt(2) and dt = 0.1 has omega*dt = 0.14.
export const boundedSaddle: AtlasSurface = {
  id: 'bounded-saddle',
  title: 'Bounded saddle',
  formula: 'x^2/2 - y^2/2 + y^4/4',
  domain: { xmin: -2, xmax: 2, ymin: -2, ymax: 2 },
  colourScale: 'linear',
  axes: ['x', 'y'],
  note:
    'The saddle of x^2/2 - y^2/2 gets walls far out along y, so there are two valleys, one above and one below ' +
    'the saddle, where a sampler can settle. ' +
    'At low temperature a sampler stays in one valley for a long time, and it crosses the saddle more and more ' +
    'often as the temperature goes up.',
  learningRate: 0.2,
  dt: 0.1,
  // Barrier 0.25.
  kT: [0.05, 0.25],
  points: [
    { kind: 'minimum', x: 0, y: -1, value: -0.25, digits: 0, rank: 'global' },
    { kind: 'minimum', x: 0, y: 1, value: -0.25, digits: 0, rank: 'global' },
    { kind: 'saddle', x: 0, y: 0, value: 0, digits: 0 },
  ],
}
