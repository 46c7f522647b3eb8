import { LANE_COLOURS } from '../lanes/lane-colours'

/**
 * Lane colours, each set safe for readers with any common colour-vision
 * deficiency and chosen to stand out on viridis (the map's colour scale):
 * Okabe & Ito's (the default, see lanes/lane-colours.ts), or four of Paul Tol's
 * "vibrant" colours (orange, magenta, cyan, grey) for readers who find those
 * easier to tell apart.
 */
export const PALETTES = {
  'okabe-ito': { label: 'Okabe–Ito', colours: LANE_COLOURS },
  'tol-vibrant': { label: 'Tol vibrant', colours: ['#EE7733', '#EE3377', '#33BBEE', '#BBBBBB'] },
} as const satisfies Record<string, { label: string; colours: readonly string[] }>

export type PaletteId = keyof typeof PALETTES

export const PALETTE_IDS = Object.keys(PALETTES) as PaletteId[]

export function isPaletteId(value: unknown): value is PaletteId {
  return typeof value === 'string' && (PALETTE_IDS as string[]).includes(value)
}

export function paletteColour(palette: PaletteId, index: number): string {
  const colours = PALETTES[palette].colours
  return colours[index % colours.length]
}
