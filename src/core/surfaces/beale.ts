import type { AtlasSurface } from './types'

// lambda_max = 49.0 at the minimum (3, 0.5): gradient descent is stable there below
// 2/49.0 = 0.041 and 0.01 is a quarter of that (it still diverges from the corners, which is
// the lesson); BAOAB with omega = 7.0 and dt = 0.02 has omega*dt = 0.14.
export const beale: AtlasSurface = {
  id: 'beale',
  title: 'Beale',
  formula: '(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2',
  domain: { xmin: -4.5, xmax: 4.5, ymin: -4.5, ymax: 4.5 },
  colourScale: 'log',
  axes: ['x', 'y'],
  note:
    'The surface is gently curved near the middle but rises steeply to sharp peaks near the corners, so one ' +
    'fixed learning rate is either too small for the middle or unstable near the edges. ' +
    'The values run from zero to about two hundred thousand, which is why the colours use a logarithmic scale.',
  reference: 'Beale, Tech. Rep. 25, Statistical Techniques Research Group, Princeton University, 1958',
  learningRate: 0.01,
  dt: 0.02,
  // Saddles 9.87 and 14.2 above the minimum.
  kT: [1, 10],
  points: [
    { kind: 'minimum', x: 3, y: 0.5, value: 0, digits: 1, rank: 'global' },
    { kind: 'saddle', x: 0, y: 1, value: 14.203, digits: 0 },
    { kind: 'saddle', x: 0.1005, y: -2.6445, value: 9.865, digits: 4 },
  ],
}
