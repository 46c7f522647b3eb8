import { SCENARIO_VERSION } from '../scenario/types'
import type { Experiment } from './types'

export const metadynamicsFreeEnergy: Experiment = {
  id: 'metadynamics-free-energy',
  number: 10,
  title: 'Metadynamics fills the valleys',
  explanation:
    'Metadynamics makes walkers drop small Gaussian hills wherever they go, so the valley they sit in slowly fills up until they spill over the pass. ' +
    'Here twenty walkers start in the deepest Müller-Brown valley, MA, whose pass is 106 above it: hopeless at kT = 10 without help. ' +
    'In the well-tempered version the hills shrink as the pile grows, and the pile converges to a copy of the landscape turned upside down: flipping it back gives the free energy.',
  question: 'How much higher than MA are the valleys MB and MC, read from the pile of hills alone?',
  state: {
    scenario: {
      version: SCENARIO_VERSION,
      surface: { kind: 'atlas', id: 'muller-brown', parameters: {} },
      seed: 1,
      lanes: [
        {
          method: 'metadynamics',
          // omega dt = 0.13 at MA. Bias factor 10: the walkers see the landscape as at 10 kT = 100, so the
          // 106 pass becomes ~11. Hills h0 = kT/10 (the map's noise grows with h0) of width 0.05 (two grid
          // spacings of 0.027), one per walker every 10 steps.
          settings: { kT: 10, dt: 2e-3, gamma: 5, height: 1, sigma: 0.05, stride: 10, biasFactor: 10, grid: 100 },
          walkers: 20,
          start: { kind: 'point', x: -0.558, y: 1.442 },
        },
      ],
    },
    view: { colourScale: 'auto', basins: false, show3d: false, camera: null, speed: 20, step: 0 },
  },
  focus: 'free-energy',
  steps: 20_000,
  claim:
    'After 20,000 steps the walkers have crossed from MA to MC and visited all three valleys, and the reconstructed free energy puts MB 38.5 and MC 65.9 above MA, each to within kT = 10.',
}
