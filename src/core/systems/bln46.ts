import { portableMath as pm } from '../portable-math'
import type { System } from '../system'
import type { SystemDescriptor } from './descriptor'

/**
 * The three-colour BLN 46-bead model of Honeycutt & Thirumalai (PNAS 87, 3526, 1990): a
 * chain of hydrophobic (B), hydrophilic (L) and neutral (N) beads in three dimensions that
 * folds into a four-stranded beta-barrel. Form and parameters as in Wales' GMIN documentation
 * ("BLN Off-Lattice Protein Model"; after Brown, Fawzi & Head-Gordon, PNAS 100, 10712, 2003):
 *
 *   V = sum K_r (R - R_e)^2                                   bonds, R_e = 1, K_r = 231.2
 *     + sum K_theta (theta - theta_e)^2                        bond angles, theta_e = 105 deg, K_theta = 20 / rad^2
 *     + sum A(1 + cos phi) + B(1 - cos phi) + C(1 + cos 3 phi) + D(1 + cos(phi + pi/4))   dihedrals
 *     + 4 sum_{j >= i+3} (S12 r^-12 + S6 r^-6)                 non-bonded pairs
 *
 * Dihedrals: A = C = 1.2 when the quartet holds at most one N bead, else A = 0, C = 0.2;
 * B = D = 0. Pairs: (S12, S6) = (1, -1) for B-B, (1/3, 1/3) for L-L and L-B, (1, 0) for any
 * pair with an N. Energy in units of the B-B well depth epsilon, length in units of sigma.
 */

/** B9 N3 (LB)4 N3 B9 N3 (LB)5 L (Honeycutt & Thirumalai 1990). */
export const BLN46_SEQUENCE =
  'B'.repeat(9) + 'NNN' + 'LB'.repeat(4) + 'NNN' + 'B'.repeat(9) + 'NNN' + 'LB'.repeat(5) + 'L'

export const BLN_PARAMETERS = {
  bondK: 231.2,
  bondLength: 1,
  angleK: 20,
  angleEquilibrium: (105 * Math.PI) / 180,
  /** Dihedral (A, C) when the quartet holds at most one N bead, and otherwise. */
  dihedralFolded: { a: 1.2, c: 1.2 },
  dihedralNeutral: { a: 0, c: 0.2 },
} as const

/** The four terms in the order `terms` writes them. */
export const BLN_TERMS = ['bonds', 'bond angles', 'dihedrals', 'non-bonded pairs'] as const
export type BlnTerm = 0 | 1 | 2 | 3

const ALL = 15

/** The BLN chain as a System of 3N Cartesian coordinates, with its terms separately. */
export interface BlnSystem extends System {
  readonly sequence: string
  /** Writes the bond, angle, dihedral and non-bonded energies of state q into out[0..4); returns their sum. */
  terms(q: Float64Array, out: Float64Array): number
  /** The gradient of one term (0 bonds, 1 bond angles, 2 dihedrals, 3 non-bonded) into g; returns that term. */
  termGradient(term: BlnTerm, q: Float64Array, g: Float64Array): number
}

/** A System for a BLN chain of `sequence` (B, L and N only). Scratch is owned by the system. */
export function blnSystem(sequence: string = BLN46_SEQUENCE): BlnSystem {
  const n = sequence.length
  if (n < 4) throw new RangeError(`blnSystem: a chain needs at least 4 beads, not ${n}`)
  const kind = new Uint8Array(n)
  for (let i = 0; i < n; i++) {
    const ch = sequence[i]
    if (ch === 'B') kind[i] = 0
    else if (ch === 'L') kind[i] = 1
    else if (ch === 'N') kind[i] = 2
    else throw new RangeError(`blnSystem: bead ${i + 1} is '${ch ?? ''}', not B, L or N`)
  }
  const dim = 3 * n
  // Pair coefficients 4 S12 and 4 S6, row-major.
  const s12 = new Float64Array(n * n)
  const s6 = new Float64Array(n * n)
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      const a = kind[i]!
      const b = kind[j]!
      let p12: number
      let p6: number
      if (a === 2 || b === 2) {
        p12 = 1
        p6 = 0
      } else if (a === 0 && b === 0) {
        p12 = 1
        p6 = -1
      } else {
        p12 = 1 / 3
        p6 = 1 / 3
      }
      s12[i * n + j] = 4 * p12
      s6[i * n + j] = 4 * p6
    }
  // Dihedral coefficients per quartet starting at bead i.
  const dihA = new Float64Array(Math.max(0, n - 3))
  const dihC = new Float64Array(Math.max(0, n - 3))
  for (let i = 0; i + 3 < n; i++) {
    let neutral = 0
    for (let k = i; k < i + 4; k++) if (kind[k] === 2) neutral++
    const p = neutral <= 1 ? BLN_PARAMETERS.dihedralFolded : BLN_PARAMETERS.dihedralNeutral
    dihA[i] = p.a
    dihC[i] = p.c
  }
  const kr = BLN_PARAMETERS.bondK
  const re = BLN_PARAMETERS.bondLength
  const kt = BLN_PARAMETERS.angleK
  const te = BLN_PARAMETERS.angleEquilibrium
  const parts = new Float64Array(4)

  /** Sums the terms in `mask` (bit t for term t) into parts; adds their gradient to g if given (g zeroed here). */
  function evaluate(q: Float64Array, g: Float64Array | null, mask: number): number {
    parts.fill(0)
    if (g) g.fill(0, 0, dim)
    if (mask & 1) {
      let e = 0
      for (let i = 0; i + 1 < n; i++) {
        const a = 3 * i
        const b = a + 3
        const dx = q[b]! - q[a]!
        const dy = q[b + 1]! - q[a + 1]!
        const dz = q[b + 2]! - q[a + 2]!
        const r = Math.sqrt(dx * dx + dy * dy + dz * dz)
        const s = r - re
        e += kr * s * s
        if (g) {
          const f = (2 * kr * s) / r
          g[a] = g[a]! - f * dx
          g[a + 1] = g[a + 1]! - f * dy
          g[a + 2] = g[a + 2]! - f * dz
          g[b] = g[b]! + f * dx
          g[b + 1] = g[b + 1]! + f * dy
          g[b + 2] = g[b + 2]! + f * dz
        }
      }
      parts[0] = e
    }
    if (mask & 2) {
      let e = 0
      for (let i = 1; i + 1 < n; i++) {
        const o = 3 * i
        const p = o - 3
        const r = o + 3
        // u = r_{i-1} - r_i, v = r_{i+1} - r_i; theta = atan2(|u x v|, u.v)
        const ux = q[p]! - q[o]!
        const uy = q[p + 1]! - q[o + 1]!
        const uz = q[p + 2]! - q[o + 2]!
        const vx = q[r]! - q[o]!
        const vy = q[r + 1]! - q[o + 1]!
        const vz = q[r + 2]! - q[o + 2]!
        const cx = uy * vz - uz * vy
        const cy = uz * vx - ux * vz
        const cz = ux * vy - uy * vx
        const cross = Math.sqrt(cx * cx + cy * cy + cz * cz)
        const dot = ux * vx + uy * vy + uz * vz
        const theta = pm.atan2(cross, dot)
        const d = theta - te
        e += kt * d * d
        if (g) {
          // d theta / du = (cos theta u/|u|^2 - v/(|u||v|)) / sin theta, written with dot and cross:
          // d theta / du = (dot u/|u|^2 - v) / cross, d theta / dv = (dot v/|v|^2 - u) / cross.
          const uu = ux * ux + uy * uy + uz * uz
          const vv = vx * vx + vy * vy + vz * vz
          const f = (2 * kt * d) / Math.max(cross, 1e-300)
          const au = dot / uu
          const av = dot / vv
          const gux = f * (au * ux - vx)
          const guy = f * (au * uy - vy)
          const guz = f * (au * uz - vz)
          const gvx = f * (av * vx - ux)
          const gvy = f * (av * vy - uy)
          const gvz = f * (av * vz - uz)
          g[p] = g[p]! + gux
          g[p + 1] = g[p + 1]! + guy
          g[p + 2] = g[p + 2]! + guz
          g[r] = g[r]! + gvx
          g[r + 1] = g[r + 1]! + gvy
          g[r + 2] = g[r + 2]! + gvz
          g[o] = g[o]! - gux - gvx
          g[o + 1] = g[o + 1]! - guy - gvy
          g[o + 2] = g[o + 2]! - guz - gvz
        }
      }
      parts[1] = e
    }
    if (mask & 4) {
      let e = 0
      for (let i = 0; i + 3 < n; i++) {
        const i0 = 3 * i
        const i1 = i0 + 3
        const i2 = i0 + 6
        const i3 = i0 + 9
        const b1x = q[i1]! - q[i0]!
        const b1y = q[i1 + 1]! - q[i0 + 1]!
        const b1z = q[i1 + 2]! - q[i0 + 2]!
        const b2x = q[i2]! - q[i1]!
        const b2y = q[i2 + 1]! - q[i1 + 1]!
        const b2z = q[i2 + 2]! - q[i1 + 2]!
        const b3x = q[i3]! - q[i2]!
        const b3y = q[i3 + 1]! - q[i2 + 1]!
        const b3z = q[i3 + 2]! - q[i2 + 2]!
        // n1 = b1 x b2, n2 = b2 x b3; phi = atan2(|b2| b1.n2, n1.n2) (IUPAC: cis 0, trans pi)
        const n1x = b1y * b2z - b1z * b2y
        const n1y = b1z * b2x - b1x * b2z
        const n1z = b1x * b2y - b1y * b2x
        const n2x = b2y * b3z - b2z * b3y
        const n2y = b2z * b3x - b2x * b3z
        const n2z = b2x * b3y - b2y * b3x
        const b2sq = b2x * b2x + b2y * b2y + b2z * b2z
        const b2n = Math.sqrt(b2sq)
        const phi = pm.atan2(b2n * (b1x * n2x + b1y * n2y + b1z * n2z), n1x * n2x + n1y * n2y + n1z * n2z)
        const a = dihA[i]!
        const c = dihC[i]!
        // B = D = 0 in the 46-bead model.
        e += a * (1 + pm.cos(phi)) + c * (1 + pm.cos(3 * phi))
        if (g) {
          const dE = -a * pm.sin(phi) - 3 * c * pm.sin(3 * phi)
          // Blondel & Karplus (J. Comput. Chem. 17, 1132, 1996):
          // dphi/dr0 = -|b2| n1/|n1|^2, dphi/dr3 = |b2| n2/|n2|^2, and with p = b1.b2/|b2|^2, s = b3.b2/|b2|^2
          // dphi/dr1 = -(p + 1) dphi/dr0 + s dphi/dr3, dphi/dr2 = -(s + 1) dphi/dr3 + p dphi/dr0.
          const n1sq = n1x * n1x + n1y * n1y + n1z * n1z
          const n2sq = n2x * n2x + n2y * n2y + n2z * n2z
          const f0 = (-dE * b2n) / Math.max(n1sq, 1e-300)
          const f3 = (dE * b2n) / Math.max(n2sq, 1e-300)
          const g0x = f0 * n1x
          const g0y = f0 * n1y
          const g0z = f0 * n1z
          const g3x = f3 * n2x
          const g3y = f3 * n2y
          const g3z = f3 * n2z
          const p = (b1x * b2x + b1y * b2y + b1z * b2z) / b2sq
          const s = (b3x * b2x + b3y * b2y + b3z * b2z) / b2sq
          g[i0] = g[i0]! + g0x
          g[i0 + 1] = g[i0 + 1]! + g0y
          g[i0 + 2] = g[i0 + 2]! + g0z
          g[i3] = g[i3]! + g3x
          g[i3 + 1] = g[i3 + 1]! + g3y
          g[i3 + 2] = g[i3 + 2]! + g3z
          g[i1] = g[i1]! - (p + 1) * g0x + s * g3x
          g[i1 + 1] = g[i1 + 1]! - (p + 1) * g0y + s * g3y
          g[i1 + 2] = g[i1 + 2]! - (p + 1) * g0z + s * g3z
          g[i2] = g[i2]! - (s + 1) * g3x + p * g0x
          g[i2 + 1] = g[i2 + 1]! - (s + 1) * g3y + p * g0y
          g[i2 + 2] = g[i2 + 2]! - (s + 1) * g3z + p * g0z
        }
      }
      parts[2] = e
    }
    if (mask & 8) {
      let e = 0
      for (let i = 0; i + 3 < n; i++) {
        const a = 3 * i
        const xi = q[a]!
        const yi = q[a + 1]!
        const zi = q[a + 2]!
        const row = i * n
        for (let j = i + 3; j < n; j++) {
          const b = 3 * j
          const dx = xi - q[b]!
          const dy = yi - q[b + 1]!
          const dz = zi - q[b + 2]!
          const ir2 = 1 / (dx * dx + dy * dy + dz * dz)
          const ir6 = ir2 * ir2 * ir2
          const c12 = s12[row + j]!
          const c6 = s6[row + j]!
          e += c12 * ir6 * ir6 + c6 * ir6
          if (g) {
            const f = (-12 * c12 * ir6 * ir6 - 6 * c6 * ir6) * ir2
            g[a] = g[a]! + f * dx
            g[a + 1] = g[a + 1]! + f * dy
            g[a + 2] = g[a + 2]! + f * dz
            g[b] = g[b]! - f * dx
            g[b + 1] = g[b + 1]! - f * dy
            g[b + 2] = g[b + 2]! - f * dz
          }
        }
      }
      parts[3] = e
    }
    return parts[0]! + parts[1]! + parts[2]! + parts[3]!
  }

  return {
    dim,
    sequence,
    coordinate: (k) => `bead ${Math.floor(k / 3) + 1} ${'xyz'[k % 3]!}`,
    energy: (q) => evaluate(q, null, ALL),
    gradient: (q, g) => evaluate(q, g, ALL),
    terms(q, out) {
      const e = evaluate(q, null, ALL)
      out[0] = parts[0]!
      out[1] = parts[1]!
      out[2] = parts[2]!
      out[3] = parts[3]!
      return e
    },
    termGradient: (term, q, g) => evaluate(q, g, 1 << term),
  }
}

/**
 * Writes the four term energies (bonds, bond angles, dihedrals, non-bonded pairs) of a
 * BLN46 state into out and returns the total. Allocates a system per call: for a loop, keep
 * one `blnSystem()` and call its `terms`.
 */
export function blnTerms(q: Float64Array, out: Float64Array = new Float64Array(4)): Float64Array {
  blnSystem().terms(q, out)
  return out
}

/**
 * The 46-bead model. Defaults: dt = 0.005 resolves the stiffest motion (bond vibration,
 * period 2 pi / sqrt(2 K_r) = 0.29 at unit mass); kT = 0.3 is below the collapse of the chain
 * and friction 1 as for the Lennard-Jones systems.
 */
/**
 * A random chain of n beads grown bead by bead (the natural extension of reference frame
 * construction): unit bonds, every bond angle 105 degrees, each dihedral uniform in
 * (-pi, pi), redrawn (up to 100 times) while the new bead comes closer than 0.9 to a bead
 * three or more places back. Writes 3n coordinates into out.
 */
export function randomBlnChain(n: number, uniform: () => number, out: Float64Array): void {
  const theta = BLN_PARAMETERS.angleEquilibrium
  const cosT = pm.cos(theta)
  const sinT = pm.sin(theta)
  out.fill(0, 0, 3 * n)
  out[3] = 1
  if (n > 2) {
    out[6] = 1 - cosT
    out[7] = sinT
  }
  for (let k = 3; k < n; k++) {
    const a = 3 * (k - 3)
    const b = 3 * (k - 2)
    const c = 3 * (k - 1)
    let bcx = out[c]! - out[b]!
    let bcy = out[c + 1]! - out[b + 1]!
    let bcz = out[c + 2]! - out[b + 2]!
    const lbc = Math.sqrt(bcx * bcx + bcy * bcy + bcz * bcz)
    bcx /= lbc
    bcy /= lbc
    bcz /= lbc
    const abx = out[b]! - out[a]!
    const aby = out[b + 1]! - out[a + 1]!
    const abz = out[b + 2]! - out[a + 2]!
    // n = ab x bc, normalised; m = n x bc.
    let nx = aby * bcz - abz * bcy
    let ny = abz * bcx - abx * bcz
    let nz = abx * bcy - aby * bcx
    const ln = Math.sqrt(nx * nx + ny * ny + nz * nz)
    nx /= ln
    ny /= ln
    nz /= ln
    const mx = ny * bcz - nz * bcy
    const my = nz * bcx - nx * bcz
    const mz = nx * bcy - ny * bcx
    for (let attempt = 0; attempt < 100; attempt++) {
      const phi = Math.PI * (2 * uniform() - 1)
      const d0 = -cosT
      const d1 = sinT * pm.cos(phi)
      const d2 = sinT * pm.sin(phi)
      out[3 * k] = out[c]! + d0 * bcx + d1 * mx + d2 * nx
      out[3 * k + 1] = out[c + 1]! + d0 * bcy + d1 * my + d2 * ny
      out[3 * k + 2] = out[c + 2]! + d0 * bcz + d1 * mz + d2 * nz
      let clear = true
      for (let j = 0; j <= k - 3 && clear; j++) {
        const dx = out[3 * k]! - out[3 * j]!
        const dy = out[3 * k + 1]! - out[3 * j + 1]!
        const dz = out[3 * k + 2]! - out[3 * j + 2]!
        clear = dx * dx + dy * dy + dz * dz >= 0.81
      }
      if (clear) break
    }
  }
}

export const bln46: SystemDescriptor = {
  id: 'bln-46',
  title: 'BLN 46-bead protein (3D)',
  dim: 3 * BLN46_SEQUENCE.length,
  units: 'reduced units: energy epsilon (the B-B well depth), length sigma (the bond length), angles in radians',
  note:
    'A coarse protein of 46 beads in three dimensions: hydrophobic B beads attract each other, hydrophilic ' +
    'L beads and neutral N beads only repel. Its energy has the four kinds of term of a real force field: ' +
    'stiff bonds, bond angles near 105 degrees, dihedral angles that favour trans except in the three neutral ' +
    'turns, and non-bonded pairs. The lowest state is a four-stranded beta-barrel with the B beads in its ' +
    'core, and the landscape has many low minima that differ in how the strands pack: the classic frustrated ' +
    'model of protein folding.',
  defaults: { dt: 0.005, kT: 0.3, friction: 1 },
  atoms: { count: BLN46_SEQUENCE.length, perAtom: 3 },
  randomState: (uniform, out) => randomBlnChain(BLN46_SEQUENCE.length, uniform, out),
  system: () => blnSystem(),
  terms: {
    names: BLN_TERMS,
    create() {
      const chain = blnSystem()
      return (q, out) => chain.terms(q, out)
    },
  },
  minima: [
    {
      name: 'global minimum (literature value, not reproduced here)',
      energy: -44.7989,
      source:
        'Miller & Wales, J. Chem. Phys. 111, 6610 (1999), as commonly quoted for this parameter set; ' +
        'the value and its parameter set are unconfirmed, so no test relies on it',
      start: null,
    },
  ],
}
