import { portableMath as pm } from '../portable-math'
import { jacobiEigen } from './hessian'

/**
 * Telling minima apart. Two quenched structures are the same minimum when they differ only by
 * a permutation of like atoms, a translation, a rotation or a reflection: the energy and the
 * sorted list of the N(N-1)/2 interatomic distances are invariant under all four, so they make
 * the fingerprint. The tolerances are PATHSAMPLE's energy tolerance (ETOL, 1e-6; Wales' OPTIM
 * and PATHSAMPLE programs) and 1e-3 on each distance, loose enough for quenches stopped at a
 * gradient of 1e-6 and tight enough to separate the 2D LJ7 isomers (their distance lists differ by
 * more than 0.01).
 *
 * For analysis, `centre` and `alignRotation` superpose one structure on another: in the plane
 * the closed-form angle, in space Horn's quaternion method (Horn, J. Opt. Soc. Am. A 4, 629,
 * 1987), which gives the same proper rotation as Kabsch's (Acta Cryst. A 32, 922, 1976) with the
 * reflection case excluded by construction.
 */

/** How a state holds atoms: `atoms` of `perAtom` coordinates, and how to find their positions. */
export interface AtomLayout {
  readonly atoms: number
  readonly perAtom: 2 | 3
  /**
   * Writes the atoms' positions of state q into out (atoms * perAtom numbers). Omitted for a
   * cluster, whose state is its positions; a chain in internal coordinates (the AB model's
   * angles) passes its own, for example `(q, out) => chain.positions(q, out)`.
   */
  readonly positions?: (q: Float64Array, out: Float64Array) => void
}

/** What identifies a minimum: its energy and its sorted interatomic distances. */
export interface Fingerprint {
  readonly energy: number
  /** The N(N-1)/2 distances, ascending. */
  readonly distances: Float64Array
}

export interface IdentityTolerance {
  /** Largest |E_a - E_b| of one minimum. Default 1e-6. */
  readonly energyTolerance?: number
  /** Largest difference between matching sorted distances. Default 1e-3. */
  readonly distanceTolerance?: number
}

export const ENERGY_TOLERANCE = 1e-6
export const DISTANCE_TOLERANCE = 1e-3

/** The fingerprint of state q with energy `energy`. Allocates its result. */
export function fingerprint(q: Float64Array, energy: number, layout: AtomLayout): Fingerprint {
  const { atoms: n, perAtom: s } = layout
  let x = q
  if (layout.positions !== undefined) {
    x = new Float64Array(n * s)
    layout.positions(q, x)
  }
  const d = new Float64Array((n * (n - 1)) / 2)
  let k = 0
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      let r2 = 0
      for (let a = 0; a < s; a++) {
        const u = x[s * i + a]! - x[s * j + a]!
        r2 += u * u
      }
      d[k++] = Math.sqrt(r2)
    }
  d.sort()
  return { energy, distances: d }
}

/** Whether two fingerprints are one minimum: energies and every sorted distance within tolerance. */
export function sameMinimum(a: Fingerprint, b: Fingerprint, tolerance: IdentityTolerance = {}): boolean {
  const eTol = tolerance.energyTolerance ?? ENERGY_TOLERANCE
  const dTol = tolerance.distanceTolerance ?? DISTANCE_TOLERANCE
  if (!(Math.abs(a.energy - b.energy) <= eTol)) return false
  if (a.distances.length !== b.distances.length) return false
  for (let k = 0; k < a.distances.length; k++) if (!(Math.abs(a.distances[k]! - b.distances[k]!) <= dTol)) return false
  return true
}

/** Moves the atoms of q so that their centre of mass (equal masses) is at the origin; returns q. */
export function centre(q: Float64Array, atoms: number, perAtom: 2 | 3): Float64Array {
  for (let a = 0; a < perAtom; a++) {
    let c = 0
    for (let i = 0; i < atoms; i++) c += q[perAtom * i + a]!
    c /= atoms
    for (let i = 0; i < atoms; i++) q[perAtom * i + a] = q[perAtom * i + a]! - c
  }
  return q
}

/** Root-mean-square distance between matching atoms of p and q, sqrt((1/N) sum_i |p_i - q_i|^2). */
export function rmsd(p: Float64Array, q: Float64Array, atoms: number, perAtom: 2 | 3): number {
  let s = 0
  for (let k = 0; k < atoms * perAtom; k++) {
    const d = p[k]! - q[k]!
    s += d * d
  }
  return Math.sqrt(s / atoms)
}

/** Scratch for the 3D superposition: Horn's 4x4 matrix, its eigenvalues and eigenvectors. */
const HORN = new Float64Array(16)
const HORN_VALUES = new Float64Array(4)
const HORN_VECTORS = new Float64Array(16)

/**
 * Horn's symmetric 4x4 matrix for rotating p onto q, from the correlation S_ab = sum_i p_ia q_ib
 * of atoms perm[i] of p with atoms i of q. Its largest eigenvalue lambda gives the least squared
 * distance, sum |p|^2 + sum |q|^2 - 2 lambda, and its eigenvector the rotation as a unit quaternion.
 * Leaves the eigenpairs in HORN_VALUES and HORN_VECTORS (column 3 is the largest).
 */
function horn(p: Float64Array, q: Float64Array, atoms: number, perm: Int32Array | null): void {
  let sxx = 0
  let sxy = 0
  let sxz = 0
  let syx = 0
  let syy = 0
  let syz = 0
  let szx = 0
  let szy = 0
  let szz = 0
  for (let i = 0; i < atoms; i++) {
    const j = perm === null ? i : perm[i]!
    const px = p[3 * j]!
    const py = p[3 * j + 1]!
    const pz = p[3 * j + 2]!
    const qx = q[3 * i]!
    const qy = q[3 * i + 1]!
    const qz = q[3 * i + 2]!
    sxx += px * qx
    sxy += px * qy
    sxz += px * qz
    syx += py * qx
    syy += py * qy
    syz += py * qz
    szx += pz * qx
    szy += pz * qy
    szz += pz * qz
  }
  const m = HORN
  m[0] = sxx + syy + szz
  m[1] = m[4] = syz - szy
  m[2] = m[8] = szx - sxz
  m[3] = m[12] = sxy - syx
  m[5] = sxx - syy - szz
  m[6] = m[9] = sxy + syx
  m[7] = m[13] = szx + sxz
  m[10] = -sxx + syy - szz
  m[11] = m[14] = syz + szy
  m[15] = -sxx - syy + szz
  jacobiEigen(m, 4, HORN_VALUES, HORN_VECTORS)
}

/**
 * The least sum of squared distances between q and p relabelled by perm (atom perm[i] of p
 * against atom i of q) over proper rotations of p about the origin; both centred. Allocates nothing.
 */
function rotatedSquaredDistance(
  p: Float64Array,
  q: Float64Array,
  atoms: number,
  perAtom: 2 | 3,
  perm: Int32Array | null,
): number {
  let pp = 0
  let qq = 0
  for (let i = 0; i < atoms; i++) {
    const j = perm === null ? i : perm[i]!
    for (let a = 0; a < perAtom; a++) {
      pp += p[perAtom * j + a]! * p[perAtom * j + a]!
      qq += q[perAtom * i + a]! * q[perAtom * i + a]!
    }
  }
  if (perAtom === 2) {
    let dot = 0
    let cross = 0
    for (let i = 0; i < atoms; i++) {
      const j = perm === null ? i : perm[i]!
      const px = p[2 * j]!
      const py = p[2 * j + 1]!
      dot += px * q[2 * i]! + py * q[2 * i + 1]!
      cross += px * q[2 * i + 1]! - py * q[2 * i]!
    }
    return Math.max(0, pp + qq - 2 * Math.sqrt(dot * dot + cross * cross))
  }
  horn(p, q, atoms, perm)
  return Math.max(0, pp + qq - 2 * HORN_VALUES[3]!)
}

/**
 * Rotates the centred structure p in place, about the origin, onto the centred structure q
 * (atom i onto atom i), minimising sum_i |p_i - q_i|^2; returns the RMSD after the rotation.
 * In the plane the angle is theta = atan2(sum (p_x q_y - p_y q_x), sum p.q). In space the rotation
 * is the unit quaternion of the largest eigenvalue of Horn's 4x4 matrix, found by Jacobi sweeps;
 * it is always proper (det +1), so no reflection is ever applied. Call `centre` on both first.
 */
export function alignRotation(p: Float64Array, q: Float64Array, atoms: number, perAtom: 2 | 3): number {
  if (perAtom === 2) {
    let dot = 0
    let cross = 0
    for (let i = 0; i < atoms; i++) {
      dot += p[2 * i]! * q[2 * i]! + p[2 * i + 1]! * q[2 * i + 1]!
      cross += p[2 * i]! * q[2 * i + 1]! - p[2 * i + 1]! * q[2 * i]!
    }
    const theta = pm.atan2(cross, dot)
    const c = pm.cos(theta)
    const s = pm.sin(theta)
    for (let i = 0; i < atoms; i++) {
      const x = p[2 * i]!
      const y = p[2 * i + 1]!
      p[2 * i] = c * x - s * y
      p[2 * i + 1] = s * x + c * y
    }
    return rmsd(p, q, atoms, perAtom)
  }
  horn(p, q, atoms, null)
  const v = HORN_VECTORS
  const q0 = v[3]!
  const q1 = v[7]!
  const q2 = v[11]!
  const q3 = v[15]!
  const r00 = q0 * q0 + q1 * q1 - q2 * q2 - q3 * q3
  const r01 = 2 * (q1 * q2 - q0 * q3)
  const r02 = 2 * (q1 * q3 + q0 * q2)
  const r10 = 2 * (q1 * q2 + q0 * q3)
  const r11 = q0 * q0 - q1 * q1 + q2 * q2 - q3 * q3
  const r12 = 2 * (q2 * q3 - q0 * q1)
  const r20 = 2 * (q1 * q3 - q0 * q2)
  const r21 = 2 * (q2 * q3 + q0 * q1)
  const r22 = q0 * q0 - q1 * q1 - q2 * q2 + q3 * q3
  for (let i = 0; i < atoms; i++) {
    const x = p[3 * i]!
    const y = p[3 * i + 1]!
    const z = p[3 * i + 2]!
    p[3 * i] = r00 * x + r01 * y + r02 * z
    p[3 * i + 1] = r10 * x + r11 * y + r12 * z
    p[3 * i + 2] = r20 * x + r21 * y + r22 * z
  }
  return rmsd(p, q, atoms, perAtom)
}

/** Exhaustive search over permutations is used up to this many atoms (8! = 40320 labellings). */
export const MAX_PERMUTED_ATOMS = 8

/**
 * Superposes structure p on q as closely as any relabelling, translation, rotation and (with
 * `reflection`, the default) reflection allows: p is centred, relabelled, mirrored if that is
 * closer and rotated onto the centred q, in place; q is centred in place. Returns the RMSD.
 * For the end points of a path between minima of a small cluster: atoms of one element are
 * interchangeable and a mirror image is the same minimum, so the closest copy gives the
 * shortest path. The permutation search is exhaustive (Heap's algorithm, Comput. J. 6, 293,
 * 1963) and limited to MAX_PERMUTED_ATOMS atoms; larger clusters are aligned in their given labelling.
 * A chain of bonded beads passes `permutations: false`, and a chiral one `reflection: false` too.
 */
export function alignClusters(
  p: Float64Array,
  q: Float64Array,
  atoms: number,
  perAtom: 2 | 3,
  options: { readonly reflection?: boolean; readonly permutations?: boolean } = {},
): number {
  const reflection = options.reflection ?? true
  const permutations = options.permutations ?? true
  centre(p, atoms, perAtom)
  centre(q, atoms, perAtom)
  const dim = atoms * perAtom
  const mirror = Float64Array.from(p)
  for (let i = 0; i < atoms; i++) mirror[perAtom * i] = -mirror[perAtom * i]!
  const candidates = reflection ? [p, mirror] : [p]
  let best = Infinity
  const bestPerm = new Int32Array(atoms)
  let bestCandidate = p
  const perm = new Int32Array(atoms)
  for (const cand of candidates) {
    for (let i = 0; i < atoms; i++) perm[i] = i
    const consider = () => {
      const d = rotatedSquaredDistance(cand, q, atoms, perAtom, perm)
      if (d < best) {
        best = d
        bestPerm.set(perm)
        bestCandidate = cand
      }
    }
    consider()
    if (!permutations || atoms > MAX_PERMUTED_ATOMS) continue
    // Heap's algorithm, iterative form.
    const c = new Int32Array(atoms)
    let i = 1
    while (i < atoms) {
      if (c[i]! < i) {
        const j = i % 2 === 0 ? 0 : c[i]!
        const t = perm[j]!
        perm[j] = perm[i]!
        perm[i] = t
        consider()
        c[i] = c[i]! + 1
        i = 1
      } else {
        c[i] = 0
        i++
      }
    }
  }
  const relabelled = new Float64Array(dim)
  for (let i = 0; i < atoms; i++)
    for (let a = 0; a < perAtom; a++) relabelled[perAtom * i + a] = bestCandidate[perAtom * bestPerm[i]! + a]!
  p.set(relabelled)
  return alignRotation(p, q, atoms, perAtom)
}
