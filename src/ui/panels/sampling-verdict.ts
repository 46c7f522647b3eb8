import type { RunSummary } from '../../core/studies/observer'
import { BURN_IN, MEASURED_FALSE_ALARM, type SamplingCheck } from '../../core/studies/sampling-check'
import { formatCount, formatSignificant } from './numbers'

export interface Verdict {
  /** null: the check cannot tell yet (or does not apply). */
  consistent: boolean | null
  text: string
  /** What the verdict rests on, in words, worst first. */
  reasons: string[]
  /** What the check used: steps, batches, its false-alarm rate. */
  basis: string
}

/**
 * The check of the run against exact sampling (core/analysis/sampling-check.ts) in
 * words: the shapes within the basins and each basin's population against the
 * exact ones, on the run's own batches of walkers, leaving out the burn-in.
 */
export function samplingVerdict(check: SamplingCheck, timeStep: boolean): Verdict {
  const quarter = BURN_IN === 0.25 ? 'quarter' : `${Math.round(100 * BURN_IN)}%`
  const basis =
    check.batches > 0
      ? `Steps ${formatCount(check.from + 1)} to ${formatCount(check.from + check.steps)} ` +
        `(the first ${quarter} is burn-in), ` +
        `${check.batches} batches of ${check.batchKind === 'walkers' ? 'walkers' : 'walkers and time'}; ` +
        `a correct sampler is called wrong ${formatSignificant(100 * check.falseAlarm, 1)}% of the time by design ` +
        `(${formatSignificant(100 * MEASURED_FALSE_ALARM, 1)}% measured on short runs of 64 walkers).`
      : ''
  if (check.consistent === null)
    return { consistent: null, text: `Cannot tell yet: ${check.reasons[0]}`, reasons: check.reasons, basis }
  if (check.consistent)
    return {
      consistent: true,
      text: 'Consistent with exact sampling of exp(\u2212U/kT)',
      reasons: check.reasons,
      basis,
    }
  // A time step too long biases every discretized dynamics: worth saying where it applies.
  const hint = timeStep
    ? ' (a wrong sampler, a run not yet mixed, or a time step too long: ' +
      'a smaller dt or learning rate shrinks a discretization bias)'
    : ' (a wrong sampler, or a run not yet mixed)'
  return { consistent: false, text: `Not consistent with exact sampling${hint}`, reasons: check.reasons, basis }
}

/** The observables whose autocorrelation times the summary gives, in words (others by their own name). */
const OBSERVABLES: Record<string, string> = { energy: 'U', basin: 'the basin label' }

/** "N_eff = 2,630 of 9,949,672 samples; slowest autocorrelation time 1,890 steps (the basin label)". */
export function mixingText(summary: RunSummary): string {
  const { slowest, ...times } = summary.tau
  const name = Object.entries(times).find(([, t]) => t === slowest)?.[0]
  const which = name ? ` (${OBSERVABLES[name] ?? name})` : ''
  const time = Number.isFinite(slowest)
    ? `slowest autocorrelation time ${formatSignificant(slowest)} steps${which}`
    : 'autocorrelation time not known yet'
  return `N_eff = ${formatCount(summary.nEff)} of ${formatCount(summary.samples)} samples; ${time}`
}

/**
 * How many standard errors the sampled basin population is from the exact one (Infinity when the error
 * is 0 and they differ).
 */
export function basinDeviation(b: { sampled: number; sampledError: number; exact: number }): number {
  const d = Math.abs(b.sampled - b.exact)
  if (d === 0) return 0
  return b.sampledError > 0 ? d / b.sampledError : Infinity
}
