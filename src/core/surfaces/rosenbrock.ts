import type { AtlasSurface } from './types'

// Hessian eigenvalues 0.399 and 1001.6 at (1, 1): gradient descent is stable below
// 2/1001.6 = 2.0e-3 and 5e-4 is a quarter of that, which leaves a contraction of only
// 1 - 0.399*5e-4 per step along the valley floor: the point of this surface. BAOAB with
// omega = 31.6 and dt = 5e-3 has omega*dt = 0.16.
export const rosenbrock: AtlasSurface = {
  id: 'rosenbrock',
  title: 'Rosenbrock',
  formula: '(1 - x)^2 + 100*(y - x^2)^2',
  domain: { xmin: -2, xmax: 2, ymin: -1, ymax: 3 },
  colourScale: 'log',
  axes: ['x', 'y'],
  note:
    'The lowest point lies at the end of a long, narrow, curved valley, so gradient descent drops into the ' +
    'valley quickly and then crawls along its floor. ' +
    'A step size small enough to survive the steep valley walls is far too small to move fast along the almost ' +
    'flat bottom.',
  reference: 'Rosenbrock, Comput. J. 3:175, 1960',
  learningRate: 5e-4,
  dt: 5e-3,
  // No barrier: the temperature sets how far the banana-shaped cloud spreads along the valley
  // (standard deviation sqrt(kT/2) in x near the minimum).
  kT: [0.1, 1],
  points: [{ kind: 'minimum', x: 1, y: 1, value: 0, digits: 0, rank: 'global' }],
}
