import type { SharedState } from '../scenario/url'
import type { Reading } from './reading'

/**
 * A guided experiment: one click loads a preset run with a short explanation and
 * a question, and the page shows the view that makes its point. Each experiment
 * states how many engine steps it needs and what the page shows after them, and
 * its own check tests that claim on the same frames (in Node and in the browser:
 * src/core/experiments/reading.ts runs it), so an experiment's text can never
 * drift from what the run does. One file per experiment holds all of it.
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

/**
 * The one question asked before the run: students who predict first and then see the gap remember more (Kim,
 * Reinecke & Hullman, CHI 2017). The choices name things as the page does (basins as the map labels them, lanes by
 * letter and method, ranges of counts), and `outcome` says which of them the run bears out.
 */
export interface ExperimentPrediction {
  /** One question, answered by picking one choice. */
  question: string
  choices: readonly string[]
  /**
   * The choice the run bears out, read after the check from the same reading (the numbers it noted, the frames);
   * null when they do not tell (a lane or a number missing).
   */
  outcome(r: Reading): string | null
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
  /** Asked before the run; optional in the type, given by every experiment (experiments.test.ts). */
  prediction?: ExperimentPrediction
  /**
   * Whether the claim holds, judged only from the frames at `steps` (and the sweep):
   * records each failed expectation and the numbers it read on `r`. Every threshold is
   * derived in a comment, never fitted to a run.
   */
  check(r: Reading): void
}
