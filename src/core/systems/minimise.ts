import type { System } from '../system'

/** Settings of the FIRE minimiser; every field has a default. */
export interface FireOptions {
  /** Stop when |grad U| (Euclidean norm over all coordinates) falls below this. Default 1e-8. */
  readonly gradientTolerance?: number
  /** Give up after this many steps. Default 100000. */
  readonly maxSteps?: number
  /** Initial and largest time step. Defaults 0.1 and 1.0 (ASE). */
  readonly dt?: number
  readonly dtMax?: number
  /** Largest move per step (Euclidean norm of the whole displacement). Default 0.2 (ASE). */
  readonly maxMove?: number
}

export interface FireResult {
  readonly energy: number
  readonly gradientNorm: number
  readonly steps: number
  readonly converged: boolean
}

/**
 * FIRE, the Fast Inertial Relaxation Engine (Bitzek, Bitzek, Gumbsch, Moseler & Koskinen,
 * PRL 97, 170201, 2006), with unit masses: an MD step with the velocity mixed toward the
 * force, v <- (1 - a) v + a |v| F/|F|; after more than N_min = 5 steps with P = F.v > 0 the
 * step grows (dt <- min(1.1 dt, dt_max), a <- 0.99 a); when P <= 0 the velocity is zeroed,
 * dt <- dt/2 and a <- a_start = 0.1. The parameters are the paper's, as ASE, pele and HOOMD use
 * them; the update order and the cap on the move follow ASE's FIRE.
 *
 * Moves q (the first system.dim entries) to a local minimum in place. Allocates its work
 * arrays once per call (FireMinimiser keeps them).
 */
export function fire(system: System, q: Float64Array, options: FireOptions = {}): FireResult {
  const m = new FireMinimiser(system, options)
  const energy = m.minimise(q)
  return { energy, gradientNorm: m.gradientNorm, steps: m.steps, converged: m.converged }
}

/**
 * FIRE with its work arrays kept between calls, for loops that quench many states (basin
 * hopping, catalogues of minima): minimise() allocates nothing. After a call, `gradient` holds
 * dU/dq at the minimum found, and gradientNorm, steps and converged describe the quench.
 */
export class FireMinimiser {
  readonly gradient: Float64Array
  private readonly v: Float64Array
  gradientNorm = Infinity
  steps = 0
  converged = false
  private readonly tol: number
  private readonly maxSteps: number
  private readonly dtStart: number
  private readonly dtMax: number
  private readonly maxMove: number

  constructor(
    private readonly system: System,
    options: FireOptions = {},
  ) {
    this.tol = options.gradientTolerance ?? 1e-8
    this.maxSteps = options.maxSteps ?? 100000
    this.dtStart = options.dt ?? 0.1
    this.dtMax = options.dtMax ?? 1.0
    this.maxMove = options.maxMove ?? 0.2
    this.gradient = new Float64Array(system.dim)
    this.v = new Float64Array(system.dim)
  }

  /** Moves q (its first system.dim entries) to a local minimum in place; returns U there. */
  minimise(q: Float64Array): number {
    const { tol, maxSteps, dtMax, maxMove, system, v } = this
    const g = this.gradient
    const nMin = 5
    const fInc = 1.1
    const fDec = 0.5
    const aStart = 0.1
    const fA = 0.99
    const n = system.dim
    let dt = this.dtStart
    let a = aStart
    let positive = 0
    v.fill(0)
    let e = system.gradient(q, g)
    let gNorm = norm(g, n)
    let steps = 0
    while (gNorm >= tol && steps < maxSteps) {
      // P = F.v with F = -g
      let p = 0
      let vNorm = 0
      for (let k = 0; k < n; k++) {
        p -= g[k]! * v[k]!
        vNorm += v[k]! * v[k]!
      }
      vNorm = Math.sqrt(vNorm)
      if (p > 0) {
        const mix = (a * vNorm) / gNorm
        for (let k = 0; k < n; k++) v[k] = (1 - a) * v[k]! - mix * g[k]!
        if (positive > nMin) {
          dt = Math.min(dt * fInc, dtMax)
          a *= fA
        }
        positive++
      } else {
        v.fill(0)
        a = aStart
        dt *= fDec
        positive = 0
      }
      let move = 0
      for (let k = 0; k < n; k++) {
        v[k] = v[k]! - dt * g[k]!
        move += v[k]! * v[k]!
      }
      move = dt * Math.sqrt(move)
      const scale = move > maxMove ? (maxMove / move) * dt : dt
      for (let k = 0; k < n; k++) q[k] = q[k]! + scale * v[k]!
      e = system.gradient(q, g)
      gNorm = norm(g, n)
      steps++
    }
    this.gradientNorm = gNorm
    this.steps = steps
    this.converged = gNorm < tol
    return e
  }
}

function norm(g: Float64Array, n: number): number {
  let s = 0
  for (let k = 0; k < n; k++) s += g[k]! * g[k]!
  return Math.sqrt(s)
}
