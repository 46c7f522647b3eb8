import type { SystemDescriptor } from './descriptor'
import { ljClusterSystem } from './lennard-jones'
import { randomCluster } from './random-start'

/** Golden ratio: the icosahedron's 12 vertices are the cyclic permutations of (0, +-1, +-PHI). */
const PHI = (1 + Math.sqrt(5)) / 2

/**
 * The 13-atom Mackay icosahedron: one atom at the centre and 12 at the vertices of a
 * regular icosahedron, scaled so the centre-to-vertex distance is `radius`.
 */
export function icosahedron13(radius = 1.1): Float64Array {
  const q = new Float64Array(39)
  const scale = radius / Math.sqrt(1 + PHI * PHI)
  let k = 3
  for (const a of [-1, 1])
    for (const b of [-PHI, PHI]) {
      for (const v of [
        [0, a, b],
        [a, b, 0],
        [b, 0, a],
      ]) {
        for (const c of v) q[k++] = scale * c
      }
    }
  return q
}

const CCD = 'Cambridge Cluster Database (Wales & Doye, J. Phys. Chem. A 101, 5111, 1997); reproduced by minimisation'

/** Thirteen Lennard-Jones atoms in space: a magic number, with one deep icosahedral minimum. */
export const lj13: SystemDescriptor = {
  id: 'lj13',
  title: 'LJ13',
  dim: 39,
  units: 'reduced Lennard-Jones units: energy epsilon, length sigma, time sigma sqrt(m/epsilon)',
  note:
    'Thirteen Lennard-Jones atoms in three dimensions. Twelve atoms around a thirteenth make a perfect ' +
    'icosahedron, and that shape is far below every other one: the landscape is a single funnel, and ' +
    'quenches from most starting points find it. Thirty-nine coordinates can only be seen through two ' +
    'at a time, so the page draws the energy against collective variables such as the radius of ' +
    'gyration. A wall around the centre of mass keeps atoms from evaporating; it is idle in the minimum.',
  // dt 0.005 tau: the usual LJ step (PLUMED simplemd's default); kT 0.1 and friction 1 as for
  // LJ7-2D in the PLUMED masterclass 21.2, a temperature at which the icosahedron stays solid.
  defaults: { dt: 0.005, kT: 0.1, friction: 1 },
  minima: [{ name: 'Mackay icosahedron', energy: -44.326801, source: CCD, start: () => icosahedron13() }],
  // The masterclass wall form and strength (kappa = 100); R = 2.5 leaves the icosahedron
  // (vertices 1.09 from the centre) and its thermal excursions well inside.
  atoms: { count: 13, perAtom: 3 },
  // Inside the wall (R = 2.5), atoms at least 0.9 apart: the pair energy there is below 3 epsilon.
  randomState: (uniform, out) => randomCluster(13, 3, 1.8, 0.9, uniform, out),
  system: () => ljClusterSystem({ atoms: 13, perAtom: 3, wall: { radius: 2.5, kappa: 100 } }),
}
