import { buildLandscapeGraph } from '../../systems/graph'
import { lj7TwoD } from '../../systems/lj7-2d'
import { countIsomerTransitions, directBarrier, isomerArrhenius } from '../../systems/rates'
import { fmt, rangeChoice, rangeChoices } from '../reading'
import { presetList, presetNumber, SystemReading, type SystemExperiment, type SystemPreset } from './types'

/** Ranges of k(0.20) / k(0.16); harmonic transition-state theory gives exp(1.495 (1/0.16 - 1/0.20)) = 6.5. */
const SPEED_UPS = [
  [2, 'less than 2 times'],
  [10, '2 to 10 times'],
  [100, '10 to 100 times'],
] as const
const FASTEST = '100 times or more'
const HEXAGON = 0
const OTHERS = [1, 2, 3]
const CAPPED_A = 1

const preset: SystemPreset = {
  // BAOAB at the tutorials' dt 0.005 and friction 1; barrier/kT 9.3, 8.3 and 7.5.
  kTs: [0.16, 0.18, 0.2],
  walkers: 32,
  steps: 40_000,
  // A quench every 100 steps (0.5 time units) labels each walker by the isomer it is in.
  interval: 100,
  seed: 1,
  // The landscape graph: 200 random starts quenched, every pair joined by CI-NEB.
  graphStarts: 200,
  graphSeed: 2024,
}

export const lj7IsomerRates: SystemExperiment = {
  id: 'lj7-isomer-rates',
  number: 2,
  title: 'LJ7 changes shape faster when it is warmer',
  system: 'lj7-2d',
  explanation:
    'At constant temperature the seven atoms jiggle in their hexagon, and now and then one pops out of the ring: ' +
    'the cluster becomes one of the three other shapes, and later falls back. Thirty-two clusters run at three ' +
    'temperatures, and each is quenched every 100 steps to see which shape it is in. The rate of leaving the ' +
    'hexagon goes like exp(-barrier/kT), so ln(rate) against 1/kT is a line whose slope is the barrier: the ' +
    'height of the lowest pass out of the hexagon on the landscape graph.',
  question: 'Does the Arrhenius slope of the rates give the barrier of the landscape graph?',
  focus: 'arrhenius',
  preset,
  walkerSteps: 3 * 32 * 40_000,
  claim:
    'Out of the hexagon, the rate grows with kT at every step of the sweep, each from at least 20 transitions, ' +
    'and the Arrhenius fit gives the graph\u2019s barrier (1.495) within kT_mid + 3 standard errors of the fit ' +
    '(1.37 \u00b1 0.14 at the preset).',
  prediction: {
    question:
      'The lowest pass out of the hexagon is 1.495 high. How much faster do the clusters leave the hexagon at ' +
      'kT = 0.20 than at kT = 0.16?',
    choices: rangeChoices(SPEED_UPS, FASTEST),
    outcome: (r) => rangeChoice(r.numbers['speed-up from the coldest to the warmest'], SPEED_UPS, FASTEST),
  },
  run(changes) {
    const n = (name: string) => presetNumber(preset, changes, name)
    const kTs = presetList(preset, changes, 'kTs')
    const r = new SystemReading()
    const graph = buildLandscapeGraph(lj7TwoD, { starts: n('graphStarts'), seed: n('graphSeed') })
    // The graph's minima are in energy order, as the descriptor's: the same isomers when the energies match.
    const matched = lj7TwoD.minima.every((m, k) => Math.abs((graph.minima[k]?.energy ?? NaN) - m.energy) < 1e-4)
    r.note('graph minima matching the known isomers', matched ? lj7TwoD.minima.length : 0)
    r.note('graph barrier out of the hexagon', directBarrier(graph, HEXAGON, OTHERS))
    r.note('graph barrier capped A to hexagon', directBarrier(graph, CAPPED_A, [HEXAGON]))
    const runs = kTs.map((kT) =>
      countIsomerTransitions({
        descriptor: lj7TwoD,
        kT,
        walkers: n('walkers'),
        steps: n('steps'),
        interval: n('interval'),
        start: HEXAGON,
        seed: n('seed'),
      }),
    )
    let unlabelled = 0
    let looks = 0
    for (const run of runs) {
      unlabelled += run.unlabelled
      looks += run.looks
    }
    r.note('share of quenches reaching no known isomer', unlabelled / looks)
    const out = isomerArrhenius(runs, HEXAGON, OTHERS)
    out.rates.forEach((p) => {
      r.note(`transitions at kT ${p.kT}`, p.transitions)
      r.note(`rate at kT ${p.kT}`, p.rate)
    })
    r.note('sweep points', out.rates.length)
    r.note('kT mid', kTs[Math.floor(kTs.length / 2)] ?? NaN)
    r.note('speed-up from the coldest to the warmest', out.rates[out.rates.length - 1]!.rate / out.rates[0]!.rate)
    r.note('fitted barrier', out.fit?.barrier ?? NaN)
    r.note('fit stderr', out.fit?.stderr ?? NaN)
    const back = isomerArrhenius(runs, CAPPED_A, [HEXAGON]).fit
    r.note('fitted barrier capped A to hexagon', back?.barrier ?? NaN)
    r.note('back fit stderr', back?.stderr ?? NaN)
    return r
  },
  check(r) {
    const v = (name: string) => r.numbers[name] ?? NaN
    r.expect(
      v('graph minima matching the known isomers') === 4,
      'the landscape graph should recover the four known isomers in energy order',
    )
    // A quench that reaches none of the four leaves the walker committed; more than 1% would mean the labelling
    // misses a state the dynamics visits.
    const missed = v('share of quenches reaching no known isomer')
    r.expect(missed < 0.01, `almost every quench should reach a known isomer; ${fmt(100 * missed)}% do not`)
    const points = v('sweep points')
    const kTs: number[] = []
    for (const name of Object.keys(r.numbers)) {
      const m = /^rate at kT (.+)$/.exec(name)
      if (m) kTs.push(Number(m[1]))
    }
    kTs.sort((a, b) => a - b)
    // 20 transitions make a rate good to 1/sqrt(20) = 22%, a point the fit can use.
    for (const kT of kTs) {
      const n = v(`transitions at kT ${kT}`)
      r.expect(n >= 20, `every temperature should see at least 20 transitions out of the hexagon; kT ${kT} sees ${n}`)
    }
    for (let k = 1; k < kTs.length; k++)
      r.expect(
        v(`rate at kT ${kTs[k]}`) > v(`rate at kT ${kTs[k - 1]}`),
        `the rate out of the hexagon should grow with kT; it does not from kT ${kTs[k - 1]} to ${kTs[k]}`,
      )
    r.expect(kTs.length === points && points >= 3, `the sweep should have three or more temperatures`)
    // Harmonic transition-state theory: ln k = ln A - dE/kT with A independent of kT, so the slope is the barrier;
    // the next order (anharmonicity) moves it by about kT/dE relative, kT_mid in absolute terms. Beyond that a
    // 3-sigma deviation of the fit: a false alarm about 0.3% of seeds.
    const bound = v('kT mid') + 3 * v('fit stderr')
    const fitted = v('fitted barrier')
    const barrier = v('graph barrier out of the hexagon')
    r.expect(
      Math.abs(fitted - barrier) < bound,
      `the Arrhenius fit should give the graph's barrier ${fmt(barrier)} within ${fmt(bound)}; it gives ${fmt(fitted)}`,
    )
  },
}
