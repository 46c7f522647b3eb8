import type { SystemDescriptor } from './descriptor'
import { ljClusterSystem } from './lennard-jones'
import { randomCluster } from './random-start'

/**
 * The 38-atom fcc truncated octahedron. On the simple cubic grid of integer points, those
 * with an odd coordinate sum form an fcc lattice (nearest neighbours sqrt 2 apart) with an
 * octahedral hole at the origin; its shells around the hole are 6 points (+-1, 0, 0), 8
 * points (+-1, +-1, +-1) and 24 points (+-2, +-1, 0) in all orders: 38 atoms, an inner
 * octahedron under 32 surface atoms. Scaled so nearest neighbours are `spacing` apart.
 */
export function truncatedOctahedron38(spacing = 1.1): Float64Array {
  const q = new Float64Array(114)
  const scale = spacing / Math.SQRT2
  let k = 0
  for (let x = -2; x <= 2; x++)
    for (let y = -2; y <= 2; y++)
      for (let z = -2; z <= 2; z++) {
        const r2 = x * x + y * y + z * z
        if ((x + y + z) % 2 === 0 || r2 > 5) continue
        q[k++] = scale * x
        q[k++] = scale * y
        q[k++] = scale * z
      }
  if (k !== 114) throw new Error(`truncatedOctahedron38: built ${k / 3} atoms`)
  return q
}

const CCD =
  'Cambridge Cluster Database (Wales & Doye, J. Phys. Chem. A 101, 5111, 1997); the double funnel: Doye, ' +
  'Miller & Wales, arXiv cond-mat/9808265'

/** Thirty-eight Lennard-Jones atoms in space: the double funnel. */
export const lj38: SystemDescriptor = {
  id: 'lj38',
  title: 'LJ38',
  dim: 114,
  units: 'reduced Lennard-Jones units: energy epsilon, length sigma, time sigma sqrt(m/epsilon)',
  note:
    'Thirty-eight Lennard-Jones atoms in three dimensions: the textbook double funnel. The lowest ' +
    'minimum is a piece of a face-centred cubic crystal, a truncated octahedron; an incomplete Mackay ' +
    'icosahedron lies only 0.68 epsilon above it, at the bottom of a much wider funnel with many more ' +
    'minima. Searches and simulations fall into the icosahedral funnel first and leave it rarely, so the ' +
    'global minimum is hard to find although it is not hidden by height. A wall around the centre of ' +
    'mass keeps atoms from evaporating; it is idle in both minima.',
  // dt 0.005 tau: the usual LJ step (PLUMED simplemd's default); kT 0.1 and friction 1 as for
  // LJ7-2D in the PLUMED masterclass 21.2.
  defaults: { dt: 0.005, kT: 0.1, friction: 1 },
  minima: [
    {
      name: 'fcc truncated octahedron',
      energy: -173.928427,
      source: CCD,
      start: () => truncatedOctahedron38(),
    },
    // No short construction: its coordinates are in the database.
    { name: 'incomplete Mackay icosahedron (C5v)', energy: -173.252378, source: CCD, start: null },
  ],
  // The masterclass wall form and strength (kappa = 100); R = 3 leaves the truncated
  // octahedron (outer atoms 1.74 from the centre) and the icosahedral minima well inside.
  atoms: { count: 38, perAtom: 3 },
  // Inside the wall (R = 3), atoms at least 0.9 apart: the pair energy there is below 3 epsilon.
  randomState: (uniform, out) => randomCluster(38, 3, 2.5, 0.9, uniform, out),
  system: () => ljClusterSystem({ atoms: 38, perAtom: 3, wall: { radius: 3, kappa: 100 } }),
}
