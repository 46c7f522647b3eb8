import type { AtlasSurface } from './types'

// The four terms A_k exp[a_k (x-x0_k)^2 + b_k (x-x0_k)(y-y0_k) + c_k (y-y0_k)^2] of
// Müller & Brown (1979), written out. Step sizes from the stiffest minimum, MA, where
// lambda_max = 4068: gradient descent is stable below 2/4068 = 4.9e-4 and 1e-4 is about a
// fifth of that; BAOAB with omega = sqrt(4068) = 63.8 and dt = 2e-3 has omega*dt = 0.13.
export const mullerBrown: AtlasSurface = {
  id: 'muller-brown',
  title: 'Müller-Brown',
  formula:
    '-200*exp(-(x - 1)^2 - 10*y^2)' +
    ' - 100*exp(-x^2 - 10*(y - 0.5)^2)' +
    ' - 170*exp(-6.5*(x + 0.5)^2 + 11*(x + 0.5)*(y - 1.5) - 6.5*(y - 1.5)^2)' +
    ' + 15*exp(0.7*(x + 1)^2 + 0.6*(x + 1)*(y - 1) + 0.7*(y - 1)^2)',
  domain: { xmin: -1.5, xmax: 1.2, ymin: -0.2, ymax: 2 },
  // The fourth term reaches U ~ 3300 in the top-right corner and would wash out the wells.
  colourScale: 'clip',
  clipAt: 100,
  axes: ['x', 'y'],
  note:
    'Three valleys of different depths are joined by two mountain passes, so gradient descent simply stops in ' +
    'whichever valley it starts in. ' +
    'A sampler needs a temperature of several units to cross the passes, and it hops between the two shallower ' +
    'valleys long before it climbs out of the deepest one.',
  reference: 'Müller & Brown, Theor. Chim. Acta 53:75, 1979',
  learningRate: 1e-4,
  dt: 2e-3,
  // Barriers 8.5 (MC -> S2) to 106 (MA -> S1).
  kT: [5, 30],
  points: [
    { kind: 'minimum', x: -0.558224, y: 1.441726, value: -146.6995, label: 'MA', digits: 6, rank: 'global' },
    { kind: 'minimum', x: 0.623499, y: 0.028038, value: -108.1667, label: 'MB', digits: 6, rank: 'local' },
    { kind: 'minimum', x: -0.050011, y: 0.466694, value: -80.7678, label: 'MC', digits: 6, rank: 'local' },
    { kind: 'saddle', x: -0.822002, y: 0.624313, value: -40.6648, label: 'S1', digits: 6 },
    { kind: 'saddle', x: 0.212487, y: 0.292988, value: -72.2489, label: 'S2', digits: 6 },
  ],
}
