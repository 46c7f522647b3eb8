import { ticks } from 'd3-array'
import { contours } from 'd3-contour'
import { interpolateViridis } from 'd3-scale-chromatic'
import type { Domain } from '../../core/surface'
import type { ColourMap } from '../colour'
import type { CategoryGrid } from '../views/grid-layer'
import { labelColours, LABEL_FONT, LABEL_FONT_SIZE, mapLabels } from '../views/labels'
import type { LegendEntry } from '../views/overlays'
import { dotRadius, wrapJump } from '../views/walkers-layer'

/**
 * A figure as a true vector SVG, built directly (not through plotly, whose SVG
 * export embeds WebGL traces and heatmaps as raster images): maps side by side
 * on one sheet (a lane a map for the figure layout, or every lane on one map for
 * the 2D view), each with the filled contour bands of the surface as <path>
 * elements, its walkers and trails as <path> elements, axes with ticks and
 * labels, the page's overlays (basins of the minima, an optimizer's basins of
 * attraction) as translucent <path> regions with their legend, one shared
 * colour bar, and the caption underneath. Pure string
 * building: tested in Node, rasterised to PNG in the browser.
 */
export interface FigureGrid {
  nx: number
  ny: number
  x: Float64Array
  y: Float64Array
  /** U at (x[i], y[j]) stored at j * nx + i. */
  z: Float64Array
}

export interface FigureLane {
  /** 'A: Gradient descent': the key above the map; the caption says the rest. */
  label: string
  colour: string
  /** x0, y0, x1, y1... */
  positions: Float32Array
  trails: Float32Array
  trailWalkers: number
  trailLength: number
}

export interface FigurePoint {
  x: number
  y: number
  kind: 'minimum' | 'saddle' | 'maximum' | 'degenerate'
  /** U there, and the name the map gives it ('MA −146.70'). */
  value: number
  label: string
}

/** One overlay's legend, under its heading (none for the basins of the minima, whose entries name themselves). */
export interface FigureLegend {
  title: string | null
  entries: readonly LegendEntry[]
}

export interface FigureInput {
  grid: FigureGrid
  colour: ColourMap
  domain: Domain
  axes: [string, string]
  /**
   * The maps of the sheet, each with its lanes: one lane a map (the figure layout), or every lane on one
   * (the 2D view).
   */
  panels: FigureLane[][]
  points: FigurePoint[]
  caption: string
  /** Under each map (same order as panels), the overlays it shows, bottom first. */
  overlays?: readonly (readonly CategoryGrid[])[]
  legend?: readonly FigureLegend[]
}

/** At most this many walkers per lane are drawn (a fixed, even subset). */
export const MAX_DRAWN_WALKERS = 2000
const LEVELS = 24
const FONT = "font-family='Helvetica, Arial, sans-serif'"

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)
}

const r1 = (v: number) => Math.round(v * 10) / 10

export function figureSVG(input: FigureInput, panelWidth = 320): string {
  const { domain: d, grid, colour } = input
  const panels = Math.max(1, input.panels.length)
  const aspect = (d.ymax - d.ymin) / (d.xmax - d.xmin)
  const plotW = panelWidth
  const plotH = Math.max(120, Math.min(2.5 * plotW, plotW * aspect))
  const margin = { left: 48, top: 28, gap: 56, bottom: 44 }
  // Room for the colour bar and its title ('U (log scale)', 'U (cut at 100)').
  const barW = Math.max(90, Math.ceil(30 + 6.6 * colour.title.length))
  const width = margin.left + panels * plotW + (panels - 1) * margin.gap + barW
  const captionLines = wrap(input.caption, Math.floor((width - 16) / 5.9))
  const legendRows = layoutLegend(input.legend ?? [], width - 16)
  const legendTop = margin.top + plotH + margin.bottom
  const captionTop = legendTop + LEGEND_ROW * legendRows.length + (legendRows.length > 0 ? 6 : 0)
  // Whole pixels, so that a PNG at scale s is exactly s times as wide and as high.
  const height = Math.ceil(captionTop + 16 * captionLines.length + 12)
  const bands = contourBands(grid, colour)
  const parts: string[] = [
    `<svg xmlns='http://www.w3.org/2000/svg' width='${width}' height='${height}' viewBox='0 0 ${width} ${height}' ${FONT} font-size='12'>`,
    `<rect width='100%' height='100%' fill='#ffffff'/>`,
  ]
  input.panels.forEach((panel, k) => {
    const left = margin.left + k * (plotW + margin.gap)
    const sx = (x: number) => left + ((x - d.xmin) / (d.xmax - d.xmin)) * plotW
    const sy = (y: number) => margin.top + plotH - ((y - d.ymin) / (d.ymax - d.ymin)) * plotH
    parts.push(`<g>`, laneKey(panel, left, margin.top - 10, plotW))
    parts.push(
      `<clipPath id='clip${k}'><rect x='${left}' y='${margin.top}' width='${plotW}' height='${r1(plotH)}'/></clipPath>`,
    )
    parts.push(`<g clip-path='url(#clip${k})'>`)
    for (const band of bands) parts.push(`<path d='${band.path(sx, sy, grid, d)}' fill='${band.fill}'/>`)
    for (const overlay of input.overlays?.[k] ?? []) parts.push(...overlayPaths(overlay, sx, sy))
    // As on the page: critical points under the walkers (a converged walker sits on its minimum),
    // every trail under every walker, and big clouds first, so a lone walker is never hidden.
    parts.push(pointMarks(input.points, sx, sy))
    for (const lane of panel) parts.push(trailPath(lane, sx, sy, wrapJump(d)))
    for (const lane of [...panel].sort((a, b) => b.positions.length - a.positions.length))
      parts.push(walkerPath(lane, sx, sy))
    parts.push(`</g>`)
    // The points' labels over the walkers, placed as on the page (views/labels.ts).
    parts.push(pointLabels(input.points, (p) => [sx(p.x) - left, sy(p.y) - margin.top], left, margin.top, plotW, plotH))
    parts.push(axes(left, margin.top, plotW, plotH, d, input.axes), `</g>`)
  })
  parts.push(colourBar(margin.left + panels * plotW + (panels - 1) * margin.gap + 24, margin.top, plotH, bands, colour))
  legendRows.forEach((row, k) => parts.push(legendRow(row, 8, legendTop + 12 + LEGEND_ROW * k)))
  captionLines.forEach((line, k) =>
    parts.push(`<text x='8' y='${r1(captionTop + 14 + 16 * k)}'>${escapeXml(line)}</text>`),
  )
  parts.push('</svg>')
  return parts.join('\n')
}

/** A dot in each lane's colour with its label, in one row; letters alone when the labels do not fit. */
function laneKey(lanes: FigureLane[], left: number, baseline: number, room: number): string {
  // Bold text: wider per character than the regular text of the legend (itemWidth).
  const width = (text: string) => 24 + 7.6 * text.length
  const full = lanes.reduce((sum, lane) => sum + width(lane.label), 0) <= room
  const out: string[] = []
  let x = left
  for (const lane of lanes) {
    const text = full ? lane.label : lane.label.split(':')[0]
    out.push(
      `<path d='M${r1(x)},${baseline - 4}a4,4 0 1,0 8,0a4,4 0 1,0 -8,0' fill='${lane.colour}' ` +
        "stroke='#000000' stroke-width='0.6'/>",
      `<text x='${r1(x + 12)}' y='${baseline}' font-weight='bold'>${escapeXml(text)}</text>`,
    )
    x += width(text)
  }
  return out.join('')
}

/**
 * An overlay's categories as regions: for each colour in use, the outline of its
 * cells (d3-contour of the category's indicator at 1/2, which runs halfway
 * between neighbouring nodes and half a spacing beyond the outer ones: the
 * cells the page paints), filled with the colour at its opacity.
 */
function overlayPaths(grid: CategoryGrid, sx: (x: number) => number, sy: (y: number) => number): string[] {
  const { nx, ny, xs, ys, codes, colours } = grid
  if (nx < 2 || ny < 2) return []
  const dx = (xs[nx - 1] - xs[0]) / (nx - 1)
  const dy = (ys[ny - 1] - ys[0]) / (ny - 1)
  const gx = (u: number) => r1(sx(xs[0] + (u - 0.5) * dx))
  const gy = (v: number) => r1(sy(ys[0] + (v - 0.5) * dy))
  const present = new Set<number>()
  for (let k = 0; k < nx * ny; k++) present.add(codes[k])
  const generator = contours().size([nx, ny]).thresholds([0.5])
  const indicator = new Array<number>(nx * ny)
  const out: string[] = []
  for (const code of [...present].sort((a, b) => a - b)) {
    const colour = colours[code]
    if (!colour || colour[3] === 0) continue
    for (let k = 0; k < nx * ny; k++) indicator[k] = codes[k] === code ? 1 : 0
    const [region] = generator(indicator)
    const d = region.coordinates
      .map((rings) => rings.map((ring) => `M${ring.map(([u, v]) => `${gx(u)},${gy(v)}`).join('L')}Z`).join(''))
      .join('')
    if (d)
      out.push(
        `<path d='${d}' fill='rgb(${colour[0]},${colour[1]},${colour[2]})' ` +
          `fill-opacity='${+(colour[3] / 255).toFixed(3)}'/>`,
      )
  }
  return out
}

const LEGEND_ROW = 16
type LegendItem = { kind: 'title'; text: string } | { kind: 'entry'; text: string; colour: string }

const itemWidth = (item: LegendItem) => (item.kind === 'title' ? 0 : 16) + 6.6 * item.text.length + 14

/** The legends in rows of at most `room` pixels: each overlay's on a new row, its heading first. */
function layoutLegend(groups: readonly FigureLegend[], room: number): LegendItem[][] {
  const rows: LegendItem[][] = []
  for (const group of groups) {
    let row: LegendItem[] = []
    let used = 0
    const items: LegendItem[] = [
      ...(group.title ? [{ kind: 'title' as const, text: group.title }] : []),
      ...group.entries.map((e) => ({ kind: 'entry' as const, text: e.label, colour: e.colour })),
    ]
    for (const item of items) {
      if (row.length > 0 && used + itemWidth(item) > room) {
        rows.push(row)
        row = []
        used = 0
      }
      row.push(item)
      used += itemWidth(item)
    }
    if (row.length > 0) rows.push(row)
  }
  return rows
}

function legendRow(row: LegendItem[], left: number, baseline: number): string {
  const out: string[] = []
  let x = left
  for (const item of row) {
    // A swatch for a colour; a note (as 'colours repeat for 40 minima') stands alone.
    if (item.kind === 'entry' && item.colour !== 'transparent') {
      out.push(
        `<path d='M${r1(x)},${baseline - 10}h10v10h-10Z' fill='${escapeXml(item.colour)}' ` +
          "stroke='#000000' stroke-width='0.5'/>",
      )
    }
    const textX = item.kind === 'title' ? x : x + 16
    out.push(
      `<text x='${r1(textX)}' y='${baseline}'${item.kind === 'title' ? " font-style='italic'" : ''}>` +
        `${escapeXml(item.text)}</text>`,
    )
    x += itemWidth(item)
  }
  return out.join('')
}

interface Band {
  threshold: number
  fill: string
  path: (sx: (x: number) => number, sy: (y: number) => number, grid: FigureGrid, d: Domain) => string
}

/** Filled contour bands: the region above each threshold, painted from the lowest up. */
function contourBands(grid: FigureGrid, colour: ColourMap): Band[] {
  const { nx, ny } = grid
  const values = new Float64Array(nx * ny)
  for (let k = 0; k < values.length; k++) {
    const v = colour.map(grid.z[k])
    // A wall where U is not finite: above every band.
    values[k] = Number.isFinite(v) ? Math.min(Math.max(v, colour.min), colour.max) : colour.max
  }
  const step = (colour.max - colour.min) / LEVELS
  const thresholds = Array.from({ length: LEVELS }, (_, k) => colour.min + k * step)
  const generator = contours().size([nx, ny]).thresholds(thresholds)
  return generator(Array.from(values)).map((polygon, k) => ({
    threshold: polygon.value,
    fill: interpolateViridis((k + 0.5) / LEVELS),
    path: (sx, sy, g, d) => {
      // d3-contour puts value i of a row at [i, i + 1]: node i sits at i + 0.5.
      const gx = (u: number) => sx(d.xmin + ((u - 0.5) / (g.nx - 1)) * (d.xmax - d.xmin))
      const gy = (v: number) => sy(d.ymin + ((v - 0.5) / (g.ny - 1)) * (d.ymax - d.ymin))
      return polygon.coordinates
        .map((rings) =>
          rings.map((ring) => `M${ring.map(([u, v]) => `${r1(gx(u))},${r1(gy(v))}`).join('L')}Z`).join(''),
        )
        .join('')
    },
  }))
}

function walkerPath(lane: FigureLane, sx: (x: number) => number, sy: (y: number) => number): string {
  const n = lane.positions.length / 2
  const stride = Math.max(1, Math.ceil(n / MAX_DRAWN_WALKERS))
  // The page's dot sizes, a little smaller for the smaller map: a lone walker stands out, a cloud stays a cloud.
  const r = n > 200 ? 1.6 : Math.round(8 * dotRadius(n)) / 10
  const dots: string[] = []
  for (let i = 0; i < n; i += stride) {
    const x = sx(lane.positions[2 * i])
    const y = sy(lane.positions[2 * i + 1])
    if (Number.isFinite(x) && Number.isFinite(y))
      dots.push(`M${r1(x - r)},${r1(y)}a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0`)
  }
  return `<path d='${dots.join('')}' fill='${lane.colour}' stroke='#000000' stroke-width='0.4'/>`
}

function trailPath(
  lane: FigureLane,
  sx: (x: number) => number,
  sy: (y: number) => number,
  jump: { x: number; y: number },
): string {
  const segments: string[] = []
  for (let w = 0; w < lane.trailWalkers; w++) {
    let pen = 'M'
    let lastX = 0
    let lastY = 0
    for (let k = 0; k < lane.trailLength; k++) {
      const x = lane.trails[(w * lane.trailLength + k) * 2]
      const y = lane.trails[(w * lane.trailLength + k) * 2 + 1]
      if (!(Number.isFinite(x) && Number.isFinite(y))) {
        pen = 'M'
        continue
      }
      // A jump across a periodic boundary is a wrap, not a path across the map.
      if (pen === 'L' && (Math.abs(x - lastX) >= jump.x || Math.abs(y - lastY) >= jump.y)) pen = 'M'
      segments.push(`${pen}${r1(sx(x))},${r1(sy(y))}`)
      pen = 'L'
      lastX = x
      lastY = y
    }
  }
  return (
    `<path d='${segments.join('')}' fill='none' stroke='${lane.colour}' ` +
    "stroke-width='1.5' stroke-linejoin='round'/>"
  )
}

function pointMarks(points: FigurePoint[], sx: (x: number) => number, sy: (y: number) => number): string {
  const shapes = points.map((p) => {
    const x = r1(sx(p.x))
    const y = r1(sy(p.y))
    if (p.kind === 'saddle') return `M${x},${y - 4}l4,4l-4,4l-4,-4Z`
    if (p.kind === 'maximum') return `M${x - 3.5},${y - 3.5}h7v7h-7Z`
    if (p.kind === 'degenerate') return `M${x - 4},${y}h8M${x},${y - 4}v8`
    return `M${x - 3.5},${y}a3.5,3.5 0 1,0 7,0a3.5,3.5 0 1,0 -7,0`
  })
  return `<path d='${shapes.join('')}' fill='#ffffff' stroke='#000000' stroke-width='1'/>`
}

/** Marker radius of the figure's points (pointMarks), for the labels to keep clear of. */
const MARK_RADIUS = 4

/** The labels the page would keep on a map of this size, as text with a white halo (the sheet is white). */
function pointLabels(
  points: FigurePoint[],
  at: (p: FigurePoint) => [number, number],
  left: number,
  top: number,
  w: number,
  h: number,
): string {
  const { fill, halo } = labelColours(false)
  const texts = mapLabels(points, at, w, h, MARK_RADIUS).map(
    (l) => `<text x='${r1(left + l.x)}' y='${r1(top + l.y)}'>${escapeXml(l.text)}</text>`,
  )
  return (
    `<g class='point-labels' font-family='${LABEL_FONT}' font-size='${LABEL_FONT_SIZE}' font-weight='bold' ` +
    `fill='${fill}' stroke='${halo}' stroke-width='3' stroke-linejoin='round' paint-order='stroke'>` +
    `${texts.join('')}</g>`
  )
}

function axes(left: number, top: number, w: number, h: number, d: Domain, names: [string, string]): string {
  const out = [`<rect x='${left}' y='${top}' width='${w}' height='${r1(h)}' fill='none' stroke='#000000'/>`]
  for (const t of ticks(d.xmin, d.xmax, 5)) {
    const x = r1(left + ((t - d.xmin) / (d.xmax - d.xmin)) * w)
    out.push(
      `<path d='M${x},${r1(top + h)}v4' stroke='#000000'/>`,
      `<text x='${x}' y='${r1(top + h + 16)}' text-anchor='middle'>${tickText(t)}</text>`,
    )
  }
  for (const t of ticks(d.ymin, d.ymax, 5)) {
    const y = r1(top + h - ((t - d.ymin) / (d.ymax - d.ymin)) * h)
    out.push(
      `<path d='M${left},${y}h-4' stroke='#000000'/>`,
      `<text x='${left - 6}' y='${y + 4}' text-anchor='end'>${tickText(t)}</text>`,
    )
  }
  out.push(
    `<text x='${r1(left + w / 2)}' y='${r1(top + h + 34)}' text-anchor='middle' font-style='italic'>` +
      `${escapeXml(names[0])}</text>`,
  )
  out.push(
    `<text x='${left - 34}' y='${r1(top + h / 2)}' text-anchor='middle' font-style='italic' ` +
      `transform='rotate(-90 ${left - 34} ${r1(top + h / 2)})'>${escapeXml(names[1])}</text>`,
  )
  return out.join('')
}

function colourBar(left: number, top: number, h: number, bands: Band[], colour: ColourMap): string {
  const out: string[] = []
  const span = colour.max - colour.min || 1
  const y = (v: number) => r1(top + h - ((v - colour.min) / span) * h)
  bands.forEach((b, k) => {
    const next = bands[k + 1]?.threshold ?? colour.max
    out.push(`<rect x='${left}' y='${y(next)}' width='14' height='${r1(y(b.threshold) - y(next))}' fill='${b.fill}'/>`)
  })
  out.push(`<rect x='${left}' y='${top}' width='14' height='${r1(h)}' fill='none' stroke='#000000'/>`)
  const marks = colour.ticks ?? {
    values: ticks(colour.min, colour.max, 6),
    labels: ticks(colour.min, colour.max, 6).map(tickText),
  }
  marks.values.forEach((v, k) =>
    out.push(
      `<path d='M${left + 14},${y(v)}h4' stroke='#000000'/>`,
      `<text x='${left + 21}' y='${y(v) + 4}'>${escapeXml(marks.labels[k])}</text>`,
    ),
  )
  out.push(`<text x='${left}' y='${top - 10}'>${escapeXml(colour.title)}</text>`)
  return out.join('')
}

function tickText(v: number): string {
  return String(+v.toPrecision(6)).replace('-', '−')
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line)
      line = word
    } else line = line ? `${line} ${word}` : word
  }
  if (line) lines.push(line)
  return lines
}
