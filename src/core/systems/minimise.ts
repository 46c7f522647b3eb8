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
 * arrays once per call.
 */
export function fire(system: System, q: Float64Array, options: FireOptions = {}): FireResult {
  const tol = options.gradientTolerance ?? 1e-8
  const maxSteps = options.maxSteps ?? 100000
  const dtMax = options.dtMax ?? 1.0
  const maxMove = options.maxMove ?? 0.2
  let dt = options.dt ?? 0.1
  const nMin = 5
  const fInc = 1.1
  const fDec = 0.5
  const aStart = 0.1
  const fA = 0.99
  const n = system.dim
  const g = new Float64Array(n)
  const v = new Float64Array(n)
  let a = aStart
  let positive = 0
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
  return { energy: e, gradientNorm: gNorm, steps, converged: gNorm < tol }
}

function norm(g: Float64Array, n: number): number {
  let s = 0
  for (let k = 0; k < n; k++) s += g[k]! * g[k]!
  return Math.sqrt(s)
}
