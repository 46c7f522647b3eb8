import type { AtlasSurface } from './types'

// U = -sum_k A_k exp(kp_k (cos(phi - mp_k) - 1) + ks_k (cos(psi - ms_k) - 1)) with the three
// wells beta, alpha-R and alpha-L of a Ramachandran map written out (x = phi, y = psi). Stiffest
// minimum alpha-R, lambda_max = 13.4: gradient descent is stable below 2/13.4 = 0.15 and 0.02
// is about a seventh of that; BAOAB with omega = 3.67 and dt = 0.05 has omega*dt = 0.18.
export const dihedral: AtlasSurface = {
  id: 'dihedral',
  title: 'Dihedral angles (toy Ramachandran map)',
  formula:
    '-5*exp(2*(cos(x + 2.4) - 1) + 2*(cos(y - 2.5) - 1))' +
    ' - 4.5*exp(3*(cos(x + 1.2) - 1) + 3*(cos(y + 0.7) - 1))' +
    ' - 3*exp(3*(cos(x - 1) - 1) + 3*(cos(y - 0.6) - 1))',
  domain: { xmin: -Math.PI, xmax: Math.PI, ymin: -Math.PI, ymax: Math.PI, periodic: true },
  colourScale: 'linear',
  axes: ['phi', 'psi'],
  note:
    'The two angles wrap around, so walking off one edge brings you back on the other, and three valleys sit on ' +
    'a wide, almost flat plain. ' +
    'Gradient descent barely moves on the plain, and at low temperature a sampler stays in one valley for a long ' +
    'time before it jumps to another.',
  learningRate: 0.02,
  dt: 0.05,
  // Barriers (computed): 2.24 out of alpha-L, 3.75 out of alpha-R, 4.40 out of beta.
  kT: [0.3, 1],
  points: [
    { kind: 'minimum', x: -2.39955, y: 2.49999, value: -5.00181, label: 'beta', digits: 5, rank: 'global' },
    { kind: 'minimum', x: -1.20305, y: -0.69962, value: -4.52857, label: 'alpha-R', digits: 5, rank: 'local' },
    { kind: 'minimum', x: 0.99924, y: 0.60009, value: -3.0112, label: 'alpha-L', digits: 5, rank: 'local' },
    { kind: 'saddle', x: -0.03135, y: -0.01845, value: -0.77525, digits: 5 },
    { kind: 'saddle', x: -1.79656, y: -2.07149, value: -0.60063, digits: 5 },
    { kind: 'saddle', x: -1.79685, y: 0.72325, value: -0.53184, digits: 5 },
    { kind: 'saddle', x: 2.18242, y: 1.50124, value: -0.35782, digits: 5 },
    { kind: 'maximum', x: 1.48511, y: -1.91535, value: -0.02314, digits: 5 },
  ],
}
