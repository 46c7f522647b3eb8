/**
 * Lane colours from Okabe & Ito's palette (distinct for readers with any common
 * colour-vision deficiency), chosen to stand out on viridis, which has no red:
 * vermillion, reddish purple, white-ish yellow and sky blue. Walkers are drawn
 * with a dark outline and trails with a white halo, so each holds on the dark
 * and the bright ends of the colour scale.
 */
export const LANE_COLOURS = ['#D55E00', '#CC79A7', '#F0E442', '#56B4E9'] as const

/** Lanes are named A, B, C, D on the page. */
export function laneName(index: number): string {
  return `Lane ${String.fromCharCode(65 + index)}`
}

export function laneColour(index: number): string {
  return LANE_COLOURS[index % LANE_COLOURS.length]
}
