import type { BasinComparison, RunSummary } from '../../core/analysis/observer'
import { formatCount, formatSignificant } from './numbers'

export interface Verdict {
  /** null: too few samples to say. */
  consistent: boolean | null
  text: string
}

/**
 * The histogram's distance from the exact density against what a perfect
 * sampler with the same effective size reaches (the 99.9th percentile of its
 * TV): under it, the run is consistent with exact sampling; above it, biased
 * or not yet mixed.
 */
export function tvVerdict(summary: RunSummary): Verdict {
  const tv = `TV ${formatSignificant(summary.tv, 2)}`
  if (!(summary.samples > 0 && summary.nEff >= 1 && Number.isFinite(summary.tvPerfect))) {
    return { consistent: null, text: `${tv}: too few independent samples yet to compare with a perfect sampler` }
  }
  const consistent = summary.tv <= summary.tvPerfect
  const bound = `a perfect sampler with N_eff = ${formatCount(summary.nEff)} would be under ${formatSignificant(summary.tvPerfect, 2)}`
  return { consistent, text: `${tv} \u2014 ${bound}: ${consistent ? 'consistent with exact sampling' : 'above: biased or not yet mixed'}` }
}

/** The observables whose autocorrelation times the summary gives, in words (others by their own name). */
const OBSERVABLES: Record<string, string> = { energy: 'U', basin: 'the basin label' }

/** "N_eff = 2,630 of 9,949,672 samples; slowest autocorrelation time 1,890 steps (the basin label)". */
export function mixingText(summary: RunSummary): string {
  const { slowest, ...times } = summary.tau
  const name = Object.entries(times).find(([, t]) => t === slowest)?.[0]
  const which = name ? ` (${OBSERVABLES[name] ?? name})` : ''
  const time = Number.isFinite(slowest) ? `slowest autocorrelation time ${formatSignificant(slowest)} steps${which}` : 'autocorrelation time not known yet'
  return `N_eff = ${formatCount(summary.nEff)} of ${formatCount(summary.samples)} samples; ${time}`
}

/** How many standard errors the sampled basin population is from the exact one (Infinity when the error is 0 and they differ). */
export function basinDeviation(b: BasinComparison): number {
  const d = Math.abs(b.sampled - b.exact)
  if (d === 0) return 0
  return b.sampledError > 0 ? d / b.sampledError : Infinity
}

/** Beyond this many standard errors a basin's population is flagged. */
export const BASIN_FLAG = 3

/**
 * The basin populations' own check, beside the TV: a histogram can be close
 * overall while the weights of the wells are still those of where the walkers
 * started. Null when every basin is within BASIN_FLAG standard errors.
 */
export function basinVerdict(basins: readonly BasinComparison[]): string | null {
  const worst = Math.max(0, ...basins.map(basinDeviation))
  if (worst <= BASIN_FLAG) return null
  if (!Number.isFinite(worst)) return 'Basin populations are off: some wells have not been visited yet'
  return `Basin populations are off by up to ${formatSignificant(worst, 2)} standard errors: the walkers have not yet shared out their time between the wells`
}
