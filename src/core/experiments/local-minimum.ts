import { SCENARIO_VERSION } from '../scenario/types'
import { atlasPoint, expectStatus, fmt, laneName, nearestChoice, transitionCount } from './reading'
import type { Experiment } from './types'

const start = { kind: 'point', x: 0, y: 0.5 } as const
/** Müller-Brown's shallow minimum (Müller & Brown 1979, from the atlas), basin 2 in the engine's order. */
const MC = atlasPoint('muller-brown', 'MC')
/** The three valleys as the map names them, with their minima's values: where gradient descent can stop. */
const VALLEYS = [
  ['MA (the deepest)', atlasPoint('muller-brown', 'MA').value],
  ['MB', atlasPoint('muller-brown', 'MB').value],
  ['MC (the shallowest)', MC.value],
] as const

export const localMinimum: Experiment = {
  id: 'local-minimum',
  number: 1,
  title: 'Stuck in a valley: gradient descent against Langevin dynamics',
  explanation:
    'Gradient descent always walks downhill, so on the Müller-Brown surface it stops in the first valley it ' +
    'reaches, the shallow minimum MC. ' +
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
  claim:
    'After 5,000 steps gradient descent is labelled a local minimum at MC (U = -80.77), and the Langevin walkers ' +
    'have visited MA, the global minimum.',
  prediction: {
    question: 'Gradient descent (Lane A) starts at (0, 0.5), on the slope between the valleys. Where does it stop?',
    choices: VALLEYS.map(([choice]) => choice),
    outcome: (r) => nearestChoice(r.numbers['gd U'], VALLEYS),
  },
  check(r) {
    const gd = r.lane(0)
    if (gd) {
      expectStatus(r, gd, 'minimum', 'local', 'a local minimum')
      // MC's value to the atlas's 4 decimals; GD converges to ~1e-6 |grad U| scale, far inside 0.01.
      r.expect(
        Math.abs(r.note('gd U', gd.lead.u) - MC.value) < 0.01,
        `${laneName(gd)} should stop in MC (U = ${fmt(MC.value, 5)}); U = ${fmt(gd.lead.u, 6)}`,
      )
    }
    const lv = r.sampling(1)
    if (lv) {
      const ma = r.note('MA share', lv.s.summary.basins[0]?.sampled ?? 0)
      r.note('transitions', transitionCount(lv.s))
      r.expect(
        ma > 0,
        `${laneName(lv.frame)} should have visited MA (basin 0, the global minimum); it spent no time there`,
      )
    }
  },
}
