import { SCENARIO_VERSION } from '../scenario/types'
import type { Experiment } from './types'

const start = { kind: 'point', x: 0, y: 0.5 } as const

export const localMinimum: Experiment = {
  id: 'local-minimum',
  number: 1,
  title: 'Stuck in a valley: gradient descent against Langevin dynamics',
  explanation:
    'Gradient descent always walks downhill, so on the Müller-Brown surface it stops in the first valley it reaches, the shallow minimum MC. ' +
    'Langevin dynamics adds random thermal kicks of size kT = 20, enough to climb the pass out of MC (40 high). ' +
    'Its walkers leave MC and end up spending most of their time in the deepest valley, MA.',
  question: 'Where does gradient descent stop, and which valley do the Langevin walkers find?',
  state: {
    scenario: {
      version: SCENARIO_VERSION,
      surface: { kind: 'atlas', id: 'muller-brown', parameters: {} },
      seed: 1,
      lanes: [
        // A fifth of the stability limit 2/4068 = 4.9e-4 set by MA, the stiffest minimum.
        { method: 'gd', settings: { lr: 1e-4 }, walkers: 1, start: { ...start } },
        // kT = 20 is half the MC -> S1 barrier (40.1): crossings within a few hundred steps.
        // omega dt = sqrt(4068) * 2e-3 = 0.13; gamma = 5 damps within 100 steps.
        { method: 'baoab', settings: { kT: 20, dt: 2e-3, gamma: 5 }, walkers: 100, start: { ...start } },
      ],
    },
    view: { colourScale: 'auto', basins: true, show3d: false, camera: null, speed: 10, step: 0 },
  },
  focus: 'paths',
  // Gradient descent contracts by 1 - 1e-4 * 221 (MC's soft curvature) a step: converged in ~600 steps.
  steps: 5000,
  claim: 'After 5,000 steps gradient descent is labelled a local minimum at MC (U = -80.77), and the Langevin walkers have visited MA, the global minimum.',
}
