import { portableMath } from '../portable-math'
import type { Projection, System } from '../system'
import { abDescriptor } from './ab-2d'
import type { SystemDescriptor } from './descriptor'
import { systemById } from './index'
import { fire } from './minimise'

/**
 * Collective variables: a few numbers that summarise a state of many coordinates, for
 * drawing it (a `Projection` onto two of them), for free-energy surfaces and for biasing.
 * Each reads one state q of `dim` coordinates; where it has a gradient, `gradient(q, g)`
 * writes dCV/dq_k into g[k] for k < dim and returns the value. Nothing is allocated per
 * call: every scratch array belongs to the closure that made the variable.
 */
export interface CollectiveVariable {
  /** Kebab-case, unique within one system's set ('mu2', 'rg', 'q-native'). */
  readonly id: string
  /** A short axis label ('μ2', 'Rg'). */
  readonly label: string
  /** One sentence: what it measures, with its definition and source. */
  readonly description: string
  /** The number of state coordinates it reads. */
  readonly dim: number
  /**
   * The span a grid over this variable covers (a metadynamics bias): where the variable's values
   * lie for the states worth seeing, from its definition or the system's known minima.
   */
  readonly range: readonly [number, number]
  value(q: Float64Array): number
  gradient?(q: Float64Array, g: Float64Array): number
}

/** A function of bead positions pos (s per bead); with gp, writes dvalue/dpos into gp[0 .. n s). */
type Kernel = (pos: Float64Array, gp: Float64Array | null) => number

interface KernelInfo {
  readonly id: string
  readonly label: string
  readonly description: string
  readonly kernel: Kernel
  /** False where only the value is provided. */
  readonly differentiable: boolean
  /** See CollectiveVariable.range. */
  readonly range: readonly [number, number]
}

// ---------------------------------------------------------------------------------------
// Kernels on positions

/**
 * Radius of gyration Rg = sqrt((1/n) sum_i |r_i - r_c|^2), r_c the centroid (equal masses).
 * dRg/dr_i = (r_i - r_c) / (n Rg): the centroid's own derivative drops out because
 * sum_i (r_i - r_c) = 0. At Rg = 0 the gradient is written as 0.
 */
function radiusOfGyration(n: number, s: number): Kernel {
  return (pos, gp) => {
    let cx = 0
    let cy = 0
    let cz = 0
    for (let i = 0; i < n; i++) {
      cx += pos[s * i]!
      cy += pos[s * i + 1]!
      if (s === 3) cz += pos[s * i + 2]!
    }
    cx /= n
    cy /= n
    cz /= n
    let sum = 0
    for (let i = 0; i < n; i++) {
      const dx = pos[s * i]! - cx
      const dy = pos[s * i + 1]! - cy
      const dz = s === 3 ? pos[s * i + 2]! - cz : 0
      sum += dx * dx + dy * dy + dz * dz
    }
    const rg = Math.sqrt(sum / n)
    if (gp !== null) {
      const f = rg > 0 ? 1 / (n * rg) : 0
      for (let i = 0; i < n; i++) {
        gp[s * i] = f * (pos[s * i]! - cx)
        gp[s * i + 1] = f * (pos[s * i + 1]! - cy)
        if (s === 3) gp[s * i + 2] = f * (pos[s * i + 2]! - cz)
      }
    }
    return rg
  }
}

/** |r_{n-1} - r_0|, the distance between the chain's ends. */
function endToEnd(n: number, s: number): Kernel {
  const last = s * (n - 1)
  return (pos, gp) => {
    let sum = 0
    for (let k = 0; k < s; k++) {
      const d = pos[last + k]! - pos[k]!
      sum += d * d
    }
    const r = Math.sqrt(sum)
    if (gp !== null) {
      gp.fill(0, 0, n * s)
      const f = r > 0 ? 1 / r : 0
      for (let k = 0; k < s; k++) {
        const d = f * (pos[last + k]! - pos[k]!)
        gp[last + k] = d
        gp[k] = -d
      }
    }
    return r
  }
}

/** The switching function s(r) = 1 / (1 + (r/r0)^8) of the LJ7 tutorials (PLUMED RATIONAL, NN 8, MM 16). */
export const COORDINATION_R0 = 1.5

/**
 * Moments of the coordination-number distribution, as PLUMED's
 * `COORDINATIONNUMBER SPECIES=1-N MOMENTS=2-3 SWITCH={RATIONAL R_0=1.5 NN=8 MM=16}` in the LJ7
 * tutorials (PLUMED masterclass 21.2, plumed/masterclass-21-2):
 *   c_i = sum_{j != i} s(r_ij),   s(r) = (1 - (r/r0)^8) / (1 - (r/r0)^16) = 1 / (1 + (r/r0)^8),
 *   mu_p = (1/N) sum_i (c_i - cbar)^p,   cbar = (1/N) sum_i c_i
 * (1/N, not 1/(N - 1); no cutoff). With d_i = c_i - cbar the gradient is
 *   d mu_p = (p/N) sum_i d_i^(p-1) (d c_i - d cbar) = sum_i w_i d c_i,
 *   w_i = (p/N) (d_i^(p-1) - (1/N) sum_k d_k^(p-1)),
 * and pair (i, j) enters c_i and c_j, so it contributes (w_i + w_j) ds(r_ij).
 */
function coordinationMoment(n: number, s: number, p: number, r0: number = COORDINATION_R0): Kernel {
  const sw = new Float64Array(n * n)
  const dsw = new Float64Array(n * n)
  const c = new Float64Array(n)
  const w = new Float64Array(n)
  const ir02 = 1 / (r0 * r0)
  return (pos, gp) => {
    c.fill(0)
    for (let i = 0; i < n; i++)
      for (let j = i + 1; j < n; j++) {
        let r2 = 0
        for (let k = 0; k < s; k++) {
          const d = pos[s * i + k]! - pos[s * j + k]!
          r2 += d * d
        }
        // u = (r/r0)^2; s = 1/(1 + u^4); (ds/dr)/r = -8 u^3 / (r0^2 (1 + u^4)^2)
        const u = r2 * ir02
        const u2 = u * u
        const v = 1 / (1 + u2 * u2)
        sw[i * n + j] = v
        dsw[i * n + j] = -8 * u2 * u * v * v * ir02
        c[i] = c[i]! + v
        c[j] = c[j]! + v
      }
    let mean = 0
    for (let i = 0; i < n; i++) mean += c[i]!
    mean /= n
    let mu = 0
    let m1 = 0
    for (let i = 0; i < n; i++) {
      const d = c[i]! - mean
      let dp1 = 1
      for (let k = 1; k < p; k++) dp1 *= d
      mu += dp1 * d
      m1 += dp1
      w[i] = dp1
    }
    mu /= n
    if (gp !== null) {
      gp.fill(0, 0, n * s)
      for (let i = 0; i < n; i++) w[i] = (p / n) * (w[i]! - m1 / n)
      for (let i = 0; i < n; i++)
        for (let j = i + 1; j < n; j++) {
          const f = (w[i]! + w[j]!) * dsw[i * n + j]!
          for (let k = 0; k < s; k++) {
            const d = f * (pos[s * i + k]! - pos[s * j + k]!)
            gp[s * i + k] = gp[s * i + k]! + d
            gp[s * j + k] = gp[s * j + k]! - d
          }
        }
    }
    return mu
  }
}

/** P_l(x) and P_l'(x) by the three-term recurrences; P' into out[0], returns P. */
function legendre(l: number, x: number, out: Float64Array): number {
  let p0 = 1
  let p1 = x
  let d0 = 0
  let d1 = 1
  if (l === 0) {
    out[0] = 0
    return 1
  }
  for (let k = 1; k < l; k++) {
    // (k + 1) P_{k+1} = (2k + 1) x P_k - k P_{k-1};  P'_{k+1} = P'_{k-1} + (2k + 1) P_k
    const p2 = ((2 * k + 1) * x * p1 - k * p0) / (k + 1)
    const d2 = d0 + (2 * k + 1) * p1
    p0 = p1
    p1 = p2
    d0 = d1
    d1 = d2
  }
  out[0] = d1
  return p1
}

/**
 * The bond-order parameter Q_l of a set of bond vectors with equal weights (Steinhardt,
 * Nelson & Ronchetti, PRB 28, 784, 1983):
 *   Q_l = sqrt(4 pi / (2l + 1) sum_m |Qbar_lm|^2),   Qbar_lm = (1/N_b) sum_b Y_lm(u_b),
 * evaluated with the addition theorem sum_m Y_lm(a) Y*_lm(b) = (2l + 1)/(4 pi) P_l(a.b) as
 *   Q_l = sqrt(sum_b sum_b' P_l(u_b . u_b')) / N_b.
 * `vectors` holds 3 numbers per bond (need not be unit length). Allocates nothing.
 */
export function bondOrderParameter(l: number, vectors: ArrayLike<number>): number {
  const nb = Math.floor(vectors.length / 3)
  if (nb === 0) return 0
  const tmp = new Float64Array(1)
  let sum = 0
  for (let a = 0; a < nb; a++) {
    const ax = vectors[3 * a]!
    const ay = vectors[3 * a + 1]!
    const az = vectors[3 * a + 2]!
    const la = Math.sqrt(ax * ax + ay * ay + az * az)
    sum += 1
    for (let b = a + 1; b < nb; b++) {
      const bx = vectors[3 * b]!
      const by = vectors[3 * b + 1]!
      const bz = vectors[3 * b + 2]!
      const lb = Math.sqrt(bx * bx + by * by + bz * bz)
      sum += 2 * legendre(l, (ax * bx + ay * by + az * bz) / (la * lb), tmp)
    }
  }
  return Math.sqrt(Math.max(sum, 0)) / nb
}

/**
 * Bonds for Q_l: pairs closer than 1.391 sigma, the first minimum of the Lennard-Jones radial
 * distribution function used for the bond-order parameters of LJ clusters (Q4 of LJ38 in
 * Doye, Miller & Wales, J. Chem. Phys. 110, 6896, 1999, arXiv cond-mat/9808265), made smooth
 * so that Q_l has a gradient: weight w = 1 below 1.391 - 0.1, 0 above 1.391 + 0.1, and the
 * cubic smoothstep 1 - t^2 (3 - 2t) between, t = (r - 1.291)/0.2. A cluster with no pair
 * distance inside (1.291, 1.491) (both LJ13 and LJ38 minima: neighbours near 1.1, next shell
 * beyond 1.55) gets exactly the sharp-cutoff value.
 */
export const BOND_CUTOFF = 1.391
export const BOND_CUTOFF_HALF_WIDTH = 0.1

/**
 * Global Q_l of the cluster with weighted bonds,
 *   Q_l^2 = S / W^2,  S = sum_b sum_b' w_b w_b' P_l(u_b . u_b'),  W = sum_b w_b,
 * the weighted form of `bondOrderParameter` (each pair counted once: for even l a bond and its
 * reverse give the same Y_lm). With A_b = sum_b' w_b' P_l(c_bb') and V_b = sum_b' w_b' P_l'(c_bb') u_b',
 *   dS/dd_b = 2 (w_b' A_b u_b + w_b (V_b - (u_b . V_b) u_b) / r_b),   dW/dd_b = w_b' u_b,
 * for the bond vector d_b = r_j - r_i of length r_b; cost O(N_b^2) per call.
 */
function steinhardtQ(n: number, l: number): Kernel {
  const maxBonds = (n * (n - 1)) / 2
  const bi = new Int32Array(maxBonds)
  const bj = new Int32Array(maxBonds)
  const ux = new Float64Array(maxBonds)
  const uy = new Float64Array(maxBonds)
  const uz = new Float64Array(maxBonds)
  const len = new Float64Array(maxBonds)
  const wt = new Float64Array(maxBonds)
  const dwt = new Float64Array(maxBonds)
  const acc = new Float64Array(maxBonds)
  const vx = new Float64Array(maxBonds)
  const vy = new Float64Array(maxBonds)
  const vz = new Float64Array(maxBonds)
  const tmp = new Float64Array(1)
  const rOn = BOND_CUTOFF - BOND_CUTOFF_HALF_WIDTH
  const rOff = BOND_CUTOFF + BOND_CUTOFF_HALF_WIDTH
  const width = rOff - rOn
  return (pos, gp) => {
    let nb = 0
    let wSum = 0
    for (let i = 0; i < n; i++)
      for (let j = i + 1; j < n; j++) {
        const dx = pos[3 * j]! - pos[3 * i]!
        const dy = pos[3 * j + 1]! - pos[3 * i + 1]!
        const dz = pos[3 * j + 2]! - pos[3 * i + 2]!
        const r2 = dx * dx + dy * dy + dz * dz
        if (r2 >= rOff * rOff || r2 === 0) continue
        const r = Math.sqrt(r2)
        let w = 1
        let dw = 0
        if (r > rOn) {
          const t = (r - rOn) / width
          w = 1 - t * t * (3 - 2 * t)
          dw = (-6 * t * (1 - t)) / width
        }
        bi[nb] = i
        bj[nb] = j
        ux[nb] = dx / r
        uy[nb] = dy / r
        uz[nb] = dz / r
        len[nb] = r
        wt[nb] = w
        dwt[nb] = dw
        wSum += w
        nb++
      }
    if (gp !== null) gp.fill(0, 0, 3 * n)
    if (nb === 0 || wSum <= 0) return 0
    acc.fill(0, 0, nb)
    vx.fill(0, 0, nb)
    vy.fill(0, 0, nb)
    vz.fill(0, 0, nb)
    let sum = 0
    for (let a = 0; a < nb; a++) {
      const wa = wt[a]!
      sum += wa * wa
      acc[a] = acc[a]! + wa
      const ax = ux[a]!
      const ay = uy[a]!
      const az = uz[a]!
      for (let b = a + 1; b < nb; b++) {
        const wb = wt[b]!
        const pl = legendre(l, ax * ux[b]! + ay * uy[b]! + az * uz[b]!, tmp)
        sum += 2 * wa * wb * pl
        if (gp !== null) {
          const dp = tmp[0]!
          acc[a] = acc[a]! + wb * pl
          acc[b] = acc[b]! + wa * pl
          vx[a] = vx[a]! + wb * dp * ux[b]!
          vy[a] = vy[a]! + wb * dp * uy[b]!
          vz[a] = vz[a]! + wb * dp * uz[b]!
          vx[b] = vx[b]! + wa * dp * ax
          vy[b] = vy[b]! + wa * dp * ay
          vz[b] = vz[b]! + wa * dp * az
        }
      }
    }
    if (sum <= 0) return 0
    const root = Math.sqrt(sum)
    const q = root / wSum
    if (gp !== null) {
      // dQ = dS / (2 sqrt(S) W) - sqrt(S) dW / W^2
      const fs = 1 / (root * wSum)
      const fw = root / (wSum * wSum)
      for (let b = 0; b < nb; b++) {
        const ax = ux[b]!
        const ay = uy[b]!
        const az = uz[b]!
        const dot = ax * vx[b]! + ay * vy[b]! + az * vz[b]!
        const radial = fs * dwt[b]! * acc[b]! - fw * dwt[b]!
        const tang = (fs * wt[b]!) / len[b]!
        const gx = radial * ax + tang * (vx[b]! - dot * ax)
        const gy = radial * ay + tang * (vy[b]! - dot * ay)
        const gz = radial * az + tang * (vz[b]! - dot * az)
        const i = 3 * bi[b]!
        const j = 3 * bj[b]!
        gp[j] = gp[j]! + gx
        gp[j + 1] = gp[j + 1]! + gy
        gp[j + 2] = gp[j + 2]! + gz
        gp[i] = gp[i]! - gx
        gp[i + 1] = gp[i + 1]! - gy
        gp[i + 2] = gp[i + 2]! - gz
      }
    }
    return q
  }
}

/**
 * Native contacts for Q: bead pairs with |i - j| > 3 closer than 1.5 sigma in the reference
 * (past the Lennard-Jones pair minimum 1.12 and before the second neighbour shell; the
 * analogue of the 4.5 A heavy-atom cutoff of Best, Hummer & Eaton).
 */
export const NATIVE_CONTACT_CUTOFF = 1.5
export const NATIVE_MIN_SEPARATION = 3
/**
 * Switching parameters of Q in bond-length units: beta = 5 per angstrom with a bead spacing
 * of 3.8 A (a C-alpha trace) is 19 per bond length; lambda = 1.5, the value for
 * coarse-grained models (lambda = 1.8 for all-atom ones).
 */
export const NATIVE_BETA = 19
export const NATIVE_LAMBDA = 1.5

/**
 * Fraction of native contacts in the smooth form of Best, Hummer & Eaton (PNAS 110, 17874, 2013):
 *   Q = (1/N_c) sum_{(i,j) native} 1 / (1 + exp(beta (r_ij - lambda r0_ij))),
 * r0_ij the distance in the reference. With f = 1/(1 + e^t), df/dt = -f (1 - f), which stays
 * finite when e^t overflows.
 */
function nativeContacts(n: number, s: number, reference: Float64Array): Kernel {
  const pi: number[] = []
  const pj: number[] = []
  const r0: number[] = []
  for (let i = 0; i < n; i++)
    for (let j = i + NATIVE_MIN_SEPARATION + 1; j < n; j++) {
      let r2 = 0
      for (let k = 0; k < s; k++) {
        const d = reference[s * i + k]! - reference[s * j + k]!
        r2 += d * d
      }
      if (r2 < NATIVE_CONTACT_CUTOFF * NATIVE_CONTACT_CUTOFF) {
        pi.push(i)
        pj.push(j)
        r0.push(Math.sqrt(r2))
      }
    }
  const count = r0.length
  if (count === 0) throw new RangeError('native contacts: the reference state has no contacts (|i - j| > 3, r < 1.5)')
  const ci = Int32Array.from(pi)
  const cj = Int32Array.from(pj)
  const cut = Float64Array.from(r0, (r) => NATIVE_LAMBDA * r)
  const beta = NATIVE_BETA
  return (pos, gp) => {
    if (gp !== null) gp.fill(0, 0, n * s)
    let sum = 0
    for (let c = 0; c < count; c++) {
      const a = s * ci[c]!
      const b = s * cj[c]!
      let r2 = 0
      for (let k = 0; k < s; k++) {
        const d = pos[a + k]! - pos[b + k]!
        r2 += d * d
      }
      const r = Math.sqrt(r2)
      const f = 1 / (1 + portableMath.exp(beta * (r - cut[c]!)))
      sum += f
      if (gp !== null && r > 0) {
        const dfr = (-beta * f * (1 - f)) / (count * r)
        for (let k = 0; k < s; k++) {
          const d = dfr * (pos[a + k]! - pos[b + k]!)
          gp[a + k] = gp[a + k]! + d
          gp[b + k] = gp[b + k]! - d
        }
      }
    }
    return sum / count
  }
}

// ---------------------------------------------------------------------------------------
// From kernels to collective variables

/** A CV of a state that is itself the positions (n atoms, s coordinates each). */
function cartesianCv(info: KernelInfo, dim: number): CollectiveVariable {
  const { kernel } = info
  const cv: CollectiveVariable = {
    id: info.id,
    label: info.label,
    description: info.description,
    dim,
    range: info.range,
    value: (q) => kernel(q, null),
  }
  return info.differentiable ? { ...cv, gradient: (q, g) => kernel(q, g) } : cv
}

/**
 * Bead positions of a 2D chain from its N - 2 turning angles, as the AB model places them
 * (bead 0 at the origin, bond 0 along x, the direction of bond k turned by theta_k at bead k).
 */
function placeChain(q: Float64Array, n: number, pos: Float64Array): void {
  let phi = 0
  pos[0] = 0
  pos[1] = 0
  pos[2] = 1
  pos[3] = 0
  for (let k = 1; k < n - 1; k++) {
    phi += q[k - 1]!
    pos[2 * k + 2] = pos[2 * k]! + portableMath.cos(phi)
    pos[2 * k + 3] = pos[2 * k + 1]! + portableMath.sin(phi)
  }
}

/**
 * A CV of an AB chain's turning angles through its bead positions. Turning the angle at bead p
 * rotates every bead m > p about bead p, dr_m/dtheta_p = R90 (r_m - r_p), so
 *   dCV/dtheta_p = sum_{m>p} (x_m - x_p) G_my - (y_m - y_p) G_mx,
 * G = dCV/dr, accumulated from the chain's end as suffix sums (as the model's energy gradient).
 */
function angleCv(info: KernelInfo, n: number): CollectiveVariable {
  const { kernel } = info
  const pos = new Float64Array(2 * n)
  const gp = new Float64Array(2 * n)
  const cv: CollectiveVariable = {
    id: info.id,
    label: info.label,
    description: info.description,
    dim: n - 2,
    range: info.range,
    value(q) {
      placeChain(q, n, pos)
      return kernel(pos, null)
    },
  }
  if (!info.differentiable) return cv
  return {
    ...cv,
    gradient(q, g) {
      placeChain(q, n, pos)
      const v = kernel(pos, gp)
      let sx = 0
      let sy = 0
      let torque = 0
      for (let p = n - 1; p >= 1; p--) {
        const x = pos[2 * p]!
        const y = pos[2 * p + 1]!
        if (p <= n - 2) g[p - 1] = torque - x * sy + y * sx
        const gx = gp[2 * p]!
        const gy = gp[2 * p + 1]!
        sx += gx
        sy += gy
        torque += x * gy - y * gx
      }
      return v
    },
  }
}

/**
 * The system's own energy as a CV; its gradient is the system's gradient. Its range runs from just
 * below the lowest known minimum E0 to E0 / 2 (a cluster or chain with half its binding lost);
 * without a known minimum, from -dim to 0.
 */
function energyCv(descriptor: SystemDescriptor, what: string): CollectiveVariable {
  const system = descriptor.system()
  const e0 = descriptor.minima[0]?.energy
  const range: [number, number] = e0 !== undefined && e0 < 0 ? [e0 - 0.02 * Math.abs(e0), e0 / 2] : [-system.dim, 0]
  return {
    id: 'energy',
    label: 'E',
    description: `The potential energy of the ${what}, the system's own energy function.`,
    dim: system.dim,
    range,
    value: (q) => system.energy(q),
    gradient: (q, g) => system.gradient(q, g),
  }
}

const RG = (k: Kernel, range: readonly [number, number]): KernelInfo => ({
  id: 'rg',
  label: 'Rg',
  description: 'Radius of gyration: the root-mean-square distance of the beads from their centroid.',
  kernel: k,
  differentiable: true,
  range,
})

/** A chain's Rg runs from 0 to that of the straight chain of unit bonds, sqrt((n^2 - 1) / 12). */
const chainRgRange = (n: number): [number, number] => [0, Math.sqrt((n * n - 1) / 12)]

/** Options of `cvsFor`. */
export interface CvOptions {
  /**
   * The native state for the fraction of native contacts Q of a chain (a state of the
   * system's own coordinates, used as it is). Default: the first known minimum with a start,
   * relaxed with FIRE; without either, the set has no Q.
   */
  readonly reference?: Float64Array
}

/** What the coordinates of a many-coordinate system are: atom positions, or a chain's turning angles. */
export type MoleculeKind =
  { kind: 'lj'; atoms: number; perAtom: 2 | 3 } | { kind: 'ab'; sequence: string } | { kind: 'bln'; sequence: string }

/**
 * The kind of a system: Lennard-Jones clusters by their id ('lj<N>' in 3D, 'lj<N>-2d' in a plane),
 * AB chains (ids 'ab-...', systems with a sequence and positions) and BLN chains (ids 'bln...').
 * Throws RangeError for any other system.
 */
export function moleculeKind(descriptor: SystemDescriptor): MoleculeKind {
  const id = descriptor.id
  const lj = /^lj(\d+)(-2d)?$/.exec(id)
  if (lj !== null) {
    const perAtom = lj[2] === undefined ? 3 : 2
    return { kind: 'lj', atoms: descriptor.dim / perAtom, perAtom }
  }
  const sys = descriptor.system() as System & { sequence?: unknown; positions?: unknown }
  if (typeof sys.sequence === 'string') {
    if (typeof sys.positions === 'function' && id.startsWith('ab-')) return { kind: 'ab', sequence: sys.sequence }
    if (id.startsWith('bln')) return { kind: 'bln', sequence: sys.sequence }
  }
  throw new RangeError(`no collective variables or atoms known for the system '${id}'`)
}

/** The descriptor of an id from the list of systems, or of a typed AB chain 'ab-2d-<sequence>'. */
export function resolveSystem(system: string | SystemDescriptor): SystemDescriptor {
  if (typeof system !== 'string') return system
  const found = systemById(system)
  if (found !== undefined) return found
  const ab = /^ab-2d-([ab]+)$/i.exec(system)
  if (ab !== null) return abDescriptor(ab[1]!)
  throw new RangeError(`unknown system '${system}'`)
}

/** The reference state for Q: the option, else the first known minimum's start relaxed by FIRE, else null. */
function nativeReference(descriptor: SystemDescriptor, options: CvOptions): Float64Array | null {
  if (options.reference !== undefined) {
    if (options.reference.length !== descriptor.dim)
      throw new RangeError(`cvsFor: the reference has ${options.reference.length} coordinates, not ${descriptor.dim}`)
    return options.reference
  }
  const cached = RELAXED.get(descriptor)
  if (cached !== undefined) return cached
  const known = descriptor.minima.find((m) => m.start !== null)
  let q: Float64Array | null = null
  if (known !== undefined && known.start !== null) {
    q = known.start()
    fire(descriptor.system(), q, { gradientTolerance: 1e-8 })
  }
  RELAXED.set(descriptor, q)
  return q
}

/** Relaxed native states by descriptor, so that the quench runs once per system (never modified). */
const RELAXED = new WeakMap<SystemDescriptor, Float64Array | null>()

function chainKernels(n: number, s: number, referencePositions: Float64Array | null): KernelInfo[] {
  const out: KernelInfo[] = [
    RG(radiusOfGyration(n, s), chainRgRange(n)),
    {
      id: 'end-to-end',
      label: 'Ree',
      description: 'End-to-end distance: the distance between the first and the last bead.',
      kernel: endToEnd(n, s),
      differentiable: true,
      range: [0, n - 1],
    },
  ]
  if (referencePositions !== null)
    out.push({
      id: 'q-native',
      label: 'Q',
      description:
        'Fraction of native contacts (Best, Hummer & Eaton, PNAS 110, 17874, 2013): bead pairs more than three ' +
        'apart along the chain and closer than 1.5 in the native state, each counted by ' +
        '1/(1 + exp(19 (r - 1.5 r0))); 1 in the native fold, near 0 when unfolded.',
      kernel: nativeContacts(n, s, referencePositions),
      differentiable: true,
      range: [0, 1],
    })
  return out
}

/**
 * The collective variables of a many-coordinate system, by id or descriptor; the first two
 * are the suggested axes of a projection.
 *  - 2D Lennard-Jones clusters (lj7-2d): mu2 and mu3 of the coordination numbers, Rg, energy.
 *  - 3D Lennard-Jones clusters (lj13, lj38): LJ13 Rg and energy first, LJ38 Q4 and energy
 *    first (Q4 tells the fcc funnel from the icosahedral one); both also have Q6.
 *  - AB chains (angles) and BLN chains (positions): Rg, end-to-end distance, fraction of native
 *    contacts Q (when a reference is known, see CvOptions), energy.
 * Every variable has a gradient. Each call makes fresh variables with their own scratch.
 */
export function cvsFor(system: string | SystemDescriptor, options: CvOptions = {}): CollectiveVariable[] {
  const descriptor = resolveSystem(system)
  const k = moleculeKind(descriptor)
  const dim = descriptor.dim
  if (k.kind === 'lj') {
    const { atoms: n, perAtom: s } = k
    const energy = energyCv(descriptor, 'cluster (Lennard-Jones pairs and the wall)')
    const rgKernel = radiusOfGyration(n, s)
    // From a little below the lowest minimum's Rg to twice it (an atom or two evaporated).
    const known = descriptor.minima.find((m) => m.start !== null)?.start?.()
    const rg0 = known === undefined ? Math.sqrt(n) / 2 : rgKernel(known, null)
    const rg = cartesianCv(RG(rgKernel, [0.8 * rg0, 2 * rg0]), dim)
    if (s === 2) {
      const moment = (p: 2 | 3): CollectiveVariable =>
        cartesianCv(
          {
            id: `mu${p}`,
            label: `μ${p}`,
            description:
              `The ${p === 2 ? 'second' : 'third'} central moment of the coordination numbers ` +
              'c_i = sum_j 1/(1 + (r_ij/1.5)^8), as PLUMED COORDINATIONNUMBER MOMENTS=2-3 in the LJ7 tutorials.',
            kernel: coordinationMoment(n, s, p),
            differentiable: true,
            // The region of the LJ7 tutorials' free-energy maps.
            range: p === 2 ? [0, 1.6] : [-1, 1.8],
          },
          dim,
        )
      return [moment(2), moment(3), rg, energy]
    }
    const q = (l: 4 | 6): CollectiveVariable =>
      cartesianCv(
        {
          id: `q${l}`,
          label: `Q${l}`,
          description:
            `Global bond-order parameter Q${l} (Steinhardt, Nelson & Ronchetti, PRB 28, 784, 1983) over the bonds ` +
            `shorter than 1.391 (smoothly switched off between 1.291 and 1.491); perfect lattices: ` +
            (l === 4 ? 'fcc 0.191, icosahedral 0.' : 'fcc 0.575, icosahedral 0.663.'),
          kernel: steinhardtQ(n, l),
          differentiable: true,
          // Q4 up to fcc's 0.191 with room; Q6 up to the icosahedron's 0.663.
          range: l === 4 ? [0, 0.3] : [0, 0.7],
        },
        dim,
      )
    return n >= 20 ? [q(4), energy, q(6), rg] : [rg, energy, q(4), q(6)]
  }
  const reference = nativeReference(descriptor, options)
  if (k.kind === 'ab') {
    const n = k.sequence.length
    let refPos: Float64Array | null = null
    if (reference !== null) {
      refPos = new Float64Array(2 * n)
      placeChain(reference, n, refPos)
    }
    const cvs = chainKernels(n, 2, refPos).map((info) => angleCv(info, n))
    return [...cvs, energyCv(descriptor, 'chain (bending and pair terms)')]
  }
  const n = k.sequence.length
  const cvs = chainKernels(n, 3, reference).map((info) => cartesianCv(info, dim))
  return [...cvs, energyCv(descriptor, 'chain (bonds, angles, dihedrals and pairs)')]
}

/**
 * Draws a state through two collective variables: a Projection with id 'cv' and axes named by
 * the variables' labels unless given.
 */
export function cvProjection(
  cvA: CollectiveVariable,
  cvB: CollectiveVariable,
  axes: readonly [string, string] = [cvA.label, cvB.label],
): Projection {
  if (cvA.dim !== cvB.dim)
    throw new RangeError(`cvProjection: '${cvA.id}' reads ${cvA.dim} coordinates and '${cvB.id}' ${cvB.dim}`)
  return {
    id: 'cv',
    dim: cvA.dim,
    axes,
    project(q, out) {
      out[0] = cvA.value(q)
      out[1] = cvB.value(q)
    },
  }
}
