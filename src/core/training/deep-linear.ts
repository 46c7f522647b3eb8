import { portableMath as pm } from '../portable-math'
import { RandomStream } from '../random'
import type { System } from '../system'
import type { Hvp } from './lanczos'

/**
 * Deep linear networks, the solvable model of plateaus and saddles in learning (Saxe, McClelland &
 * Ganguli, "Exact solutions to the nonlinear dynamics of learning in deep linear neural networks",
 * ICLR 2014, arXiv:1312.6120). A network y = W2 W1 x, trained on whitened inputs with input-output
 * correlation Sigma, has the loss L = 1/2 |Sigma - W2 W1|_F^2; each singular mode of Sigma, of
 * strength s, is learnt on its own: its strength u = a b (a, b the mode's weights in the two layers)
 * follows du/dt = 2 eta u (s - u) from a balanced small start (t in steps, eta the learning rate),
 * a sigmoid that sits on a plateau near the saddle at 0 for about ln(s/u0)/(2 eta s) steps. The
 * simplest case is one mode of one weight per layer: L(a, b) = 1/2 (s - a b)^2.
 */

/**
 * L(a, b) = 1/2 (s - a b)^2 as a system of two coordinates (a, b). Its saddle at (0, 0) has the
 * Hessian [[0, -s], [-s, 0]]: eigenvalues -s along (1, 1)/sqrt 2 (a = b grows ab towards s) and +s
 * along (1, -1)/sqrt 2; its minima are the hyperbola a b = s.
 */
export function saxeSystem(s: number): System {
  return {
    dim: 2,
    coordinate: (k) => (k === 0 ? 'a' : k === 1 ? 'b' : `q${k}`),
    energy(q) {
      const r = s - q[0]! * q[1]!
      return 0.5 * r * r
    },
    gradient(q, g) {
      const a = q[0]!
      const b = q[1]!
      const r = a * b - s
      g[0] = r * b
      g[1] = r * a
      return 0.5 * r * r
    },
  }
}

/** The exact Hessian-vector product of `saxeSystem(s)` at q: H = [[b^2, 2ab - s], [2ab - s, a^2]]. */
export function saxeHvp(s: number, q: ArrayLike<number>): Hvp {
  const a = q[0]!
  const b = q[1]!
  const off = 2 * a * b - s
  return (v, out) => {
    const x = v[0]!
    const y = v[1]!
    out[0] = b * b * x + off * y
    out[1] = off * x + a * a * y
  }
}

function checkSaxe(s: number, u0: number, eta: number): void {
  if (!(s > 0) || !(u0 > 0) || !(u0 < s) || !(eta > 0))
    throw new RangeError(`Saxe's solution needs s > u0 > 0 and eta > 0 (s = ${s}, u0 = ${u0}, eta = ${eta})`)
}

/**
 * u(t) = s e^{2 s eta t} / (e^{2 s eta t} - 1 + s/u0): the strength of a mode of strength s, from
 * u0 at t = 0, after t steps of rate eta, in the continuous-time limit (eta s << 1).
 */
export function saxeTrajectory(s: number, u0: number, eta: number, t: number): number {
  checkSaxe(s, u0, eta)
  // Written with e^{-2 s eta t} so that it stays finite for large t.
  const e = pm.exp(-2 * s * eta * t)
  return s / (1 - e + (s / u0) * e)
}

/** t = ln[u_f (s - u0) / (u0 (s - u_f))] / (2 eta s): the steps from strength u0 to u_f (continuous time). */
export function saxeStepsTo(s: number, u0: number, uf: number, eta: number): number {
  checkSaxe(s, u0, eta)
  if (!(uf > 0 && uf < s)) throw new RangeError(`the target strength u_f = ${uf} is not between 0 and s = ${s}`)
  return pm.log((uf * (s - u0)) / (u0 * (s - uf))) / (2 * eta * s)
}

/**
 * The plateau: ln(s/u0)/(2 eta s) steps, the time to reach u = s/2 for u0 << s (the exact
 * `saxeStepsTo(s, u0, s/2, eta)` differs by ln(1 - u0/s)/(2 eta s)). Weaker modes and smaller
 * starts wait longer.
 */
export function plateauLength(s: number, u0: number, eta: number): number {
  checkSaxe(s, u0, eta)
  return pm.log(s / u0) / (2 * eta * s)
}

/** A deep linear network R^inputs -> R^hidden -> R^outputs and the modes it should learn. */
export interface DeepLinearSpec {
  /** s_k: Sigma has s_k at (k, k) and zeros elsewhere; at most min(inputs, outputs) of them. */
  readonly strengths: readonly number[]
  readonly inputs: number
  readonly hidden: number
  readonly outputs: number
}

/**
 * L = 1/2 |Sigma - W2 W1|_F^2 as a system. A state holds W1 (hidden x inputs) row by row, then W2
 * (outputs x hidden) row by row: W1[i, j] at q[i*inputs + j], W2[i, j] at q[hidden*inputs + i*hidden + j].
 */
export interface DeepLinearNet extends System {
  readonly spec: DeepLinearSpec
  /** (W2 W1)[k, k] at q: the strength learnt so far of mode k (the singular vectors of Sigma are unit vectors). */
  modeStrength(q: Float64Array, k: number): number
  /**
   * The exact Hessian-vector product at q (copied), by the R-operator (Pearlmutter, Neural Comput. 6, 147, 1994):
   * for a direction (V1, V2), R{R} = V2 W1 + W2 V1, (H v)_W1 = V2^T R + W2^T R{R}, (H v)_W2 = R V1^T + R{R} W1^T.
   */
  hvp(q: ArrayLike<number>): Hvp
}

function checkSpec(spec: DeepLinearSpec): void {
  const { strengths, inputs, hidden, outputs } = spec
  for (const [name, v] of [
    ['inputs', inputs],
    ['hidden', hidden],
    ['outputs', outputs],
  ] as const)
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`deep linear net: ${name} = ${v} is not a positive integer`)
  if (strengths.length > Math.min(inputs, outputs))
    throw new RangeError(`deep linear net: ${strengths.length} strengths need at least as many inputs and outputs`)
}

/** The deep linear network of `spec`. Its gradient is dL/dW1 = W2^T R, dL/dW2 = R W1^T with R = W2 W1 - Sigma. */
export function deepLinearSystem(spec: DeepLinearSpec): DeepLinearNet {
  checkSpec(spec)
  const { strengths, inputs: n, hidden: h, outputs: m } = spec
  const off = h * n
  const r = new Float64Array(m * n)
  /** Writes R = W2 W1 - Sigma into r and returns 1/2 |R|^2. */
  const residual = (q: Float64Array): number => {
    let e = 0
    for (let i = 0; i < m; i++)
      for (let j = 0; j < n; j++) {
        let p = 0
        for (let k = 0; k < h; k++) p += q[off + i * h + k]! * q[k * n + j]!
        const v = p - (i === j && i < strengths.length ? strengths[i]! : 0)
        r[i * n + j] = v
        e += v * v
      }
    return 0.5 * e
  }
  return {
    spec,
    dim: off + m * h,
    coordinate: (k) =>
      k < off ? `W1[${Math.floor(k / n)},${k % n}]` : `W2[${Math.floor((k - off) / h)},${(k - off) % h}]`,
    energy: residual,
    gradient(q, g) {
      const e = residual(q)
      for (let k = 0; k < h; k++)
        for (let j = 0; j < n; j++) {
          let s = 0
          for (let i = 0; i < m; i++) s += q[off + i * h + k]! * r[i * n + j]!
          g[k * n + j] = s
        }
      for (let i = 0; i < m; i++)
        for (let k = 0; k < h; k++) {
          let s = 0
          for (let j = 0; j < n; j++) s += r[i * n + j]! * q[k * n + j]!
          g[off + i * h + k] = s
        }
      return e
    },
    modeStrength(q, k) {
      let p = 0
      for (let j = 0; j < h; j++) p += q[off + k * h + j]! * q[j * n + k]!
      return p
    },
    hvp(point) {
      const w = Float64Array.from(point)
      const res = new Float64Array(m * n)
      const rr = new Float64Array(m * n)
      residual(w)
      res.set(r)
      return (v, out) => {
        for (let i = 0; i < m; i++)
          for (let j = 0; j < n; j++) {
            let p = 0
            for (let k = 0; k < h; k++) p += v[off + i * h + k]! * w[k * n + j]! + w[off + i * h + k]! * v[k * n + j]!
            rr[i * n + j] = p
          }
        for (let k = 0; k < h; k++)
          for (let j = 0; j < n; j++) {
            let p = 0
            for (let i = 0; i < m; i++)
              p += v[off + i * h + k]! * res[i * n + j]! + w[off + i * h + k]! * rr[i * n + j]!
            out[k * n + j] = p
          }
        for (let i = 0; i < m; i++)
          for (let k = 0; k < h; k++) {
            let p = 0
            for (let j = 0; j < n; j++) p += res[i * n + j]! * v[k * n + j]! + rr[i * n + j]! * w[k * n + j]!
            out[off + i * h + k] = p
          }
      }
    },
  }
}

/**
 * Small starting weights from a seed, of scale u0.
 * - 'random' (default): every weight N(0, sigma^2) with sigma^2 = u0 / sqrt(hidden), so the entries
 *   of W2 W1 have standard deviation u0 (of either sign); each mode starts near strength +-u0.
 * - 'balanced': Saxe et al.'s decoupled start, W1 = sqrt(u0) A[:, :r] and W2 = sqrt(u0) A[:, :r]^T
 *   on the first r = strengths.length input and output directions, A a random orthogonal
 *   hidden x hidden matrix (Gram-Schmidt of normals); needs hidden >= r. Then W2 W1 = u0 on the
 *   modes, 0 elsewhere, and under gradient descent each mode follows the one-mode recursion of
 *   `saxeSystem` with a = b (up to rounding).
 */
export function deepLinearStart(
  spec: DeepLinearSpec,
  u0: number,
  seed: number,
  kind: 'random' | 'balanced' = 'random',
): Float64Array {
  checkSpec(spec)
  const { strengths, inputs: n, hidden: h, outputs: m } = spec
  const off = h * n
  const q = new Float64Array(off + m * h)
  const rng = new RandomStream(seed)
  if (kind === 'random') {
    const sigma = Math.sqrt(u0 / Math.sqrt(h))
    for (let i = 0; i < q.length; i++) q[i] = sigma * rng.normal()
    return q
  }
  const r = strengths.length
  if (h < r) throw new RangeError(`deep linear net: a balanced start of ${r} modes needs at least ${r} hidden units`)
  // r orthonormal columns of length h.
  const a = new Float64Array(h * r)
  for (let i = 0; i < h * r; i++) a[i] = rng.normal()
  for (let k = 0; k < r; k++)
    for (let pass = 0; pass < 2; pass++) {
      for (let l = 0; l < k; l++) {
        let d = 0
        for (let i = 0; i < h; i++) d += a[i * r + k]! * a[i * r + l]!
        for (let i = 0; i < h; i++) a[i * r + k] = a[i * r + k]! - d * a[i * r + l]!
      }
      let norm = 0
      for (let i = 0; i < h; i++) norm += a[i * r + k]! ** 2
      norm = Math.sqrt(norm)
      for (let i = 0; i < h; i++) a[i * r + k] = a[i * r + k]! / norm
    }
  const w = Math.sqrt(u0)
  for (let i = 0; i < h; i++)
    for (let k = 0; k < r; k++) {
      q[i * n + k] = w * a[i * r + k]!
      q[off + k * h + i] = w * a[i * r + k]!
    }
  return q
}
