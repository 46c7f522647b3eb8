import tQuantile from '@stdlib/stats-base-dists-t-quantile'
import { RandomStream } from '../random'
import type { Batches } from './batches'
import type { CheckCells } from '../landscape/check-cells'

/**
 * Is a sampler's run consistent with exact sampling of exp(-U/kT)? The histogram
 * is the basins' populations times the shape of the density within each basin;
 * the check tests the two apart, on the run's own batches (SampleBatches), each
 * with a stated false-alarm rate. Apart, because the slow part of a run's noise
 * is how its samples share out between the wells (hops between basins are rare),
 * while the shape within a well settles in a few vibrations: a single test of the
 * whole histogram must allow for the slow noise everywhere, and then misses a
 * sampler 20% too hot.
 *
 * 1. Shapes. The sampled histogram of coarse cells (CheckCells) with each basin
 *    weighted to its exact population, p~_c = sum_k P_k n_ck / n_k, against the
 *    exact p_c: T = TV(p~, p). Its null distribution comes from the batches by
 *    sign flips (a randomization test; Good, "Permutation, Parametric and
 *    Bootstrap Tests of Hypotheses", 2005, ch. 3): T = (1/2) sum_c |sum_b d_bc|
 *    with d_bc = sum_k P_k (n_bck - n_bk q_c|k) / n_k (q_c|k the exact share of
 *    basin k's mass in cell c), and under exact sampling the d_b are independent
 *    with mean 0 and (by the central limit theorem within a batch) symmetric, so T
 *    is distributed as (1/2) sum_c |sum_b e_b d_bc| for random signs e_b. Its
 *    p-value, (1 + #{T* >= T}) / (1 + FLIPS) over FLIPS random sign vectors, is at
 *    most ALPHA with probability ALPHA at most, for any correlation between cells
 *    and whatever the dynamics' autocorrelation times. tvBound is the T* that
 *    p = ALPHA falls on. Basins never visited have no shape to compare: they are
 *    left to the second test.
 * 2. Populations. t_k = (P^_k - P_k) / se_k for each basin (and the ground that
 *    flows to no minimum, when it has mass), se_k from the spread of the batches'
 *    fractions (ratio estimator: se^2 = B/(B-1) sum_b (n_b/N)^2 (f_bk - P^_k)^2),
 *    floored at the binomial error of N independent samples so that a batch spread
 *    of 0 cannot make it infinite. Under exact sampling t_k follows Student's t
 *    with B - 1 degrees of freedom; the largest |t_k| over the m basins is held to
 *    the two-sided Bonferroni quantile t_{B-1}(1 - ALPHA/(2m)), so all m together
 *    raise a false alarm with probability ALPHA at most. Student's t needs batch
 *    fractions near a normal law: a basin that fewer than RARE_BATCHES batches have
 *    visited (or fewer have left) is the opposite, a few batches at 1 among many at
 *    0, and its spread says nothing. Its error is then the one of the run's U
 *    independent units each drawing its basin once, sqrt(P (1 - P) / U): what a run
 *    whose walkers never hop would show, the largest a correct run can have.
 *
 * The run is called consistent when both pass: a correct sampler is called
 * inconsistent with probability FALSE_ALARM = 2 ALPHA at most (Bonferroni over
 * the two tests), as far as the batches' deviations are symmetric and normal,
 * which needs batches of many samples. Measured on short runs, 64 walkers in 32
 * batches of two over 600 to 1,500 steps (samplers/calibration-*.test.ts), nine
 * correct samplers on two surfaces were called inconsistent in 7 of 1,800 runs:
 * 0.4%, about twice the design rate. Batches over time (few walkers) are independent only when
 * they are much longer than the autocorrelation time; below TIME_BATCH_TAUS of
 * them the check says it cannot tell yet.
 */
export const ALPHA = 0.001
export const FALSE_ALARM = 2 * ALPHA
/** What the calibration measured on short runs of few walkers (see above): 7 false alarms in 1,800 runs. */
export const MEASURED_FALSE_ALARM = 7 / 1800
/** Random sign vectors of the randomization test: p-values in steps of 1/2,000, so alpha = 1/1,000 is p <= 2/2,000. */
export const FLIPS = 1999
/** Batches needed for either test: 2^15 sign vectors leave room for p = 1/1,000, and t has 15 degrees of freedom. */
export const MIN_BATCHES = 16
/** Batches over time must be this many autocorrelation times long. */
export const TIME_BATCH_TAUS = 10
/** Below this many batches that visited a basin (or left it), its error is that of the independent units. */
export const RARE_BATCHES = 8
/** The fraction of the recorded steps a check leaves out as burn-in. */
export const BURN_IN = 0.25

export interface BasinCheck {
  minimum: number
  sampled: number
  /** The standard error of `sampled` from the spread of the batches. */
  standardError: number
  exact: number
  z: number
}

export interface SamplingCheck {
  /** null: cannot tell (not applicable, too few batches, or batches shorter than the autocorrelation time). */
  consistent: boolean | null
  /**
   * TV between the exact probabilities of the check's coarse cells and the sampled
   * ones with each visited basin weighted to its exact population: how far the
   * shapes within the basins are off, over the steps used.
   */
  tv: number
  /**
   * The TV a correct sampler exceeds with probability ALPHA (randomization over the batches' signs): above it, p <=
   * ALPHA.
   */
  tvBound: number
  tvP: number
  /** The largest |z| of a basin population, and the Bonferroni bound it is held to. */
  maxBasinZ: number
  basinZBound: number
  basins: BasinCheck[]
  /** How the samples were batched, how many batches, the first step used and the steps used. */
  batchKind: Batches['kind']
  batches: number
  from: number
  steps: number
  /** The check's probability of calling a correct sampler inconsistent. */
  falseAlarm: number
  /** What the verdict rests on, in words, worst first. */
  reasons: string[]
}

export interface CheckInput {
  batches: Batches
  /** The coarse cells split by basin (the batches count samples per pair), and each pair's exact probability. */
  cells: Pick<CheckCells, 'blocks' | 'basins' | 'pairBlock' | 'pairBasin'>
  exact: Float64Array
  /** Why the method's samples are not exp(-U/kT) at one kT, or null. */
  notApplicable: string | null
  /** The slowest integrated autocorrelation time in steps (needed for batches over time). */
  tau: number
  /** The independent units the walkers form (walkers, or parallel tempering's ensembles); default: the batches. */
  units?: number
  /** Basin names for the reasons (MA, MB...); index basins - 1 is the ground that reaches no minimum. */
  basinName?: (k: number) => string
  seed?: number
}

export function checkSampling(input: CheckInput): SamplingCheck {
  const { batches, cells, exact } = input
  const name =
    input.basinName ?? ((k: number) => (k === cells.basins - 1 ? 'the ground that flows to no minimum' : `basin ${k}`))
  const B = batches.count
  const P = exact.length
  const m = cells.basins
  let N = 0
  for (let b = 0; b < B; b++) N += batches.n[b]!
  const base = {
    batchKind: batches.kind,
    batches: B,
    from: batches.from,
    steps: batches.steps,
    falseAlarm: FALSE_ALARM,
  }
  // Per basin: exact population, samples over the run; per pair: samples.
  const population = new Float64Array(m)
  for (let p = 0; p < P; p++) population[cells.pairBasin[p]!]! += exact[p]!
  const inBasin = new Float64Array(m)
  const inPair = new Float64Array(P)
  for (let b = 0; b < B; b++) {
    for (let p = 0; p < P; p++) {
      inPair[p]! += batches.counts[b * P + p]!
      inBasin[cells.pairBasin[p]!]! += batches.counts[b * P + p]!
    }
  }
  // Each batch's deviation of the population-weighted histogram: d_bc = sum_k P_k (n_bck - n_bk q_c|k) / n_k.
  const batchInBasin = new Float64Array(m)
  const deviation = new Float64Array(B * cells.blocks)
  for (let b = 0; b < B; b++) {
    batchInBasin.fill(0)
    for (let p = 0; p < P; p++) batchInBasin[cells.pairBasin[p]!]! += batches.counts[b * P + p]!
    for (let p = 0; p < P; p++) {
      const k = cells.pairBasin[p]!
      if (!(inBasin[k]! > 0 && population[k]! > 0)) continue
      const share = exact[p]! / population[k]!
      deviation[b * cells.blocks + cells.pairBlock[p]!]! +=
        (population[k]! * (batches.counts[b * P + p]! - batchInBasin[k]! * share)) / inBasin[k]!
    }
  }
  let tv = 0
  for (let c = 0; c < cells.blocks; c++) {
    let d = 0
    for (let b = 0; b < B; b++) d += deviation[b * cells.blocks + c]!
    tv += Math.abs(d)
  }
  tv *= 0.5
  const basins = basinChecks(batches, cells.pairBasin, population, N, Math.max(B, input.units ?? B))
  const tested = basins.filter((b) => b.exact > 0 || b.sampled > 0)
  const maxBasinZ = tested.reduce((a, b) => Math.max(a, Math.abs(b.z)), 0)
  const unknown = (reason: string): SamplingCheck => ({
    consistent: null,
    tv,
    tvBound: NaN,
    tvP: NaN,
    maxBasinZ,
    basinZBound: NaN,
    basins,
    ...base,
    reasons: [reason],
  })
  if (input.notApplicable) return unknown(input.notApplicable)
  if (N === 0) return unknown('no samples inside the domain yet')
  let usable = 0
  for (let b = 0; b < B; b++) if (batches.n[b]! > 0) usable++
  if (usable < MIN_BATCHES) {
    return unknown(
      `too few batches yet to compare with (${usable} of the ${MIN_BATCHES} needed): ` +
        `${batches.kind === 'walkers' ? 'the run has just begun' : 'add walkers or run longer'}`,
    )
  }
  if (batches.kind === 'time' && !(batches.segmentLength >= TIME_BATCH_TAUS * input.tau)) {
    const tau = Number.isFinite(input.tau) ? `${Math.round(input.tau)} steps` : 'not known yet'
    return unknown(
      `batches of ${batches.segmentLength} steps are not yet ${TIME_BATCH_TAUS} autocorrelation times long (tau ` +
        `${tau}): run longer, or add walkers`,
    )
  }
  const { bound, p } = signFlipBound(deviation, B, cells.blocks, tv, input.seed ?? 1)
  const basinZBound = tQuantile(1 - ALPHA / (2 * Math.max(1, tested.length)), B - 1)
  const reasons: string[] = []
  const histogramFails = p <= ALPHA
  const basinFails = maxBasinZ > basinZBound
  const pct = (v: number) => `${(100 * v).toPrecision(3)}%`
  if (basinFails) {
    const worst = tested.reduce((a, b) => (Math.abs(b.z) > Math.abs(a.z) ? b : a))
    reasons.push(
      worst.sampled === 0
        ? `${name(worst.minimum)} was never visited, though it holds ${pct(worst.exact)} of the Boltzmann ` +
            `distribution (${Math.abs(worst.z).toFixed(1)} standard errors; bound ${basinZBound.toFixed(2)})`
        : `${name(worst.minimum)} holds ${pct(worst.sampled)} of the samples against ${pct(worst.exact)} exactly: ` +
            `${Math.abs(worst.z).toFixed(1)} standard errors off (bound ${basinZBound.toFixed(2)})`,
    )
  }
  if (histogramFails)
    reasons.push(
      `within the basins the histogram is further from the exact density (TV ${tv.toPrecision(2)}) than the ` +
        `run's own noise allows (${bound.toPrecision(2)}, p = ${p.toPrecision(2)})`,
    )
  if (!basinFails && !histogramFails) {
    reasons.push(
      `within the basins TV ${tv.toPrecision(2)} is inside the run's own noise (bound ${bound.toPrecision(2)}), ` +
        `and every basin population within ${basinZBound.toFixed(2)} standard errors (largest ` +
        `${maxBasinZ.toFixed(1)})`,
    )
  }
  return {
    consistent: !basinFails && !histogramFails,
    tv,
    tvBound: bound,
    tvP: p,
    maxBasinZ,
    basinZBound,
    basins,
    ...base,
    reasons,
  }
}

function basinChecks(
  batches: Batches,
  pairBasin: Int32Array,
  population: Float64Array,
  N: number,
  units: number,
): BasinCheck[] {
  const B = batches.count
  const P = pairBasin.length
  const m = population.length
  const counts = new Float64Array(B * m)
  for (let b = 0; b < B; b++) for (let p = 0; p < P; p++) counts[b * m + pairBasin[p]!]! += batches.counts[b * P + p]!
  return Array.from(population, (exact, k) => {
    let count = 0
    for (let b = 0; b < B; b++) count += counts[b * m + k]!
    const sampled = N > 0 ? count / N : 0
    let spread = 0
    let visited = 0
    let left = 0
    for (let b = 0; b < B; b++) {
      if (batches.n[b] === 0) continue
      const w = batches.n[b]! / N
      spread += (w * (counts[b * m + k]! / batches.n[b]! - sampled)) ** 2
      if (counts[b * m + k]! > 0) visited++
      if (counts[b * m + k]! < batches.n[b]!) left++
    }
    const batchError = B > 1 ? Math.sqrt((B / (B - 1)) * spread) : Infinity
    const floor = N > 0 ? Math.sqrt((exact * (1 - exact)) / N) : Infinity
    const rare = Math.min(visited, left) < RARE_BATCHES
    const standardError = rare
      ? Math.max(batchError, Math.sqrt((exact * (1 - exact)) / units))
      : Math.max(batchError, floor)
    const z = standardError > 0 ? (sampled - exact) / standardError : 0
    return { minimum: k, sampled, standardError, exact, z }
  })
}

/**
 * The randomization distribution of the TV under random signs of the batches'
 * deviations: the bound the observed TV must stay under for p > ALPHA (the
 * (1 + ALPHA (FLIPS + 1) - 1)-th largest of the FLIPS draws, so that TV above it is
 * p <= ALPHA), and the observed TV's p-value. Seeded: the same run gives the same bound.
 */
function signFlipBound(
  deviation: Float64Array,
  B: number,
  C: number,
  tv: number,
  seed: number,
): { bound: number; p: number } {
  const random = new RandomStream(seed, 0x5167)
  const sum = new Float64Array(C)
  const draws = new Float64Array(FLIPS)
  let above = 0
  for (let d = 0; d < FLIPS; d++) {
    sum.fill(0)
    for (let b = 0; b < B; b++) {
      const row = b * C
      if (random.uniform() < 0.5) for (let c = 0; c < C; c++) sum[c]! -= deviation[row + c]!
      else for (let c = 0; c < C; c++) sum[c]! += deviation[row + c]!
    }
    let t = 0
    for (let c = 0; c < C; c++) t += Math.abs(sum[c]!)
    draws[d] = 0.5 * t
    // Sums in another order differ in their last bits: a draw within round-off of T counts as reaching it.
    if (draws[d]! >= tv - 1e-12) above++
  }
  draws.sort()
  // p = (1 + #{T* >= T}) / (FLIPS + 1) <= ALPHA exactly when fewer than ALPHA (FLIPS + 1) draws reach T.
  const allowed = Math.round(ALPHA * (FLIPS + 1)) - 1
  return { bound: draws[FLIPS - 1 - allowed]!, p: (1 + above) / (FLIPS + 1) }
}

/** The verdict in a sentence, for the CLI's table and the page: what was found, and on what. */
export function checkWords(check: SamplingCheck): string {
  const used =
    `steps ${check.from + 1} to ${check.from + check.steps}, the first quarter of the recorded ones left out as ` +
    `burn-in; ${check.batches} batches of ${check.batchKind === 'walkers' ? 'walkers' : 'walkers and time'}`
  if (check.consistent === null) return `Check against exact sampling: cannot tell yet: ${check.reasons[0]}.`
  const verdict = check.consistent ? 'consistent with exact sampling' : 'not consistent with exact sampling'
  return (
    `Check against exact sampling (${used}; a correct sampler is called wrong ${100 * check.falseAlarm}% of the ` +
    `time by design, ${(100 * MEASURED_FALSE_ALARM).toFixed(1)}% measured on short runs of 64 walkers): ` +
    `${verdict}: ${check.reasons.join('; ')}.`
  )
}
