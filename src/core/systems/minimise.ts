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

/** Settings of the L-BFGS minimiser; every field has a default. */
export interface LbfgsOptions {
  /** Stop when |grad U| (Euclidean norm over all coordinates) falls below this. Default 1e-8. */
  readonly gradientTolerance?: number
  /** Give up after this many iterations. Default 100000. */
  readonly maxSteps?: number
  /** Correction pairs kept. Default 4 (GMIN's and pele's M). */
  readonly memory?: number
  /** Largest move per iteration (Euclidean norm). Default 0.2. */
  readonly maxStep?: number
  /** Largest energy rise an iteration may take before its step is halved. Default 1e-4 (pele's maxErise). */
  readonly maxRise?: number
}

/**
 * L-BFGS as the quench of basin hopping (Nocedal, Math. Comp. 35:773, 1980; Liu & Nocedal,
 * Math. Prog. 45:503, 1989), in the form GMIN and pele use instead of a line search: the
 * two-loop direction, scaled by the last pair's s.y/y.y, is capped at maxStep; a step that
 * raises the energy by more than maxRise is halved (up to ten times) and the memory is cleared.
 * A direction that is not downhill is reversed. Keeps its work arrays between calls: minimise()
 * allocates nothing. After a call, `gradient` holds dU/dq at the minimum found.
 */
export class LbfgsMinimiser {
  readonly gradient: Float64Array
  gradientNorm = Infinity
  steps = 0
  converged = false
  private readonly tol: number
  private readonly maxSteps: number
  private readonly m: number
  private readonly maxStep: number
  private readonly maxRise: number
  private readonly s: Float64Array
  private readonly y: Float64Array
  private readonly rho: Float64Array
  private readonly alpha: Float64Array
  private readonly direction: Float64Array
  private readonly trial: Float64Array
  private readonly trialGradient: Float64Array

  constructor(
    private readonly system: System,
    options: LbfgsOptions = {},
  ) {
    const n = system.dim
    this.tol = options.gradientTolerance ?? 1e-8
    this.maxSteps = options.maxSteps ?? 100000
    this.m = options.memory ?? 4
    this.maxStep = options.maxStep ?? 0.2
    this.maxRise = options.maxRise ?? 1e-4
    this.gradient = new Float64Array(n)
    this.s = new Float64Array(this.m * n)
    this.y = new Float64Array(this.m * n)
    this.rho = new Float64Array(this.m)
    this.alpha = new Float64Array(this.m)
    this.direction = new Float64Array(n)
    this.trial = new Float64Array(n)
    this.trialGradient = new Float64Array(n)
  }

  /** Moves q (its first system.dim entries) to a local minimum in place; returns U there. */
  minimise(q: Float64Array): number {
    const { system, m, s, y, rho, alpha, direction: p, trial, trialGradient: tg, tol, maxSteps } = this
    const g = this.gradient
    const n = system.dim
    let e = system.gradient(q, g)
    let gNorm = norm(g, n)
    let stored = 0
    let newest = -1
    let gamma = 0.1
    let steps = 0
    while (gNorm >= tol && steps < maxSteps && Number.isFinite(e)) {
      // Two-loop recursion: p = -H g.
      for (let k = 0; k < n; k++) p[k] = -g[k]!
      for (let j = 0; j < stored; j++) {
        const slot = (newest - j + m) % m
        let a = 0
        for (let k = 0; k < n; k++) a += s[slot * n + k]! * p[k]!
        a *= rho[slot]!
        alpha[slot] = a
        for (let k = 0; k < n; k++) p[k] = p[k]! - a * y[slot * n + k]!
      }
      for (let k = 0; k < n; k++) p[k] = p[k]! * gamma
      for (let j = stored - 1; j >= 0; j--) {
        const slot = (newest - j + m) % m
        let b = 0
        for (let k = 0; k < n; k++) b += y[slot * n + k]! * p[k]!
        b *= rho[slot]!
        const c = alpha[slot]! - b
        for (let k = 0; k < n; k++) p[k] = p[k]! + c * s[slot * n + k]!
      }
      let slope = 0
      for (let k = 0; k < n; k++) slope += p[k]! * g[k]!
      if (slope > 0) for (let k = 0; k < n; k++) p[k] = -p[k]!
      const length = norm(p, n)
      let factor = length > this.maxStep ? this.maxStep / length : 1
      let eTrial = e
      let accepted = false
      for (let tries = 0; tries < 10; tries++) {
        for (let k = 0; k < n; k++) trial[k] = q[k]! + factor * p[k]!
        eTrial = system.gradient(trial, tg)
        if (eTrial - e <= this.maxRise) {
          accepted = true
          break
        }
        factor /= 2
        stored = 0
      }
      steps++
      if (!accepted && !Number.isFinite(eTrial)) break
      // The pair (s, y) of this step; a pair with s.y <= 0 is skipped (it would break H > 0).
      let sy = 0
      let yy = 0
      const slot = (newest + 1) % m
      for (let k = 0; k < n; k++) {
        const sk = factor * p[k]!
        const yk = tg[k]! - g[k]!
        s[slot * n + k] = sk
        y[slot * n + k] = yk
        sy += sk * yk
        yy += yk * yk
      }
      if (sy > 0 && yy > 0) {
        rho[slot] = 1 / sy
        newest = slot
        stored = Math.min(stored + 1, m)
        gamma = sy / yy
      }
      q.set(trial.subarray(0, n))
      g.set(tg)
      e = eTrial
      gNorm = norm(g, n)
    }
    this.gradientNorm = gNorm
    this.steps = steps
    this.converged = gNorm < tol
    return e
  }
}
