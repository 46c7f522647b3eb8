import { SCENARIO_VERSION } from '../scenario/types'
import { expectStatus, fmt, laneName, transitionCount } from './reading'
import type { Experiment } from './types'

const start = { kind: 'point', x: -1.5, y: 1 } as const
const HOPS = ['far less often', 'about as often', 'far more often'] as const

export const sgdAsLangevin: Experiment = {
  id: 'sgd-as-langevin',
  number: 11,
  title: 'Noisy gradient descent is a sampler',
  explanation:
    'Noisy gradient descent (SGLD) adds Gaussian noise of size sqrt(2 lr kT) to every gradient step. ' +
    'That is exactly one Euler-Maruyama step of overdamped Langevin dynamics with time step lr, so instead of ' +
    'settling in a minimum the walkers keep hopping and sample exp(-U/kT). ' +
    'Plain gradient descent from the same start simply stops in the nearest valley.',
  question: 'Is noisy gradient descent still an optimizer, or has it become a sampler?',
  state: {
    scenario: {
      version: SCENARIO_VERSION,
      surface: { kind: 'atlas', id: 'double-well', parameters: {} },
      seed: 1,
      // lr = 0.01 is a 25th of the stability limit 2/8; the O(lr) bias widens the wells by lr omega^2/2 = 4%.
      // kT = 0.5: a hop over the barrier 1 about every 1.11 exp(2) = 8 time units (Eyring-Kramers), 800 steps.
      lanes: [
        { method: 'gd', settings: { lr: 0.01 }, walkers: 1, start: { ...start } },
        { method: 'sgld', settings: { lr: 0.01, kT: 0.5 }, walkers: 100, start: { ...start } },
        { method: 'overdamped', settings: { kT: 0.5, dt: 0.01, gamma: 1 }, walkers: 100, start: { ...start } },
      ],
    },
    view: { colourScale: 'auto', basins: true, show3d: false, camera: null, speed: 10, step: 0 },
  },
  focus: 'noise',
  steps: 10_000,
  claim:
    'After 10,000 steps gradient descent sits in the left minimum, while the noisy walkers fill both valleys ' +
    'half and half, as the Boltzmann distribution does, and hop as often as overdamped Langevin walkers do: the ' +
    'same dynamics, with the same small bias of its step (wells about 4% wider than exact).',
  prediction: {
    question:
      'How often do the noisy gradient-descent walkers (Lane B) cross between the valleys, against overdamped ' +
      'Langevin (Lane C)?',
    choices: HOPS,
    // About as often: within the check's three Poisson standard errors.
    outcome: (r) => {
      const [a, b] = [r.numbers['sgld transitions'], r.numbers['overdamped transitions']]
      if (a === undefined || b === undefined) return null
      return Math.abs(a - b) < 3 * Math.sqrt(a + b) ? HOPS[1] : a < b ? HOPS[0] : HOPS[2]
    },
  },
  check(r) {
    const gd = r.lane(0)
    if (gd) {
      expectStatus(r, gd, 'minimum', null, 'a minimum')
      r.expect(
        r.note('gd x', gd.lead.x) < 0,
        `${laneName(gd)} should sit in the left minimum (x < 0); x = ${fmt(gd.lead.x)}`,
      )
    }
    const [sgld, overdamped] = [1, 2].map((k) => r.sampling(k))
    for (const lane of [sgld, overdamped]) {
      if (!lane) continue
      const { summary } = lane.s
      r.note(`${lane.frame.method} TV`, summary.tv)
      // The histogram's shape carries the O(lr) bias of both (the check may see it in a long run): the claim is the
      // shares.
      r.note(`${lane.frame.method} check TV`, summary.check.tv)
      for (const b of summary.basins) {
        // The O(lr) bias widens both wells alike: the shares stay 1/2, to three standard errors from the batches.
        r.expect(
          Math.abs(b.sampled - b.exact) < 3 * b.sampledError,
          `${laneName(lane.frame)}: basin ${b.minimum} should hold ${fmt(b.exact)} of the samples; it holds ` +
            `${fmt(b.sampled)} ± ${fmt(b.sampledError)}`,
        )
      }
    }
    if (sgld && overdamped) {
      const a = r.note('sgld transitions', transitionCount(sgld.s))
      const b = r.note('overdamped transitions', transitionCount(overdamped.s))
      // The same dynamics hops at the same rate: the counts agree within three Poisson standard errors.
      r.expect(
        a > 0 && Math.abs(a - b) < 3 * Math.sqrt(a + b),
        `noisy gradient descent should hop as often as overdamped Langevin; ${a} against ${b} crossings`,
      )
    }
  },
}
