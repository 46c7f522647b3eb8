import { SCENARIO_VERSION } from '../scenario/types'
import { fmt, rangeChoice, rangeChoices, transitionCount } from './reading'
import type { Experiment } from './types'

const start = { kind: 'point', x: -1, y: 0 } as const
/** Ranges of crossings; "none or almost none" is the check's own bound (at most 3). */
const CROSSINGS = [
  [4, 'none or almost none (0 to 3)'],
  [100, 'a few dozen (4 to 99)'],
  [1000, 'hundreds (100 to 999)'],
] as const
const MANY = 'a thousand or more'
// omega dt = sqrt(8) * 0.05 = 0.14; gamma = 1 is below critical damping (2 omega): Kramers-Langer rates.
const langevin = (kT: number) => ({
  method: 'baoab',
  settings: { kT, dt: 0.05, gamma: 1 },
  walkers: 50,
  start: { ...start },
})

export const arrhenius: Experiment = {
  id: 'arrhenius',
  number: 6,
  title: 'Temperature against barrier height',
  explanation:
    'The double well has two equal valleys separated by a hump of height 1. A walker crosses only when the ' +
    'thermal kicks happen to pile up enough energy, which gets exponentially rarer as it gets colder: the rate ' +
    'goes like exp(-barrier/kT). ' +
    'Three lanes run far below (kT = 0.1), at (kT = 1) and above (kT = 4) the barrier, and a sweep at four low ' +
    'temperatures plots ln(rate) against 1/kT: the slope of this Arrhenius plot is minus the barrier.',
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
  claim:
    'After 4,000 steps the number of crossings grows with kT across the three lanes (none or almost none at kT = ' +
    '0.1), and the Arrhenius fit of the sweep gives a barrier within 15% of the true height, 1.',
  // kT from 0.2 to 0.5, where barrier/kT = 2 to 5 and the exact rates give a fitted barrier of 0.96-0.99;
  // 100 walkers for 1,000 time units make ~130 crossings even at kT = 0.2 (rate 2.4e-3).
  sweep: { kTs: [0.2, 0.25, 1 / 3, 0.5], walkers: 100, steps: 20_000, lane: 0 },
  prediction: {
    question:
      'The coldest lane (Lane A, kT = 0.1) has 50 walkers below a hump 10 kT high. Roughly how many times do they ' +
      'cross it in 4,000 steps?',
    choices: rangeChoices(CROSSINGS, MANY),
    outcome: (r) => rangeChoice(r.numbers['transitions at kT 0.1'], CROSSINGS, MANY),
  },
  check(r) {
    const counts: number[] = []
    for (let k = 0; k < 3; k++) {
      const lane = r.sampling(k)
      if (lane) counts.push(r.note(`transitions at kT ${lane.s.kT}`, transitionCount(lane.s)))
    }
    r.expect(
      counts.length === 3 && counts[0]! < counts[1]! && counts[1]! < counts[2]!,
      `crossings should grow with kT across the three lanes; they are ${counts.join(', ')}`,
    )
    // "None or almost none" at kT = 0.1 (a barrier of 10 kT): at most a few, against the thousand or more of the hot
    // lanes.
    r.expect(
      counts.length > 0 && counts[0]! <= 3,
      `the coldest lane should see none or almost none of the crossings; it sees ${counts[0]}`,
    )
    const sweep = r.sweep
    if (!sweep) {
      r.fail('the Arrhenius sweep has not run')
      return
    }
    // Each rate from >= 30 crossings is good to 1/sqrt(30) = 18%, the fit's slope to a few per cent.
    const fewest = r.note('fewest sweep transitions', Math.min(...sweep.rates.map((p) => p.transitions)))
    r.expect(fewest >= 30, `every temperature of the sweep should see at least 30 crossings; the fewest is ${fewest}`)
    const fitted = r.note('fitted barrier', sweep.fit?.barrier ?? NaN)
    r.note('fit stderr', sweep.fit?.stderr ?? NaN)
    r.note('saddle barrier', sweep.saddleBarrier)
    // Exact double-well rates at kT 0.2-0.5 fit to 0.96-0.99 (the prefactor's curvature); 15% leaves > 5 standard
    // errors.
    r.expect(
      Math.abs(fitted - sweep.saddleBarrier) <= 0.15 * sweep.saddleBarrier,
      `the Arrhenius fit should give the barrier ${fmt(sweep.saddleBarrier)} within 15%; it gives ${fmt(fitted)}`,
    )
  },
}
