import type { RunStats } from './method'
import type { StateWalkers } from './state-walkers'
import { STATUS } from './status'

/**
 * Small pieces the steppers of many-coordinate states share. Each one does, for a vector,
 * exactly the arithmetic its planar counterpart does for (x, y), in the same order, so a
 * method run on a surface as a system of two coordinates gives the planar numbers bit for bit.
 */

/** Diverged walkers stop; frozen ones are no longer wanted. */
export const isStoppedState = (w: StateWalkers, i: number) => w.frozen[i] === 1 || w.status[i] === STATUS.diverged

/** Squared Euclidean norm of a[0..n). */
export function squaredNorm(a: Float64Array, n: number): number {
  let s = 0
  for (let k = 0; k < n; k++) s += a[k]! * a[k]!
  return s
}

/** The factor that scales gradient g to norm at most `clip` (0 = off): clipFactor for a vector. */
export function clipFactorOf(g: Float64Array, n: number, clip: number): number {
  if (clip <= 0) return 1
  const norm = Math.sqrt(squaredNorm(g, n))
  return norm > clip ? clip / norm : 1
}

/** Adds walker velocity v's kinetic energy |v|^2/2 (mass 1) to the run's sums. */
export function recordKineticOf(stats: RunStats, v: Float64Array, n: number): void {
  if (!stats.recording) return
  const k = 0.5 * squaredNorm(v, n)
  stats.kinetic += k
  stats.kineticSquared += k * k
  stats.kineticCount++
}
