import type { AtlasSurface } from './types'

// The surface is a sum of one curve in x and one in y, so the Hessian is diagonal; the
// stiffest minimum is the global one, lambda_max = 34.6: gradient descent is stable below
// 2/34.6 = 0.058 and 0.01 is about a sixth of that; BAOAB with omega = 5.88 and dt = 0.02 has
// omega*dt = 0.12.
export const styblinskiTang: AtlasSurface = {
  id: 'styblinski-tang',
  title: 'Styblinski-Tang',
  formula: '(x^4 - 16*x^2 + 5*x + y^4 - 16*y^2 + 5*y)/2',
  domain: { xmin: -5, xmax: 5, ymin: -5, ymax: 5 },
  // The corners reach 200 to 250 while every critical point lies between -78 and 0.4.
  colourScale: 'clip',
  clipAt: 50,
  axes: ['x', 'y'],
  note:
    'Along each axis the curve has a deep dip and a shallower one, which gives four valleys of different depths ' +
    'at the corners of a square. ' +
    'Gradient descent ends in the valley on its own side of the two ridges, and a sampler needs a high ' +
    'temperature to climb over them.',
  reference: 'Styblinski & Tang, Neural Networks 3:467, 1990',
  learningRate: 0.01,
  dt: 0.02,
  // Barriers (computed, not from the literature): 25.2 out of the shallow dips, 39.4 out of the deep one.
  kT: [5, 40],
  points: [
    { kind: 'minimum', x: -2.903534, y: -2.903534, value: -78.3323, digits: 6, rank: 'global' },
    { kind: 'minimum', x: -2.9035, y: 2.7468, value: -64.196, digits: 4, rank: 'local' },
    { kind: 'minimum', x: 2.7468, y: -2.9035, value: -64.196, digits: 4, rank: 'local' },
    { kind: 'minimum', x: 2.7468, y: 2.7468, value: -50.059, digits: 4, rank: 'local' },
  ],
}
