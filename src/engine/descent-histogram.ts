import { energyHistogram, type EnergyHistogram } from '../core/systems/descent'

/**
 * The histogram of final energies the page draws: a start stopped far uphill (gradient descent
 * still crawling down from overlapping beads, at 10^4 while the rest lie within a few units of the
 * ground state) would squeeze every other bar into one. Energies above the 95th percentile plus
 * half the span from the lowest to it are left off the chart and counted.
 */
export interface ChartedHistogram {
  histogram: EnergyHistogram
  /** Finite energies above `limit`, left off the chart. */
  offChart: number
  limit: number
}

export function chartedHistogram(energies: ArrayLike<number>, global: number | null): ChartedHistogram {
  const finite = Array.from(energies)
    .filter((e) => Number.isFinite(e))
    .sort((a, b) => a - b)
  if (finite.length === 0) return { histogram: energyHistogram([], undefined, global), offChart: 0, limit: Infinity }
  const lowest = Math.min(finite[0]!, global ?? Infinity)
  const p95 = finite[Math.min(finite.length - 1, Math.floor(0.95 * finite.length))]!
  const limit = p95 + 0.5 * (p95 - lowest)
  const kept = finite.filter((e) => e <= limit)
  return { histogram: energyHistogram(kept, undefined, global), offChart: finite.length - kept.length, limit }
}
