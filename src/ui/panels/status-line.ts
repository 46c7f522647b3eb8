import type { CriticalPoint } from '../../core/landscape/critical'
import { nearestIndex } from '../../core/landscape/domain'
import type { Landscape } from '../../core/landscape/saddles'
import type { Family, StabilityLimit, StepValues } from '../../core/dynamics/method'
import { methodById } from '../../core/dynamics/methods'
import type { Settings } from '../../core/dynamics/params'
import { STATUS, WALKER_STATUSES, type WalkerStatus } from '../../core/dynamics/status'
import type { Domain } from '../../core/surface'
import type { LeadWalker } from '../../core/run/frame'
import { formatValue } from '../format'
import { formatCount, formatSignificant } from './numbers'

/**
 * What a lane is doing, in plain words, from the engine's walker statuses:
 * walker 0 in full (why it stopped where it did) and, with many walkers, how
 * many are doing what.
 */
export interface StatusInput {
  lead: LeadWalker
  /** Walkers per status, in WALKER_STATUSES order. */
  statusCounts: readonly number[]
  family: Family
  landscape: Landscape | null
  /** The lane's settings with the method's defaults filled in (resolveLane). */
  settings: Settings
  method: string
  step: number
  /** kT, lr and dt as the frame carries them: the values the lane ran with, never derived again here. */
  live: StepValues
  /** Walkers at the global minimum (globalMinimumCount), when known. */
  atGlobalMinimum?: number | null
  /** For the nearest minimum on a periodic surface. */
  domain?: Domain
  /** Samplers: the share of samples in each basin, against the exact Boltzmann share (minima lowest first). */
  basins?: readonly { sampled: number; exact: number }[] | null
  /**
   * The step the basin shares were measured at, when not `step` (they come with the comparison with the
   * exact density, about once a second).
   */
  basinsStep?: number | null
  /** Samplers: the check's verdict (true: consistent with exact sampling; false: not; null: cannot tell yet). */
  consistent?: boolean | null
}

export interface StatusLine {
  /** Changes when what walker 0 is doing changes (not when its numbers do). */
  key: string
  lead: string
  /** With many walkers, how many do what; null for one walker. */
  counts: string | null
}

export function statusLine(input: StatusInput): StatusLine {
  const { lead, statusCounts, family } = input
  const walkers = statusCounts.reduce((a, b) => a + b, 0)
  // The engine's own flatness test (it knows the surface's curvature scale).
  const flat = lead.degenerate
  // A sampler's walker crosses flat lines of its Hessian all the time: not news for a sampler.
  const key = `${family}:${lead.status}:${lead.label ?? ''}:${flat && family === 'optimizer' ? 'flat' : ''}`
  if (family === 'sampler') {
    const diverged = statusCounts[STATUS.diverged] ?? 0
    return {
      key,
      lead: lead.status === 'diverged' ? `walker 1 ${divergedText(input)}` : samplingText(input),
      counts: walkers > 1 && diverged > 0 ? countsPhrase([[diverged, 'diverged']], walkers) : null,
    }
  }
  const text = optimizerText(input, flat)
  return {
    key,
    lead: walkers > 1 ? `walker 1: ${text}` : text,
    counts: walkers > 1 ? optimizerCounts(input, walkers) : null,
  }
}

/** The status line as one sentence (what the live region reads). */
export function statusSentence(line: StatusLine): string {
  const lead = capitalise(line.lead)
  return line.counts ? `${lead}. ${capitalise(line.counts)}.` : `${lead}.`
}

/**
 * Walkers converged to the global minimum: at a minimum, with U within
 * round-off of the lowest minimum of the landscape (float32 energies carry
 * about 7 digits). Null when the landscape has no minima to compare with.
 */
export function globalMinimumCount(
  statuses: Uint8Array,
  energies: Float32Array,
  landscape: Landscape | null,
): number | null {
  const lowest = landscape?.minima[0]?.value
  if (lowest === undefined) return null
  const tolerance = 1e-5 * Math.max(1, Math.abs(lowest))
  let count = 0
  for (let i = 0; i < statuses.length; i++) {
    if (statuses[i] === STATUS.minimum && Math.abs(energies[i] - lowest) <= tolerance) count++
  }
  return count
}

/**
 * One Hessian eigenvalue negligible next to the other: a valley, ring or ridge of critical points
 * (the engine's test).
 */
const u = (value: number) => formatValue(value)
const g = (value: number) => formatSignificant(value)

function optimizerText(input: StatusInput, flat: boolean): string {
  const { lead } = input
  const at = `U = ${u(lead.u)}`
  switch (lead.status) {
    case 'running':
      return `running: ${at}, |grad U| = ${g(lead.gradNorm)}`
    case 'minimum':
      return minimumText(input, flat)
    case 'saddle':
      return flat
        ? `stopped at a flat saddle: a Hessian eigenvalue is zero, so there is no clear way down (${at})`
        : `stopped at a saddle point: the Hessian has one negative eigenvalue (${at})`
    case 'maximum':
      return flat
        ? `stopped on a flat ridge of maxima: one Hessian eigenvalue is zero (${at})`
        : `stopped at a maximum: both Hessian eigenvalues are negative (${at})`
    case 'plateau':
      return plateauText(lead)
    case 'oscillating':
      return oscillatingText(input)
    case 'diverged':
      return divergedText(input)
  }
}

function minimumText({ lead, landscape }: StatusInput, flat: boolean): string {
  const lowest = landscape?.minima[0]?.value
  const global = lowest === undefined ? '' : ` (global minimum is ${u(lowest)})`
  if (flat)
    return (
      'reached a valley of minima (a flat valley: one Hessian eigenvalue is zero), ' +
      `U = ${u(lead.u)}${lead.label === 'local' ? global : ''}`
    )
  if (lead.label === 'global') return `reached the global minimum U = ${u(lead.u)}`
  if (lead.label === 'local')
    return lowest === undefined
      ? `stuck in a local minimum U = ${u(lead.u)}`
      : `stuck in local minimum U = ${u(lead.u)}${global}`
  return `reached a minimum U = ${u(lead.u)}`
}

function plateauText(lead: LeadWalker): string {
  // U takes one value all over the domain's grid, and the walker stands where U has no slope and no curvature:
  // the surface is flat, and every point of it is a critical point.
  if (lead.rangeOnDomain === 0 && lead.gradNorm === 0 && lead.eigenvalues[0] === 0 && lead.eigenvalues[1] === 0)
    return (
      `on flat ground: U = ${u(lead.u)} all over the domain, so |grad U| = 0 and every point is a critical point; ` +
      'nothing moves the walker'
    )
  // No slope at all where it stands (far out on exp(-r^2) it underflows): a critical point, if a flat one.
  if (lead.gradNorm === 0)
    return (
      'on flat ground: |grad U| = 0 and the surface barely curves here, ' +
      `so nothing moves the walker (U = ${u(lead.u)})`
    )
  const ratio = lead.typicalGradient / lead.gradNorm
  if (!(Number.isFinite(ratio) && ratio > 1))
    return (
      `on a plateau: the gradient is nearly zero here (|grad U| = ${g(lead.gradNorm)}), ` +
      'though this is not a critical point'
    )
  return (
    `on a plateau: the gradient is ${formatSignificant(ratio, 2)}x weaker here than is typical on the domain ` +
    `(|grad U| = ${g(lead.gradNorm)})`
  )
}

/**
 * A 2-cycle across a minimum: gradient descent overshoots in the stiff
 * direction when lr > 2/lambda_max there, and runs off only when lr is larger
 * still (or the walls steepen). The limit that matters is the minimum's, not
 * the one at either end of the cycle.
 */
function oscillatingText(input: StatusInput): string {
  const { lead } = input
  const minimum = nearestMinimum(input)
  const curvature = minimum?.eigenvalues && minimum.eigenvalues[1] > 0 ? minimum.eigenvalues[1] : null
  const limit = curvature === null ? null : stabilityAt(input, curvature)
  if (limit && limit.value > limit.limit) {
    const quantity = limit.quantity.startsWith('the ') ? limit.quantity : `the ${limit.quantity}`
    return (
      `oscillating: ${quantity} ${g(limit.value)} is between the local stability limit ` +
      `${limit.limitName} = ${g(limit.limit)} (at the minimum U = ${u(minimum!.value)}) and divergence`
    )
  }
  return `oscillating: going back and forth without settling (U = ${u(lead.u)}, |grad U| = ${g(lead.gradNorm)})`
}

/** The method's own stability limit (its descriptor knows it) at curvature lambda_max, with the lane's live values. */
function stabilityAt(input: StatusInput, lambdaMax: number): StabilityLimit | null {
  return methodById(input.method)?.stability?.(input.live, input.settings, lambdaMax) ?? null
}

const limitText = (limit: StabilityLimit) => `${limit.limitName} = ${g(limit.limit)}`

function divergedText(input: StatusInput): string {
  const { lead } = input
  // The values it diverged with (a schedule may have moved them since), as the engine recorded them.
  const live = lead.divergedWith ?? input.live
  const step = lead.divergedAt ?? input.step
  const head = `diverged at step ${formatCount(step)}`
  // Last seen lower than anywhere on the domain: it went downhill out of it, and kept going.
  if (Number.isFinite(lead.lowestOnDomain) && lead.u < lead.lowestOnDomain) {
    // A negative eigenvalue: the surface curves down where the walker was last seen.
    const down = lead.eigenvalues[0] < 0 ? `; Hessian eigenvalue ${g(lead.eigenvalues[0])} there` : ''
    // The run follows it ten domain widths out (DIVERGENCE_FACTOR): what lies beyond is not known.
    return (
      `${head}: it ran downhill off the domain to U = ${u(lead.u)} ` +
      `(lowest on the domain: ${u(lead.lowestOnDomain)}${down}), and found no bottom`
    )
  }
  const limit = lead.startCurvature === null ? null : stabilityAt({ ...input, live }, lead.startCurvature)
  if (limit && limit.value > limit.limit)
    return (
      `${head}: ${limit.quantity} ${g(limit.value)} is above the stability limit ${limitText(limit)} ` +
      'where it started'
    )
  // Below the limit where it started, or no limit there (the surface curves down at the start): the limit
  // where the walker was last seen, from the curvature there.
  const there = lead.eigenvalues[1] > 0 ? stabilityAt({ ...input, live }, lead.eigenvalues[1]) : null
  if (there && there.value > there.limit) {
    const what = `${there.quantity} ${g(there.value)}`
    return limit
      ? `${head}: ${what} is below the stability limit ${limitText(limit)} where it started, ` +
          `but the surface curves more steeply where it went (${limit.limitName} = ${g(there.limit)} there)`
      : `${head}: ${what} is above the stability limit ${limitText(there)} where it was last seen ` +
          '(the surface curves downward where it started)'
  }
  if (limit)
    return (
      `${head}: ${limit.quantity} ${g(limit.value)} is below the stability limit ${limitText(limit)} ` +
      'where it started and where it was last seen; it ran far off the domain or met a value that is not finite'
    )
  const detail = live.lr !== null ? ` (learning rate ${g(live.lr)})` : live.dt !== null ? ` (dt = ${g(live.dt)})` : ''
  return `${head}: it ran far off the domain or met a value that is not finite${detail}`
}

function samplingText(input: StatusInput): string {
  const { lead, settings } = input
  const kT = input.live.kT
  const annealing = typeof settings.anneal === 'string' && settings.anneal !== 'none'
  const head = kT === null ? 'sampling' : annealing ? `annealing, now at kT = ${g(kT)}` : `sampling at kT = ${g(kT)}`
  const basins = input.basins
  const minima = input.landscape?.minima
  if (basins && minima && basins.length === minima.length && basins.length > 1) {
    // How widely the walkers have roamed, and their time in the lowest basin against exp(-U/kT)'s share:
    // the basin by basin figures are the lane panel's table.
    const visited = basins.filter((b) => b.sampled > 0).length
    const where =
      visited === basins.length
        ? `visited all ${formatCount(basins.length)} basins`
        : `visited ${formatCount(visited)} of ${formatCount(basins.length)} basins`
    const until =
      input.basinsStep !== undefined && input.basinsStep !== null && input.basinsStep !== input.step
        ? ` up to step ${formatCount(input.basinsStep)}`
        : ''
    const global = globalBasins(minima)
    // All basins equally deep (a symmetric double well): their sum is all the time; the most visited one says more.
    const most = basins.reduce((best, b, k) => (b.sampled > (basins[best]?.sampled ?? -1) ? k : best), 0)
    const counted = global.length === basins.length ? [most] : global
    const sampled = counted.reduce((sum, k) => sum + (basins[k]?.sampled ?? 0), 0)
    const exact = counted.reduce((sum, k) => sum + (basins[k]?.exact ?? 0), 0)
    // Basins by the names the map gives their minima (Landscape.names).
    const names = input.landscape?.names ?? []
    const named = (k: number, words: string) => (names[k] ? `${names[k]}, ${words}` : words)
    const which =
      global.length === basins.length
        ? named(most, 'the most visited basin')
        : global.length === 1
          ? named(global[0]!, 'the global basin')
          : global.every((k) => names[k])
            ? `${listed(global.map((k) => names[k]!))}, the ${global.length} global basins`
            : `the ${global.length} global basins`
    return (
      `${head}: ${where}; ${share(sampled)} of the time${until} in ${which} ` +
      `(Boltzmann: ${share(exact)})${verdictWords(input.consistent)}`
    )
  }
  return `${head}: walker 1 at U = ${u(lead.u)}, |grad U| = ${g(lead.gradNorm)}${verdictWords(input.consistent)}`
}

/** "A", "A and B", "A, B and C". */
function listed(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`
}

/** A share as a whole percentage; a share that is not zero never reads as 0%. */
function share(p: number): string {
  const percent = 100 * p
  if (percent > 0 && percent < 0.5) return '<1%'
  if (percent < 100 && percent > 99.5) return '>99%'
  return `${Math.round(percent)}%`
}

/**
 * The minima as low as the lowest (within float32 round-off, as globalMinimumCount): a symmetric double well
 * has two global basins.
 */
function globalBasins(minima: readonly CriticalPoint[]): number[] {
  const lowest = Math.min(...minima.map((m) => m.value))
  const tolerance = 1e-5 * Math.max(1, Math.abs(lowest))
  return minima.flatMap((m, k) => (m.value - lowest <= tolerance ? [k] : []))
}

/** The check's verdict as the status line's last words (the lane panel gives the reasons). */
function verdictWords(consistent: boolean | null | undefined): string {
  if (consistent === true) return '; consistent with exact sampling'
  if (consistent === false) return '; not consistent with exact sampling'
  return ''
}

function nearestMinimum({ lead, landscape, domain }: StatusInput): CriticalPoint | null {
  const minima = landscape?.minima ?? []
  const plane = domain ?? { xmin: -Infinity, xmax: Infinity, ymin: -Infinity, ymax: Infinity }
  return minima[nearestIndex(plane, minima, lead.x, lead.y)] ?? null
}

type Phrase = [count: number, words: string]

/** Status phrases, singular and plural, in the order ties are listed. */
const PHRASES: Record<Exclude<WalkerStatus, 'minimum'>, [string, string]> = {
  running: ['still running', 'still running'],
  saddle: ['stopped at a saddle point', 'stopped at saddle points'],
  maximum: ['stopped at a maximum', 'stopped at maxima'],
  plateau: ['on a plateau', 'on plateaus'],
  oscillating: ['oscillating', 'oscillating'],
  diverged: ['diverged', 'diverged'],
}

function optimizerCounts({ statusCounts, atGlobalMinimum }: StatusInput, walkers: number): string {
  const phrases: Phrase[] = []
  WALKER_STATUSES.forEach((status, k) => {
    const n = statusCounts[k] ?? 0
    if (n === 0) return
    if (status !== 'minimum') {
      phrases.push([n, PHRASES[status][n === 1 ? 0 : 1]])
    } else if (atGlobalMinimum === null || atGlobalMinimum === undefined) {
      phrases.push([n, n === 1 ? 'at a minimum' : 'at minima'])
    } else {
      const local = n - atGlobalMinimum
      if (atGlobalMinimum > 0) phrases.push([atGlobalMinimum, 'reached the global minimum'])
      if (local > 0) phrases.push([local, local === 1 ? 'stuck in a local minimum' : 'stuck in local minima'])
    }
  })
  return countsPhrase(phrases, walkers)
}

/** "7 of 10 walkers stuck in local minima, 3 reached the global minimum": largest group first. */
function countsPhrase(phrases: Phrase[], walkers: number): string {
  const sorted = phrases.map((p, k) => [...p, k] as const).sort((a, b) => b[0] - a[0] || a[2] - b[2])
  return sorted
    .map(([n, words], k) => {
      if (k > 0) return `${formatCount(n)} ${words}`
      return n === walkers
        ? `all ${formatCount(walkers)} walkers ${words}`
        : `${formatCount(n)} of ${formatCount(walkers)} walkers ${words}`
    })
    .join(', ')
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
