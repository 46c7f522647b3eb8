/**
 * How often a frame also carries the comparison with the exact density: about
 * once a second. That comparison can cost the worker far more than a frame (the
 * first one at a temperature computes the exact density: 0.3-0.6 s for
 * Müller-Brown here), and the walkers stand still meanwhile; so when it is
 * slow, the interval stretches to keep it to about a tenth of the worker's time.
 */
export const SAMPLING_INTERVAL_MS = 1000
export const SAMPLING_SHARE = 0.1

/** Milliseconds to wait after a sampling frame that took `cost` ms before asking for the next one. */
export function samplingDelay(cost: number): number {
  return Math.max(SAMPLING_INTERVAL_MS, cost / SAMPLING_SHARE - cost)
}
