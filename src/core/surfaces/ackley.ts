import type { AtlasSurface } from './types'

// Near the cone tip the slope stays near 2.8 however close you get, so no step size is small
// enough to settle there: gradient descent ends zig-zagging across it within about lr*2.8.
// Step sizes come from the local minima instead, lambda_max = 55.1: gradient descent is stable
// below 2/55.1 = 0.036 and 5e-3 is about a seventh of that; BAOAB with omega = 7.4 and
// dt = 0.02 has omega*dt = 0.15.
export const ackley: AtlasSurface = {
  id: 'ackley',
  title: 'Ackley',
  formula: '-20*exp(-0.2*sqrt((x^2 + y^2)/2)) - exp((cos(2*pi*x) + cos(2*pi*y))/2) + 20 + e',
  // The standard domain [-32.768, 32.768]^2 is mostly the gently sloping outer region.
  domain: { xmin: -5, xmax: 5, ymin: -5, ymax: 5 },
  colourScale: 'linear',
  axes: ['x', 'y'],
  note:
    'Many small ripples sit on a wide funnel whose bottom is a sharp point, so gradient descent is caught by a ' +
    'ripple long before it reaches the centre; this view zooms in to [-5, 5]^2 from the usual test square ' +
    '[-32.768, 32.768]^2. ' +
    'The lowest point is a cone tip where the slope is not defined, so curvature-based methods such as Newton ' +
    'steps cannot land exactly on it.',
  reference: 'Ackley, A Connectionist Machine for Genetic Hillclimbing, Kluwer, 1987',
  learningRate: 5e-3,
  dt: 0.02,
  // The local minima at 2.58 sit 0.67 below their saddles (3.25 at (0.626, 0)); the tip is 3.25 deep.
  kT: [0.2, 3],
  points: [
    { kind: 'minimum', x: 0, y: 0, value: 0, digits: 0, rank: 'global', differentiable: false },
    { kind: 'minimum', x: 0.9521665, y: 0, value: 2.5799276, digits: 7, rank: 'local' },
    // The three mirror images of the quoted minimum: computed by Newton on finite differences,
    // not from the literature (they agree with it to all 7 digits).
    { kind: 'minimum', x: -0.9521665, y: 0, value: 2.5799276, digits: 7, rank: 'local' },
    { kind: 'minimum', x: 0, y: 0.9521665, value: 2.5799276, digits: 7, rank: 'local' },
    { kind: 'minimum', x: 0, y: -0.9521665, value: 2.5799276, digits: 7, rank: 'local' },
  ],
}
