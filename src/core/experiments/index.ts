import { arrhenius } from './arrhenius'
import { kineticEnergy } from './kinetic-energy'
import { localMinimum } from './local-minimum'
import { metadynamicsFreeEnergy } from './metadynamics-free-energy'
import { noseHooverErgodicity } from './nose-hoover-ergodicity'
import { nveEnergy } from './nve-energy'
import { plateau } from './plateau'
import { rastriginAnnealing } from './rastrigin-annealing'
import { rosenbrockValley } from './rosenbrock-valley'
import { saddleEscape } from './saddle-escape'
import { sgdAsLangevin } from './sgd-as-langevin'
import { threeHoleChannels } from './three-hole-channels'
import type { Experiment } from './types'

export type { Experiment, ExperimentFocus, ExperimentPrediction, ExperimentSweep } from './types'

/**
 * The guided experiments, in number order. Their states are shared presets:
 * copy one (e.g. structuredClone) before editing it.
 *
 * Adding an experiment is one file in this folder, named by its id, that exports
 * its Experiment (preset, question, claim and check), and one line here with the
 * next number (experiments.test.ts holds every file and this list to that).
 */
export const EXPERIMENTS: readonly Experiment[] = [
  localMinimum,
  saddleEscape,
  plateau,
  rosenbrockValley,
  rastriginAnnealing,
  arrhenius,
  kineticEnergy,
  noseHooverErgodicity,
  nveEnergy,
  metadynamicsFreeEnergy,
  sgdAsLangevin,
  threeHoleChannels,
]

// A Map, not an object literal: ids like 'constructor' must find nothing.
const byId = new Map(EXPERIMENTS.map((e) => [e.id, e]))

export function experimentById(id: string): Experiment | undefined {
  return byId.get(id)
}
