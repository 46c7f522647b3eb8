import { SCENARIO_VERSION } from '../scenario/types'
import { atlasPoint, basinsVisited, fmt, laneChoice, laneName, traceRange, transitionCount } from './reading'
import type { Experiment } from './types'

const start = { kind: 'point', x: -1, y: 0 } as const
/** The double well's hump between its valleys: its one saddle, from the atlas. */
const HUMP = atlasPoint('double-well', 'the hump (its saddle)', (p) => p.kind === 'saddle')
/** Who crosses: lane A alone, lane B alone, both, neither (the outcome's index). */
const CROSSERS = [laneChoice(0, 'nve'), laneChoice(1, 'bussi'), 'both', 'neither']

export const nveEnergy: Experiment = {
  id: 'nve-energy',
  number: 9,
  title: 'Energy conserved, energy exchanged',
  explanation:
    'Without a thermostat (NVE), a walker keeps its total energy: kinetic plus potential stays constant up to a ' +
    'tiny time-step error, so it stays on one energy contour. ' +
    'This walker starts at the bottom of the left valley with less energy than the hump between the valleys, so ' +
    'it can never cross. ' +
    'A thermostat trades energy with a heat bath: the total energy wanders up and down, and sooner or later the ' +
    'walker borrows enough to cross.',
  question: 'What does the thermostat change that lets the walker reach the other valley?',
  state: {
    scenario: {
      version: SCENARIO_VERSION,
      surface: { kind: 'atlas', id: 'double-well', parameters: {} },
      // With seed 1 the NVE walker draws K = 0.11 at kT = 0.5: below the barrier, 1.
      seed: 1,
      // omega dt = sqrt(8) * 0.02 = 0.057: velocity Verlet's energy wobbles by ~(omega dt)^2/4 = 0.08%.
      lanes: [
        { method: 'nve', settings: { kT: 0.5, dt: 0.02 }, walkers: 1, start: { ...start } },
        // The same Verlet steps plus stochastic rescaling with tau = 1, about half an oscillation period.
        { method: 'bussi', settings: { kT: 0.5, dt: 0.02, tau: 1 }, walkers: 1, start: { ...start } },
      ],
    },
    view: { colourScale: 'auto', basins: true, show3d: false, camera: null, speed: 10, step: 0 },
  },
  focus: 'energy',
  // 200 time units; at kT = 0.5 a thermostatted walker crosses about every 20 (Kramers-Langer).
  steps: 10_000,
  claim:
    "After 10,000 steps the NVE walker's total energy has stayed within 1% of its value, below the barrier, and " +
    "it never left the left valley; the thermostatted walker's total energy has wandered by more than kT and it " +
    'has crossed to the right valley.',
  prediction: {
    question: 'Which walker reaches the right-hand valley within 10,000 steps?',
    choices: CROSSERS,
    outcome: (r) => {
      const [nve, bath] = [r.numbers['NVE transitions'], r.numbers['thermostat transitions']]
      if (nve === undefined || bath === undefined) return null
      return CROSSERS[nve > 0 ? (bath > 0 ? 2 : 0) : bath > 0 ? 1 : 3]!
    },
  },
  check(r) {
    const nve = r.sampling(0)
    let nveBand = NaN
    if (nve) {
      const e = traceRange(nve.frame, 'total')
      nveBand = e.max - e.min
      r.note('NVE E', e.mean)
      // Velocity Verlet's energy wobbles by ~(omega dt)^2/4 = 0.08% of E at omega dt = 0.057: 1% is a wide margin.
      r.expect(
        r.note('NVE band/|E|', nveBand / Math.abs(e.mean)) < 0.01,
        `${laneName(nve.frame)} should conserve its energy within 1%; it varied by ` +
          `${fmt((100 * nveBand) / Math.abs(e.mean))}%`,
      )
      // The double well's hump is U = 1 above the minima at 0.
      r.expect(
        e.mean < HUMP.value,
        `${laneName(nve.frame)} should have less energy than the barrier (${fmt(HUMP.value)}); E = ${fmt(e.mean)}`,
      )
      r.expect(
        r.note('NVE transitions', transitionCount(nve.s)) === 0 && basinsVisited(nve.s) === 1,
        `${laneName(nve.frame)} should stay in its valley; it made ${transitionCount(nve.s)} crossings`,
      )
    }
    const bath = r.sampling(1)
    if (bath) {
      const e = traceRange(bath.frame, 'total')
      const band = r.note('thermostat E band', e.max - e.min)
      // Canonical E = K + U has standard deviation ~sqrt(2) kT: over 200 time units its range is several kT.
      r.expect(
        band > bath.s.kT && (Number.isNaN(nveBand) || band > nveBand),
        `${laneName(bath.frame)}: its total energy should wander by more than kT = ${bath.s.kT}; it varied by ` +
          `${fmt(band)}`,
      )
      r.expect(
        r.note('thermostat transitions', transitionCount(bath.s)) > 0 && basinsVisited(bath.s) === 2,
        `${laneName(bath.frame)} should cross to the other valley; it made ${transitionCount(bath.s)} crossings`,
      )
    }
  },
}
