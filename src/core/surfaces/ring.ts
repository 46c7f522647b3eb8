import type { AtlasSurface } from './types'

// On the ring the Hessian has eigenvalues 8 (across) and 0 (along): gradient descent is stable
// below 2/8 = 0.25 and 0.05 is a fifth of that; BAOAB with omega = sqrt(8) = 2.83 and dt = 0.05
// has omega*dt = 0.14.
export const ring: AtlasSurface = {
  id: 'ring',
  title: 'Ring (Mexican hat)',
  formula: '(x^2 + y^2 - 1)^2',
  domain: { xmin: -2, xmax: 2, ymin: -2, ymax: 2 },
  // The corners reach 49; the bump in the middle is only 1 high.
  colourScale: 'clip',
  clipAt: 3,
  axes: ['x', 'y'],
  note:
    'The lowest points form a whole circle, so gradient descent stops at whichever point of the circle it ' +
    'reaches first and there is no single answer. ' +
    'A sampler wanders freely around the circle, and only at higher temperatures does it also cross the bump in ' +
    'the middle.',
  learningRate: 0.05,
  dt: 0.05,
  // The bump in the middle is 1 high; across the ring the spread is sqrt(kT/8).
  kT: [0.1, 1],
  points: [
    // One representative of the circle of minima: every point with x^2 + y^2 = 1 is one.
    { kind: 'degenerate', x: 1, y: 0, value: 0, digits: 0, rank: 'global' },
    { kind: 'maximum', x: 0, y: 0, value: 1, digits: 0 },
  ],
}
