import type { AtlasSurface } from './types'

// Stiffest minima +-(1.7036, -0.7961), lambda_max = 22.7: gradient descent is stable below
// 2/22.7 = 0.088 and 0.02 is about a quarter of that; BAOAB with omega = 4.76 and dt = 0.02
// has omega*dt = 0.1.
export const sixHumpCamel: AtlasSurface = {
  id: 'six-hump-camel',
  title: 'Six-hump camel',
  formula: '(4 - 2.1*x^2 + x^4/3)*x^2 + x*y + (-4 + 4*y^2)*y^2',
  domain: { xmin: -3, xmax: 3, ymin: -2, ymax: 2 },
  // The edges reach U ~ 160 while every critical point lies between -1.03 and 2.5.
  colourScale: 'clip',
  clipAt: 5,
  axes: ['x', 'y'],
  note:
    'Six valleys come in three mirror-image pairs and only the middle pair is lowest, so gradient descent ' +
    'started near the sides gets stuck in a worse valley. ' +
    'Between the two best valleys sits a saddle at the origin, a point where the ground goes up in one direction ' +
    'and down in the other.',
  reference: 'Dixon & Szegő, Towards Global Optimisation 2, North-Holland, 1978',
  learningRate: 0.02,
  dt: 0.02,
  // Barriers (computed, not from the literature): 1.03 between the two global minima through
  // the origin, 1.58 from a global minimum to its -0.2155 neighbour and 0.76 back, 0.13 out of
  // the shallow minima at 2.1043.
  kT: [0.2, 1.5],
  points: [
    { kind: 'minimum', x: 0.089842, y: -0.712656, value: -1.031628, digits: 6, rank: 'global' },
    { kind: 'minimum', x: -0.089842, y: 0.712656, value: -1.031628, digits: 6, rank: 'global' },
    { kind: 'minimum', x: 1.7036, y: -0.7961, value: -0.2155, digits: 4, rank: 'local' },
    { kind: 'minimum', x: -1.7036, y: 0.7961, value: -0.2155, digits: 4, rank: 'local' },
    { kind: 'minimum', x: 1.6071, y: 0.5687, value: 2.1043, digits: 4, rank: 'local' },
    { kind: 'minimum', x: -1.6071, y: -0.5687, value: 2.1043, digits: 4, rank: 'local' },
    { kind: 'saddle', x: 0, y: 0, value: 0, digits: 0 },
  ],
}
