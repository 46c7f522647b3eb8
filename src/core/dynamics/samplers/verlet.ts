import type { CompiledSurface } from '../../surface'
import { MASS, type RunStats } from '../method'
import { moveTo } from '../optimizers/common'
import type { ParamSpec } from '../params'
import type { Walkers } from '../walkers'

/**
 * Pieces shared by the samplers built on velocity Verlet (Swope et al., J. Chem.
 * Phys. 76:637, 1982): the Verlet step itself, the kinetic-energy record and the
 * thermostat time constant.
 */

/**
 * One velocity-Verlet step of walker i: v += dt F/2m; q += dt v; new F; v += dt F/2m.
 * Starts from the cached force (w.gx, w.gy) and leaves the new one cached: the one
 * gradient evaluation of the step. `g` is scratch space of length 2.
 */
export function verletStep(surface: CompiledSurface, w: Walkers, i: number, dt: number, g: Float64Array): void {
  const half = (0.5 * dt) / MASS
  const vx = w.vx[i]! - half * w.gx[i]!
  const vy = w.vy[i]! - half * w.gy[i]!
  moveTo(surface, w, i, w.x[i]! + dt * vx, w.y[i]! + dt * vy, g)
  w.vx[i] = vx - half * g[0]!
  w.vy[i] = vy - half * g[1]!
}

/** Adds K = m|v|^2/2 of one walker to the run's kinetic sums while the run records. */
export function recordKinetic(stats: RunStats, vx: number, vy: number): void {
  if (!stats.recording) return
  const k = 0.5 * MASS * (vx * vx + vy * vy)
  stats.kinetic += k
  stats.kineticSquared += k * k
  stats.kineticCount++
}

/** The thermostat's time constant; what it sets differs by method, so each says so in `help`. */
export function tauParam(fallback: number, help: string): ParamSpec {
  return {
    kind: 'number',
    name: 'tau',
    label: 'thermostat time tau',
    default: fallback,
    min: 1e-4,
    max: 1e4,
    scale: 'log',
    unit: 'time',
    help,
  }
}

/** Degrees of freedom per walker: one particle in 2D (no centre-of-mass constraint). */
export const DEGREES_OF_FREEDOM = 2
