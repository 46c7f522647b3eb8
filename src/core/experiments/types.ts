import type { SharedState } from '../scenario/url'

/**
 * A guided experiment: one click loads a preset run with a short explanation and
 * a question, and the page shows the view that makes its point. Each experiment
 * states how many engine steps it needs and what the page shows after them; the
 * same frames let src/engine/experiment-checks.ts test that claim (in Node and in
 * the browser), so an experiment's text can never drift from what the run does.
 */

/** The view that makes an experiment's point. */
export type ExperimentFocus =
  | 'paths'
  | 'saddle'
  | 'plateau'
  | 'valley'
  | 'replicas'
  | 'arrhenius'
  | 'kinetic'
  | 'density'
  | 'energy'
  | 'free-energy'
  | 'noise'
  | 'channels'

/**
 * A temperature sweep the page runs in its task worker beside the lanes (the
 * Arrhenius plot): the method and settings of lane `lane` at each kT, `walkers`
 * walkers from minimum 0 for `steps` steps, no burn-in, the scenario's seed, rates
 * from minimum 0 to minimum 1 (src/core/analysis/sweep.ts temperatureSweep).
 */
export interface ExperimentSweep {
  kTs: number[]
  walkers: number
  steps: number
  lane: number
}

export interface Experiment {
  /** kebab-case, stable: links and tests name experiments by it. */
  id: string
  number: number
  title: string
  /** Two to four sentences in a first-year student's words. */
  explanation: string
  /** One question that the run answers. */
  question: string
  /** The preset: scenario (up to four lanes, every setting explicit) and view. */
  state: SharedState
  focus: ExperimentFocus
  /** Engine steps after which the claim holds. */
  steps: number
  /** What the page shows after `steps` steps, in words. */
  claim: string
  sweep?: ExperimentSweep
}
