import { SCENARIO_VERSION } from '../scenario/types'
import type { Experiment } from './types'

// The left deep hole (-1.048055, -0.042094).
const start = { kind: 'point', x: -1.048, y: -0.042 } as const

export const threeHoleChannels: Experiment = {
  id: 'three-hole-channels',
  number: 12,
  title: 'Which pass? It depends on the temperature',
  explanation:
    'Two deep holes are joined by two routes: a direct pass below them (2.61 above the holes) and a detour over two lower passes (2.35) through a shallow third hole. ' +
    'When it is cold, the small difference in height decides, and walkers cross each detour pass more often than the direct one. ' +
    'When it is warm the heights matter less, and the direct pass, steeper at the top and so quicker to cross, takes over.',
  question: 'Which pass do the walkers use most, and does the answer change with temperature?',
  state: {
    scenario: {
      version: SCENARIO_VERSION,
      surface: { kind: 'atlas', id: 'three-hole', parameters: {} },
      seed: 1,
      // omega dt = 3.68 * 0.05 = 0.18. Harmonic rate theory (Kramers-Langer, gamma = 1): direct/detour-pass
      // crossing ratio 0.62 at kT = 0.4 and 1.05 at kT = 2. The cold lane needs 400 walkers for ~500 direct crossings.
      lanes: [
        { method: 'baoab', settings: { kT: 0.4, dt: 0.05, gamma: 1 }, walkers: 400, start: { ...start } },
        { method: 'baoab', settings: { kT: 2, dt: 0.05, gamma: 1 }, walkers: 100, start: { ...start } },
      ],
    },
    view: { colourScale: 'auto', basins: true, show3d: false, camera: null, speed: 20, step: 0 },
  },
  focus: 'channels',
  steps: 25_000,
  claim:
    'After 25,000 steps, at kT = 0.4 each upper (detour) pass has been crossed clearly more often than the direct pass, and at kT = 2 the direct pass more often than either upper pass (each by more than three standard errors of the counts).',
}
