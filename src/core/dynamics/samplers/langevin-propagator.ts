import type { CompiledSurface } from '../../surface'
import type { System } from '../../system'
import { MASS, type RunStats } from '../method'
import { STREAM, type Noise } from '../noise'
import { recordKineticOf } from '../state-steps'
import type { StateWalkers } from '../state-walkers'
import type { Walkers } from '../walkers'
import { recordKinetic } from './verlet'
import { portableMath as pm } from '../../portable-math'

/** A bias potential V added to U: adds dV/dx, dV/dy at (x, y) to out[0], out[1]. */
export interface BiasGradient {
  addGradient(x: number, y: number, out: Float64Array): void
}

/**
 * One BAOAB Langevin step per call for one walker at its own temperature (the
 * update rule of baoab.ts: Leimkuhler & Matthews, J. Chem. Phys. 138:174102, 2013),
 * for the methods that propagate by Langevin dynamics but decide the temperature
 * (parallel tempering) or the force (metadynamics) themselves. The walker feels
 * U + V when a bias is given; its cache (u, gx, gy) stays the surface's own U and
 * gradient, and the bias gradient is looked up at the start and the end of the step.
 * Noise: STREAM.kick for walker i at step t, as in baoab.ts.
 */
export class LangevinPropagator {
  private readonly g = new Float64Array(2)
  private readonly xi = new Float64Array(2)
  private readonly c: number
  private readonly half: number

  constructor(
    private readonly surface: CompiledSurface,
    private readonly w: Walkers,
    private readonly noise: Noise,
    private readonly stats: RunStats,
    private readonly dt: number,
    gamma: number,
    private readonly bias?: BiasGradient,
  ) {
    this.c = pm.exp(-gamma * dt)
    this.half = (0.5 * dt) / MASS
  }

  /**
   * Advances walker i by one step at kT. With `record`, its kinetic energy right
   * after O (Maxwell-Boltzmann at kT, as in baoab.ts) goes into the run's sums.
   */
  step(i: number, t: number, kT: number, record: boolean): void {
    const { w, g, xi, dt, c, half } = this
    g[0] = w.gx[i]!
    g[1] = w.gy[i]!
    this.bias?.addGradient(w.x[i]!, w.y[i]!, g)
    let vx = w.vx[i]! - half * g[0]
    let vy = w.vy[i]! - half * g[1]
    let x = w.x[i]! + 0.5 * dt * vx
    let y = w.y[i]! + 0.5 * dt * vy
    const kick = Math.sqrt(((1 - c * c) * kT) / MASS)
    this.noise.normal2(i, t, STREAM.kick, xi)
    vx = c * vx + kick * xi[0]!
    vy = c * vy + kick * xi[1]!
    if (record) recordKinetic(this.stats, vx, vy)
    x += 0.5 * dt * vx
    y += 0.5 * dt * vy
    const u = this.surface.gradient(x, y, g)
    w.x[i] = x
    w.y[i] = y
    w.u[i] = u
    w.gx[i] = g[0]
    w.gy[i] = g[1]
    this.bias?.addGradient(x, y, g)
    w.vx[i] = vx - half * g[0]
    w.vy[i] = vy - half * g[1]
  }
}

/**
 * LangevinPropagator for states of any number of coordinates: the same BAOAB step, coordinate
 * by coordinate, with the step's normals drawn as Noise.normals (STREAM.kick for walker i at
 * step t). No bias.
 */
export class StateLangevinPropagator {
  private readonly xi: Float64Array
  private readonly c: number
  private readonly half: number

  constructor(
    private readonly system: System,
    private readonly w: StateWalkers,
    private readonly noise: Noise,
    private readonly stats: RunStats,
    private readonly dt: number,
    gamma: number,
  ) {
    this.c = pm.exp(-gamma * dt)
    this.half = (0.5 * dt) / MASS
    this.xi = new Float64Array(w.dim)
  }

  /** Advances walker i by one step at kT; with `record`, its kinetic energy right after O goes into the sums. */
  step(i: number, t: number, kT: number, record: boolean): void {
    const { w, xi, dt, c, half } = this
    const d = w.dim
    const q = w.qs[i]!
    const v = w.vs[i]!
    const g = w.gs[i]!
    const kick = Math.sqrt(((1 - c * c) * kT) / MASS)
    this.noise.normals(i, t, STREAM.kick, xi, 0, d)
    for (let k = 0; k < d; k++) {
      const vk = v[k]! - half * g[k]!
      q[k] = q[k]! + 0.5 * dt * vk
      v[k] = c * vk + kick * xi[k]!
    }
    if (record) recordKineticOf(this.stats, v, d)
    for (let k = 0; k < d; k++) q[k] = q[k]! + 0.5 * dt * v[k]!
    w.u[i] = this.system.gradient(q, g)
    for (let k = 0; k < d; k++) v[k] = v[k]! - half * g[k]!
  }
}
