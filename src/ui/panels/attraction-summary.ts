import { OUTCOMES, OUTCOME, type AttractionMap, type Outcome } from '../../core/studies/attraction'

export interface OutcomeCount {
  outcome: Outcome
  count: number
  fraction: number
}

/** How many starts of the map ended in each outcome, in OUTCOMES order (every outcome, zeros too). */
export function outcomeCounts(map: AttractionMap): OutcomeCount[] {
  const counts = OUTCOMES.map(() => 0)
  for (const code of map.outcome) counts[code]++
  const total = map.outcome.length
  return OUTCOMES.map((outcome, k) => ({ outcome, count: counts[k], fraction: total > 0 ? counts[k] / total : 0 }))
}

/** Starts that ended in each local minimum (index into landscape.minima, lowest first), the most visited first. */
export function localMinimumCounts(map: AttractionMap): { minimum: number; count: number }[] {
  const counts = new Map<number, number>()
  for (let k = 0; k < map.outcome.length; k++) {
    if (map.outcome[k] === OUTCOME['local minimum'] && map.minimum[k] >= 0)
      counts.set(map.minimum[k], (counts.get(map.minimum[k]) ?? 0) + 1)
  }
  return [...counts]
    .map(([minimum, count]) => ({ minimum, count }))
    .sort((a, b) => b.count - a.count || a.minimum - b.minimum)
}
