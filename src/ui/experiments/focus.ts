import type { Experiment, ExperimentFocus } from '../../core/experiments'

/** The focus views that draw a figure of their own; the others make their point with the lanes' status lines. */
const DRAWN: readonly ExperimentFocus[] = ['kinetic', 'density', 'energy', 'free-energy', 'replicas', 'channels']

/**
 * Whether an experiment's focus view shows the lanes' status lines (the page's status strip then stands
 * down, so that no line is shown twice).
 */
export function statusLinesInFocus(experiment: Experiment): boolean {
  if (DRAWN.includes(experiment.focus)) return false
  return !(experiment.focus === 'arrhenius' && experiment.sweep)
}
