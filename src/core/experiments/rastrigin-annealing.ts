import { SCENARIO_VERSION } from '../scenario/types'
import type { Experiment } from './types'

const start = { kind: 'point', x: 3.2, y: -2.8 } as const

export const rastriginAnnealing: Experiment = {
  id: 'rastrigin-annealing',
  number: 5,
  title: 'Rastrigin: annealing and parallel tempering',
  explanation:
    "Rastrigin's surface is an egg carton on a bowl: a dip near every point with whole-number coordinates, each fenced by barriers of about 20, and the lowest dip at the centre. " +
    'Gradient descent stops in the nearest dip. Simulated annealing starts hot and cools slowly, so walkers hop while they can before they freeze. ' +
    'Parallel tempering runs copies at a ladder of temperatures that swap places now and then, so the cold copies inherit the hops of the hot ones.',
  question: 'Which walkers make their way toward the centre, and why does plain Langevin dynamics at the cold temperature stay where it started?',
  state: {
    scenario: {
      version: SCENARIO_VERSION,
      surface: { kind: 'atlas', id: 'rastrigin', parameters: {} },
      seed: 1,
      lanes: [
        // A fifth of the stability limit 2/396.8 = 5e-3.
        { method: 'gd', settings: { lr: 1e-3 }, walkers: 1, start: { ...start } },
        // kT = 20 is the ripple barrier (~20): free hopping. Geometric cooling by 0.8 every 1,000 steps (10 time units)
        // reaches kT end = 0.5 at step 17,000. omega dt = 19.9 * 0.01 = 0.2.
        {
          method: 'baoab',
          settings: { kT: 20, dt: 0.01, gamma: 1, anneal: 'geometric', kTEnd: 0.5, annealSteps: 1000, alpha: 0.8 },
          walkers: 50,
          start: { ...start },
        },
        // Cold rung kT = 2 (a tenth of the barrier: no hops alone) to kTMax = 20; six rungs a factor 1.58 apart
        // keep neighbouring energy distributions overlapping. 48 walkers = 8 ensembles of 6.
        { method: 'parallel-tempering', settings: { kT: 2, kTMax: 20, replicas: 6, swapEvery: 10, dt: 0.01, gamma: 1 }, walkers: 48, start: { ...start } },
        // The cold rung alone, one walker per ensemble: hops at ~exp(-20/2) per unit time, never in this run.
        { method: 'baoab', settings: { kT: 2, dt: 0.01, gamma: 1 }, walkers: 8, start: { ...start } },
      ],
    },
    view: { colourScale: 'auto', basins: false, show3d: false, camera: null, speed: 20, step: 0 },
  },
  focus: 'replicas',
  steps: 20_000,
  claim:
    'After 20,000 steps gradient descent sits in a local minimum (U = 17.9) and the annealed walkers have frozen in dips near the centre (mean U under 10); ' +
    "every rung of the parallel-tempering ladder swaps, and its cold replicas spend roughly the Boltzmann share of their time (about 16%) in the central basin, which plain Langevin at the same kT = 2 never reached.",
}
