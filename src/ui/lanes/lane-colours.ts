/**
 * Lane colours from Okabe & Ito's palette (distinct for readers with any common
 * colour-vision deficiency), chosen to stand out on viridis, which has no red:
 * vermillion, reddish purple, white-ish yellow and sky blue. Walkers are drawn
 * with a dark outline and trails with a white halo, so each holds on the dark
 * and the bright ends of the colour scale.
 */
export const LANE_COLOURS = ['#D55E00', '#CC79A7', '#F0E442', '#56B4E9'] as const

/** Lanes are lettered A, B, C, D on the page, in captions and in data files. */
export function laneLetter(index: number): string {
  return String.fromCharCode(65 + index)
}

/** 'Lane A', 'Lane B'... */
export function laneName(index: number): string {
  return `Lane ${laneLetter(index)}`
}
