import type { LaneReport } from '../../core/dynamics/lane'
import { formatValue } from '../format'
import { formatPercent, formatSignificant } from './numbers'

export interface Figure {
  term: string
  value: string
  /** What the value should be, or how to read it. */
  note: string
}

/**
 * What a good acceptance rate is, where the literature says: Roberts, Gelman & Gilks 1997 and
 * Roberts & Rosenthal 2001 for random-walk Metropolis (0.234 in high dimension, about 0.44 in
 * one), Roberts & Rosenthal 1998 for MALA (0.574).
 */
const ACCEPTANCE_TARGETS: Record<string, string> = {
  mala: 'about 57% is optimal (Roberts & Rosenthal)',
  metropolis: 'tune the step to 23\u201344%',
}

/**
 * The run's report as figures to show beside what they should be: one
 * particle in 2D has N_f = 2, so canonically <K> = kT and Var K = (kT)^2
 * (Berendsen's rescaling pins K and fails the variance).
 */
export function reportFigures(report: LaneReport, kT: number, method: string): Figure[] {
  const figures: Figure[] = []
  if (report.acceptance !== null)
    figures.push({
      term: 'acceptance',
      value: formatPercent(report.acceptance),
      note: ACCEPTANCE_TARGETS[method] ?? '',
    })
  const canonical = formatSignificant(kT)
  if (report.meanKinetic !== null)
    figures.push({
      term: 'mean kinetic energy \u27e8K\u27e9',
      value: formatValue(report.meanKinetic),
      note: `canonical: kT = ${canonical}`,
    })
  if (report.kineticTemperature !== null)
    figures.push({
      term: 'kinetic temperature 2\u27e8K\u27e9/N_f',
      value: formatValue(report.kineticTemperature),
      note: `target: kT = ${canonical}`,
    })
  if (report.kineticVariance !== null)
    figures.push({
      term: 'variance of K',
      value: formatValue(report.kineticVariance),
      note: `canonical: (kT)\u00b2 = ${formatSignificant(kT * kT)}`,
    })
  return figures
}
