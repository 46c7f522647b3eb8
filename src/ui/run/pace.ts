/**
 * How often a frame also carries the comparison with the exact density: about
 * once a second. That comparison can cost the worker far more than a frame (the
 * first one at a temperature computes the exact density, a few hundred ms; the
 * check's randomization test takes tens of ms each time),
 * and the walkers stand still meanwhile; so when it is slow, the interval
 * stretches to keep it to about a tenth of the worker's time, but never beyond
 * SAMPLING_LONGEST_MS, so the numbers on the page trail the walkers by a few
 * seconds at most. The first comparison of a run is a one-off (the exact
 * reference) and does not stretch it.
 */
export const SAMPLING_INTERVAL_MS = 1000
export const SAMPLING_SHARE = 0.1
export const SAMPLING_LONGEST_MS = 3000

/** Milliseconds to wait after a sampling frame that took `cost` ms before asking for the next one. */
export function samplingDelay(cost: number, first = false): number {
  if (first) return SAMPLING_INTERVAL_MS
  return Math.min(SAMPLING_LONGEST_MS, Math.max(SAMPLING_INTERVAL_MS, cost / SAMPLING_SHARE - cost))
}
