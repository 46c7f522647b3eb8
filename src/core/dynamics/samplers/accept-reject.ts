import type { RunStats } from '../method'
import type { Walkers } from '../walkers'
import { portableMath as pm } from '../../portable-math'

/**
 * The Metropolis-Hastings test of Metropolis, MALA, HMC and replica swaps: accepts
 * with probability min(1, exp(logRatio)) given a uniform coin in (0, 1), and counts
 * the proposal while the run records. A ratio that is NaN (U not finite at
 * the proposal) fails both comparisons and is rejected.
 */
export function metropolisTest(logRatio: number, coin: number, stats: RunStats): boolean {
  const accept = logRatio >= 0 || coin < pm.exp(logRatio)
  if (stats.recording) {
    stats.proposed++
    if (accept) stats.accepted++
  }
  return accept
}

/** Moves walker i to an accepted proposal, with the U and gradient already evaluated there. */
export function acceptMove(w: Walkers, i: number, x: number, y: number, u: number, g: Float64Array): void {
  w.x[i] = x
  w.y[i] = y
  w.u[i] = u
  w.gx[i] = g[0]!
  w.gy[i] = g[1]!
}
