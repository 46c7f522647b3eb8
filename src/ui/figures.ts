import type { ContourData, Data, Layout, LayoutAxis, Scatter3dData, ScatterData, SurfaceData } from 'plotly.js'
import type { Domain } from '../core/surface'
import type { ColourScale, CriticalKind } from '../core/surfaces/types'
import type { SurfaceGrid } from '../engine/protocol'
import { colourMap, type ColourMap } from './colour'
import type { NamedPoint } from './points'

/**
 * The two figures of a surface as plain plotly data: pure functions of what is
 * shown, so they are tested in Node and the components only hand them to plotly.
 */

export interface SurfaceView {
  axes: [string, string]
  domain: Domain
  colourScale: ColourScale
  clipAt?: number
  contour: SurfaceGrid
  mesh: SurfaceGrid
  points: NamedPoint[]
}

export interface Figure {
  data: Data[]
  layout: Partial<Layout>
}

/** Symbols plotly draws both in 2D and in 3D. */
type MarkerShape = 'circle' | 'diamond' | 'square' | 'cross'

/**
 * Critical points are told apart by symbol and label, never by colour: the lanes
 * own the colours (lanes/lane-colours.ts), and a point drawn in a lane's hue would
 * read as that lane's. So every kind is white with a dark outline, which holds on
 * both ends of viridis and in both themes.
 */
export const KIND_STYLE: Record<CriticalKind, { symbol: MarkerShape; legend: string }> = {
  minimum: { symbol: 'circle', legend: 'minimum' },
  saddle: { symbol: 'diamond', legend: 'saddle' },
  maximum: { symbol: 'square', legend: 'maximum' },
  degenerate: { symbol: 'cross', legend: 'degenerate' },
}
const MARKER = { fill: '#ffffff', outline: '#111111' }
const KINDS = Object.keys(KIND_STYLE) as CriticalKind[]

/** Marker size in px: full size for a few points, shrinking so that hundreds (Rastrigin) leave the surface visible. */
export function markerSize(count: number, full: number): number {
  return Math.max(full / 3, Math.min(full, full * Math.sqrt(40 / Math.max(count, 1))))
}

const COLOUR_SCALE = 'Viridis'

/** Room under the map for the x-axis title and the horizontal colour bar. */
const MAP_MARGIN_BOTTOM = 120

export interface Theme {
  dark: boolean
}

function themeColours(theme: Theme) {
  return theme.dark
    ? { text: '#e4e4ea', grid: 'rgba(255,255,255,0.14)', line: 'rgba(255,255,255,0.35)', back: '#1b1d24' }
    : { text: '#1f2430', grid: 'rgba(0,0,0,0.12)', line: 'rgba(255,255,255,0.45)', back: '#ffffff' }
}

/** The grid's mapped values as rows, z[j][i] = map(U(x[i], y[j])), NaN kept as a gap. */
function mappedRows(grid: SurfaceGrid, colours: ColourMap): number[][] {
  const rows: number[][] = []
  for (let j = 0; j < grid.ny; j++) {
    const row = new Array<number>(grid.nx)
    for (let i = 0; i < grid.nx; i++) row[i] = colours.map(grid.z[j * grid.nx + i])
    rows.push(row)
  }
  return rows
}

/**
 * The height of the drawn surface at (x, y), bilinear between the nodes of the
 * coarse mesh, so that a marker sits on the surface as drawn: a minimum's exact
 * value can lie far below a coarse mesh on a log scale. NaN where a node is a gap.
 */
function drawnHeight(grid: SurfaceGrid, rows: number[][], x: number, y: number): number {
  const fx = ((x - grid.x[0]) / (grid.x[grid.nx - 1] - grid.x[0])) * (grid.nx - 1)
  const fy = ((y - grid.y[0]) / (grid.y[grid.ny - 1] - grid.y[0])) * (grid.ny - 1)
  const i = Math.min(Math.max(Math.floor(fx), 0), grid.nx - 2)
  const j = Math.min(Math.max(Math.floor(fy), 0), grid.ny - 2)
  const tx = fx - i
  const ty = fy - j
  return (
    (1 - tx) * (1 - ty) * rows[j][i] +
    tx * (1 - ty) * rows[j][i + 1] +
    (1 - tx) * ty * rows[j + 1][i] +
    tx * ty * rows[j + 1][i + 1]
  )
}

/**
 * Heights on the 3D surface as drawn: `at(x, y, u)` is the coarse mesh's height
 * there (bilinear), lifted a little so that it does not hide half of a marker
 * or a walker, or the mapped u where the mesh has a gap.
 */
function drawnSurface(
  view: SurfaceView,
  colours: ColourMap,
): { rows: number[][]; at: (x: number, y: number, u: number) => number } {
  const grid = view.mesh
  const rows = mappedRows(grid, colours)
  const lift = 0.01 * (colours.max - colours.min)
  const at = (x: number, y: number, u: number) => {
    const drawn = drawnHeight(grid, rows, x, y)
    return (Number.isFinite(drawn) ? drawn : colours.map(u)) + lift
  }
  return { rows, at }
}

/** Where walkers at (x, y) with energy u sit on the drawn 3D surface. */
export function surfaceHeight(view: SurfaceView): (x: number, y: number, u: number) => number {
  return drawnSurface(view, viewColours(view)).at
}

/** U itself for the hover label, whatever the colours show. */
function hoverRows(grid: SurfaceGrid): string[][] {
  const rows: string[][] = []
  for (let j = 0; j < grid.ny; j++) {
    const row = new Array<string>(grid.nx)
    for (let i = 0; i < grid.nx; i++) row[i] = formatHover(grid.z[j * grid.nx + i])
    rows.push(row)
  }
  return rows
}

function formatHover(u: number): string {
  return Number.isFinite(u) ? Number(u.toPrecision(6)).toString().replace(/^-/, '\u2212') : 'not defined'
}

/**
 * Vertical beside the 3D scene; horizontal under the map, which needs the width more. The bar keeps to
 * its figure: its title sits under it (beside it, a long title such as 'U (cut at 5)' ran over the ticks
 * and out of the card), its ticks are few and short (powers of ten, not 1e+06), and a tick label that
 * would still cross the figure's edge is hidden rather than drawn outside it.
 */
function colourBar(colours: ColourMap, theme: Theme, orientation: 'h' | 'v') {
  const common = {
    tickvals: colours.ticks?.values,
    ticktext: colours.ticks?.labels,
    tickfont: { color: themeColours(theme).text },
    thickness: 12,
    nticks: 6,
    exponentformat: 'power' as const,
    ticklabeloverflow: 'hide past div' as const,
  }
  return orientation === 'v'
    ? { ...common, orientation, title: { text: colours.title, side: 'right' as const }, len: 0.8 }
    : {
        ...common,
        orientation,
        title: { text: colours.title, side: 'bottom' as const },
        len: 1,
        x: 0,
        xanchor: 'left' as const,
        yref: 'container' as const,
        y: 0,
        yanchor: 'bottom' as const,
        ypad: 8,
      }
}

function viewColours(view: SurfaceView): ColourMap {
  const min = Math.min(view.contour.min, view.mesh.min)
  const max = Math.max(view.contour.max, view.mesh.max)
  return colourMap(view.colourScale, min, max, view.clipAt)
}

function hoverTemplate(axes: [string, string]): string {
  return `${axes[0]} = %{x:.4f}<br>${axes[1]} = %{y:.4f}<br>U = %{text}<extra></extra>`
}

/** A key that changes exactly when the domain does, so zoom and camera survive formula edits. */
function uirevision(domain: Domain): string {
  return `${domain.xmin},${domain.xmax},${domain.ymin},${domain.ymax}`
}

function axis(title: string, range: [number, number], theme: Theme): Partial<LayoutAxis> {
  const c = themeColours(theme)
  return { title: { text: title }, range, gridcolor: c.grid, zeroline: false, color: c.text, automargin: true }
}

/**
 * Whether the map draws x and y to the same scale: only then is the gradient drawn perpendicular to
 * the contours, but a domain a million times wider than high would leave a map one pixel high, so
 * beyond a ratio of 5 the axes scale apart and the map is square.
 */
export function equalScales(d: Domain): boolean {
  const aspect = (d.ymax - d.ymin) / (d.xmax - d.xmin)
  return aspect >= 0.2 && aspect <= 5
}

/**
 * The contour map. `fill`: the map fills the box it is drawn in (an embed on a slide or a course page), with
 * the axes scaled apart to use the whole frame, the colour bar upright at its right edge, no legend (the labels
 * name the points) and thin margins; the page's own map keeps x and y to one scale where it can (equalScales).
 */
export function contourFigure(view: SurfaceView, theme: Theme, { fill = false }: { fill?: boolean } = {}): Figure {
  const colours = viewColours(view)
  const c = themeColours(theme)
  const grid = view.contour
  const field: Partial<ContourData> = {
    type: 'contour',
    name: 'U',
    x: grid.x,
    y: grid.y,
    z: mappedRows(grid, colours),
    text: hoverRows(grid),
    hovertemplate: hoverTemplate(view.axes),
    zauto: false,
    zmin: colours.min,
    zmax: colours.max,
    ncontours: 24,
    colorscale: COLOUR_SCALE,
    line: { color: c.line, width: 0.7 },
    colorbar: fill
      ? { ...colourBar(colours, theme, 'v'), len: 1, thickness: 10, xpad: 4 }
      : colourBar(colours, theme, 'h'),
    showlegend: false,
  }
  // The points' labels are drawn over the walkers by the map itself (views/labels.ts), not by plotly.
  const markers = KINDS.map((kind): Partial<ScatterData> => {
    const style = KIND_STYLE[kind]
    const points = view.points.filter((p) => p.kind === kind)
    const position = `${view.axes[0]} = %{x:.4f}, ${view.axes[1]} = %{y:.4f}`
    return {
      type: 'scatter',
      mode: 'markers',
      name: style.legend,
      x: points.map((p) => p.x),
      y: points.map((p) => p.y),
      hovertext: points.map((p) => p.label),
      hovertemplate: `%{hovertext}<br>${position}<extra>${style.legend}</extra>`,
      marker: {
        symbol: style.symbol,
        color: MARKER.fill,
        size: markerSize(view.points.length, 11),
        line: { color: MARKER.outline, width: 1.5 },
      },
      showlegend: !fill && points.length > 0,
      cliponaxis: false,
    }
  })
  const d = view.domain
  return {
    data: [field, ...markers],
    layout: {
      uirevision: uirevision(d),
      paper_bgcolor: 'rgba(0,0,0,0)',
      plot_bgcolor: 'rgba(0,0,0,0)',
      font: { color: c.text },
      margin: fill ? { l: 44, r: 8, t: 8, b: 36 } : { l: 56, r: 16, t: 36, b: MAP_MARGIN_BOTTOM },
      // Equal scales in x and y (see equalScales); the plot area shrinks to fit rather than show beyond the domain.
      xaxis: { ...axis(view.axes[0], [d.xmin, d.xmax], theme), constrain: 'domain' },
      yaxis: {
        ...axis(view.axes[1], [d.ymin, d.ymax], theme),
        ...(!fill && equalScales(d) ? { scaleanchor: 'x' as const, scaleratio: 1 } : {}),
        constrain: 'domain',
      },
      legend: { orientation: 'h', x: 0, y: 1.01, yanchor: 'bottom', font: { color: c.text }, itemsizing: 'constant' },
      hoverlabel: { namelength: -1 },
    },
  }
}

export function surfaceFigure(view: SurfaceView, theme: Theme): Figure {
  const colours = viewColours(view)
  const c = themeColours(theme)
  const grid = view.mesh
  const { rows: heights, at: markerHeight } = drawnSurface(view, colours)
  const field: Partial<SurfaceData> = {
    type: 'surface',
    name: 'U',
    x: grid.x,
    y: grid.y,
    z: heights,
    // plotly reads 2D hover text on a surface, though its types list only 1D.
    text: hoverRows(grid) as unknown as string[],
    hovertemplate: hoverTemplate(view.axes),
    cauto: false,
    cmin: colours.min,
    cmax: colours.max,
    colorscale: COLOUR_SCALE,
    colorbar: colourBar(colours, theme, 'v'),
    showlegend: false,
  }
  const markers = KINDS.map((kind): Partial<Scatter3dData> => {
    const style = KIND_STYLE[kind]
    const points = view.points.filter((p) => p.kind === kind)
    return {
      type: 'scatter3d',
      mode: 'markers',
      name: style.legend,
      x: points.map((p) => p.x),
      y: points.map((p) => p.y),
      z: points.map((p) => markerHeight(p.x, p.y, p.value)),
      hovertext: points.map((p) => p.label),
      hovertemplate: `%{hovertext}<extra>${style.legend}</extra>`,
      marker: {
        symbol: style.symbol,
        color: MARKER.fill,
        size: markerSize(view.points.length, 6),
        line: { color: MARKER.outline, width: 1 },
      },
      showlegend: points.length > 0,
    }
  })
  const d = view.domain
  const sceneAxis = (title: string) => ({
    title: { text: title },
    gridcolor: c.grid,
    color: c.text,
    backgroundcolor: c.back,
    showbackground: false,
  })
  return {
    data: [field, ...markers],
    layout: {
      uirevision: uirevision(d),
      paper_bgcolor: 'rgba(0,0,0,0)',
      font: { color: c.text },
      margin: { l: 0, r: 0, t: 36, b: 0 },
      legend: { orientation: 'h', x: 0, y: 1.01, yanchor: 'bottom', font: { color: c.text }, itemsizing: 'constant' },
      scene: {
        xaxis: { ...sceneAxis(view.axes[0]), range: [d.xmin, d.xmax] },
        yaxis: { ...sceneAxis(view.axes[1]), range: [d.ymin, d.ymax] },
        // Heights are read off the colour bar beside the scene.
        zaxis: { ...sceneAxis('U'), showticklabels: false },
        aspectmode: 'manual',
        aspectratio: { x: 1, y: 1, z: 0.7 },
        // From the (xmin, ymin) corner, a little further out than plotly's default.
        camera: { eye: { x: -1.3, y: -1.5, z: 1.7 } },
      },
    },
  }
}
