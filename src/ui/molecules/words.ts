import { formatValue } from '../format'

/**
 * What a molecule walker is doing, in words, as the 2D lanes say it: from SystemLane.status's data
 * as a frame carries it (kind code, energy, the step it diverged at) and the lowest known minimum.
 */

/** WALKER_KIND codes of the system protocol. */
const RUNNING = 0
const MINIMUM = 1

/** Energies this close to the lowest known minimum count as the global minimum (SystemLane's GLOBAL_TOLERANCE). */
const AT_GLOBAL = 1e-4

export function walkerWords(kind: number, energy: number, divergedAt: number, global: number | null): string {
  const e = formatValue(energy, 2)
  const atGlobal = global !== null && Math.abs(energy - global) <= AT_GLOBAL
  if (kind === RUNNING) return `running, E = ${e}`
  if (kind === MINIMUM) {
    if (atGlobal) return `quenched to the global minimum E = ${e}`
    const known = global === null ? '' : ` (global ${formatValue(global, 2)})`
    return `quenched to a local minimum E = ${e}${known}`
  }
  return `diverged at step ${divergedAt}`
}

/** One line over all walkers: how many run, sit in a minimum (at the global one) or diverged, and the lowest E. */
export function walkersSummary(kinds: ArrayLike<number>, energies: ArrayLike<number>, global: number | null): string {
  let running = 0
  let minima = 0
  let atGlobal = 0
  let diverged = 0
  let lowest = Infinity
  for (let i = 0; i < kinds.length; i++) {
    const k = kinds[i]!
    const e = energies[i]!
    if (k === RUNNING) running++
    else if (k === MINIMUM) minima++
    else diverged++
    if (k !== RUNNING && k !== MINIMUM) continue
    if (global !== null && Math.abs(e - global) <= AT_GLOBAL) atGlobal++
    lowest = Math.min(lowest, e)
  }
  const n = kinds.length
  const parts = [`${n} walker${n === 1 ? '' : 's'}: ${running} running`]
  if (minima > 0) parts.push(`${minima} in a minimum`)
  if (atGlobal > 0) parts.push(`${atGlobal} at the global minimum`)
  if (diverged > 0) parts.push(`${diverged} diverged`)
  const low = Number.isFinite(lowest) ? `; lowest E = ${formatValue(lowest, 2)}` : ''
  const known = global === null ? '' : ` (global ${formatValue(global, 2)})`
  return `${parts.join(', ')}${low}${known}`
}
