import { ab13 } from '../../systems/ab-2d'
import { descentFromRandomStarts } from '../../systems/descent'
import { searchMinima } from '../../systems/search'
import { fmt, rangeChoice, rangeChoices } from '../reading'
import { presetNumber, SystemReading, type SystemExperiment, type SystemPreset } from './types'

/** Ranges of the share of descents that reach the folded ground state. */
const SHARES = [
  [0.005, 'none or almost none'],
  [0.1, 'a few, under 10%'],
  [0.5, 'some, under half'],
] as const
const MOST = 'most of them'

const preset: SystemPreset = {
  // L-BFGS to a gradient of 1e-7 from seeded random chains (angles uniform, no overlapping beads).
  starts: 200,
  descentSeed: 1,
  // Simulated annealing: BAOAB in the eleven turning angles, kT lowered linearly from 1 to 0.01.
  walkers: 8,
  steps: 100_000,
  kT: 1,
  kTEnd: 0.01,
  annealSeed: 1,
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}

export const ab13DescentVsAnnealing: SystemExperiment = {
  id: 'ab13-descent-vs-annealing',
  number: 3,
  title: 'Gradient descent folds a protein into a mess; annealing does better',
  system: 'ab-2d-13',
  explanation:
    'The AB chain is a toy protein of 13 beads in a plane: A beads attract each other, B beads weakly, A and B ' +
    'repel, and bending costs a little. Its energy in its eleven angles has hundreds of minima. Two hundred ' +
    'chains thrown down at random and slid downhill (L-BFGS) each stop in the nearest one: a spread of energies ' +
    'far above the folded ground state. Eight chains cooled slowly from kT = 1 (simulated annealing) settle much ' +
    'lower, because while warm they still cross the small barriers.',
  question: 'How low do descent and annealing get, measured against the folded ground state?',
  focus: 'minima',
  preset,
  walkerSteps: 8 * 100_000,
  claim:
    'No descent reaches the ground state (-3.294); the median descent ends near -0.5. At least 7 of the 8 ' +
    'annealed chains end below the descents\u2019 median (a sign test: 3.5% if annealing were no better).',
  prediction: {
    question: 'Of 200 random chains slid straight downhill, how many end in the folded ground state?',
    choices: rangeChoices(SHARES, MOST),
    outcome: (r) => rangeChoice(r.numbers['share of descents at the ground state'], SHARES, MOST),
  },
  run(changes) {
    const n = (name: string) => presetNumber(preset, changes, name)
    const r = new SystemReading()
    const descent = descentFromRandomStarts(ab13, {
      method: 'lbfgs',
      starts: n('starts'),
      seed: n('descentSeed'),
      settings: { gtol: 1e-7 },
    })
    const ended = Array.from(descent.energies)
    r.note('ground state', ab13.minima[0]!.energy)
    r.note('descents at a minimum', descent.minimum)
    r.note('share of descents at the ground state', descent.atGlobal / n('starts'))
    r.note('lowest descent', Math.min(...ended))
    r.note('median descent', median(ended))
    const steps = n('steps')
    const annealed = searchMinima(ab13, {
      method: 'annealing',
      budget: steps,
      seed: n('annealSeed'),
      walkers: n('walkers'),
      settings: { kT: n('kT'), kTEnd: n('kTEnd') },
      // One quench of every chain at the end of the cooling.
      quenchEvery: steps,
    })
    const finals: number[] = []
    for (const m of annealed.minima) for (let k = 0; k < m.count; k++) finals.push(m.energy)
    r.note('annealed chains quenched', finals.length)
    r.note('annealed chains below the descents median', finals.filter((e) => e < median(ended)).length)
    r.note('highest annealed', Math.max(...finals))
    r.note('median annealed', median(finals))
    r.note('lowest annealed', Math.min(...finals))
    return r
  },
  check(r) {
    const v = (name: string) => r.numbers[name] ?? NaN
    const starts = v('descents at a minimum')
    r.expect(starts === presetNumber(preset, undefined, 'starts'), `every descent should stop in a minimum`)
    r.expect(
      v('share of descents at the ground state') === 0,
      `no random descent should reach the ground state; ${fmt(100 * v('share of descents at the ground state'))}% do`,
    )
    r.expect(v('annealed chains quenched') === presetNumber(preset, undefined, 'walkers'), 'every annealed chain ends')
    // A sign test: were annealing no better than descent, each annealed chain would end below the descents'
    // median with probability 1/2, and 7 or more of 8 would do so with probability 9/256 = 3.5%.
    const below = v('annealed chains below the descents median')
    r.expect(
      below >= 7,
      `at least 7 of 8 annealed chains should end below the descents' median ${fmt(v('median descent'))}; ` +
        `${below} do`,
    )
  },
}
