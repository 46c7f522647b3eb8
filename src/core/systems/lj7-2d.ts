import { portableMath as pm } from '../portable-math'
import type { SystemDescriptor } from './descriptor'
import { ljClusterSystem } from './lennard-jones'
import { randomCluster } from './random-start'

const H = Math.sqrt(3) / 2
/** Lattice spacing of the starting geometries, near the pair minimum 2^(1/6). */
const A = 1.12

/** Lattice points (in units of A) as a flat state of 14 coordinates. */
function lattice(points: readonly (readonly [number, number])[]): Float64Array {
  const q = new Float64Array(2 * points.length)
  points.forEach(([x, y], i) => {
    q[2 * i] = A * x
    q[2 * i + 1] = A * y
  })
  return q
}

const ROW: readonly (readonly [number, number])[] = [
  [0, 0],
  [1, 0],
  [2, 0],
  [0.5, H],
  [1.5, H],
  [2.5, H],
]

/** The source of the 2D LJ7 energies (full LJ, no cutoff). */
const SOURCE =
  'minimised to |grad E| < 1e-9 with the full LJ potential; the same four minima, within 2e-3, in the Cameron ' +
  "group's LJ7in2D code (mar1akc/LJ7in2D_LJ8in3D_learningCVs: -12.53487, -11.50017, -11.47563, -11.40332)"

/**
 * Seven Lennard-Jones atoms in a plane: the classic small system for rare events and
 * collective variables (the PLUMED tutorials' LJ7). Reduced units; full LJ, no cutoff.
 */
export const lj7TwoD: SystemDescriptor = {
  id: 'lj7-2d',
  title: 'LJ7 in two dimensions',
  dim: 14,
  units: 'reduced Lennard-Jones units: energy epsilon, length sigma, time sigma sqrt(m/epsilon)',
  note:
    'Seven atoms that attract at long range and repel at short range, confined to a plane. The lowest ' +
    'arrangement is a centred hexagon; three other minima put one atom on the outside of a smaller ' +
    'close-packed patch (two capped shapes and a trapezoid), about one epsilon higher. At kT = 0.1 the ' +
    'cluster stays in one shape for a long time and then hops: the hops are rare events, and the barriers ' +
    'between shapes are what a free-energy surface over two collective variables makes visible. A wall ' +
    'around the centre of mass keeps atoms from evaporating; it is idle in every minimum.',
  // PLUMED masterclass 21.2, ex. 9 (simplemd, ndim 2): kT 0.1, dt 0.005, Langevin friction 1.
  defaults: { dt: 0.005, kT: 0.1, friction: 1 },
  minima: [
    {
      name: 'hexagon',
      energy: -12.534867,
      source: SOURCE,
      start: () => {
        const pts: [number, number][] = [[0, 0]]
        // portableMath: Math.cos and Math.sin differ in their last bit between JavaScript engines, and a run
        // from this start must give the same numbers in Node and in every browser.
        for (let k = 0; k < 6; k++) pts.push([pm.cos((k * Math.PI) / 3), pm.sin((k * Math.PI) / 3)])
        return lattice(pts)
      },
    },
    { name: 'capped A', energy: -11.501291, source: SOURCE, start: () => lattice([...ROW, [1.5, -H]]) },
    { name: 'capped B', energy: -11.476907, source: SOURCE, start: () => lattice([...ROW, [0.5, -H]]) },
    {
      name: 'trapezoid',
      energy: -11.403419,
      source: SOURCE,
      start: () =>
        lattice([
          [0, 0],
          [1, 0],
          [2, 0],
          [3, 0],
          [0.5, H],
          [1.5, H],
          [2.5, H],
        ]),
    },
  ],
  // Wall R = 2, kappa = 100 on the distance from the centre of mass: PLUMED masterclass 21.2.
  atoms: { count: 7, perAtom: 2 },
  // Inside the wall (R = 2), atoms at least 0.9 apart: the pair energy there is below 3 epsilon.
  randomState: (uniform, out) => randomCluster(7, 2, 1.5, 0.9, uniform, out),
  system: () => ljClusterSystem({ atoms: 7, perAtom: 2, wall: { radius: 2, kappa: 100 } }),
}
