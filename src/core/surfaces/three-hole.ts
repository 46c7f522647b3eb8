import type { AtlasSurface } from './types'

// The three-hole potential of Metzner, Schütte & Vanden-Eijnden (2006).
// Stiffest minimum: the deep holes, lambda_max = 13.56, so gradient descent is stable below
// 2/13.56 = 0.15 and 0.02 is about a seventh of that; BAOAB with omega = 3.68 and
// dt = 0.05 has omega*dt = 0.18.
export const threeHole: AtlasSurface = {
  id: 'three-hole',
  title: 'Three-hole',
  formula:
    '3*exp(-x^2 - (y - 1/3)^2) - 3*exp(-x^2 - (y - 5/3)^2)' +
    ' - 5*exp(-(x - 1)^2 - y^2) - 5*exp(-(x + 1)^2 - y^2)' +
    ' + 0.2*x^4 + 0.2*(y - 1/3)^4',
  domain: { xmin: -2, xmax: 2, ymin: -1.5, ymax: 2.5 },
  colourScale: 'linear',
  axes: ['x', 'y'],
  note:
    'Two deep holes are linked by a direct pass and by a detour through a third, shallower hole, so gradient ' +
    'descent stays in whichever hole it starts in. ' +
    'When it is cold a sampler mostly takes the detour because its passes are lower, but when it is warm it ' +
    'mostly takes the wider direct pass.',
  reference: 'Metzner, Schütte & Vanden-Eijnden, J. Chem. Phys. 125:084110, 2006',
  learningRate: 0.02,
  dt: 0.05,
  // Barriers 2.35 (detour) and 2.61 (direct pass).
  kT: [0.3, 2],
  points: [
    { kind: 'minimum', x: -1.048055, y: -0.042094, value: -3.9949, digits: 6, rank: 'global' },
    { kind: 'minimum', x: 1.048055, y: -0.042094, value: -3.9949, digits: 6, rank: 'global' },
    { kind: 'minimum', x: 0, y: 1.537082, value: -2.1722, digits: 6, rank: 'local' },
    { kind: 'saddle', x: -0.617272, y: 1.102735, value: -1.6467, digits: 6 },
    { kind: 'saddle', x: 0.617272, y: 1.102735, value: -1.6467, digits: 6 },
    { kind: 'saddle', x: 0, y: -0.315827, value: -1.3846, digits: 6 },
  ],
}
