import type { System } from '../system'

/**
 * Lennard-Jones clusters in reduced units (epsilon = sigma = 1):
 * V(r) = 4 (r^-12 - r^-6), minimum -1 at r = 2^(1/6); the force on atom i from j is
 * (24 / r^2)(2 r^-12 - r^-6)(r_i - r_j). No cutoff: the full potential, as in the Cambridge
 * Cluster Database (Wales & Doye, J. Phys. Chem. A 101, 5111, 1997).
 *
 * A state holds the atoms one after another: atom i at q[i*s .. i*s + s) with s = 2 or 3.
 */

/** The pair energy 4(r^-12 - r^-6). */
export function ljPair(r: number): number {
  const ir6 = 1 / (r * r * r * r * r * r)
  return 4 * ir6 * (ir6 - 1)
}

/**
 * Sum of V over all pairs of the n atoms in q (s coordinates each). With g, also writes
 * dU/dq into g[0 .. n*s) (overwriting it). Allocates nothing.
 */
export function ljEnergy(q: Float64Array, n: number, s: 2 | 3, g: Float64Array | null): number {
  if (g !== null) g.fill(0, 0, n * s)
  let e = 0
  if (s === 2) {
    for (let i = 0; i < n; i++) {
      const xi = q[2 * i]!
      const yi = q[2 * i + 1]!
      for (let j = i + 1; j < n; j++) {
        const dx = xi - q[2 * j]!
        const dy = yi - q[2 * j + 1]!
        const ir2 = 1 / (dx * dx + dy * dy)
        const ir6 = ir2 * ir2 * ir2
        e += 4 * ir6 * (ir6 - 1)
        if (g !== null) {
          // dV/dr / r = -24 r^-2 (2 r^-12 - r^-6)
          const c = -24 * ir2 * ir6 * (2 * ir6 - 1)
          g[2 * i] = g[2 * i]! + c * dx
          g[2 * i + 1] = g[2 * i + 1]! + c * dy
          g[2 * j] = g[2 * j]! - c * dx
          g[2 * j + 1] = g[2 * j + 1]! - c * dy
        }
      }
    }
    return e
  }
  for (let i = 0; i < n; i++) {
    const xi = q[3 * i]!
    const yi = q[3 * i + 1]!
    const zi = q[3 * i + 2]!
    for (let j = i + 1; j < n; j++) {
      const dx = xi - q[3 * j]!
      const dy = yi - q[3 * j + 1]!
      const dz = zi - q[3 * j + 2]!
      const ir2 = 1 / (dx * dx + dy * dy + dz * dz)
      const ir6 = ir2 * ir2 * ir2
      e += 4 * ir6 * (ir6 - 1)
      if (g !== null) {
        const c = -24 * ir2 * ir6 * (2 * ir6 - 1)
        g[3 * i] = g[3 * i]! + c * dx
        g[3 * i + 1] = g[3 * i + 1]! + c * dy
        g[3 * i + 2] = g[3 * i + 2]! + c * dz
        g[3 * j] = g[3 * j]! - c * dx
        g[3 * j + 1] = g[3 * j + 1]! - c * dy
        g[3 * j + 2] = g[3 * j + 2]! - c * dz
      }
    }
  }
  return e
}

/**
 * The confinement: a flat-bottom wall on each atom's distance d_i = |r_i - r_com| from the
 * centre of mass (equal masses),
 *   W = sum_i kappa (d_i - R)^2 for d_i > R, 0 otherwise,
 * the form of PLUMED's UPPER_WALLS with its defaults (exponent 2, scale 1, offset 0, no 1/2),
 * which the PLUMED masterclass 21.2 (plumed/masterclass-21-2) puts on 2D LJ7 with R = 2,
 * kappa = 100. It keeps atoms from evaporating and is idle near the known minima. Because d_i
 * is measured from the centre of mass, the wall's forces add up to zero: it does not stop
 * the cluster drifting as a whole.
 *
 * With g, adds dW/dq to g[0 .. n*s) (it does not overwrite). Allocates nothing.
 * dd_j/dr_i = u_j (delta_ij - 1/n), u_j the unit vector from the centre to atom j, so
 * dW/dr_i = f_i u_i - (1/n) sum_j f_j u_j with f_j = 2 kappa (d_j - R).
 */
export function comWall(
  q: Float64Array,
  n: number,
  s: 2 | 3,
  radius: number,
  kappa: number,
  g: Float64Array | null,
): number {
  let cx = 0
  let cy = 0
  let cz = 0
  for (let i = 0; i < n; i++) {
    cx += q[s * i]!
    cy += q[s * i + 1]!
    if (s === 3) cz += q[s * i + 2]!
  }
  cx /= n
  cy /= n
  cz /= n
  let w = 0
  let sx = 0
  let sy = 0
  let sz = 0
  for (let i = 0; i < n; i++) {
    const dx = q[s * i]! - cx
    const dy = q[s * i + 1]! - cy
    const dz = s === 3 ? q[s * i + 2]! - cz : 0
    const d = Math.sqrt(dx * dx + dy * dy + dz * dz)
    if (d <= radius) continue
    const over = d - radius
    w += kappa * over * over
    if (g !== null) {
      const c = (2 * kappa * over) / d
      g[s * i] = g[s * i]! + c * dx
      g[s * i + 1] = g[s * i + 1]! + c * dy
      if (s === 3) g[s * i + 2] = g[s * i + 2]! + c * dz
      sx += c * dx
      sy += c * dy
      sz += c * dz
    }
  }
  if (g !== null && w > 0) {
    sx /= n
    sy /= n
    sz /= n
    for (let i = 0; i < n; i++) {
      g[s * i] = g[s * i]! - sx
      g[s * i + 1] = g[s * i + 1]! - sy
      if (s === 3) g[s * i + 2] = g[s * i + 2]! - sz
    }
  }
  return w
}

/** How a cluster is set up: n atoms of s coordinates, and its wall. */
export interface ClusterSpec {
  readonly atoms: number
  readonly perAtom: 2 | 3
  /** The wall radius R around the centre of mass and its strength kappa (see comWall). */
  readonly wall: { readonly radius: number; readonly kappa: number }
}

/** A cluster of LJ atoms in its wall, as a System of atoms * perAtom coordinates. */
export function ljClusterSystem(spec: ClusterSpec): System {
  const { atoms: n, perAtom: s } = spec
  const { radius, kappa } = spec.wall
  const axes = s === 2 ? 'xy' : 'xyz'
  return {
    dim: n * s,
    coordinate: (k) => `atom ${Math.floor(k / s) + 1} ${axes[k % s]}`,
    energy: (q) => ljEnergy(q, n, s, null) + comWall(q, n, s, radius, kappa, null),
    gradient: (q, g) => ljEnergy(q, n, s, g) + comWall(q, n, s, radius, kappa, g),
  }
}
