import { ab13DescentVsAnnealing } from './ab13-descent-vs-annealing'
import { lj38DoubleFunnel } from './lj38-double-funnel'
import { lj7IsomerRates } from './lj7-isomer-rates'
import { lj7Metadynamics } from './lj7-metadynamics'
import type { SystemExperiment } from './types'

export type { SystemExperiment, SystemExperimentFocus, SystemExperimentPrediction, SystemPreset } from './types'
export { checkSystemExperiment, SystemReading } from './types'

/**
 * The guided experiments on many-coordinate systems, in number order. Adding one is one file in
 * this folder, named by its id, that exports its SystemExperiment, and one line here with the next
 * number (systems.test.ts holds every file and this list to that).
 */
// prettier-ignore
export const SYSTEM_EXPERIMENTS: readonly SystemExperiment[] = [
  lj7Metadynamics,
  lj7IsomerRates,
  ab13DescentVsAnnealing,
  lj38DoubleFunnel,
]

// A Map, not an object literal: ids like 'constructor' must find nothing.
const byId = new Map(SYSTEM_EXPERIMENTS.map((e) => [e.id, e]))

export function systemExperimentById(id: string): SystemExperiment | undefined {
  return byId.get(id)
}
