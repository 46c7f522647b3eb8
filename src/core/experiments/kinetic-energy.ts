import type { LaneFrame, SamplingFrame } from '../run/frame'
import { SCENARIO_VERSION } from '../scenario/types'
import { fmt, laneChoice, laneName, sum } from './reading'
import type { Experiment } from './types'

const start = { kind: 'point', x: -1, y: 0 } as const
const LANES = [laneChoice(0, 'berendsen'), laneChoice(1, 'bussi'), laneChoice(2, 'baoab')]
const NONE_WRONG = 'none of them'

export const kineticEnergy: Experiment = {
  id: 'kinetic-energy',
  number: 7,
  title: 'Right average, wrong spread: Berendsen against Bussi and Langevin',
  explanation:
    'A thermostat should make the kinetic energy K fluctuate the way it does at temperature kT: for one particle ' +
    'moving in 2D, K follows an exponential law with mean kT and spread kT. ' +
    'The Berendsen thermostat nudges the speed toward kT at every step, which gets the average right but ' +
    'squeezes out the fluctuations. ' +
    "Bussi's thermostat rescales the speed by a random factor chosen to reproduce the exact law, and Langevin " +
    'dynamics gets it from friction and random kicks.',
  question: 'All three thermostats give an average kinetic energy of kT: which of them also give the right spread?',
  state: {
    scenario: {
      version: SCENARIO_VERSION,
      surface: { kind: 'atlas', id: 'double-well', parameters: {} },
      seed: 1,
      // omega dt = sqrt(8) * 0.02 = 0.057: on-step velocities of BAOAB read low by omega^2 dt^2 / 4 = 0.08%.
      // The same relaxation time 0.1 (five steps) for both rescaling thermostats: strong coupling.
      lanes: [
        { method: 'berendsen', settings: { kT: 1, dt: 0.02, tau: 0.1 }, walkers: 100, start: { ...start } },
        { method: 'bussi', settings: { kT: 1, dt: 0.02, tau: 0.1 }, walkers: 100, start: { ...start } },
        { method: 'baoab', settings: { kT: 1, dt: 0.02, gamma: 1 }, walkers: 100, start: { ...start } },
      ],
    },
    view: { colourScale: 'auto', basins: false, show3d: false, camera: null, speed: 10, step: 0 },
  },
  focus: 'kinetic',
  // 200 time units; Langevin's K forgets itself in 1/(2 gamma) = 0.5, so 100 walkers give ~2e4 independent values.
  steps: 10_000,
  claim:
    "After 10,000 steps Berendsen's kinetic-energy histogram is a narrow peak near kT (variance far below kT^2), " +
    "while Bussi's and Langevin's follow the exact exponential exp(-K/kT)/kT, with variance within 15% of kT^2.",
  prediction: {
    question: 'All three give the right average kinetic energy. Which one gets its spread wrong?',
    choices: [...LANES, NONE_WRONG],
    // Wrong: Var K off kT^2 by more than the check's 15%; the furthest off of them.
    outcome: (r) => {
      const off = ['berendsen', 'bussi', 'baoab'].map((m) => Math.abs((r.numbers[`${m} var/kT^2`] ?? NaN) - 1))
      if (off.some(Number.isNaN)) return null
      const worst = Math.max(...off)
      return worst > 0.15 ? LANES[off.indexOf(worst)]! : NONE_WRONG
    },
  },
  check(r) {
    const berendsen = r.sampling(0)
    if (berendsen) {
      const law = kineticLaw(berendsen.frame, berendsen.s)
      const kT2 = berendsen.s.kT ** 2
      r.note('berendsen <K>/kT', law.mean / berendsen.s.kT)
      r.note('berendsen var/kT^2', law.variance / kT2)
      // The peak is near kT: Berendsen rescales <K> to kT (its mean is right, its spread is not).
      r.expect(
        Math.abs(law.mean / berendsen.s.kT - 1) < 0.1,
        `${laneName(berendsen.frame)}'s kinetic energy should peak near kT (<K> within 10%); <K> = ` +
          `${fmt(law.mean / berendsen.s.kT)} kT`,
      )
      r.note('berendsen TV', law.tv)
      // Canonical: Var K = kT^2 (N_f = 2). Half of it is far outside the canonical spread (2% at N_eff = 2e4).
      r.expect(
        law.variance < 0.5 * kT2,
        `${laneName(berendsen.frame)} should squeeze the kinetic energy (Var K < 0.5 kT^2); Var K = ` +
          `${fmt(law.variance / kT2)} kT^2`,
      )
    }
    for (const k of [1, 2]) {
      const lane = r.sampling(k)
      if (!lane) continue
      const name = laneName(lane.frame)
      const kT = lane.s.kT
      const law = kineticLaw(lane.frame, lane.s)
      r.note(`${lane.frame.method} <K>/kT`, law.mean / kT)
      r.note(`${lane.frame.method} var/kT^2`, law.variance / kT ** 2)
      r.note(`${lane.frame.method} TV`, law.tv)
      // Standard errors at N_eff >= 2e4: 0.7% for <K>, sqrt(8/N) = 2% for Var K; 5% and 15% are > 7 of them.
      r.expect(
        Math.abs(law.mean / kT - 1) < 0.05,
        `${name}: <K> should be kT within 5%; it is ${fmt(law.mean / kT)} kT`,
      )
      r.expect(
        Math.abs(law.variance / kT ** 2 - 1) < 0.15,
        `${name}: Var K should be kT^2 within 15%; it is ${fmt(law.variance / kT ** 2)} kT^2`,
      )
      r.expect(
        law.tv < law.bound,
        `${name}: the kinetic-energy histogram should match exp(-K/kT)/kT (TV < ${fmt(law.bound)}); TV = ` +
          `${fmt(law.tv)}`,
      )
    }
  },
}

/** K moments from the run's report and the histogram's total variation from the exact exp(-K/kT)/kT. */
function kineticLaw(f: LaneFrame, s: SamplingFrame): { mean: number; variance: number; tv: number; bound: number } {
  const k = s.kinetic
  if (!k) return { mean: NaN, variance: NaN, tv: NaN, bound: NaN }
  const n = sum(k.counts) + k.above
  const width = k.max / k.counts.length
  const exact = k.counts.map((_, i) => Math.exp((-i * width) / s.kT) - Math.exp((-(i + 1) * width) / s.kT))
  exact.push(Math.exp(-k.max / s.kT))
  const observed = [...k.counts, k.above]
  const tv = 0.5 * observed.reduce((t, c, i) => t + Math.abs(c / n - exact[i]!), 0)
  // 100 walkers x 200 time units with K forgetting itself within 1/(2 gamma) = 0.5 (Langevin) or tau = 0.1 (Bussi):
  // >= 20,000 independent K. A perfect sampler of a quarter of that (5,000) has mean TV sum sqrt(p/(2 pi N)) = 0.025;
  // twice that is the bound.
  const bound = 2 * exact.reduce((t, p) => t + Math.sqrt(p / (2 * Math.PI * 5000)), 0)
  return { mean: f.report.meanKinetic ?? NaN, variance: f.report.kineticVariance ?? NaN, tv, bound }
}
