import { PLATEAU } from '../dynamics/status'
import { SCENARIO_VERSION } from '../scenario/types'
import { expectStatus, fmt, laneChoice, laneName } from './reading'
import type { Experiment } from './types'

// On the flat ridge through the surface's nearly flat maximum (1.485, -1.915), 0.14 from it:
// |grad U| = 7.6e-4 there, 2e-4 of the surface's typical slope (3.6).
const start = { kind: 'point', x: 1.36, y: -1.98 } as const
const LANES = [laneChoice(0, 'gd'), laneChoice(1, 'momentum'), laneChoice(2, 'adam')]
const ALL_ARRIVE = 'none of them: all three reach a well'

export const plateau: Experiment = {
  id: 'plateau',
  number: 3,
  title: 'Lost on a plateau',
  explanation:
    'Far from its three wells the dihedral surface is almost flat: here the slope is a five-thousandth of its ' +
    'typical slope. ' +
    'Gradient descent takes steps in proportion to the slope, so on this plateau it barely moves. ' +
    'Momentum gathers speed from many small pushes, and Adam divides the gradient by its own size, so both keep ' +
    'walking and reach a well.',
  question: 'Why does gradient descent hardly move here, although the ground is not perfectly flat?',
  state: {
    scenario: {
      version: SCENARIO_VERSION,
      surface: { kind: 'atlas', id: 'dihedral', parameters: {} },
      seed: 1,
      lanes: [
        // A seventh of the stability limit 2/13.4 = 0.15 set by the alpha-R well: the same step for all three.
        { method: 'gd', settings: { lr: 0.02 }, walkers: 1, start: { ...start } },
        // mu = 0.9 multiplies a steady push by 1/(1 - mu) = 10.
        { method: 'momentum', settings: { lr: 0.02, momentum: 0.9 }, walkers: 1, start: { ...start } },
        // Adam's step is about lr whatever the slope.
        { method: 'adam', settings: { lr: 0.02 }, walkers: 1, start: { ...start } },
      ],
    },
    view: { colourScale: 'auto', basins: false, show3d: false, camera: null, speed: 2, step: 0 },
  },
  focus: 'plateau',
  // GD moves lr |grad U| ~ 2e-5 a step: it is labelled 'plateau' from step ~250 to ~2,800.
  steps: 1000,
  claim:
    "After 1,000 steps gradient descent is labelled 'plateau' and has moved less than 0.1 rad, while momentum " +
    'and Adam, started at the same point, have reached a minimum.',
  prediction: {
    question: 'All three start on the plateau with the same step size. After 1,000 steps, which lane is still there?',
    choices: [...LANES, ALL_ARRIVE],
    // Still there: not at a minimum. The first such lane.
    outcome: (r) => {
      const frames = [0, 1, 2].map((k) => r.lane(k))
      if (frames.some((f) => !f)) return null
      const k = frames.findIndex((f) => f!.lead.status !== 'minimum')
      return k < 0 ? ALL_ARRIVE : LANES[k]!
    },
  },
  check(r) {
    const gd = r.lane(0)
    const start = r.experiment.state.scenario.lanes[0]?.start
    if (gd && start?.kind === 'point') {
      expectStatus(r, gd, 'plateau', null, 'a plateau')
      // GD moves lr |grad U| <= 0.02 * PLATEAU * 3.6 = 7e-5 a step on the plateau: at most 0.07 in 1,000 steps.
      const moved = r.note('gd moved', Math.hypot(gd.lead.x - start.x, gd.lead.y - start.y))
      r.expect(moved < 0.1, `${laneName(gd)} should barely move (less than 0.1 rad); it moved ${fmt(moved)}`)
      const slope = r.note('gd |grad U| / typical', gd.lead.gradNorm / gd.lead.typicalGradient)
      r.expect(
        slope < PLATEAU,
        `${laneName(gd)} should feel a slope under ${PLATEAU} of the typical one; it feels ${fmt(slope)}`,
      )
    }
    for (const k of [1, 2]) {
      const f = r.lane(k)
      if (f) expectStatus(r, f, 'minimum', null, 'a minimum')
    }
  },
}
