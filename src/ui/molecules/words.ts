import { GLOBAL_TOLERANCE, type SystemWalkerStatus } from '../../core/dynamics/system-lane'
import { systemWalkerWords, type WalkerWordsOptions } from '../../core/systems/words'
import { formatValue } from '../format'

/**
 * What molecule walkers are doing, in words, from the data a frame carries (a kind code of the
 * system protocol, the energy, the step a walker diverged at) and the lowest known minimum: one
 * walker in the words the command line uses too (core/systems/words.ts), all of them in one line.
 */

/** WALKER_KIND codes of the system protocol, in order. */
const KINDS: readonly SystemWalkerStatus['kind'][] = ['running', 'minimum', 'diverged']

export function walkerWords(
  kind: number,
  energy: number,
  divergedAt: number,
  global: number | null,
  how: Pick<WalkerWordsOptions, 'sampler' | 'hopping'> = {},
): string {
  const status: SystemWalkerStatus = {
    kind: KINDS[kind] ?? 'running',
    energy,
    global,
    atGlobal: kind !== 2 && global !== null && Math.abs(energy - global) <= GLOBAL_TOLERANCE,
    divergedAt: kind === 2 ? divergedAt : null,
  }
  return systemWalkerWords(status, { ...how, format: (v) => formatValue(v, 2) })
}

/**
 * One line over all walkers: how many move (`moving` says how: 'sampling', 'still moving'), sit in a
 * minimum (at the global one) or diverged, and the lowest E.
 */
export function walkersSummary(
  kinds: ArrayLike<number>,
  energies: ArrayLike<number>,
  global: number | null,
  moving = 'running',
): string {
  let running = 0
  let minima = 0
  let atGlobal = 0
  let diverged = 0
  let lowest = Infinity
  for (let i = 0; i < kinds.length; i++) {
    const k = kinds[i]!
    const e = energies[i]!
    if (k === 0) running++
    else if (k === 1) minima++
    else diverged++
    if (k === 2) continue
    if (global !== null && Math.abs(e - global) <= GLOBAL_TOLERANCE) atGlobal++
    lowest = Math.min(lowest, e)
  }
  const n = kinds.length
  const parts = [`${n} walker${n === 1 ? '' : 's'}: ${running} ${moving}`]
  if (minima > 0) parts.push(`${minima} in a minimum`)
  if (atGlobal > 0) parts.push(`${atGlobal} at the global minimum`)
  if (diverged > 0) parts.push(`${diverged} diverged`)
  const low = Number.isFinite(lowest) ? `; lowest E = ${formatValue(lowest, 2)}` : ''
  const known = global === null ? '' : ` (global ${formatValue(global, 2)})`
  return `${parts.join(', ')}${low}${known}`
}
