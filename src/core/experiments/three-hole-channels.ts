import type { SamplingFrame } from '../run/frame'
import { SCENARIO_VERSION } from '../scenario/types'
import { fmt, laneName } from './reading'
import type { Experiment } from './types'

// The left deep hole (-1.048055, -0.042094).
const start = { kind: 'point', x: -1.048, y: -0.042 } as const
const PASSES = ['the direct pass', 'each detour pass', 'about equally'] as const

export const threeHoleChannels: Experiment = {
  id: 'three-hole-channels',
  number: 12,
  title: 'Which pass? It depends on the temperature',
  explanation:
    'Two deep holes are joined by two routes: a direct pass below them (2.61 above the holes) and a detour over ' +
    'two lower passes (2.35) through a shallow third hole. ' +
    'When it is cold, the small difference in height decides, and walkers cross each detour pass more often than ' +
    'the direct one. ' +
    'When it is warm the heights matter less, and the direct pass, steeper at the top and so quicker to cross, ' +
    'takes over.',
  question: 'Which pass do the walkers use most, and does the answer change with temperature?',
  state: {
    scenario: {
      version: SCENARIO_VERSION,
      surface: { kind: 'atlas', id: 'three-hole', parameters: {} },
      seed: 1,
      // omega dt = 3.68 * 0.05 = 0.18. Harmonic rate theory (Kramers-Langer, gamma = 1): direct/detour-pass
      // crossing ratio 0.62 at kT = 0.4 and 1.05 at kT = 2. The cold lane needs 400 walkers for ~500 direct crossings.
      lanes: [
        { method: 'baoab', settings: { kT: 0.4, dt: 0.05, gamma: 1 }, walkers: 400, start: { ...start } },
        { method: 'baoab', settings: { kT: 2, dt: 0.05, gamma: 1 }, walkers: 100, start: { ...start } },
      ],
    },
    view: { colourScale: 'auto', basins: true, show3d: false, camera: null, speed: 20, step: 0 },
  },
  focus: 'channels',
  steps: 25_000,
  claim:
    'After 25,000 steps, at kT = 0.4 each upper (detour) pass has been crossed clearly more often than the ' +
    'direct pass, and at kT = 2 the direct pass more often than either upper pass (each by more than three ' +
    'standard errors of the counts).',
  prediction: {
    question: 'In the cold lane (Lane A, kT = 0.4), which pass do the walkers cross more often?',
    choices: PASSES,
    // More often: by more than the check's three standard errors of the counts.
    outcome: (r) => {
      const [direct, upper, ratio] = ['direct crossings', 'upper crossings', 'direct/upper ratio'].map(
        (name) => r.numbers[`${name} at kT 0.4`],
      )
      if (direct === undefined || upper === undefined || ratio === undefined) return null
      const error = ratio * Math.sqrt(1 / direct + 1 / upper)
      return ratio > 1 + 3 * error ? PASSES[0] : ratio < 1 - 3 * error ? PASSES[1] : PASSES[2]
    },
  },
  check(r) {
    for (const [k, colder] of [
      [0, true],
      [1, false],
    ] as const) {
      const lane = r.sampling(k)
      if (!lane) continue
      const c = channelRatio(lane.s)
      if (!c) {
        r.fail(
          `${laneName(lane.frame)} should see the three-hole surface's three minima and three saddles, the ` +
            `direct pass last; it sees ${lane.s.transitions.minima} minima and ${lane.s.transitions.saddles} ` +
            `saddles`,
        )
        continue
      }
      const at = `kT ${lane.s.kT}`
      r.note(`direct crossings at ${at}`, c.direct)
      r.note(`upper crossings at ${at}`, c.upper)
      r.note(`direct/upper ratio at ${at}`, c.ratio)
      // Three standard errors of the counts away from 1: the switch is not counting noise.
      if (colder)
        r.expect(
          c.ratio < 1 - 3 * c.error,
          `at ${at} the upper passes should each be crossed more often than the direct one; direct/upper = ` +
            `${fmt(c.ratio)} ± ${fmt(c.error)} (${c.direct} against ${c.upper} over two passes)`,
        )
      else
        r.expect(
          c.ratio > 1 + 3 * c.error,
          `at ${at} the direct pass should be crossed more often than an upper pass; direct/upper = ` +
            `${fmt(c.ratio)} ± ${fmt(c.error)} (${c.direct} against ${c.upper} over two passes)`,
        )
    }
  },
}

/**
 * Crossings of each saddle over all pairs of basins (each transition is credited to the saddle it
 * crossed last), and the direct pass's count over the mean of the two upper passes' with its Poisson
 * standard error. On the three-hole surface the saddles sorted by value are the two upper passes
 * (-1.6467) and then the direct pass (-1.3846).
 */
function channelRatio(s: SamplingFrame): { direct: number; upper: number; ratio: number; error: number } | null {
  const { minima: m, saddles, channels } = s.transitions
  if (m !== 3 || saddles !== 3) return null
  const crossings = (k: number) => channels.reduce((t, c, i) => (i % saddles === k ? t + c : t), 0)
  // Transitions between the two deep holes (minima 0 and 1) arrive mostly through the direct pass (a detour
  // that skips the shallow hole's core is credited to the upper pass it crossed last): if saddle 2 does not
  // carry most of them, the order is not the one assumed here.
  // Pairs 0 -> 1 and 1 -> 0 sit at index 1 and m of the (i m + j) layout.
  const deep = (k: number) => channels[1 * saddles + k]! + channels[m * saddles + k]!
  if (deep(2) <= Math.max(deep(0), deep(1))) return null
  const direct = crossings(2)
  const upper = crossings(0) + crossings(1)
  const ratio = direct / (upper / 2)
  return { direct, upper, ratio, error: ratio * Math.sqrt(1 / direct + 1 / upper) }
}
