import { cvsFor } from '../../systems/cvs'
import { lj38 } from '../../systems/lj38'
import { searchMinima } from '../../systems/search'
import { fmt, rangeChoice, rangeChoices } from '../reading'
import { presetNumber, SystemReading, type SystemExperiment, type SystemPreset } from './types'

const FCC = 0
const ICOSAHEDRAL = 1

/** Ranges of how many of the runs find the fcc truncated octahedron. */
const FINDS = [
  [0.5, 'none of them'],
  [3.5, 'one to three'],
  [6.5, 'four to six'],
] as const
const ALL = 'seven or all eight'

const preset: SystemPreset = {
  // GMIN's basin hopping for clusters: T = 1, moves up to 0.4, 300 quenches per run, seeds 1..8.
  runs: 8,
  steps: 300,
  firstSeed: 1,
}

/**
 * Q4 (Steinhardt, Nelson & Ronchetti 1983) tells the funnels apart: about 0.19 for the fcc
 * truncated octahedron, below 0.05 for icosahedral packings; 0.1 is the divide.
 */
const Q4_DIVIDE = 0.1

export const lj38DoubleFunnel: SystemExperiment = {
  id: 'lj38-double-funnel',
  number: 4,
  title: 'LJ38: the lowest minimum sits at the bottom of the funnel searches seldom enter',
  system: 'lj38',
  explanation:
    'Thirty-eight atoms pack best as a piece of a face-centred cubic crystal, a truncated octahedron. But most ' +
    'of the landscape drains into a different funnel, of icosahedral structures, whose bottom is 0.68 higher. ' +
    'Eight basin-hopping runs, each 300 jumps from minimum to minimum from a random cluster, show where searches ' +
    'go: Q4, a measure of cubic order, tells which funnel each one ends in.',
  question: 'Do basin-hopping runs from random clusters find the fcc global minimum, or the icosahedral funnel?',
  focus: 'minima',
  preset,
  walkerSteps: 8 * 300,
  claim:
    'Every run ends in the icosahedral funnel (its best structure has Q4 < 0.1, E within 2 of -173.25); none ' +
    'finds the fcc truncated octahedron (-173.93, Q4 = 0.19) in 300 jumps, though it is the lowest.',
  prediction: {
    question: 'Eight basin-hopping runs of 300 jumps start from random clusters. How many find the fcc global minimum?',
    choices: rangeChoices(FINDS, ALL),
    outcome: (r) => rangeChoice(r.numbers['runs finding fcc'], FINDS, ALL),
  },
  run(changes) {
    const n = (name: string) => presetNumber(preset, changes, name)
    const r = new SystemReading()
    const q4 = cvsFor(lj38).find((c) => c.id === 'q4')!
    const fcc = lj38.minima[FCC]!
    r.note('fcc energy', fcc.energy)
    r.note('icosahedral energy', lj38.minima[ICOSAHEDRAL]!.energy)
    r.note('fcc Q4', q4.value(fcc.start!()))
    let found = 0
    let icosahedral = 0
    let worst = -Infinity
    for (let k = 0; k < n('runs'); k++) {
      const run = searchMinima(lj38, { method: 'basin-hopping', budget: n('steps'), seed: n('firstSeed') + k })
      if (run.globalAt !== null) found++
      const order = q4.value(run.best.q)
      if (order < Q4_DIVIDE) icosahedral++
      worst = Math.max(worst, run.best.energy)
      r.note(`run ${k + 1} best`, run.best.energy)
      r.note(`run ${k + 1} Q4`, order)
    }
    r.note('runs', n('runs'))
    r.note('runs finding fcc', found)
    r.note('runs ending icosahedral', icosahedral)
    r.note('highest best', worst)
    return r
  },
  check(r) {
    const v = (name: string) => r.numbers[name] ?? NaN
    r.expect(
      v('fcc Q4') > 2 * Q4_DIVIDE - 0.05,
      `the fcc octahedron's Q4 should be about 0.19; it is ${fmt(v('fcc Q4'))}`,
    )
    r.expect(
      v('runs finding fcc') === 0,
      `no run should find the fcc minimum in 300 jumps; ${v('runs finding fcc')} do`,
    )
    r.expect(
      v('runs ending icosahedral') === v('runs'),
      `every run should end icosahedral (Q4 < ${Q4_DIVIDE}); ${v('runs ending icosahedral')} of ${v('runs')} do`,
    )
    // Within 2 of the icosahedral funnel's bottom: deep in that funnel. Single quenches of random clusters end
    // between about -163 and -170 (30 seeded L-BFGS quenches: highest -163.0, lowest -170.1), so a run that got no
    // further than a quench would fail this.
    r.expect(
      v('highest best') < v('icosahedral energy') + 2,
      `every run should get within 2 of the icosahedral minimum ${fmt(v('icosahedral energy'), 7)}; one stops at ` +
        fmt(v('highest best'), 7),
    )
  },
}
