import { SCENARIO_VERSION } from '../scenario/types'
import { expectStatus, fmt, laneChoice, laneName } from './reading'
import type { Experiment } from './types'

// Exactly on the x axis: the gradient (2x, -2y) has no y part there, ever.
const start = { kind: 'point', x: 1.5, y: 0 } as const
const LANES = [laneChoice(0, 'gd'), laneChoice(1, 'perturbed-gd'), laneChoice(2, 'sgld')]
const NONE_CAUGHT = 'none of them: every lane rolls off'

export const saddleEscape: Experiment = {
  id: 'saddle-escape',
  number: 2,
  title: 'Caught on a saddle',
  explanation:
    'On U = x^2 - y^2 the origin is a saddle: uphill along x, downhill along y. ' +
    'Gradient descent started exactly on the x axis never feels the downhill direction, because the slope there ' +
    'has no y part, so it slides into the saddle and stops as if it were a minimum. ' +
    'Perturbed gradient descent gives itself a small random kick when it stalls, and noisy gradient descent adds ' +
    'a little noise at every step: either push is enough to roll off.',
  question: 'Why does gradient descent stop at a point that is not a minimum, and what does it take to get away?',
  state: {
    scenario: {
      version: SCENARIO_VERSION,
      surface: { kind: 'atlas', id: 'strict-saddle', parameters: {} },
      seed: 1,
      lanes: [
        // x shrinks by 1 - 2 lr = 0.9 a step (limit lr < 1); y = 0 stays 0 exactly.
        { method: 'gd', settings: { lr: 0.05 }, walkers: 1, start: { ...start } },
        // Stalls once |grad U| = 2|x| <= 1e-3 (about step 76), then kicks within 0.1; y then grows 1.1x a step.
        {
          method: 'perturbed-gd',
          settings: { lr: 0.05, radius: 0.1, gThreshold: 1e-3, tThreshold: 100, fThreshold: 1e-4 },
          walkers: 8,
          start: { ...start },
        },
        // Noise sqrt(2 lr kT) = 0.03 a step: far smaller than the kicks, still enough.
        { method: 'sgld', settings: { lr: 0.05, kT: 0.01 }, walkers: 8, start: { ...start } },
      ],
    },
    view: { colourScale: 'auto', basins: false, show3d: false, camera: null, speed: 1, step: 0 },
  },
  focus: 'saddle',
  // GD is labelled 'saddle' once |grad U| < 1e-6 of the typical slope (step ~150); the kicked walkers are gone by then.
  steps: 200,
  claim:
    "After 200 steps gradient descent sits on the saddle (status 'saddle', U = 0), while every perturbed and " +
    'every noisy walker has slid downhill along y (U below -1) and run off the map: this surface has no bottom.',
  prediction: {
    question: 'After 200 steps, which lane is still caught on the saddle?',
    choices: [...LANES, NONE_CAUGHT],
    // Caught: not every walker of the lane has slid below U = -1, the check's mark of an escape. The first such lane.
    outcome: (r) => {
      const highest = [r.numbers['gd U'], r.numbers['perturbed-gd highest U'], r.numbers['sgld highest U']]
      if (highest.some((u) => u === undefined || Number.isNaN(u))) return null
      const k = highest.findIndex((u) => !(u! < -1))
      return k < 0 ? NONE_CAUGHT : LANES[k]!
    },
  },
  check(r) {
    const gd = r.lane(0)
    if (gd) {
      expectStatus(r, gd, 'saddle', null, 'the saddle')
      // U = x^2 - y^2 is 0 at the saddle; converged GD has |x| < 1e-6, so |U| < 1e-12.
      r.expect(
        Math.abs(r.note('gd U', gd.lead.u)) < 1e-6,
        `${laneName(gd)} should sit on the saddle (U = 0); U = ${fmt(gd.lead.u)}`,
      )
    }
    for (const k of [1, 2]) {
      const f = r.lane(k)
      if (!f) continue
      // U < -1 means |y| > 1: ten kick radii down the slope, so it escaped, not just jiggled.
      const highest = r.note(`${f.method} highest U`, Math.max(...f.energies))
      r.expect(
        highest < -1,
        `${laneName(f)}: every walker should have slid downhill off the saddle (U < -1); the highest is at U = ` +
          `${fmt(highest)}`,
      )
    }
  },
}
