import { cvsFor, type CollectiveVariable } from '../../systems/cvs'
import type { FreeEnergySurface, GridAxis } from '../../systems/free-energy'
import { lj7TwoD } from '../../systems/lj7-2d'
import { checkMetadynamics } from '../../systems/metadynamics-check'
import { fmt, rangeChoice, rangeChoices } from '../reading'
import { presetNumber, SystemReading, type SystemExperiment, type SystemPreset } from './types'

/** The comparison grid over (mu2, mu3): bins of 0.1 x 0.2 over the region the cluster visits at kT = 0.2. */
const S1: GridAxis = { min: 0.2, max: 1.4, bins: 12 }
const S2: GridAxis = { min: -0.8, max: 1.6, bins: 12 }
/** Bins whose centre has mu3 above this are the hexagon's (1.32 at its minimum); below LOW_MU3, the other shapes'. */
const HEXAGON_MU3 = 1.0
const LOW_MU3 = 0.6
/** Ranges of F(other shapes) - F(hexagon) in kT; the energy gap is 1.03 = 5.2 kT. */
const GAPS = [
  [1, 'less than 1 kT'],
  [4, '1 to 4 kT'],
  [6, '4 to 6 kT, about the energy gap'],
] as const
const WIDEST = '6 kT or more'

const preset: SystemPreset = {
  kT: 0.2,
  // Well-tempered metadynamics: 8 walkers sharing one bias, a hill from each every 100 steps, h0 = kT/10,
  // sigma 0.05 (the hexagon's patch is about that wide in mu3), bias factor 8, 121 x 121 nodes.
  steps: 200_000,
  early: 2000,
  walkers: 8,
  height: 0.02,
  sigma: 0.05,
  stride: 100,
  biasFactor: 8,
  nodes: 121,
  // Reference: parallel tempering, 4 ensembles of 5 rungs up to kT = 0.5, samples of rung 0 every 10 steps.
  referenceSteps: 50_000,
  referenceBurnin: 5000,
  ensembles: 4,
  replicas: 5,
  kTMax: 0.5,
  // The populated region: reference F within 6 kT of its lowest bin.
  withinKT: 6,
  seed: 1,
}

/** The lowest F among the bins whose mu3 centre passes `keep`, or NaN. */
function lowest(F: readonly (readonly (number | null)[])[], keep: (mu3: number) => boolean): number {
  let best = Infinity
  F.forEach((row) =>
    row.forEach((f, j) => {
      if (f !== null && keep(S2.min + (j + 0.5) * ((S2.max - S2.min) / S2.bins))) best = Math.min(best, f)
    }),
  )
  return Number.isFinite(best) ? best : NaN
}

/** F(other shapes) - F(hexagon) on a binned surface, in units of kT. */
function gap(F: readonly (readonly (number | null)[])[], kT: number): number {
  return (lowest(F, (m) => m < LOW_MU3) - lowest(F, (m) => m > HEXAGON_MU3)) / kT
}

export const lj7Metadynamics: SystemExperiment = {
  id: 'lj7-metadynamics',
  number: 1,
  title: 'Metadynamics builds the free energy of LJ7',
  system: 'lj7-2d',
  explanation:
    'Seven atoms in a plane settle into a hexagon around a centre atom, 1.03 energy units below the three ' +
    'other shapes. The map shows the free energy over two numbers that tell the shapes apart, μ2 and μ3 ' +
    '(how unequal the atoms\u2019 neighbour counts are). Metadynamics builds it by dropping small hills ' +
    'wherever the walkers are until they roam the whole map; the pile of hills, flipped and scaled, is the ' +
    'free energy. Long parallel tempering, with no hills at all, draws the same map to compare.',
  question: 'At kT = 0.2, how far above the hexagon does the free energy put the other three shapes?',
  focus: 'free-energy',
  preset,
  // 8 x 200,000 steps of metadynamics and 20 x 55,000 of parallel tempering.
  walkerSteps: 8 * 200_000 + 20 * 55_000,
  claim:
    'After 200,000 steps of 8 walkers, the well-tempered free energy agrees with parallel tempering over the ' +
    'whole region within 6 kT of the minimum: the rms of the differences, each over its combined standard ' +
    'error, is below 2. After 2,000 steps, with the hexagon only partly filled, it is not.',
  prediction: {
    question:
      'The other three shapes are 1.03 above the hexagon in energy: 5 kT at kT = 0.2. How far above the ' +
      'hexagon does the free energy put them?',
    choices: rangeChoices(GAPS, WIDEST),
    outcome: (r) => rangeChoice(r.numbers['F(other shapes) - F(hexagon) / kT'], GAPS, WIDEST),
  },
  run(changes) {
    const n = (name: string) => presetNumber(preset, changes, name)
    const kT = n('kT')
    const pair = (): [CollectiveVariable, CollectiveVariable] => {
      const cvs = cvsFor(lj7TwoD)
      return [cvs[0]!, cvs[1]!]
    }
    const referenceSteps = n('referenceSteps')
    const check = checkMetadynamics({
      reference: {
        descriptor: lj7TwoD,
        cvs: pair(),
        s1: S1,
        s2: S2,
        kT,
        kTMax: n('kTMax'),
        replicas: n('replicas'),
        ensembles: n('ensembles'),
        swapEvery: 10,
        burnin: n('referenceBurnin'),
        steps: referenceSteps,
        every: 10,
        // Ten blocks.
        blockSize: (referenceSteps / 10 / 10) * n('ensembles'),
        start: 0,
        seed: n('seed'),
      },
      metadynamics: {
        descriptor: lj7TwoD,
        cvs: pair(),
        grid: { s1: { min: 0, max: 1.6 }, s2: { min: -1, max: 1.8 }, nodes: n('nodes') },
        kT,
        dt: lj7TwoD.defaults.dt,
        friction: lj7TwoD.defaults.friction,
        height: n('height'),
        sigma: n('sigma'),
        stride: n('stride'),
        biasFactor: n('biasFactor'),
        walkers: n('walkers'),
        start: { kind: 'minimum', index: 0 },
        seed: n('seed'),
      },
      steps: n('steps'),
      early: n('early'),
      within: n('withinKT') * kT,
    })
    const r = new SystemReading()
    r.note('bins compared', check.final.bins)
    r.note('rms z', check.final.z)
    r.note('rms z early', check.early.z)
    r.note('rms z flat', check.flat.z)
    r.note('rms difference / kT', check.final.rms / kT)
    r.note('estimate error / kT', check.estimateError / kT)
    r.note('reference error / kT', check.final.referenceError / kT)
    r.note('F(other shapes) - F(hexagon) / kT', gap(check.estimate, kT))
    r.note('reference F(other shapes) - F(hexagon) / kT', gap((check.reference as FreeEnergySurface).F, kT))
    return r
  },
  check(r) {
    const bins = r.numbers['bins compared'] ?? 0
    // A map of a handful of bins would say little: the region within 6 kT holds ~50 bins of 0.1 x 0.2.
    r.expect(bins >= 20, `the comparison should cover at least 20 bins; it covers ${bins}`)
    // rms z over n bins is sqrt(chi^2_n / n) when the two agree within their errors (the reference's block errors
    // and the estimate's change over its second half, see checkMetadynamics). Above 2 has probability 5e-4 if the
    // region held only 6 independent patches (it is about 1.0 x 1.6, errors correlated over ~0.3), less with more.
    const z = r.numbers['rms z'] ?? NaN
    r.expect(z < 2, `the estimate should agree with parallel tempering (rms z < 2); rms z is ${fmt(z)}`)
    const early = r.numbers['rms z early'] ?? NaN
    r.expect(early > 2, `read early, the estimate should not agree yet (rms z > 2); it is ${fmt(early)}`)
  },
}
