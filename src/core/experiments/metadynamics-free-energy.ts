import { SCENARIO_VERSION } from '../scenario/types'
import { atlasPoint, basinsVisited, fmt, laneName, rangeChoice, rangeChoices } from './reading'
import type { Experiment } from './types'

/** Müller-Brown's minima (Müller & Brown 1979, from the atlas); basins 0, 1, 2 in the engine's order. */
const mullerBrown = (name: 'MA' | 'MB' | 'MC') => ({ name, ...atlasPoint('muller-brown', name) })
const MA = mullerBrown('MA')
/** The valleys compared with MA. */
const OTHERS = [mullerBrown('MB'), mullerBrown('MC')]
/** Ranges of F(MC) - F(MA), each wider than the check's margin of kT = 10 either side. */
const HEIGHTS = [
  [20, 'less than 20'],
  [50, '20 to 50'],
  [80, '50 to 80'],
] as const
const HIGHEST = '80 or more'

export const metadynamicsFreeEnergy: Experiment = {
  id: 'metadynamics-free-energy',
  number: 10,
  title: 'Metadynamics fills the valleys',
  explanation:
    'Metadynamics makes walkers drop small Gaussian hills wherever they go, so the valley they sit in slowly ' +
    'fills up until they spill over the pass. ' +
    'Here twenty walkers start in the deepest Müller-Brown valley, MA, whose pass is 106 above it: hopeless at ' +
    'kT = 10 without help. ' +
    'In the well-tempered version the hills shrink as the pile grows, and the pile converges to a copy of the ' +
    'landscape turned upside down: flipping it back gives the free energy.',
  question: 'How much higher than MA are the valleys MB and MC, read from the pile of hills alone?',
  state: {
    scenario: {
      version: SCENARIO_VERSION,
      surface: { kind: 'atlas', id: 'muller-brown', parameters: {} },
      seed: 1,
      lanes: [
        {
          method: 'metadynamics',
          // omega dt = 0.13 at MA. Bias factor 10: the walkers see the landscape as at 10 kT = 100, so the
          // 106 pass becomes ~11. Hills h0 = kT/10 (the map's noise grows with h0) of width 0.05 (two grid
          // spacings of 0.027), one per walker every 10 steps.
          settings: { kT: 10, dt: 2e-3, gamma: 5, height: 1, sigma: 0.05, stride: 10, biasFactor: 10, grid: 100 },
          walkers: 20,
          start: { kind: 'point', x: -0.558, y: 1.442 },
        },
      ],
    },
    view: { colourScale: 'auto', basins: false, show3d: false, camera: null, speed: 20, step: 0 },
  },
  focus: 'free-energy',
  steps: 20_000,
  claim:
    'After 20,000 steps the walkers have crossed from MA to MC and visited all three valleys, and the ' +
    'reconstructed free energy puts MB 38.5 and MC 65.9 above MA, each to within kT = 10.',
  prediction: {
    question: 'Read from the pile of hills alone, how far above MA is MC, the shallowest valley?',
    choices: rangeChoices(HEIGHTS, HIGHEST),
    outcome: (r) => rangeChoice(r.numbers['F(MC) - F(MA)'], HEIGHTS, HIGHEST),
  },
  check(r) {
    const meta = r.sampling(0)
    if (!meta) return
    const { frame, s } = meta
    const m = s.transitions.minima
    // The MA -> S1 pass is 106 high: at kT = 10 unbiased walkers would wait ~exp(10.6) x their period.
    const crossings = r.note('MA-MC crossings', (s.transitions.counts[2] ?? 0) + (s.transitions.counts[2 * m] ?? 0))
    r.expect(crossings > 0, `${laneName(frame)}: walkers should have crossed between MA and MC; they did not`)
    r.expect(
      basinsVisited(s) === 3,
      `${laneName(frame)}: walkers should have visited all three valleys; they visited ${basinsVisited(s)}`,
    )
    if (!frame.extras || !Array.isArray(frame.extras.freeEnergy)) {
      r.fail(`${laneName(frame)} carries no reconstructed free energy`)
      return
    }
    const extras = frame.extras
    const fa = freeEnergyAt(extras, MA.x, MA.y)
    OTHERS.forEach((target) => {
      const exact = target.value - MA.value
      const found = r.note(`F(${target.name}) - F(MA)`, freeEnergyAt(extras, target.x, target.y) - fa)
      // With CVs (x, y), F = U + const. A free-energy difference means little below kT (a factor e in population);
      // the map's own noise, set by the hill height, is ~2.5 rms over seeds 1-6 at 20,000 steps.
      r.expect(
        Math.abs(found - exact) < s.kT,
        `${laneName(frame)}: F(${target.name}) - F(MA) should be ${fmt(exact)} within kT = ${s.kT}; it is ` +
          `${fmt(found)}`,
      )
    })
  },
}

/**
 * A metadynamics lane's reconstructed free energy at (x, y), bilinear between grid nodes;
 * NaN (which fails the check) when the grid lacks a node it needs.
 */
function freeEnergyAt(extras: Record<string, unknown>, x: number, y: number): number {
  const xs = extras.xs as number[]
  const ys = extras.ys as number[]
  const rows = extras.freeEnergy as number[][]
  const [x0, x1] = xs
  const [y0, y1] = ys
  if (x0 === undefined || x1 === undefined || y0 === undefined || y1 === undefined) return NaN
  const fx = (x - x0) / (x1 - x0)
  const fy = (y - y0) / (y1 - y0)
  const i = Math.min(xs.length - 2, Math.max(0, Math.floor(fx)))
  const j = Math.min(ys.length - 2, Math.max(0, Math.floor(fy)))
  const u = fx - i
  const v = fy - j
  const node = (a: number, b: number) => rows[a]?.[b] ?? NaN
  return (
    (1 - u) * (1 - v) * node(i, j) +
    u * (1 - v) * node(i + 1, j) +
    (1 - u) * v * node(i, j + 1) +
    u * v * node(i + 1, j + 1)
  )
}
