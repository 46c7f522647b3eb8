import { OUTCOMES, type AttractionMap } from '../../core/studies/attraction'
import type { BasinGrid } from '../../engine/protocol'
import { OUTCOME_COLOURS } from '../panels/outcome-colours'
import { formatValue } from '../format'
import type { NamedPoint } from '../points'
import type { CategoryGrid, Rgba } from './grid-layer'

/** How opaque an overlay's cells are: the contours must still show through. */
const ALPHA = 0.42

function rgba(hex: string, alpha = ALPHA): Rgba {
  const v = Number.parseInt(hex.slice(1), 16)
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255, Math.round(alpha * 255)]
}

/**
 * Basins of the minima: Paul Tol's 'muted' qualitative scheme (colour-blind
 * safe), repeating for surfaces with more minima than colours (Rastrigin's dozens).
 */
export const BASIN_HEX = [
  '#332288',
  '#88CCEE',
  '#44AA99',
  '#117733',
  '#999933',
  '#DDCC77',
  '#CC6677',
  '#882255',
  '#AA4499',
] as const

export interface LegendEntry {
  colour: string
  label: string
}

/**
 * The basin overlay of a surface's minima, with a legend that lists every colour it paints: each colour
 * with the minimum it stands for, as the map labels it, or the first of the minima that share it when
 * there are more minima than colours (Rastrigin's dozens).
 */
export function basinOverlay(
  basins: BasinGrid,
  points: readonly NamedPoint[],
): { grid: CategoryGrid; legend: LegendEntry[] } {
  const minima = points.filter((p) => p.kind === 'minimum').sort((a, b) => a.value - b.value)
  const colours = minima.map((_, k) => rgba(BASIN_HEX[k % BASIN_HEX.length]))
  // Minima of the same name and value (the two wells of a double well) are told apart by where they are.
  const repeated = (label: string) => minima.filter((m) => m.label === label).length > 1
  const name = (m: NamedPoint) =>
    `${m.label}${repeated(m.label) ? ` at (${formatValue(m.x)}, ${formatValue(m.y)})` : ''}`
  const legend: LegendEntry[] = BASIN_HEX.slice(0, minima.length).map((colour, k) => {
    const sharing = Math.ceil((minima.length - k) / BASIN_HEX.length)
    return {
      colour,
      label: `basin of ${name(minima[k])}${sharing > 1 ? ` and ${sharing - 1} more` : ''}`,
    }
  })
  return { grid: { nx: basins.nx, ny: basins.ny, xs: basins.xs, ys: basins.ys, codes: basins.labels, colours }, legend }
}

/**
 * The basin-of-attraction overlay of an optimizer, in the colours of the lane
 * panel's legend (panels/outcome-colours.ts), with a legend of the outcomes that
 * occur. A start still running at the step limit has no answer: left clear.
 */
export function attractionOverlay(map: AttractionMap): { grid: CategoryGrid; legend: LegendEntry[] } {
  // More opaque than the basins: the outcome colours must read true over viridis.
  const colours = OUTCOMES.map((o) => rgba(OUTCOME_COLOURS[o], o === 'running' ? 0 : 0.72))
  const present = new Set(map.outcome)
  const legend = OUTCOMES.filter((o, k) => present.has(k) && o !== 'running').map((o) => ({
    colour: OUTCOME_COLOURS[o],
    label: o,
  }))
  return { grid: { nx: map.nx, ny: map.ny, xs: map.xs, ys: map.ys, codes: map.outcome, colours }, legend }
}
