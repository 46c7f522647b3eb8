import { formatValue } from '../format'
import { formatCount } from '../panels/numbers'

/** Energies closer than this are one minimum (permutations and rotations of one structure share its energy). */
export const SAME_MINIMUM = 1e-3

/** How many distinct values `energies` hold, finite ones only, values within `tolerance` of the last taken as one. */
export function distinctEnergies(energies: ArrayLike<number>, tolerance = SAME_MINIMUM): number {
  const sorted = Array.from(energies)
    .filter((e) => Number.isFinite(e))
    .sort((a, b) => a - b)
  let levels = 0
  let last = -Infinity
  for (const e of sorted) {
    if (e - last > tolerance) levels++
    last = e
  }
  return levels
}

/** A share as the page words it: 17.2%, 40%; never more than one decimal. */
export function percent(part: number, whole: number): string {
  const value = (100 * part) / whole
  return `${formatValue(value, Number.isInteger(value) ? 0 : 1)}%`
}

export interface DescentTally {
  starts: number
  energies: ArrayLike<number>
  minimum: number
  running: number
  diverged: number
  atGlobal: number
  global: number | null
  steps: number
  /** Tolerance of "at the global minimum". */
  globalTolerance: number
}

/**
 * Where the starts ended, in words: "172 of 1,000 starts (17.2%) reach the global minimum −44.33;
 * the other 828 end in 200 other minima". Starts still moving at the step cap are named apart.
 */
export function descentSummary(t: DescentTally): string {
  const head =
    t.global === null
      ? `${formatCount(t.starts)} starts`
      : `${formatCount(t.atGlobal)} of ${formatCount(t.starts)} starts (${percent(t.atGlobal, t.starts)}) reach ` +
        `the global minimum ${formatValue(t.global)}`
  const others = Array.from(t.energies).filter(
    (e) => Number.isFinite(e) && (t.global === null || Math.abs(e - t.global) > t.globalTolerance),
  )
  const parts: string[] = []
  if (t.running === 0 && others.length > 0) {
    const levels = distinctEnergies(others)
    const rest = t.global === null ? 'they' : `the other ${formatCount(others.length)}`
    parts.push(`${rest} end in ${formatCount(levels)} other ${levels === 1 ? 'minimum' : 'minima'}`)
  } else if (t.running > 0) {
    parts.push(
      `${formatCount(t.minimum)} ${t.minimum === 1 ? 'stops' : 'stop'} in a minimum; ${formatCount(t.running)} ` +
        `${t.running === 1 ? 'is' : 'are'} still going downhill after ` +
        `${formatCount(t.steps)} steps (drawn where they are)`,
    )
  }
  if (t.diverged > 0) parts.push(`${formatCount(t.diverged)} diverged`)
  return parts.length === 0 ? `${head}.` : `${head}; ${parts.join('; ')}.`
}
