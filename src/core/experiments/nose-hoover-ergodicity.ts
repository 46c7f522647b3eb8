import { SCENARIO_VERSION } from '../scenario/types'
import { fmt, laneChoice, laneName } from './reading'
import type { Experiment } from './types'

// One walker off the centre: its random starting velocity gives it angular momentum.
const start = { kind: 'point', x: 1, y: 0 } as const
const LANES = [laneChoice(0, 'nose-hoover'), laneChoice(1, 'nose-hoover-chain'), laneChoice(2, 'baoab')]
const NONE_FAIL = 'none of them'

export const noseHooverErgodicity: Experiment = {
  id: 'nose-hoover-ergodicity',
  number: 8,
  title: 'Nosé-Hoover is not ergodic; the chain is',
  explanation:
    'A Nosé-Hoover thermostat is a friction that turns negative when the walker is too cold: deterministic, and ' +
    'the average temperature comes out right. ' +
    'On a simple harmonic well, here (x^2 + 2 y^2)/2, a lone walker driven by it keeps tracing a few regular ' +
    'orbits and never fills the Boltzmann density. ' +
    'A chain of thermostats, each one thermostatting the one before, stirs the motion enough to cover the whole ' +
    'density, as Langevin dynamics does.',
  question: 'Is a thermostat that gets the average temperature right enough to sample the right distribution?',
  state: {
    scenario: {
      version: SCENARIO_VERSION,
      // omega_y = sqrt(2) omega_x: anisotropic, so angular momentum is not conserved (on an isotropic
      // well a scalar friction keeps L e^eta and even the chain stays on a line).
      surface: {
        kind: 'formula',
        text: '(x^2 + 2*y^2)/2',
        parameters: {},
        domain: { xmin: -4, xmax: 4, ymin: -4, ymax: 4 },
      },
      seed: 1,
      // omega dt = sqrt(2) * 0.05 = 0.07; tau = 1 = 1/omega_x, the well's own time scale.
      lanes: [
        { method: 'nose-hoover', settings: { kT: 1, dt: 0.05, tau: 1 }, walkers: 1, start: { ...start } },
        {
          method: 'nose-hoover-chain',
          settings: { kT: 1, dt: 0.05, tau: 1, chain: 3, substeps: 3 },
          walkers: 1,
          start: { ...start },
        },
        { method: 'baoab', settings: { kT: 1, dt: 0.05, gamma: 1 }, walkers: 1, start: { ...start } },
      ],
    },
    view: { colourScale: 'auto', basins: false, show3d: false, camera: null, speed: 40, step: 0 },
  },
  focus: 'density',
  // 2,000 time units, about 320 periods of the slow x oscillation.
  steps: 40_000,
  claim:
    "After 40,000 steps the Nosé-Hoover walker's histogram differs from the exact Boltzmann density by more than " +
    "its own noise allows (the check calls it inconsistent with exact sampling), while the chain's and " +
    "Langevin's are consistent with it.",
  prediction: {
    question: "Which lane's walker fails to fill the Boltzmann density?",
    choices: [...LANES, NONE_FAIL],
    // Fails: the sampler check finds it inconsistent with exact sampling; the furthest off (TV) of those.
    outcome: (r) => {
      const lanes = [0, 1, 2].map((k) => r.sampling(k))
      if (lanes.some((l) => !l)) return null
      const tvs = lanes.map((l) => (l!.s.summary.check.consistent === false ? l!.s.summary.tv : -1))
      const worst = Math.max(...tvs)
      return worst < 0 ? NONE_FAIL : LANES[tvs.indexOf(worst)]!
    },
  },
  check(r) {
    const [nh, chain, langevin] = [0, 1, 2].map((k) => r.sampling(k))
    // The check: shapes within the basins and basin populations against the exact ones, on the run's own batches.
    if (nh) {
      const check = nh.s.summary.check
      r.note('NH TV', nh.s.summary.tv)
      r.note('NH check TV', check.tv)
      r.note('NH check bound', check.tvBound)
      r.expect(
        check.consistent === false,
        `${laneName(nh.frame)} should be found inconsistent with exact sampling; the check says: ${check.reasons[0]}`,
      )
    }
    for (const lane of [chain, langevin]) {
      if (!lane) continue
      const check = lane.s.summary.check
      r.note(`${lane.frame.method} TV`, lane.s.summary.tv)
      r.note(`${lane.frame.method} check TV`, check.tv)
      r.expect(
        check.consistent === true,
        `${laneName(lane.frame)} should be consistent with exact sampling; the check says: ${check.reasons[0]}`,
      )
    }
    if (nh && chain)
      r.expect(
        nh.s.summary.tv > chain.s.summary.tv,
        `Nosé-Hoover's TV (${fmt(nh.s.summary.tv)}) should be above the chain's (${fmt(chain.s.summary.tv)})`,
      )
  },
}
