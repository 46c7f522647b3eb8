import type { Data, Layout } from 'plotly.js'
import type { MoleculeShape, Segments } from '../../core/systems/draw'
import type { FreeEnergyGrid, LandscapeAnswer } from '../../engine/system-protocol'
import type { Figure, Theme } from '../figures'
import { plotInk, sectionAxis, sectionLayout } from '../sections/section-figures'
import { formatValue } from '../format'

/**
 * The molecule section's figures as plain plotly data: pure functions of what is shown, so that
 * the components only hand them to plotly. The free energy uses the page's colour scale
 * (viridis, low F dark); empty bins stay blank.
 */

const COLOUR_SCALE = 'Viridis'
/** Bead colours by letter: hydrophobic beads warm, hydrophilic cool, neutral grey (A/B; BLN B/L/N). */
const BEAD_COLOUR: Readonly<Record<string, string>> = { A: '#d9822b', B: '#2b7bd9', L: '#3aa657', N: '#9a9a9a' }
const BEAD_NAME: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  ab: { A: 'A (hydrophobic)', B: 'B (hydrophilic)' },
  bln: { B: 'B (hydrophobic)', L: 'L (hydrophilic)', N: 'N (neutral)' },
}
const CLUSTER_COLOUR = '#8e6bd9'

function colours(theme: Theme) {
  const ink = plotInk(theme)
  return theme.dark
    ? { ...ink, bond: 'rgba(228,228,234,0.55)', outline: '#1b1d24' }
    : { ...ink, bond: 'rgba(31,36,48,0.45)', outline: '#ffffff' }
}

/** F as rows z[j][i] at (s1[i], s2[j]), null in empty bins, and the hover text with the error. */
function rows(grid: FreeEnergyGrid): { z: (number | null)[][]; text: string[][] } {
  const n1 = grid.s1.length
  const n2 = grid.s2.length
  const z: (number | null)[][] = []
  const text: string[][] = []
  for (let j = 0; j < n2; j++) {
    const zr: (number | null)[] = []
    const tr: string[] = []
    for (let i = 0; i < n1; i++) {
      const f = grid.F[i * n2 + j]!
      const e = grid.error[i * n2 + j]!
      const count = grid.counts[i * n2 + j]!
      zr.push(Number.isNaN(f) ? null : f)
      tr.push(
        Number.isNaN(f)
          ? ''
          : grid.source === 'metadynamics'
            ? `F = ${formatValue(f, 2)} (metadynamics estimate: no error bar while the bias grows)`
            : `F = ${formatValue(f, 2)} ${Number.isNaN(e) ? '(error after two blocks)' : `± ${formatValue(e, 2)}`}` +
              ` · ${count} samples`,
      )
    }
    z.push(zr)
    text.push(tr)
  }
  return { z, text }
}

/** A bin whose F is uncertain by more than this many kT is marked on the map. */
export const UNCERTAIN_KT = 0.5

/**
 * The centres of the bins of a sampled surface whose F has an error above UNCERTAIN_KT kT, or no
 * error yet (fewer than two blocks saw them): the map marks them, so that a student sees where F
 * is not yet known. A metadynamics estimate has no error bars and marks nothing.
 */
export function uncertainBins(grid: FreeEnergyGrid): { x: number[]; y: number[] } {
  const x: number[] = []
  const y: number[] = []
  if (grid.source !== 'samples') return { x, y }
  const n2 = grid.s2.length
  const limit = UNCERTAIN_KT * grid.kT
  for (let i = 0; i < grid.s1.length; i++)
    for (let j = 0; j < n2; j++) {
      const f = grid.F[i * n2 + j]!
      const e = grid.error[i * n2 + j]!
      if (Number.isNaN(f) || e <= limit) continue
      x.push(grid.s1[i]!)
      y.push(grid.s2[j]!)
    }
  return { x, y }
}

export interface CvMapInput {
  axes: [string, string]
  grid: FreeEnergyGrid | null
  /** The axis ranges shown (see mapRanges): fixed, so that the walkers drawn over the map keep their places. */
  ranges: MapRanges
  /** What the map is drawing, for uirevision: a new system or pair of variables resets the zoom. */
  key: string
}

export interface MapRanges {
  x: [number, number]
  y: [number, number]
}

/**
 * Axis ranges that hold the surface's grid and every walker, with a margin of `pad` of the span on
 * each side (a span of zero gets a width of its own).
 */
export function mapRanges(
  grid: FreeEnergyGrid | null,
  cv1: ArrayLike<number>,
  cv2: ArrayLike<number>,
  pad = 0.1,
): MapRanges {
  const range = (centres: Float64Array | null, values: ArrayLike<number>): [number, number] => {
    let lo = Infinity
    let hi = -Infinity
    if (centres && centres.length > 0) {
      const half = centres.length > 1 ? (centres[1]! - centres[0]!) / 2 : 0
      lo = centres[0]! - half
      hi = centres[centres.length - 1]! + half
    }
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!
      if (!Number.isFinite(v)) continue
      lo = Math.min(lo, v)
      hi = Math.max(hi, v)
    }
    if (!Number.isFinite(lo)) return [0, 1]
    const span = hi - lo || Math.max(Math.abs(lo), 1e-3)
    return [lo - pad * span, hi + pad * span]
  }
  return { x: range(grid?.s1 ?? null, cv1), y: range(grid?.s2 ?? null, cv2) }
}

/** Whether every walker lies inside the ranges. */
export function insideRanges(r: MapRanges, cv1: ArrayLike<number>, cv2: ArrayLike<number>): boolean {
  for (let i = 0; i < cv1.length; i++) {
    const x = cv1[i]!
    const y = cv2[i]!
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue
    if (x < r.x[0] || x > r.x[1] || y < r.y[0] || y > r.y[1]) return false
  }
  return true
}

/**
 * The free-energy map over two collective variables (the walkers are drawn over it on a canvas of
 * the page's own, at every frame: plotly redraws only when the surface changes).
 */
export function cvMapFigure(input: CvMapInput, theme: Theme): Figure {
  const c = colours(theme)
  const data: Data[] = []
  const { grid } = input
  if (grid) {
    const { z, text } = rows(grid)
    data.push({
      type: 'heatmap',
      name: 'F',
      x: grid.s1,
      y: grid.s2,
      z,
      text,
      hoverongaps: false,
      hovertemplate: `${input.axes[0]} = %{x:.3f}, ${input.axes[1]} = %{y:.3f}<br>%{text}<extra></extra>`,
      colorscale: COLOUR_SCALE,
      // Under the map, as on the surface's own map: the map keeps the width on a phone.
      colorbar: {
        orientation: 'h',
        title: {
          text:
            grid.source === 'metadynamics'
              ? 'F (energy units; 0 where the bias is highest)'
              : 'F (energy units; 0 at the most probable bin)',
          side: 'bottom',
        },
        thickness: 10,
        len: 1,
        x: 0,
        xanchor: 'left',
        yref: 'container',
        y: 0,
        yanchor: 'bottom',
        ypad: 6,
        nticks: 6,
        tickfont: { color: c.text },
        outlinewidth: 0,
      },
    } as Data)
    const shaky = uncertainBins(grid)
    if (shaky.x.length > 0)
      data.push({
        type: 'scatter',
        mode: 'markers',
        name: `error > ${UNCERTAIN_KT} kT`,
        x: shaky.x,
        y: shaky.y,
        marker: { symbol: 'x-thin', size: 5, line: { width: 1, color: c.text } },
        opacity: 0.45,
        hoverinfo: 'skip',
        showlegend: false,
      } as Data)
  }
  return {
    data,
    layout: {
      ...sectionLayout(theme, { l: 64, r: 12, t: 8, b: 112 }),
      uirevision: input.key,
      xaxis: { ...sectionAxis(input.axes[0], theme), range: input.ranges.x, autorange: false },
      yaxis: { ...sectionAxis(input.axes[1], theme), range: input.ranges.y, autorange: false },
    },
  }
}

/** Walker colours on the map: filled, the chosen one larger and ringed, diverged ones hollow. */
export const WALKER_FILL = '#ff5a36'

/** F as a surface in 3D (empty bins left out). */
export function cvSurfaceFigure(axes: [string, string], grid: FreeEnergyGrid, key: string, theme: Theme): Figure {
  const c = colours(theme)
  const { z, text } = rows(grid)
  const scene = { color: c.text, gridcolor: c.grid }
  return {
    data: [
      {
        type: 'surface',
        x: grid.s1,
        y: grid.s2,
        z,
        text,
        colorscale: COLOUR_SCALE,
        showscale: false,
        hovertemplate: `${axes[0]} = %{x:.3f}, ${axes[1]} = %{y:.3f}<br>%{text}<extra></extra>`,
        // plotly's types allow only a flat text array on a surface; a 2D one, row by row as z, works.
      } as unknown as Data,
    ],
    layout: {
      ...sectionLayout(theme, { l: 0, r: 0, t: 0, b: 0 }),
      uirevision: key,
      scene: {
        xaxis: { ...scene, title: { text: axes[0] } },
        yaxis: { ...scene, title: { text: axes[1] } },
        zaxis: { ...scene, title: { text: 'F' } },
      },
    },
  }
}

/**
 * Axis ranges for a flat molecule, [x0, x1, y0, y1]: kept while every atom stays inside `previous`,
 * else a square around the atoms with a quarter of their extent spare on each side. Fixed ranges
 * spare plotly new tick labels (and their measuring) at every redraw.
 */
export function moleculeRanges(
  positions: ArrayLike<number>,
  atoms: number,
  previous: readonly [number, number, number, number] | null,
): [number, number, number, number] {
  let x0 = Infinity
  let x1 = -Infinity
  let y0 = Infinity
  let y1 = -Infinity
  for (let i = 0; i < atoms; i++) {
    const x = positions[3 * i]!
    const y = positions[3 * i + 1]!
    x0 = Math.min(x0, x)
    x1 = Math.max(x1, x)
    y0 = Math.min(y0, y)
    y1 = Math.max(y1, y)
  }
  if (!(Number.isFinite(x0) && Number.isFinite(y0))) return previous ? [...previous] : [-1, 1, -1, 1]
  if (previous && x0 >= previous[0] && x1 <= previous[1] && y0 >= previous[2] && y1 <= previous[3]) return [...previous]
  const half = 0.75 * Math.max(x1 - x0, y1 - y0, 1)
  const cx = (x0 + x1) / 2
  const cy = (y0 + y1) / 2
  return [cx - half, cx + half, cy - half, cy + half]
}

export interface MoleculeInput {
  shape: MoleculeShape
  /** 'ab' or 'bln' for a chain's bead names, null for a cluster. */
  chain: 'ab' | 'bln' | null
  /** Positions, 3 per atom. */
  positions: Float64Array
  /** Bonds (a chain) or contacts (a cluster) as segments. */
  lines: Segments
  /** What the view shows: a new system resets the camera. */
  key: string
  /** Fixed axis ranges of a flat drawing (see moleculeRanges). */
  ranges?: readonly [number, number, number, number] | undefined
}

/** The bead kinds of a chain with their colours, for a legend beside the molecule (none for a cluster). */
export function beadLegend(chain: 'ab' | 'bln' | null): { name: string; colour: string }[] {
  if (chain === null) return []
  return Object.entries(BEAD_NAME[chain]!).map(([letter, name]) => ({ name, colour: BEAD_COLOUR[letter]! }))
}

/** The atoms of one structure: beads coloured by type, bonds for chains, nearest-neighbour contacts for clusters. */
export function moleculeFigure(m: MoleculeInput, theme: Theme): Figure {
  const c = colours(theme)
  const { shape, positions } = m
  const planar = shape.planar
  const groups = new Map<string, number[]>()
  for (let i = 0; i < shape.atoms; i++) {
    const letter = shape.beads?.[i] ?? '*'
    const g = groups.get(letter)
    if (g) g.push(i)
    else groups.set(letter, [i])
  }
  const data: Data[] = []
  const lines = planar
    ? { type: 'scatter', x: m.lines.x, y: m.lines.y }
    : { type: 'scatter3d', x: m.lines.x, y: m.lines.y, z: m.lines.z }
  data.push({
    ...lines,
    mode: 'lines',
    name: shape.bonds.length > 0 ? 'bonds' : 'contacts',
    line: { color: c.bond, width: planar ? 2 : 4 },
    hoverinfo: 'skip',
    showlegend: false,
  } as Data)
  const size = shape.atoms > 30 ? 9 : 14
  for (const [letter, atoms] of groups) {
    const name = m.chain ? (BEAD_NAME[m.chain]![letter] ?? letter) : 'atoms'
    const colour = m.chain ? (BEAD_COLOUR[letter] ?? '#888888') : CLUSTER_COLOUR
    const xs = atoms.map((i) => positions[3 * i]!)
    const ys = atoms.map((i) => positions[3 * i + 1]!)
    const text = atoms.map((i) => `${m.chain ? 'bead' : 'atom'} ${i + 1}${m.chain ? ` (${letter})` : ''}`)
    data.push({
      ...(planar
        ? { type: 'scatter', x: xs, y: ys }
        : { type: 'scatter3d', x: xs, y: ys, z: atoms.map((i) => positions[3 * i + 2]!) }),
      mode: 'markers',
      name,
      text,
      hovertemplate: '%{text}<extra></extra>',
      marker: { size: planar ? size : size * 0.7, color: colour, line: { color: c.outline, width: 1 } },
      showlegend: false,
    } as Data)
  }
  const layout: Partial<Layout> = {
    ...sectionLayout(theme, planar ? { l: 40, r: 8, t: 8, b: 40 } : { l: 0, r: 0, t: 0, b: 0 }),
    uirevision: m.key,
  }
  if (planar) {
    const r = m.ranges
    layout.xaxis = {
      ...sectionAxis('x', theme),
      constrain: 'domain',
      ...(r ? { range: [r[0], r[1]], autorange: false } : {}),
    }
    layout.yaxis = {
      ...sectionAxis('y', theme),
      scaleanchor: 'x',
      scaleratio: 1,
      constrain: 'domain',
      ...(r ? { range: [r[2], r[3]], autorange: false } : {}),
    }
  } else {
    const scene = { color: c.text, gridcolor: c.grid, showspikes: false }
    layout.scene = {
      aspectmode: 'data',
      xaxis: { ...scene, title: { text: 'x' } },
      yaxis: { ...scene, title: { text: 'y' } },
      zaxis: { ...scene, title: { text: 'z' } },
    }
  }
  return { data, layout }
}

/** The disconnectivity graph: its lines, and each minimum's foot as a point to click. */
export function graphFigure(g: LandscapeAnswer, global: number | null, theme: Theme): Figure {
  const c = colours(theme)
  const isGlobal = (e: number) => global !== null && Math.abs(e - global) <= 1e-4
  return {
    data: [
      {
        type: 'scatter',
        mode: 'lines',
        x: g.lines.x,
        y: g.lines.y,
        line: { color: c.text, width: 1.5 },
        hoverinfo: 'skip',
        showlegend: false,
      },
      {
        type: 'scatter',
        mode: 'markers',
        name: 'minima',
        x: g.leaves.map((l) => l.x),
        y: g.leaves.map((l) => l.energy),
        text: g.leaves.map(
          (l) =>
            `minimum ${l.id + 1}: E = ${formatValue(l.energy, 4)}${isGlobal(l.energy) ? ' (global)' : ''}` +
            ` · found ${g.minima[l.id]?.count ?? 0}×`,
        ),
        hovertemplate: '%{text}<extra></extra>',
        marker: {
          size: 10,
          color: g.leaves.map((l) => (isGlobal(l.energy) ? '#d9822b' : '#2b7bd9')),
          line: { color: c.outline, width: 1 },
        },
        showlegend: false,
      },
    ] as Data[],
    layout: {
      ...sectionLayout(theme, { l: 56, r: 8, t: 8, b: 24 }),
      xaxis: { visible: false, range: [-0.6, Math.max(0.6, g.leaves.length - 0.4)] },
      yaxis: { ...sectionAxis('energy', theme), range: g.lines.range },
    },
  }
}
