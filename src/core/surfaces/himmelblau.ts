import type { AtlasSurface } from './types'

// Stiffest minimum (-3.779310, -3.283186), lambda_max = 133.8: gradient descent is stable
// below 2/133.8 = 0.015 and 2e-3 is about an eighth of that; BAOAB with omega = 11.6 and
// dt = 0.01 has omega*dt = 0.12.
export const himmelblau: AtlasSurface = {
  id: 'himmelblau',
  title: 'Himmelblau',
  formula: '(x^2 + y - 11)^2 + (x + y^2 - 7)^2',
  domain: { xmin: -5, xmax: 5, ymin: -5, ymax: 5 },
  // 0 at the minima, 13 to 182 at the other critical points, 890 in a corner.
  colourScale: 'log',
  axes: ['x', 'y'],
  note:
    'Four valleys all reach exactly the same lowest value, so where gradient descent ends up depends only on ' +
    'where it starts. ' +
    'The passes between the valleys have very different heights, so a sampler first swaps between the two ' +
    'valleys on the right and only much later visits the two on the left.',
  reference: 'Himmelblau, Applied Nonlinear Programming, McGraw-Hill, 1972',
  learningRate: 2e-3,
  dt: 0.01,
  // Lowest pass 13.3 (between the two right-hand valleys), next 67.7.
  kT: [2, 20],
  points: [
    { kind: 'minimum', x: 3, y: 2, value: 0, digits: 0, rank: 'global' },
    // The usual tables (Himmelblau 1972 and its copies) truncate 3.1313125 and -1.8481265 to 3.131312 and
    // -1.848126; Newton on the exact gradient rounds them to the values here.
    { kind: 'minimum', x: -2.805118, y: 3.131313, value: 0, digits: 6, rank: 'global' },
    { kind: 'minimum', x: -3.77931, y: -3.283186, value: 0, digits: 6, rank: 'global' },
    { kind: 'minimum', x: 3.584428, y: -1.848127, value: 0, digits: 6, rank: 'global' },
    { kind: 'saddle', x: 3.385, y: 0.074, value: 13.31, digits: 3 },
    { kind: 'saddle', x: 0.087, y: 2.884, value: 67.72, digits: 3 },
    { kind: 'saddle', x: -3.073, y: -0.081, value: 104.02, digits: 3 },
    { kind: 'saddle', x: -0.128, y: -1.954, value: 178.34, digits: 3 },
    { kind: 'maximum', x: -0.270845, y: -0.923039, value: 181.617, digits: 6 },
  ],
}
