import { SCENARIO_VERSION } from '../scenario/types'
import type { Experiment } from './types'

const start = { kind: 'point', x: -1, y: 0 } as const
// omega dt = sqrt(8) * 0.05 = 0.14; gamma = 1 is below critical damping (2 omega): Kramers-Langer rates.
const langevin = (kT: number) => ({ method: 'baoab', settings: { kT, dt: 0.05, gamma: 1 }, walkers: 50, start: { ...start } })

export const arrhenius: Experiment = {
  id: 'arrhenius',
  number: 6,
  title: 'Temperature against barrier height',
  explanation:
    'The double well has two equal valleys separated by a hump of height 1. A walker crosses only when the thermal kicks happen to pile up enough energy, which gets exponentially rarer as it gets colder: the rate goes like exp(-barrier/kT). ' +
    'Three lanes run far below (kT = 0.1), at (kT = 1) and above (kT = 4) the barrier, and a sweep at four low temperatures plots ln(rate) against 1/kT: the slope of this Arrhenius plot is minus the barrier.',
  question: 'How high is the barrier, read from the slope of the Arrhenius plot?',
  state: {
    scenario: {
      version: SCENARIO_VERSION,
      surface: { kind: 'atlas', id: 'double-well', parameters: {} },
      seed: 1,
      // Mean waiting times (Kramers-Langer): 6e4 at kT = 0.1 (the lane runs 50 walkers x 200), ~8 at kT = 1.
      lanes: [langevin(0.1), langevin(1), langevin(4)],
    },
    view: { colourScale: 'auto', basins: true, show3d: false, camera: null, speed: 4, step: 0 },
  },
  focus: 'arrhenius',
  steps: 4000,
  claim: 'After 4,000 steps the number of crossings grows with kT across the three lanes (none or almost none at kT = 0.1), and the Arrhenius fit of the sweep gives a barrier within 15% of the true height, 1.',
  // kT from 0.2 to 0.5, where barrier/kT = 2 to 5 and the exact rates give a fitted barrier of 0.96-0.99;
  // 100 walkers for 1,000 time units make ~130 crossings even at kT = 0.2 (rate 2.4e-3).
  sweep: { kTs: [0.2, 0.25, 1 / 3, 0.5], walkers: 100, steps: 20_000, lane: 0 },
}
