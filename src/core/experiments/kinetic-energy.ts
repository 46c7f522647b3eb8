import { SCENARIO_VERSION } from '../scenario/types'
import type { Experiment } from './types'

const start = { kind: 'point', x: -1, y: 0 } as const

export const kineticEnergy: Experiment = {
  id: 'kinetic-energy',
  number: 7,
  title: 'Right average, wrong spread: Berendsen against Bussi and Langevin',
  explanation:
    'A thermostat should make the kinetic energy K fluctuate the way it does at temperature kT: for one particle moving in 2D, K follows an exponential law with mean kT and spread kT. ' +
    'The Berendsen thermostat nudges the speed toward kT at every step, which gets the average right but squeezes out the fluctuations. ' +
    "Bussi's thermostat rescales the speed by a random factor chosen to reproduce the exact law, and Langevin dynamics gets it from friction and random kicks.",
  question: 'All three thermostats give an average kinetic energy of kT: which of them also give the right spread?',
  state: {
    scenario: {
      version: SCENARIO_VERSION,
      surface: { kind: 'atlas', id: 'double-well', parameters: {} },
      seed: 1,
      // omega dt = sqrt(8) * 0.02 = 0.057: on-step velocities of BAOAB read low by omega^2 dt^2 / 4 = 0.08%.
      // The same relaxation time 0.1 (five steps) for both rescaling thermostats: strong coupling.
      lanes: [
        { method: 'berendsen', settings: { kT: 1, dt: 0.02, tau: 0.1 }, walkers: 100, start: { ...start } },
        { method: 'bussi', settings: { kT: 1, dt: 0.02, tau: 0.1 }, walkers: 100, start: { ...start } },
        { method: 'baoab', settings: { kT: 1, dt: 0.02, gamma: 1 }, walkers: 100, start: { ...start } },
      ],
    },
    view: { colourScale: 'auto', basins: false, show3d: false, camera: null, speed: 10, step: 0 },
  },
  focus: 'kinetic',
  // 200 time units; Langevin's K forgets itself in 1/(2 gamma) = 0.5, so 100 walkers give ~2e4 independent values.
  steps: 10_000,
  claim:
    "After 10,000 steps Berendsen's kinetic-energy histogram is a narrow peak near kT (variance far below kT^2), while Bussi's and Langevin's follow the exact exponential exp(-K/kT)/kT, with variance within 15% of kT^2.",
}
