import type { SweepResult } from '../core/studies/sweep'
import { methodById } from '../core/dynamics/methods'
import { PLATEAU } from '../core/dynamics/status'
import type { Experiment } from '../core/experiments/types'
import type { LaneFrame, SamplingFrame } from '../core/run/frame'

/**
 * Whether a guided experiment's claim holds, judged ONLY from the frames the page
 * got from its worker (and the sweep its task worker returned), so the page, the
 * browser test and the Node test run the same check. Each threshold is derived in
 * a comment from the physics (surfaces.md, dynamics.md) or from the statistics of
 * the run, never fitted to a run.
 *
 * Indices follow the engine's landscape: minima sorted by value, lowest first
 * (basin 0 is the global minimum), saddles sorted by value (src/core/analysis/saddles.ts).
 */
export interface ExperimentReading {
  /** Expectations that failed, in words; empty when the claim holds. */
  failures: string[]
  /** The numbers the expectations were judged on, by name. */
  numbers: Record<string, number>
}

export function checkExperiment(experiment: Experiment, frames: readonly LaneFrame[], sweep: SweepResult | null = null): string[] {
  return readExperiment(experiment, frames, sweep).failures
}

export function readExperiment(experiment: Experiment, frames: readonly LaneFrame[], sweep: SweepResult | null = null): ExperimentReading {
  const reading = new Reading(experiment, frames, sweep)
  const check = CHECKS.get(experiment.id)
  if (!check) reading.fail(`no check is written for experiment '${experiment.id}'`)
  else check(reading)
  return { failures: reading.failures, numbers: reading.numbers }
}

class Reading {
  readonly failures: string[] = []
  readonly numbers: Record<string, number> = {}

  constructor(readonly experiment: Experiment, private readonly frames: readonly LaneFrame[], readonly sweep: SweepResult | null) {}

  fail(message: string): void {
    this.failures.push(message)
  }

  expect(ok: boolean, message: string): void {
    if (!ok) this.failures.push(message)
  }

  note(name: string, value: number): number {
    this.numbers[name] = value
    return value
  }

  /** Lane k's frame, or a failure when the frames do not have it. */
  lane(k: number): LaneFrame | null {
    const frame = this.frames[k]
    if (!frame) this.fail(`lane ${k + 1} is missing from the frames`)
    return frame ?? null
  }

  /** Lane k's comparison with the exact answer, or a failure when it has none yet. */
  sampling(k: number): { frame: LaneFrame; s: SamplingFrame } | null {
    const frame = this.lane(k)
    if (frame && !frame.sampling) this.fail(`${laneName(frame)} has no sampling summary (take frames with sampling)`)
    return frame?.sampling ? { frame, s: frame.sampling } : null
  }
}

type Check = (r: Reading) => void

const laneName = (f: LaneFrame) => `lane ${f.lane + 1} (${methodById(f.method)?.name ?? f.method})`
const fmt = (v: number, digits = 3) => (Number.isFinite(v) ? Number(v.toPrecision(digits)).toString() : String(v))
function sum(values: ArrayLike<number>): number {
  let total = 0
  for (let k = 0; k < values.length; k++) total += values[k]
  return total
}

/** Müller-Brown's minima (surfaces.md, Müller & Brown 1979); basins 0, 1, 2 in the engine's order. */
const MULLER_BROWN = [
  { name: 'MA', x: -0.558224, y: 1.441726, u: -146.6995 },
  { name: 'MB', x: 0.623499, y: 0.028038, u: -108.1667 },
  { name: 'MC', x: -0.050011, y: 0.466694, u: -80.7678 },
]

function expectStatus(r: Reading, f: LaneFrame, status: string, label: string | null, where: string): void {
  const ok = f.lead.status === status && (label === null || f.lead.label === label)
  r.expect(ok, `${laneName(f)} should be at ${where} (status '${status}'${label ? `, label '${label}'` : ''}); it is '${f.lead.status}'${f.lead.label ? ` (${f.lead.label})` : ''} at (${fmt(f.lead.x)}, ${fmt(f.lead.y)}), U = ${fmt(f.lead.u, 6)}`)
}

/** Total transitions between basins counted in a sampler lane (core sets: recrossings excluded). */
const transitionCount = (s: SamplingFrame) => sum(s.transitions.counts)

function traceRange(f: LaneFrame, name: string): { min: number; max: number; mean: number } {
  const v = f.traces.series[name] ?? new Float32Array()
  let min = Infinity
  let max = -Infinity
  for (const x of v) {
    min = Math.min(min, x)
    max = Math.max(max, x)
  }
  return { min, max, mean: sum(v) / v.length }
}

/** The largest rise of a trace from one recorded point to the next (0 for a trace that only goes down). */
function largestRise(f: LaneFrame, name: string): number {
  const v = f.traces.series[name] ?? new Float32Array()
  let rise = 0
  for (let k = 1; k < v.length; k++) rise = Math.max(rise, v[k] - v[k - 1])
  return rise
}

function localMinimum(r: Reading): void {
  const gd = r.lane(0)
  if (gd) {
    expectStatus(r, gd, 'minimum', 'local', 'a local minimum')
    // MC's value to the 4 decimals surfaces.md gives; GD converges to ~1e-6 |grad U| scale, far inside 0.01.
    r.expect(Math.abs(r.note('gd U', gd.lead.u) - MULLER_BROWN[2].u) < 0.01, `${laneName(gd)} should stop in MC (U = -80.768); U = ${fmt(gd.lead.u, 6)}`)
  }
  const lv = r.sampling(1)
  if (lv) {
    const ma = r.note('MA share', lv.s.summary.basins[0]?.sampled ?? 0)
    r.note('transitions', transitionCount(lv.s))
    r.expect(ma > 0, `${laneName(lv.frame)} should have visited MA (basin 0, the global minimum); it spent no time there`)
  }
}

function saddleEscape(r: Reading): void {
  const gd = r.lane(0)
  if (gd) {
    expectStatus(r, gd, 'saddle', null, 'the saddle')
    // U = x^2 - y^2 is 0 at the saddle; converged GD has |x| < 1e-6, so |U| < 1e-12.
    r.expect(Math.abs(r.note('gd U', gd.lead.u)) < 1e-6, `${laneName(gd)} should sit on the saddle (U = 0); U = ${fmt(gd.lead.u)}`)
  }
  for (const k of [1, 2]) {
    const f = r.lane(k)
    if (!f) continue
    // U < -1 means |y| > 1: ten kick radii down the slope, so it escaped, not just jiggled.
    const highest = r.note(`${f.method} highest U`, Math.max(...f.energies))
    r.expect(highest < -1, `${laneName(f)}: every walker should have slid downhill off the saddle (U < -1); the highest is at U = ${fmt(highest)}`)
  }
}

function plateau(r: Reading): void {
  const gd = r.lane(0)
  const start = r.experiment.state.scenario.lanes[0]?.start
  if (gd && start?.kind === 'point') {
    expectStatus(r, gd, 'plateau', null, 'a plateau')
    // GD moves lr |grad U| <= 0.02 * PLATEAU * 3.6 = 7e-5 a step on the plateau: at most 0.07 in 1,000 steps.
    const moved = r.note('gd moved', Math.hypot(gd.lead.x - start.x, gd.lead.y - start.y))
    r.expect(moved < 0.1, `${laneName(gd)} should barely move (less than 0.1 rad); it moved ${fmt(moved)}`)
    const slope = r.note('gd |grad U| / typical', gd.lead.gradNorm / gd.lead.typicalGradient)
    r.expect(slope < PLATEAU, `${laneName(gd)} should feel a slope under ${PLATEAU} of the typical one; it feels ${fmt(slope)}`)
  }
  for (const k of [1, 2]) {
    const f = r.lane(k)
    if (f) expectStatus(r, f, 'minimum', null, 'a minimum')
  }
}

function rosenbrockValley(r: Reading): void {
  const [gd, momentum, adam, newton] = [0, 1, 2, 3].map((k) => r.lane(k))
  if (gd) {
    const e = gd.traces.series.energy
    // Float32 traces hold ~7 digits: a rise under 1e-6 of U0 is rounding, not a climb.
    r.expect(r.note('gd largest rise', largestRise(gd, 'energy')) <= 1e-6 * e[0], `${laneName(gd)}: gradient descent below its stability limit should only go downhill; U rose by ${fmt(largestRise(gd, 'energy'))}`)
    // On the floor y = x^2, U = (1 - x)^2 and a GD step shrinks 1 - x by 2 lr/(1 + 4 x^2) <= 1e-3 of itself: from x = -1
    // (1 - x = 2), 3,000 steps leave 1 - x >= 2 e^-3, so U >= 0.01 (far more, as the floor's 1 + 4 x^2 slows it further).
    // The claim quotes the U gradient descent reaches, about 0.16 (deterministic, no seed): 0.1 to 0.25 reads as "about".
    const u = r.note('gd U', gd.lead.u)
    r.expect(u > 0.1 && u < 0.25, `${laneName(gd)} should still be crawling along the valley, at U about 0.16; U = ${fmt(u)}`)
  }
  if (momentum) {
    const rise = r.note('momentum largest rise', largestRise(momentum, 'energy'))
    // An overshoot climbs back uphill: a rise far above float32 rounding (1e-4 of U0 = 2.4e-3).
    r.expect(rise > 1e-4 * momentum.traces.series.energy[0], `${laneName(momentum)} should overshoot (U rising at least once); its largest rise is ${fmt(rise)}`)
    // U < 1e-4: within ~0.01 of (1, 1).
    r.expect(r.note('momentum U', momentum.lead.u) < 1e-4, `${laneName(momentum)} should have reached the minimum (U < 1e-4); U = ${fmt(momentum.lead.u)}`)
  }
  // "Close": U < 0.01 is within about 0.1 of (1, 1) along the floor, a hundredth of gradient descent's U or less.
  if (adam) r.expect(r.note('adam U', adam.lead.u) < 0.01, `${laneName(adam)} should be close to the minimum (U < 0.01); U = ${fmt(adam.lead.u)}`)
  if (newton) {
    expectStatus(r, newton, 'minimum', 'global', 'the minimum (1, 1)')
    const { step, series } = newton.traces
    const k = series.energy.findIndex((u) => u < 1e-10)
    const arrived = r.note('newton arrived at step', k < 0 ? Infinity : step[k])
    // A Newton step is exact on a quadratic; from (-1.2, 1) a handful of steps, 20 at most.
    r.expect(arrived <= 20, `${laneName(newton)} should reach the minimum (U < 1e-10) within 20 steps; it took ${arrived}`)
    // ...and sit there: every recorded U after its arrival stays under 1e-10.
    const left = k < 0 ? -1 : series.energy.findIndex((u, j) => j > k && !(u < 1e-10))
    r.expect(left < 0, `${laneName(newton)} should stay at the minimum once there; U = ${fmt(series.energy[left] ?? NaN)} at step ${step[left] ?? NaN}`)
  }
}

function rastriginAnnealing(r: Reading): void {
  const gd = r.lane(0)
  if (gd) {
    expectStatus(r, gd, 'minimum', 'local', 'a local minimum')
    // The claim's U = 17.9: the local minimum gradient descent reaches from the preset's start.
    r.expect(Math.abs(r.note('gd U', gd.lead.u) - 17.9) < 0.05, `${laneName(gd)} should sit in the local minimum at U = 17.9; U = ${fmt(gd.lead.u)}`)
  }
  const sa = r.sampling(1)
  if (sa) {
    const end = r.experiment.state.scenario.lanes[1]?.settings.kTEnd
    r.expect(sa.s.kT === end, `${laneName(sa.frame)}: the annealing schedule should have reached kT end = ${end}; kT = ${fmt(sa.s.kT)}`)
    // Hops over the ~20 barriers stop near kT = 5; the bowl's equipartition then leaves <U> ~ kT = 5 in the dips reached.
    const meanU = r.note('annealed mean U', sum(sa.frame.energies) / sa.frame.walkers)
    r.expect(meanU < 10, `${laneName(sa.frame)}: annealed walkers should end in dips near the centre (mean U < 10); mean U = ${fmt(meanU)}`)
  }
  const pt = r.sampling(2)
  if (pt) {
    const acceptance = (pt.frame.extras?.swapAcceptance as (number | null)[] | undefined) ?? []
    const lowest = r.note('lowest swap acceptance', Math.min(...acceptance.map((a) => a ?? 0)))
    // A rung pair that rarely swaps (< 20%) cuts the ladder: the cold replicas would no longer inherit hops.
    r.expect(acceptance.length > 0 && lowest > 0.2, `${laneName(pt.frame)}: every rung pair should swap (acceptance > 20%); the lowest is ${fmt(lowest)}`)
    const centre = pt.s.summary.basins[0]
    const share = r.note('PT central share', centre?.sampled ?? 0)
    r.note('exact central share', centre?.exact ?? NaN)
    // The engine's error bar (N_eff from chains that hop rungs) understates the spread seen over seeds 1-10, 0.027
    // (a sixth of the share, with the start far from the centre); half the exact share is three of those.
    r.expect(!!centre && Math.abs(share - centre.exact) < 0.5 * centre.exact, `${laneName(pt.frame)}: the cold replicas should spend about the Boltzmann share ${fmt(centre?.exact ?? NaN)} of their time in the central basin (within half of it); they spent ${fmt(share)}`)
  }
  const cold = r.sampling(3)
  if (cold) {
    const share = r.note('plain central share', cold.s.summary.basins[0]?.sampled ?? 0)
    r.expect(share < 0.5 * (cold.s.summary.basins[0]?.exact ?? 0), `${laneName(cold.frame)} at the cold kT alone should stay stuck away from the centre; it spent ${fmt(share)} of its time there`)
  }
}

function arrhenius(r: Reading): void {
  const counts: number[] = []
  for (let k = 0; k < 3; k++) {
    const lane = r.sampling(k)
    if (lane) counts.push(r.note(`transitions at kT ${lane.s.kT}`, transitionCount(lane.s)))
  }
  r.expect(counts.length === 3 && counts[0] < counts[1] && counts[1] < counts[2], `crossings should grow with kT across the three lanes; they are ${counts.join(', ')}`)
  // "None or almost none" at kT = 0.1 (a barrier of 10 kT): at most a few, against the thousand or more of the hot lanes.
  r.expect(counts.length > 0 && counts[0] <= 3, `the coldest lane should see none or almost none of the crossings; it sees ${counts[0]}`)
  const sweep = r.sweep
  if (!sweep) {
    r.fail('the Arrhenius sweep has not run')
    return
  }
  // Each rate from >= 30 crossings is good to 1/sqrt(30) = 18%, the fit's slope to a few per cent.
  const fewest = r.note('fewest sweep transitions', Math.min(...sweep.rates.map((p) => p.transitions)))
  r.expect(fewest >= 30, `every temperature of the sweep should see at least 30 crossings; the fewest is ${fewest}`)
  const fitted = r.note('fitted barrier', sweep.fit?.barrier ?? NaN)
  r.note('fit stderr', sweep.fit?.stderr ?? NaN)
  r.note('saddle barrier', sweep.saddleBarrier)
  // Exact double-well rates at kT 0.2-0.5 fit to 0.96-0.99 (the prefactor's curvature); 15% leaves > 5 standard errors.
  r.expect(Math.abs(fitted - sweep.saddleBarrier) <= 0.15 * sweep.saddleBarrier, `the Arrhenius fit should give the barrier ${fmt(sweep.saddleBarrier)} within 15%; it gives ${fmt(fitted)}`)
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
  const tv = 0.5 * observed.reduce((t, c, i) => t + Math.abs(c / n - exact[i]), 0)
  // 100 walkers x 200 time units with K forgetting itself within 1/(2 gamma) = 0.5 (Langevin) or tau = 0.1 (Bussi):
  // >= 20,000 independent K. A perfect sampler of a quarter of that (5,000) has mean TV sum sqrt(p/(2 pi N)) = 0.025;
  // twice that is the bound.
  const bound = 2 * exact.reduce((t, p) => t + Math.sqrt(p / (2 * Math.PI * 5000)), 0)
  return { mean: f.report.meanKinetic ?? NaN, variance: f.report.kineticVariance ?? NaN, tv, bound }
}

function kineticEnergy(r: Reading): void {
  const berendsen = r.sampling(0)
  if (berendsen) {
    const law = kineticLaw(berendsen.frame, berendsen.s)
    const kT2 = berendsen.s.kT ** 2
    r.note('berendsen <K>/kT', law.mean / berendsen.s.kT)
    r.note('berendsen var/kT^2', law.variance / kT2)
    // The peak is near kT: Berendsen rescales <K> to kT (its mean is right, its spread is not).
    r.expect(Math.abs(law.mean / berendsen.s.kT - 1) < 0.1, `${laneName(berendsen.frame)}'s kinetic energy should peak near kT (<K> within 10%); <K> = ${fmt(law.mean / berendsen.s.kT)} kT`)
    r.note('berendsen TV', law.tv)
    // Canonical: Var K = kT^2 (N_f = 2). Half of it is far outside the canonical spread (2% at N_eff = 2e4).
    r.expect(law.variance < 0.5 * kT2, `${laneName(berendsen.frame)} should squeeze the kinetic energy (Var K < 0.5 kT^2); Var K = ${fmt(law.variance / kT2)} kT^2`)
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
    r.expect(Math.abs(law.mean / kT - 1) < 0.05, `${name}: <K> should be kT within 5%; it is ${fmt(law.mean / kT)} kT`)
    r.expect(Math.abs(law.variance / kT ** 2 - 1) < 0.15, `${name}: Var K should be kT^2 within 15%; it is ${fmt(law.variance / kT ** 2)} kT^2`)
    r.expect(law.tv < law.bound, `${name}: the kinetic-energy histogram should match exp(-K/kT)/kT (TV < ${fmt(law.bound)}); TV = ${fmt(law.tv)}`)
  }
}

function noseHooverErgodicity(r: Reading): void {
  const [nh, chain, langevin] = [0, 1, 2].map((k) => r.sampling(k))
  // The check: shapes within the basins and basin populations against the exact ones, on the run's own batches.
  if (nh) {
    const check = nh.s.summary.check
    r.note('NH TV', nh.s.summary.tv)
    r.note('NH check TV', check.tv)
    r.note('NH check bound', check.tvBound)
    r.expect(check.consistent === false, `${laneName(nh.frame)} should be found inconsistent with exact sampling; the check says: ${check.reasons[0]}`)
  }
  for (const lane of [chain, langevin]) {
    if (!lane) continue
    const check = lane.s.summary.check
    r.note(`${lane.frame.method} TV`, lane.s.summary.tv)
    r.note(`${lane.frame.method} check TV`, check.tv)
    r.expect(check.consistent === true, `${laneName(lane.frame)} should be consistent with exact sampling; the check says: ${check.reasons[0]}`)
  }
  if (nh && chain) r.expect(nh.s.summary.tv > chain.s.summary.tv, `Nosé-Hoover's TV (${fmt(nh.s.summary.tv)}) should be above the chain's (${fmt(chain.s.summary.tv)})`)
}

/** Basins a sampler lane has spent time in. */
const basinsVisited = (s: SamplingFrame) => s.summary.basins.filter((b) => b.sampled > 0).length

function nveEnergy(r: Reading): void {
  const nve = r.sampling(0)
  let nveBand = NaN
  if (nve) {
    const e = traceRange(nve.frame, 'total')
    nveBand = e.max - e.min
    r.note('NVE E', e.mean)
    // Velocity Verlet's energy wobbles by ~(omega dt)^2/4 = 0.08% of E at omega dt = 0.057: 1% is a wide margin.
    r.expect(r.note('NVE band/|E|', nveBand / Math.abs(e.mean)) < 0.01, `${laneName(nve.frame)} should conserve its energy within 1%; it varied by ${fmt((100 * nveBand) / Math.abs(e.mean))}%`)
    // The double well's hump is U = 1 above the minima at 0.
    r.expect(e.mean < 1, `${laneName(nve.frame)} should have less energy than the barrier (1); E = ${fmt(e.mean)}`)
    r.expect(r.note('NVE transitions', transitionCount(nve.s)) === 0 && basinsVisited(nve.s) === 1, `${laneName(nve.frame)} should stay in its valley; it made ${transitionCount(nve.s)} crossings`)
  }
  const bath = r.sampling(1)
  if (bath) {
    const e = traceRange(bath.frame, 'total')
    const band = r.note('thermostat E band', e.max - e.min)
    // Canonical E = K + U has standard deviation ~sqrt(2) kT: over 200 time units its range is several kT.
    r.expect(band > bath.s.kT && (Number.isNaN(nveBand) || band > nveBand), `${laneName(bath.frame)}: its total energy should wander by more than kT = ${bath.s.kT}; it varied by ${fmt(band)}`)
    r.expect(r.note('thermostat transitions', transitionCount(bath.s)) > 0 && basinsVisited(bath.s) === 2, `${laneName(bath.frame)} should cross to the other valley; it made ${transitionCount(bath.s)} crossings`)
  }
}

/** A metadynamics lane's reconstructed free energy at (x, y), bilinear between grid nodes. */
function freeEnergyAt(extras: Record<string, unknown>, x: number, y: number): number {
  const xs = extras.xs as number[]
  const ys = extras.ys as number[]
  const rows = extras.freeEnergy as number[][]
  const fx = (x - xs[0]) / (xs[1] - xs[0])
  const fy = (y - ys[0]) / (ys[1] - ys[0])
  const i = Math.min(xs.length - 2, Math.max(0, Math.floor(fx)))
  const j = Math.min(ys.length - 2, Math.max(0, Math.floor(fy)))
  const u = fx - i
  const v = fy - j
  return (1 - u) * (1 - v) * rows[i][j] + u * (1 - v) * rows[i + 1][j] + (1 - u) * v * rows[i][j + 1] + u * v * rows[i + 1][j + 1]
}

function metadynamicsFreeEnergy(r: Reading): void {
  const meta = r.sampling(0)
  if (!meta) return
  const { frame, s } = meta
  const m = s.transitions.minima
  // The MA -> S1 pass is 106 high: at kT = 10 unbiased walkers would wait ~exp(10.6) x their period.
  const crossings = r.note('MA-MC crossings', (s.transitions.counts[2] ?? 0) + (s.transitions.counts[2 * m] ?? 0))
  r.expect(crossings > 0, `${laneName(frame)}: walkers should have crossed between MA and MC; they did not`)
  r.expect(basinsVisited(s) === 3, `${laneName(frame)}: walkers should have visited all three valleys; they visited ${basinsVisited(s)}`)
  if (!frame.extras || !Array.isArray(frame.extras.freeEnergy)) {
    r.fail(`${laneName(frame)} carries no reconstructed free energy`)
    return
  }
  const extras = frame.extras
  const [fa, ...others] = MULLER_BROWN.map((p) => freeEnergyAt(extras, p.x, p.y))
  others.forEach((f, k) => {
    const target = MULLER_BROWN[k + 1]
    const exact = target.u - MULLER_BROWN[0].u
    const found = r.note(`F(${target.name}) - F(MA)`, f - fa)
    // With CVs (x, y), F = U + const. A free-energy difference means little below kT (a factor e in population);
    // the map's own noise, set by the hill height, is ~2.5 rms over seeds 1-6 at 20,000 steps.
    r.expect(Math.abs(found - exact) < s.kT, `${laneName(frame)}: F(${target.name}) - F(MA) should be ${fmt(exact)} within kT = ${s.kT}; it is ${fmt(found)}`)
  })
}

function sgdAsLangevin(r: Reading): void {
  const gd = r.lane(0)
  if (gd) {
    expectStatus(r, gd, 'minimum', null, 'a minimum')
    r.expect(r.note('gd x', gd.lead.x) < 0, `${laneName(gd)} should sit in the left minimum (x < 0); x = ${fmt(gd.lead.x)}`)
  }
  const [sgld, overdamped] = [1, 2].map((k) => r.sampling(k))
  for (const lane of [sgld, overdamped]) {
    if (!lane) continue
    const { summary } = lane.s
    r.note(`${lane.frame.method} TV`, summary.tv)
    // The histogram's shape carries the O(lr) bias of both (the check may see it in a long run): the claim is the shares.
    r.note(`${lane.frame.method} check TV`, summary.check.tv)
    for (const b of summary.basins) {
      // The O(lr) bias widens both wells alike: the shares stay 1/2, to three standard errors from the batches.
      r.expect(Math.abs(b.sampled - b.exact) < 3 * b.sampledError, `${laneName(lane.frame)}: basin ${b.minimum} should hold ${fmt(b.exact)} of the samples; it holds ${fmt(b.sampled)} ± ${fmt(b.sampledError)}`)
    }
  }
  if (sgld && overdamped) {
    const a = r.note('sgld transitions', transitionCount(sgld.s))
    const b = r.note('overdamped transitions', transitionCount(overdamped.s))
    // The same dynamics hops at the same rate: the counts agree within three Poisson standard errors.
    r.expect(a > 0 && Math.abs(a - b) < 3 * Math.sqrt(a + b), `noisy gradient descent should hop as often as overdamped Langevin; ${a} against ${b} crossings`)
  }
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
  const crossings = [0, 1, 2].map((k) => channels.reduce((t, c, i) => (i % saddles === k ? t + c : t), 0))
  // Transitions between the two deep holes (minima 0 and 1) arrive mostly through the direct pass (a detour
  // that skips the shallow hole's core is credited to the upper pass it crossed last): if saddle 2 does not
  // carry most of them, the order is not the one assumed here.
  // Pairs 0 -> 1 and 1 -> 0 sit at index 1 and m of the (i m + j) layout.
  const deep = [0, 1, 2].map((k) => channels[1 * saddles + k] + channels[m * saddles + k])
  if (deep[2] <= Math.max(deep[0], deep[1])) return null
  const direct = crossings[2]
  const upper = crossings[0] + crossings[1]
  const ratio = direct / (upper / 2)
  return { direct, upper, ratio, error: ratio * Math.sqrt(1 / direct + 1 / upper) }
}

function threeHoleChannels(r: Reading): void {
  for (const [k, colder] of [[0, true], [1, false]] as const) {
    const lane = r.sampling(k)
    if (!lane) continue
    const c = channelRatio(lane.s)
    if (!c) {
      r.fail(`${laneName(lane.frame)} should see the three-hole surface's three minima and three saddles, the direct pass last; it sees ${lane.s.transitions.minima} minima and ${lane.s.transitions.saddles} saddles`)
      continue
    }
    const at = `kT ${lane.s.kT}`
    r.note(`direct crossings at ${at}`, c.direct)
    r.note(`upper crossings at ${at}`, c.upper)
    r.note(`direct/upper ratio at ${at}`, c.ratio)
    // Three standard errors of the counts away from 1: the switch is not counting noise.
    if (colder) r.expect(c.ratio < 1 - 3 * c.error, `at ${at} the upper passes should each be crossed more often than the direct one; direct/upper = ${fmt(c.ratio)} ± ${fmt(c.error)} (${c.direct} against ${c.upper} over two passes)`)
    else r.expect(c.ratio > 1 + 3 * c.error, `at ${at} the direct pass should be crossed more often than an upper pass; direct/upper = ${fmt(c.ratio)} ± ${fmt(c.error)} (${c.direct} against ${c.upper} over two passes)`)
  }
}

const CHECKS = new Map<string, Check>([
  ['local-minimum', localMinimum],
  ['saddle-escape', saddleEscape],
  ['plateau', plateau],
  ['rosenbrock-valley', rosenbrockValley],
  ['rastrigin-annealing', rastriginAnnealing],
  ['arrhenius', arrhenius],
  ['kinetic-energy', kineticEnergy],
  ['nose-hoover-ergodicity', noseHooverErgodicity],
  ['nve-energy', nveEnergy],
  ['metadynamics-free-energy', metadynamicsFreeEnergy],
  ['sgd-as-langevin', sgdAsLangevin],
  ['three-hole-channels', threeHoleChannels],
])
