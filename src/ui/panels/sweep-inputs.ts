import type { NumberParam } from '../../core/dynamics/params'
import { formatNumber, parseNumberText } from '../controls/number-text'
import { formatCount } from './numbers'

/**
 * What a temperature sweep from the page may ask for. The work cap keeps one
 * sweep under about a minute in the task worker here (measured in headless
 * Chromium: 2e6 walker-steps a second, overdamped Langevin on the double well
 * with its transition counting).
 */
export const SWEEP_LIMITS = {
  temperatures: { min: 2, max: 12 },
  walkers: { min: 1, max: 10_000 },
  steps: { min: 100, max: 1_000_000 },
  walkerSteps: 100_000_000,
} as const

export type ParsedTemperatures = { ok: true; kTs: number[] } | { ok: false; message: string }

/** One temperature as typed: a number, or a fraction such as 1/3. */
function parseTemperature(token: string): { ok: true; value: number } | { ok: false; message: string } {
  const parts = token.split('/')
  if (parts.length > 2) return { ok: false, message: `'${token}' is not a number` }
  const [top, bottom] = parts.map(parseNumberText)
  if (!top.ok) return top
  if (!bottom) return top
  if (!bottom.ok) return bottom
  if (bottom.value === 0) return { ok: false, message: `${token} divides by zero` }
  return { ok: true, value: top.value / bottom.value }
}

/**
 * The kT list of a sweep as typed ("0.2, 0.25, 1/3, 0.5"): separated by commas,
 * semicolons or spaces; each positive and inside the method's kT range; two to
 * twelve of them, none twice. Sorted from cold to hot.
 */
export function parseTemperatures(text: string, range: Pick<NumberParam, 'min' | 'max'>): ParsedTemperatures {
  const tokens = text.split(/[\s,;]+/).filter(Boolean)
  const { min, max } = SWEEP_LIMITS.temperatures
  if (tokens.length < min) return { ok: false, message: `enter at least ${min} temperatures, separated by commas` }
  if (tokens.length > max) return { ok: false, message: `at most ${max} temperatures` }
  const kTs: number[] = []
  for (const token of tokens) {
    const parsed = parseTemperature(token)
    if (!parsed.ok) return parsed
    const kT = parsed.value
    if (!(kT > 0)) return { ok: false, message: `kT = ${token} must be above 0` }
    if (kT < range.min || kT > range.max)
      return { ok: false, message: `kT = ${token} is out of range: from ${range.min} to ${range.max}` }
    if (kTs.includes(kT)) return { ok: false, message: `kT = ${token} is listed twice` }
    kTs.push(kT)
  }
  return { ok: true, kTs: kTs.sort((a, b) => a - b) }
}

/** The list as the box shows it. */
export function temperaturesText(kTs: readonly number[]): string {
  return kTs.map(formatNumber).join(', ')
}

/**
 * Temperatures for a barrier dE: dE/kT from 5 down to 2. Colder, crossings get too
 * rare to count in a sweep of this size; hotter, the barrier no longer dominates
 * and ln k bends away from the Arrhenius line (transition-state theory needs dE >> kT).
 */
export function defaultTemperatures(barrier: number): number[] {
  return [5, 4, 3, 2].map((ratio) => barrier / ratio)
}

/** Why a walker count cannot be swept, or null. */
export function walkersProblem(walkers: number): string | null {
  const { min, max } = SWEEP_LIMITS.walkers
  return Number.isInteger(walkers) && walkers >= min && walkers <= max
    ? null
    : `walkers must be a whole number from ${min} to ${formatCount(max)}`
}

/** Why a step count cannot be swept, or null. */
export function stepsProblem(steps: number): string | null {
  const { min, max } = SWEEP_LIMITS.steps
  return Number.isInteger(steps) && steps >= min && steps <= max
    ? null
    : `steps must be a whole number from ${min} to ${formatCount(max)}`
}

/** Why the whole sweep is too much work for the page, or null. */
export function workProblem(temperatures: number, walkers: number, steps: number): string | null {
  const work = temperatures * walkers * steps
  if (work <= SWEEP_LIMITS.walkerSteps) return null
  return (
    `${temperatures} temperatures × ${formatCount(walkers)} walkers × ${formatCount(steps)} steps ` +
    `is too long a sweep for the page: at most ${formatCount(SWEEP_LIMITS.walkerSteps)} walker-steps in all ` +
    '(use `landscape sweep` for more)'
  )
}
