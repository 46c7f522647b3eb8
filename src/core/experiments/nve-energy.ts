import { SCENARIO_VERSION } from '../scenario/types'
import type { Experiment } from './types'

const start = { kind: 'point', x: -1, y: 0 } as const

export const nveEnergy: Experiment = {
  id: 'nve-energy',
  number: 9,
  title: 'Energy conserved, energy exchanged',
  explanation:
    'Without a thermostat (NVE), a walker keeps its total energy: kinetic plus potential stays constant up to a tiny time-step error, so it stays on one energy contour. ' +
    'This walker starts at the bottom of the left valley with less energy than the hump between the valleys, so it can never cross. ' +
    'A thermostat trades energy with a heat bath: the total energy wanders up and down, and sooner or later the walker borrows enough to cross.',
  question: 'What does the thermostat change that lets the walker reach the other valley?',
  state: {
    scenario: {
      version: SCENARIO_VERSION,
      surface: { kind: 'atlas', id: 'double-well', parameters: {} },
      // With seed 1 the NVE walker draws K = 0.11 at kT = 0.5: below the barrier, 1.
      seed: 1,
      // omega dt = sqrt(8) * 0.02 = 0.057: velocity Verlet's energy wobbles by ~(omega dt)^2/4 = 0.08%.
      lanes: [
        { method: 'nve', settings: { kT: 0.5, dt: 0.02 }, walkers: 1, start: { ...start } },
        // The same Verlet steps plus stochastic rescaling with tau = 1, about half an oscillation period.
        { method: 'bussi', settings: { kT: 0.5, dt: 0.02, tau: 1 }, walkers: 1, start: { ...start } },
      ],
    },
    view: { colourScale: 'auto', basins: true, show3d: false, camera: null, speed: 10, step: 0 },
  },
  focus: 'energy',
  // 200 time units; at kT = 0.5 a thermostatted walker crosses about every 20 (Kramers-Langer).
  steps: 10_000,
  claim:
    "After 10,000 steps the NVE walker's total energy has stayed within 1% of its value, below the barrier, and it never left the left valley; the thermostatted walker's total energy has wandered by more than kT and it has crossed to the right valley.",
}
