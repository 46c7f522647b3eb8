import { portableMath as pm } from '../portable-math'
import { RandomStream } from '../random'
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
  rotateByQuaternion(p, p, atoms, v[3]!, v[7]!, v[11]!, v[15]!)
  return rmsd(p, q, atoms, perAtom)
}

/** Writes atoms of src rotated by the unit quaternion (q0, q1, q2, q3) into dst (which may be src). */
function rotateByQuaternion(
  src: Float64Array,
  dst: Float64Array,
  atoms: number,
  q0: number,
  q1: number,
  q2: number,
  q3: number,
): void {
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
    const x = src[3 * i]!
    const y = src[3 * i + 1]!
    const z = src[3 * i + 2]!
    dst[3 * i] = r00 * x + r01 * y + r02 * z
    dst[3 * i + 1] = r10 * x + r11 * y + r12 * z
    dst[3 * i + 2] = r20 * x + r21 * y + r22 * z
  }
}

/** Exhaustive search over permutations is used up to this many atoms (8! = 40320 labellings). */
export const MAX_PERMUTED_ATOMS = 8

/**
 * Superposes structure p on q as closely as any relabelling, translation, rotation and (with
 * `reflection`, the default) reflection allows: p is centred, relabelled, mirrored if that is
 * closer and rotated onto the centred q, in place; q is centred in place. Returns the RMSD.
 * For the end points of a path between minima of a small cluster: atoms of one element are
 * interchangeable and a mirror image is the same minimum, so the closest copy gives the
 * shortest path. Up to MAX_PERMUTED_ATOMS atoms the search over labellings is exhaustive (Heap's
 * algorithm, Comput. J. 6, 293, 1963); above, it alternates optimal assignment and optimal
 * rotation from many starting orientations (see assignmentSearch), which finds the best
 * superposition in practice but does not guarantee it.
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
    if (!permutations) continue
    if (atoms > MAX_PERMUTED_ATOMS) {
      const d = assignmentSearch(cand, q, atoms, perAtom, perm)
      if (d < best) {
        best = d
        bestPerm.set(perm)
        bestCandidate = cand
      }
      continue
    }
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

/** Random starting orientations of the assignment search in space (besides the identity and the pair frames). */
const RANDOM_ORIENTATIONS = 32
/** Evenly spaced starting angles in the plane (besides the atom-matching ones). */
const PLANE_ORIENTATIONS = 24
/** Candidate atoms of p for each of the two reference atoms of q in the pair frames. */
const PAIR_CANDIDATES = 6
/** Assignment-rotation rounds from each start (they stop early once the labelling is stable). */
const ROUNDS = 20

/**
 * Starting orientations of p for the assignment search, written as rotated copies. In the plane:
 * evenly spaced angles, and for every atom j of p the rotation that points it along q's atom
 * farthest from the centre. In space: the identity, seeded random rotations, and pair frames:
 * the two atoms of q farthest from the centre and from each other's line (i1, i2) are matched
 * by the atoms of p whose distances from the centre and from each other agree best, and the
 * rotation takes the frame of (p_j1, p_j2) onto that of (q_i1, q_i2). A copy of q relabelled and
 * rotated is matched exactly by one of its pair frames.
 */
function startingOrientations(p: Float64Array, q: Float64Array, atoms: number, s: 2 | 3): Float64Array[] {
  const dim = atoms * s
  const starts: Float64Array[] = []
  const radius = (x: Float64Array, i: number) => {
    let r2 = 0
    for (let a = 0; a < s; a++) r2 += x[s * i + a]! * x[s * i + a]!
    return Math.sqrt(r2)
  }
  let i1 = 0
  for (let i = 1; i < atoms; i++) if (radius(q, i) > radius(q, i1)) i1 = i
  if (s === 2) {
    const rotated = (t: number) => {
      const c = pm.cos(t)
      const sn = pm.sin(t)
      const out = new Float64Array(dim)
      for (let i = 0; i < atoms; i++) {
        out[2 * i] = c * p[2 * i]! - sn * p[2 * i + 1]!
        out[2 * i + 1] = sn * p[2 * i]! + c * p[2 * i + 1]!
      }
      return out
    }
    for (let o = 0; o < PLANE_ORIENTATIONS; o++) starts.push(rotated((2 * Math.PI * o) / PLANE_ORIENTATIONS))
    const target = pm.atan2(q[2 * i1 + 1]!, q[2 * i1]!)
    for (let j = 0; j < atoms; j++)
      if (radius(p, j) > 0) starts.push(rotated(target - pm.atan2(p[2 * j + 1]!, p[2 * j]!)))
    return starts
  }
  starts.push(Float64Array.from(p.subarray(0, dim)))
  const rng = new RandomStream(0x5eed)
  for (let o = 0; o < RANDOM_ORIENTATIONS; o++) {
    const w0 = rng.normal()
    const w1 = rng.normal()
    const w2 = rng.normal()
    const w3 = rng.normal()
    const size = Math.sqrt(w0 * w0 + w1 * w1 + w2 * w2 + w3 * w3)
    const out = new Float64Array(dim)
    rotateByQuaternion(p, out, atoms, w0 / size, w1 / size, w2 / size, w3 / size)
    starts.push(out)
  }
  // i2: the atom of q farthest from the line through the centre and q_i1.
  const frameOf = (x: Float64Array, a: number, b: number): number[] | null => {
    const u = [x[3 * a]!, x[3 * a + 1]!, x[3 * a + 2]!]
    const v = [x[3 * b]!, x[3 * b + 1]!, x[3 * b + 2]!]
    const nu = norm3(u[0]!, u[1]!, u[2]!)
    if (nu === 0) return null
    const e1 = u.map((c) => c / nu)
    const d = v[0]! * e1[0]! + v[1]! * e1[1]! + v[2]! * e1[2]!
    const w = v.map((c, k) => c - d * e1[k]!)
    const nw = norm3(w[0]!, w[1]!, w[2]!)
    if (nw <= 1e-9 * nu) return null
    const e2 = w.map((c) => c / nw)
    const e3 = [e1[1]! * e2[2]! - e1[2]! * e2[1]!, e1[2]! * e2[0]! - e1[0]! * e2[2]!, e1[0]! * e2[1]! - e1[1]! * e2[0]!]
    return [...e1, ...e2, ...e3]
  }
  const offLine = (i: number) => {
    const f = frameOf(q, i1, i)
    if (f === null) return 0
    const d = q[3 * i]! * f[0]! + q[3 * i + 1]! * f[1]! + q[3 * i + 2]! * f[2]!
    return Math.sqrt(Math.max(0, radius(q, i) ** 2 - d * d))
  }
  let i2 = -1
  for (let i = 0; i < atoms; i++) if (i !== i1 && (i2 < 0 || offLine(i) > offLine(i2))) i2 = i
  const fq = i2 < 0 ? null : frameOf(q, i1, i2)
  if (fq === null) return starts
  const dq12 = norm3(q[3 * i1]! - q[3 * i2]!, q[3 * i1 + 1]! - q[3 * i2 + 1]!, q[3 * i1 + 2]! - q[3 * i2 + 2]!)
  const byMismatch = (score: (j: number) => number, skip: number) =>
    Array.from({ length: atoms }, (_, j) => j)
      .filter((j) => j !== skip)
      .sort((x, y) => score(x) - score(y) || x - y)
      .slice(0, PAIR_CANDIDATES)
  for (const j1 of byMismatch((j) => Math.abs(radius(p, j) - radius(q, i1)), -1)) {
    const dist = (j: number) =>
      norm3(p[3 * j1]! - p[3 * j]!, p[3 * j1 + 1]! - p[3 * j + 1]!, p[3 * j1 + 2]! - p[3 * j + 2]!)
    for (const j2 of byMismatch((j) => Math.abs(radius(p, j) - radius(q, i2)) + Math.abs(dist(j) - dq12), j1)) {
      const fp = frameOf(p, j1, j2)
      if (fp === null) continue
      // R = F_q F_p^T, the frames' vectors as columns: R_ab = sum_k fq[k][a] fp[k][b].
      const r = new Float64Array(9)
      for (let a = 0; a < 3; a++)
        for (let b = 0; b < 3; b++) {
          let sum = 0
          for (let k = 0; k < 3; k++) sum += fq[3 * k + a]! * fp[3 * k + b]!
          r[3 * a + b] = sum
        }
      const out = new Float64Array(dim)
      for (let i = 0; i < atoms; i++)
        for (let a = 0; a < 3; a++)
          out[3 * i + a] = r[3 * a]! * p[3 * i]! + r[3 * a + 1]! * p[3 * i + 1]! + r[3 * a + 2]! * p[3 * i + 2]!
      starts.push(out)
    }
  }
  return starts
}

/**
 * The least squared distance between q and a relabelled, rotated p (both centred), found by
 * alternating two exact steps from each of the starting orientations above: the best labelling
 * for the current orientation (the assignment problem on squared distances, solved by the
 * Hungarian method: Kuhn, Naval Res. Logist. Q. 2, 83, 1955; Munkres, J. SIAM 5, 32, 1957) and
 * the best rotation for that labelling. This is the scheme of Wales' OPTIM minpermdist
 * (Griffiths, Niblett & Wales, J. Chem. Theory Comput. 13, 4914, 2017), without its use of
 * symmetry. Writes the labelling into perm (atom perm[i] of p against atom i of q).
 */
function assignmentSearch(p: Float64Array, q: Float64Array, atoms: number, s: 2 | 3, perm: Int32Array): number {
  const dim = atoms * s
  const next = new Float64Array(dim)
  let labels = new Int32Array(atoms)
  let nextLabels = new Int32Array(atoms)
  const step = new Int32Array(atoms)
  const cost = new Float64Array(atoms * atoms)
  const work = hungarianWork(atoms)
  let best = Infinity
  for (const cur of startingOrientations(p, q, atoms, s)) {
    for (let i = 0; i < atoms; i++) labels[i] = i
    for (let round = 0; round < ROUNDS; round++) {
      for (let i = 0; i < atoms; i++)
        for (let j = 0; j < atoms; j++) {
          let d2 = 0
          for (let a = 0; a < s; a++) {
            const d = cur[s * j + a]! - q[s * i + a]!
            d2 += d * d
          }
          cost[i * atoms + j] = d2
        }
      hungarian(cost, atoms, step, work)
      let stable = true
      for (let i = 0; i < atoms; i++) {
        if (step[i] !== i) stable = false
        nextLabels[i] = labels[step[i]!]!
        for (let a = 0; a < s; a++) next[s * i + a] = cur[s * step[i]! + a]!
      }
      if (stable && round > 0) break
      const t = labels
      labels = nextLabels
      nextLabels = t
      cur.set(next)
      alignRotation(cur, q, atoms, s)
    }
    let d2 = 0
    for (let k = 0; k < dim; k++) d2 += (cur[k]! - q[k]!) ** 2
    if (d2 < best) {
      best = d2
      perm.set(labels)
    }
  }
  return best
}

interface HungarianWork {
  readonly u: Float64Array
  readonly v: Float64Array
  readonly minv: Float64Array
  readonly p: Int32Array
  readonly way: Int32Array
  readonly used: Uint8Array
}

function hungarianWork(n: number): HungarianWork {
  return {
    u: new Float64Array(n + 1),
    v: new Float64Array(n + 1),
    minv: new Float64Array(n + 1),
    p: new Int32Array(n + 1),
    way: new Int32Array(n + 1),
    used: new Uint8Array(n + 1),
  }
}

/**
 * The assignment of least total cost for the n x n matrix cost (row-major): writes into out[i]
 * the column given to row i. The Hungarian method with row and column potentials, O(n^3).
 */
function hungarian(cost: Float64Array, n: number, out: Int32Array, w: HungarianWork): void {
  const { u, v, minv, p, way, used } = w
  u.fill(0)
  v.fill(0)
  p.fill(0)
  way.fill(0)
  for (let i = 1; i <= n; i++) {
    p[0] = i
    let j0 = 0
    minv.fill(Infinity)
    used.fill(0)
    do {
      used[j0] = 1
      const i0 = p[j0]!
      let delta = Infinity
      let j1 = 0
      for (let j = 1; j <= n; j++) {
        if (used[j]) continue
        const c = cost[(i0 - 1) * n + (j - 1)]! - u[i0]! - v[j]!
        if (c < minv[j]!) {
          minv[j] = c
          way[j] = j0
        }
        if (minv[j]! < delta) {
          delta = minv[j]!
          j1 = j
        }
      }
      for (let j = 0; j <= n; j++) {
        if (used[j]) {
          u[p[j]!] = u[p[j]!]! + delta
          v[j] = v[j]! - delta
        } else minv[j] = minv[j]! - delta
      }
      j0 = j1
    } while (p[j0] !== 0)
    do {
      const j1 = way[j0]!
      p[j0] = p[j1]!
      j0 = j1
    } while (j0 !== 0)
  }
  for (let j = 1; j <= n; j++) out[p[j]! - 1] = j - 1
}

/** |(x, y, z)| by a correctly rounded square root (Math.hypot's last bit may differ between engines). */
function norm3(x: number, y: number, z: number): number {
  return Math.sqrt(x * x + y * y + z * z)
}
