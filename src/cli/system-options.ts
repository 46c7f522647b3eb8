import { writeFileSync } from 'node:fs'
import { abDescriptor, AbSequenceError, AB_MAX_LENGTH, AB_MIN_LENGTH } from '../core/systems/ab-2d'
import type { SystemDescriptor } from '../core/systems/descriptor'
import { SYSTEMS, systemById } from '../core/systems'
import { UsageError, type OptionSpec } from './usage'

/** The options of every command that works on a many-coordinate system. */
export const SYSTEM_OPTIONS: Record<string, OptionSpec> = {
  system: { type: 'string' },
  sequence: { type: 'string' },
}

export const SYSTEM_HELP = [
  '  --system ID             a many-coordinate system (see `landscape systems`)',
  '  --sequence AB...        instead of --system: a 2D AB chain of your own,',
  `                          ${AB_MIN_LENGTH} to ${AB_MAX_LENGTH} letters A (hydrophobic) and B (hydrophilic)`,
]

/** The options that name a surface: none of them goes with a system. */
const SURFACE_ONLY = ['surface', 'formula', 'domain', 'param', 'scenario', 'lane']

/** Whether the options name a system (--system or --sequence). */
export function namesSystem(values: Record<string, unknown>): boolean {
  return values.system !== undefined || values.sequence !== undefined
}

/**
 * The system the options name: a listed id, or an AB chain typed with --sequence. A surface
 * option beside it, both or neither of --system and --sequence, an unknown id or a bad sequence
 * is a usage error naming the option; so is any option of `refused` (a command's own surface-only options).
 */
export function systemOption(values: Record<string, unknown>, refused: readonly string[] = []): SystemDescriptor {
  const id = values.system as string | undefined
  const sequence = values.sequence as string | undefined
  const given = id !== undefined ? '--system' : '--sequence'
  for (const option of [...SURFACE_ONLY, ...refused])
    if (values[option] !== undefined)
      throw new UsageError(`${given} cannot be combined with --${option}: a run is on a system or on a surface`)
  if (id !== undefined && sequence !== undefined)
    throw new UsageError('give one of --system ID and --sequence AB...: a typed sequence is its own system')
  if (sequence !== undefined) {
    try {
      return abDescriptor(sequence)
    } catch (e) {
      if (e instanceof AbSequenceError) throw new UsageError(`--sequence: ${e.message}`)
      throw e
    }
  }
  if (id === undefined) throw new UsageError('--system is required; see `landscape systems`')
  const descriptor = systemById(id)
  if (!descriptor)
    throw new UsageError(`--system: unknown system '${id}'; known: ${SYSTEMS.map((s) => s.id).join(', ')}`)
  return descriptor
}

/**
 * Runs a core computation whose RangeError names a bad input ("budget must be ...",
 * "walkers: ..."), turning it into a usage error that names the option.
 */
export function asUsage<T>(compute: () => T, option: string): T {
  try {
    return compute()
  } catch (e) {
    if (!(e instanceof RangeError)) throw e
    const match = /^(budget|walkers|starts|seed)(: | must)/.exec(e.message)
    if (match === null) throw new UsageError(`${option}: ${e.message}`)
    // "walkers: 5 walkers cannot ..." loses its field name, which the option now says.
    const rest = match[2] === ': ' ? e.message.slice(match[0].length) : e.message
    throw new UsageError(`--${match[1]}: ${rest}`)
  }
}

/** Writes an XYZ text to the file of --xyz; a file that cannot be written is a usage error. */
export function writeXyzFile(path: string, text: string, option = '--xyz'): void {
  try {
    writeFileSync(path, text)
  } catch (e) {
    throw new UsageError(`${option}: cannot write '${path}': ${(e as NodeJS.ErrnoException).code ?? 'error'}`)
  }
}

export const XYZ_OPTION: Record<string, OptionSpec> = { xyz: { type: 'string' } }
