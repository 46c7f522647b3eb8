import { MAX_LENGTH } from '../../core/formula/lexer'
import type { ScenarioProblem } from '../../core/scenario'

/** A surface the user saved: a name and a formula (checked when loaded, like typed text). */
export interface SavedSurface {
  name: string
  formula: string
}

export const MAX_SAVED_SURFACES = 100
export const MAX_NAME_LENGTH = 60

const isBag = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** What is wrong with a name for a saved surface (`except`: the index being renamed), null when it is fine. */
export function nameProblem(name: string, surfaces: readonly SavedSurface[], except = -1): string | null {
  const trimmed = name.trim()
  if (trimmed === '') return 'give the surface a name'
  if (trimmed.length > MAX_NAME_LENGTH) return `a name has at most ${MAX_NAME_LENGTH} characters`
  if (surfaces.some((s, k) => k !== except && s.name === trimmed))
    return `there is already a surface called '${trimmed}'`
  return null
}

/**
 * Reads the stored list as untrusted data, as a link is read: JSON text, a
 * list of {name, formula} with string fields of bounded length and distinct
 * names, at most MAX_SAVED_SURFACES. Every other entry is dropped and counted;
 * no key of the input is copied.
 */
export function readSavedSurfaces(text: string | null): { surfaces: SavedSurface[]; problems: ScenarioProblem[] } {
  const surfaces: SavedSurface[] = []
  if (text === null) return { surfaces, problems: [] }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return {
      surfaces,
      problems: [{ field: 'saved surfaces', message: 'the stored list is not readable and was set aside' }],
    }
  }
  if (!Array.isArray(value))
    return {
      surfaces,
      problems: [{ field: 'saved surfaces', message: 'the stored list is not a list and was set aside' }],
    }
  let dropped = 0
  for (const item of value.slice(0, MAX_SAVED_SURFACES)) {
    const name = isBag(item) && Object.hasOwn(item, 'name') ? item.name : undefined
    const formula = isBag(item) && Object.hasOwn(item, 'formula') ? item.formula : undefined
    if (
      typeof name === 'string' &&
      typeof formula === 'string' &&
      formula.length <= MAX_LENGTH &&
      nameProblem(name, surfaces) === null
    ) {
      surfaces.push({ name: name.trim(), formula })
    } else dropped++
  }
  dropped += Math.max(0, value.length - MAX_SAVED_SURFACES)
  const problems =
    dropped > 0
      ? [
          {
            field: 'saved surfaces',
            message:
              `${dropped} stored ${dropped === 1 ? 'entry was' : 'entries were'} not readable ` +
              `and ${dropped === 1 ? 'was' : 'were'} dropped`,
          },
        ]
      : []
  return { surfaces, problems }
}

export function writeSavedSurfaces(surfaces: readonly SavedSurface[]): string {
  return JSON.stringify(surfaces.map(({ name, formula }) => ({ name, formula })))
}
