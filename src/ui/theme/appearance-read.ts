import { isPaletteId, type PaletteId } from './palettes'

export type SchemeChoice = 'system' | 'light' | 'dark'
const SCHEMES: readonly SchemeChoice[] = ['system', 'light', 'dark']

/** The stored appearance, read as untrusted data: anything unknown is the default. */
export function readAppearance(text: string | null): { scheme: SchemeChoice; palette: PaletteId } {
  let value: unknown = null
  try {
    value = text === null ? null : JSON.parse(text)
  } catch {
    // Unreadable: the defaults.
  }
  const bag =
    typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {}
  const scheme =
    Object.hasOwn(bag, 'scheme') && SCHEMES.includes(bag.scheme as SchemeChoice)
      ? (bag.scheme as SchemeChoice)
      : 'system'
  const palette = Object.hasOwn(bag, 'palette') && isPaletteId(bag.palette) ? bag.palette : 'okabe-ito'
  return { scheme, palette }
}
