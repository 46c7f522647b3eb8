import { SCENARIO_VERSION } from '../scenario/types'
import type { Experiment } from './types'

// Rosenbrock's classic start, on the far side of the curved valley.
const start = { kind: 'point', x: -1.2, y: 1 } as const

export const rosenbrockValley: Experiment = {
  id: 'rosenbrock-valley',
  number: 4,
  title: "Crawling along Rosenbrock's valley",
  explanation:
    "Rosenbrock's minimum at (1, 1) lies at the end of a long, narrow, curved valley. " +
    'The walls are so steep that gradient descent needs a tiny step to stay stable, and with that tiny step it crawls along the almost flat valley floor. ' +
    'Momentum picks up speed along the floor but overshoots; Adam rescales each direction by the size of its gradient; Newton uses the curvature and jumps almost straight to the minimum.',
  question: 'Which method reaches (1, 1) first, and why does gradient descent fall so far behind?',
  state: {
    scenario: {
      version: SCENARIO_VERSION,
      surface: { kind: 'atlas', id: 'rosenbrock', parameters: {} },
      seed: 1,
      lanes: [
        // A quarter of the stability limit 2/1001.6 = 2e-3; on the floor y = x^2 it shrinks 1 - x by at most 2 lr = 1e-3 a step.
        { method: 'gd', settings: { lr: 5e-4 }, walkers: 1, start: { ...start } },
        // The same step with mu = 0.9: stable below 2 (1 + mu)/1001.6 = 3.8e-3, but underdamped across the valley.
        { method: 'momentum', settings: { lr: 5e-4, momentum: 0.9 }, walkers: 1, start: { ...start } },
        // Steps of about lr in each direction whatever the curvature.
        { method: 'adam', settings: { lr: 0.01 }, walkers: 1, start: { ...start } },
        // The full Newton step: exact for a quadratic, and Rosenbrock is quartic in x only.
        { method: 'newton', settings: { lr: 1, damping: 0 }, walkers: 1, start: { ...start } },
      ],
    },
    view: { colourScale: 'auto', basins: false, show3d: false, camera: null, speed: 3, step: 0 },
  },
  focus: 'valley',
  steps: 3000,
  claim:
    'After 3,000 steps Newton has sat at the minimum since its first few steps, momentum has reached it after climbing back uphill at least once (an overshoot), Adam is close, ' +
    'and gradient descent, whose energy only ever went down, is still crawling along the valley floor (U about 0.16).',
}
