import type { CompiledSurface } from '../surface'
import { GL_NODES } from './boltzmann'
import type { CriticalPoint } from './critical'
import { GradientFlow, NO_BASIN, type Shortcut } from './flow'
import { crossingOf, Ridges } from './ridges'
import { sampleSurface } from './sample'

/**
 * The basins of attraction of a surface's minima under steepest descent, on a grid.
 *
 * Every node is labelled by integrating the gradient flow from it (GradientFlow),
 * not by walking downhill on the grid, whose eight directions drift across ridges
 * (on Müller-Brown they mislabel about one node in twelve). A cell whose four corners
 * share a label lies in that basin; a cell whose corners differ straddles a ridge, and
 * there the ridge itself is found: along each of QUADRATURE lines across the cell, by
 * bisection on the flow's label to SPLIT_PRECISION of the cell. The same description
 * serves both what is integrated (basinPopulations: the density on each side of each
 * line) and what is sampled (basinAt: a point's side of the ridge, interpolated between
 * the lines), so sampled and exact basin populations measure the same sets, and those
 * converge to the true basins as the grid is refined.
 */
export interface BasinMap {
  nx: number
  ny: number
  xs: Float64Array
  ys: Float64Array
  /** U at node (i, j), stored at j * nx + i. */
  values: Float64Array
  /** Index into `minima` of the basin of node (i, j), or -1 (no minimum reached, or U not finite). */
  labels: Int32Array
  /** The minima, sorted by value (lowest first): the indices used everywhere. */
  minima: CriticalPoint[]
  periodic: boolean
  /** The cells between neighbouring nodes (wrapping round a periodic axis). */
  cells: BasinCells
}

/**
 * Cell (i, j) spans nodes i..i+1 and j..j+1: `label` holds its basin when its
 * corners agree and SPLIT when a ridge crosses it. Split cell k (split[cell] = k)
 * keeps, for each of its QUADRATURE lines, where the label changes: the lines run
 * along x (axis 0) or y (axis 1) at the Gauss-Legendre positions of the other
 * coordinate, and line q (at index k Q + q) is in basin `before` up to `first` (a
 * fraction of the cell), in `between` up to `second`, and in `after` beyond. One
 * crossing has second = 1 and between = after; none, first = second = 1. Two
 * crossings are a sliver of a third basin between two ridges that run together
 * towards the same maximum.
 */
export interface BasinCells {
  cx: number
  cy: number
  /** Width and height of a cell. */
  hx: number
  hy: number
  label: Int32Array
  split: Int32Array
  axis: Uint8Array
  first: Float64Array
  second: Float64Array
  before: Int32Array
  between: Int32Array
  after: Int32Array
}

/** A cell crossed by a ridge. */
export const SPLIT = -2
/** Lines per split cell: one per Gauss-Legendre node (populations integrates along them). */
export const QUADRATURE = GL_NODES.length
/** The lines' positions across a split cell: the Gauss-Legendre nodes on [0, 1]. */
export const LINE_POSITIONS = GL_NODES.map((v) => 0.5 * (1 + v))
/** Where a ridge crosses a line is found to this fraction of the cell (by bisection, where no traced ridge does). */
const SPLIT_PRECISION = 1e-5
/** Crossings of a line closer than this fraction of the cell are one border. */
const MERGE_WIDTH = 1e-3
/**
 * The flow's local error allowed per unit of its path (its first-order estimate, which
 * overstates the second-order method's error many times): on 3,600 points of
 * Müller-Brown and 1,600 of the dihedral surface 0.1 labels every one as RK4 with tiny
 * steps does. A node a hair from a ridge may still drift across it: the traced ridges
 * mend those (mendByRidges). Where no traced ridge explains a change of label, the
 * ridge is found by bisection with the same flow, to well within a cell.
 */
const FLOW_TOLERANCE = 0.1
/**
 * For nodes in a sliver between two ridges: near the dihedral surface's ridges 0.1 mislabels a few such nodes, 0.01
 * none.
 */
const SLIVER_TOLERANCE = 0.003

export interface BasinOptions {
  /** Find where ridges cross the cells (populations and basinAt need it; a picture of the nodes does not). */
  ridges?: boolean
}

export function basinMap(
  surface: CompiledSurface,
  points: readonly CriticalPoint[],
  nx = 200,
  ny = nx,
  options: BasinOptions = {},
): BasinMap {
  // Every reader of a map takes its first two nodes along each axis (the spacing) as given.
  if (!(nx >= 2 && ny >= 2))
    throw new RangeError(`basinMap: a grid of ${nx} x ${ny} nodes; it needs 2 or more each way`)
  const d = surface.domain
  const periodic = d.periodic === true
  const minima = points.filter((p) => p.kind === 'minimum').sort((a, b) => a.value - b.value)
  // A periodic axis leaves out its last node, which is the first one again.
  const axis = (min: number, max: number, n: number) =>
    Float64Array.from({ length: n }, (_, i) =>
      periodic ? min + ((max - min) * i) / n : min + ((max - min) * i) / (n - 1),
    )
  const xs = axis(d.xmin, d.xmax, nx)
  const ys = axis(d.ymin, d.ymax, ny)
  const values = new Float64Array(nx * ny)
  for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) values[j * nx + i] = surface.value(xs[i]!, ys[j]!)
  const spacing = Math.max(xs[1]! - xs[0]!, ys[1]! - ys[0]!)
  const gradientScale = sampleSurface(surface, 21).gradientScale || 1
  const flow = (tolerance: number) => new GradientFlow(surface, { minima, spacing, tolerance, gradientScale })
  const labels = new Int32Array(nx * ny).fill(minima.length > 0 ? SPLIT : NO_BASIN)
  const hx = periodic ? xs[1]! - xs[0]! : (xs[nx - 1]! - xs[0]!) / (nx - 1)
  const hy = periodic ? ys[1]! - ys[0]! : (ys[ny - 1]! - ys[0]!) / (ny - 1)
  const map: BasinMap = {
    nx,
    ny,
    xs,
    ys,
    values,
    labels,
    minima,
    periodic,
    cells: emptyCells(periodic ? nx : nx - 1, periodic ? ny : ny - 1, hx, hy),
  }
  if (minima.length === 0) {
    map.cells.label.fill(NO_BASIN)
    return map
  }
  const shortcut: Shortcut = (x, y) => settledLabel(map, x, y)
  // Lowest nodes first: their flows are short, and the higher nodes' flows end in the settled regions they leave.
  const order = Array.from(values.keys()).sort((a, b) => values[a]! - values[b]! || a - b)
  const nodes = flow(FLOW_TOLERANCE)
  for (const k of order)
    labels[k] = Number.isFinite(values[k]) ? nodes.label(xs[k % nx]!, ys[Math.floor(k / nx)]!, shortcut) : NO_BASIN
  if (options.ridges === false) {
    labelCells(map, null, shortcut, null)
    return map
  }
  const ridges = new Ridges(surface, points, spacing, gradientScale)
  mendByRidges(map, ridges, flow(SLIVER_TOLERANCE), shortcut)
  labelCells(map, nodes, shortcut, ridges)
  return map
}

function emptyCells(cx: number, cy: number, hx: number, hy: number): BasinCells {
  const none = {
    axis: new Uint8Array(0),
    first: new Float64Array(0),
    second: new Float64Array(0),
    before: new Int32Array(0),
    between: new Int32Array(0),
    after: new Int32Array(0),
  }
  return { cx, cy, hx, hy, label: new Int32Array(cx * cy), split: new Int32Array(cx * cy).fill(-1), ...none }
}

/**
 * The label of the 3 x 3 block of cells around (x, y) when its 16 nodes are all
 * labelled alike: the point is then well inside that basin. Undefined otherwise.
 */
function settledLabel(map: BasinMap, x: number, y: number): number | undefined {
  const { nx, ny, xs, ys, labels, periodic } = map
  const hx = xs[1]! - xs[0]!
  const hy = ys[1]! - ys[0]!
  const i = Math.floor((x - xs[0]!) / hx)
  const j = Math.floor((y - ys[0]!) / hy)
  let label = SPLIT
  for (let b = j - 1; b <= j + 2; b++) {
    for (let a = i - 1; a <= i + 2; a++) {
      let p = a
      let q = b
      if (periodic) {
        p = ((p % nx) + nx) % nx
        q = ((q % ny) + ny) % ny
      } else if (p < 0 || q < 0 || p >= nx || q >= ny) return undefined
      const l = labels[q * nx + p]!
      if (l === SPLIT) return undefined
      if (label === SPLIT) label = l
      else if (l !== label) return undefined
    }
  }
  return label
}

/**
 * Mends node labels by the traced ridges. Two neighbouring nodes whose joining edge
 * no ridge crosses lie in the same basin; a node that disagrees with at least three
 * such neighbours which agree among themselves was carried across a ridge by the
 * flow's drift (it starts a hair from the ridge), and takes their label. Repeated
 * until nothing changes, so a pair of such nodes mends too. A ridge that was not
 * traced (its saddle lies outside the domain) leaves every node beside it with three
 * neighbours on its own side: those are left alone.
 */
function mendByRidges(map: BasinMap, ridges: Ridges, sharp: GradientFlow, shortcut: Shortcut): void {
  const { nx, ny, xs, ys, labels, periodic } = map
  const hx = xs[1]! - xs[0]!
  const hy = ys[1]! - ys[0]!
  const periods: [number, number] | null = periodic ? [nx * hx, ny * hy] : null
  const seen = new Set<number>()
  // Whether a traced ridge crosses the edge from node (i, j) to its neighbour one step along x (axis 0) or y.
  const crossed = (i: number, j: number, axis: 0 | 1): boolean => {
    const x = xs[0]! + i * hx
    const y = ys[0]! + j * hy
    const [ex, ey] = axis === 0 ? [x + hx, y] : [x, y + hy]
    if (!ridges.hasSegmentsNear(x, y) && !ridges.hasSegmentsNear(ex, ey)) return false
    let count = 0
    seen.clear()
    for (const [px, py] of [
      [x, y],
      [ex, ey],
    ] as const) {
      ridges.segmentsNear(px, py, (k) => {
        if (seen.has(k)) return
        seen.add(k)
        const c = crossingOf(
          ridges.ax[k]!,
          ridges.ay[k]!,
          ridges.bx[k]!,
          ridges.by[k]!,
          axis === 0 ? 1 : 0,
          axis === 0 ? y : x,
          0.5 * (x + ex),
          0.5 * (y + ey),
          periods,
        )
        if (axis === 0 ? c >= x && c <= ex : c >= y && c <= ey) count++
      })
    }
    return count % 2 === 1
  }
  const neighbour = (i: number, j: number): number =>
    periodic ? ((j + ny) % ny) * nx + ((i + nx) % nx) : i >= 0 && j >= 0 && i < nx && j < ny ? j * nx + i : -1
  // A node with ridges on two of its edges sits in a sliver between two ridges that run close: the
  // flow from it is followed again, sharper, so that it does not drift out of the sliver.
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const k = j * nx + i
      if (!Number.isFinite(map.values[k])) continue
      const edges = [crossed(i, j, 0), crossed(i - 1, j, 0), crossed(i, j, 1), crossed(i, j - 1, 1)]
      if (edges.filter(Boolean).length < 2) continue
      const label = sharp.label(xs[i]!, ys[j]!, shortcut)
      if (label !== NO_BASIN) labels[k] = label
    }
  }
  for (let round = 0; round < 8; round++) {
    let changed = 0
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        const k = j * nx + i
        if (!Number.isFinite(map.values[k])) continue
        const others: number[] = []
        for (const [di, dj, axis, from] of [
          [1, 0, 0, [i, j]],
          [-1, 0, 0, [i - 1, j]],
          [0, 1, 1, [i, j]],
          [0, -1, 1, [i, j - 1]],
        ] as const) {
          const n = neighbour(i + di, j + dj)
          if (n < 0 || crossed(from[0], from[1], axis)) continue
          others.push(labels[n]!)
        }
        if (others.length < 3 || others.some((l) => l !== others[0]) || others[0] === labels[k]) continue
        labels[k] = others[0]!
        changed++
      }
    }
    if (changed === 0) return
  }
}

/**
 * Labels each cell by its corners; where they differ, finds where the ridge
 * crosses each line across the cell: from the traced ridges (Ridges), and by
 * bisection on the flow's label where no traced ridge explains the corners (a
 * border with a basin whose saddle lies outside the domain).
 */
function labelCells(map: BasinMap, ridgeFlow: GradientFlow | null, shortcut: Shortcut, ridges: Ridges | null): void {
  const { nx, xs, ys, labels } = map
  const { cx, cy } = map.cells
  const node = (i: number, j: number) => labels[(j % map.ny) * nx + (i % nx)]!
  const splitCells: number[] = []
  for (let j = 0; j < cy; j++) {
    for (let i = 0; i < cx; i++) {
      const a = node(i, j)
      const uniform = a === node(i + 1, j) && a === node(i, j + 1) && a === node(i + 1, j + 1)
      map.cells.label[j * cx + i] = uniform || !ridgeFlow ? a : SPLIT
      if (!uniform && ridgeFlow) splitCells.push(j * cx + i)
    }
  }
  if (!ridgeFlow || !ridges) return
  const n = splitCells.length
  const cells: BasinCells = {
    ...map.cells,
    axis: new Uint8Array(n),
    first: new Float64Array(n * QUADRATURE),
    second: new Float64Array(n * QUADRATURE),
    before: new Int32Array(n * QUADRATURE),
    between: new Int32Array(n * QUADRATURE),
    after: new Int32Array(n * QUADRATURE),
  }
  const d = { xmin: xs[0]!, ymin: ys[0]! }
  const { hx, hy } = map.cells
  const periods: [number, number] | null = map.periodic ? [cx * hx, cy * hy] : null
  const near: number[] = []
  const seen = new Set<number>()
  splitCells.forEach((cell, k) => {
    const i = cell % cx
    const j = Math.floor(cell / cx)
    cells.split[cell] = k
    const x0 = d.xmin + i * hx
    const y0 = d.ymin + j * hy
    const mx = x0 + 0.5 * hx
    const my = y0 + 0.5 * hy
    near.length = 0
    seen.clear()
    for (const [px, py] of [
      [x0, y0],
      [x0 + hx, y0],
      [x0, y0 + hy],
      [x0 + hx, y0 + hy],
      [mx, my],
    ] as const) {
      ridges.segmentsNear(px, py, (s) => {
        if (!seen.has(s)) {
          seen.add(s)
          near.push(s)
        }
      })
    }
    // Where traced ridges cross the line `axis` = value between lo and hi (the other coordinate), sorted.
    const crossings = (axis: 0 | 1, value: number, lo: number, hi: number): number[] => {
      const out: number[] = []
      for (const s of near) {
        const c = crossingOf(ridges.ax[s]!, ridges.ay[s]!, ridges.bx[s]!, ridges.by[s]!, axis, value, mx, my, periods)
        if (c >= lo && c <= hi) out.push(c)
      }
      return out.sort((a, b) => a - b)
    }
    // Lines along x when the label changes along an x edge of the cell, else along y.
    const alongX = node(i, j) !== node(i + 1, j) || node(i, j + 1) !== node(i + 1, j + 1)
    cells.axis[k] = alongX ? 0 : 1
    const corner = (a: number, b: number) => node(i + a, j + b)
    for (let q = 0; q < QUADRATURE; q++) {
      const s = LINE_POSITIONS[q]!
      const at = (t: number): [number, number] => (alongX ? [x0 + t * hx, y0 + s * hy] : [x0 + s * hx, y0 + t * hy])
      // The basin of a line's end, on the cell edge t = 0 or 1: the corner on its side of any ridge crossing that edge.
      const end = (t: 0 | 1): number => {
        const lo = alongX ? corner(t, 0) : corner(0, t)
        const hi = alongX ? corner(t, 1) : corner(1, t)
        if (lo === hi) return lo
        const [ex, ey] = at(t)
        const on = merged(alongX ? crossings(0, ex, y0, y0 + hy) : crossings(1, ey, x0, x0 + hx), alongX ? hy : hx)
        if (on.length !== 1) return ridgeFlow.label(ex, ey, shortcut)
        return (alongX ? ey : ex) < on[0]! ? lo : hi
      }
      const start = end(0)
      const last = end(1)
      const [value, lo] = alongX ? [at(0)[1], x0] : [at(0)[0], y0]
      const width = alongX ? hx : hy
      const across = merged(crossings(alongX ? 1 : 0, value, lo, lo + width), width).map((c) => (c - lo) / width)
      const line = k * QUADRATURE + q
      let between = last
      let c1: number
      let c2 = 1
      if (across.length === 0 && start === last) c1 = 1
      else if (across.length === 1 && start !== last) c1 = across[0]!
      else if (across.length === 2) {
        c1 = across[0]!
        c2 = across[1]!
        between = ridgeFlow.label(...at(0.5 * (c1 + c2)), shortcut)
      } else {
        c1 = bisect(start, last, (t) => ridgeFlow.label(...at(t), shortcut))
      }
      cells.first[line] = c1
      cells.second[line] = c2
      cells.before[line] = start
      cells.between[line] = between
      cells.after[line] = last
    }
  })
  map.cells = cells
}

/**
 * Crossings (sorted fractions of a cell) closer than MERGE_WIDTH as one: ridges of two
 * saddles that run together towards the same maximum (ascent converges onto the same
 * crest) enclose a sliver of a third basin too thin to weigh.
 */
function merged(crossings: number[], width: number): number[] {
  const out: number[] = []
  let group: number[] = []
  for (const c of crossings) {
    if (group.length > 0 && c - group[0]! > MERGE_WIDTH * width) {
      out.push(0.5 * (group[0]! + group[group.length - 1]!))
      group = []
    }
    group.push(c)
  }
  if (group.length > 0) out.push(0.5 * (group[0]! + group[group.length - 1]!))
  return out
}

/** Where the label along a line changes from `first` (at 0) to `last` (at 1), by bisection; 1 when they agree. */
function bisect(first: number, last: number, labelAt: (t: number) => number): number {
  if (first === last) return 1
  let lo = 0
  let hi = 1
  while (hi - lo > SPLIT_PRECISION) {
    const mid = 0.5 * (lo + hi)
    if (labelAt(mid) === first) lo = mid
    else hi = mid
  }
  return 0.5 * (lo + hi)
}

/** The spacing of the map's cells along x and y. */
export function cellSize(map: BasinMap): [number, number] {
  return [map.cells.hx, map.cells.hy]
}

/** The map cell holding (x, y) (j * cx + i), or -1 outside the domain. Called for every sample: no allocation. */
export function cellAt(map: BasinMap, x: number, y: number): number {
  const { cx, cy, hx, hy } = map.cells
  let fx = (x - map.xs[0]!) / hx
  let fy = (y - map.ys[0]!) / hy
  if (map.periodic) {
    fx = ((fx % cx) + cx) % cx
    fy = ((fy % cy) + cy) % cy
  }
  if (!(fx >= 0 && fx <= cx && fy >= 0 && fy <= cy)) return -1
  return Math.min(cy - 1, Math.floor(fy)) * cx + Math.min(cx - 1, Math.floor(fx))
}

/** The basin of any point (x, y) in the domain, or -1: its cell's label, or its side of the ridge across the cell. */
export function basinAt(map: BasinMap, x: number, y: number): number {
  return basinInCell(map, cellAt(map, x, y), x, y)
}

/** basinAt for a point already known to lie in map cell `cell` (cellAt; -1: outside). */
export function basinInCell(map: BasinMap, cell: number, x: number, y: number): number {
  if (cell < 0) return NO_BASIN
  const label = map.cells.label[cell]!
  if (label !== SPLIT) return label
  const { cx, cy, hx, hy } = map.cells
  let fx = (x - map.xs[0]!) / hx
  let fy = (y - map.ys[0]!) / hy
  if (map.periodic) {
    fx = ((fx % cx) + cx) % cx
    fy = ((fy % cy) + cy) % cy
  }
  const k = map.cells.split[cell]!
  const u = fx - (cell % cx)
  const v = fy - Math.floor(cell / cx)
  return map.cells.axis[k] === 0 ? sideOfRidge(map.cells, k, v, u) : sideOfRidge(map.cells, k, u, v)
}

/** The basins a point of map cell `cell` can be in: its label, or every label its ridge lines carry. */
export function labelsInCell(map: BasinMap, cell: number): number[] {
  const c = map.cells
  if (c.label[cell] !== SPLIT) return [c.label[cell]!]
  const k = c.split[cell]!
  const out = new Set<number>()
  for (let q = 0; q < QUADRATURE; q++)
    for (const l of [c.before[k * QUADRATURE + q]!, c.between[k * QUADRATURE + q]!, c.after[k * QUADRATURE + q]!])
      out.add(l)
  return [...out]
}

/** In split cell k, the basin of the point at fraction t along the lines and s across them. */
function sideOfRidge(cells: BasinCells, k: number, s: number, t: number): number {
  const base = k * QUADRATURE
  // The lines on either side of s (the nearest one alone beyond the outer lines).
  let q = 0
  while (q < QUADRATURE - 1 && LINE_POSITIONS[q + 1]! < s) q++
  const nearest = q < QUADRATURE - 1 && s - LINE_POSITIONS[q]! > LINE_POSITIONS[q + 1]! - s ? q + 1 : q
  const a = base + nearest
  let c1 = cells.first[a]!
  let c2 = cells.second[a]!
  // Between two lines that agree on the basins, the crossings are interpolated.
  const b = base + (nearest === q ? q + 1 : q)
  const inside = s > LINE_POSITIONS[0]! && s < LINE_POSITIONS[QUADRATURE - 1]!
  if (
    inside &&
    cells.before[b] === cells.before[a] &&
    cells.between[b] === cells.between[a] &&
    cells.after[b] === cells.after[a]
  ) {
    const w = (s - LINE_POSITIONS[q]!) / (LINE_POSITIONS[q + 1]! - LINE_POSITIONS[q]!)
    c1 = (1 - w) * cells.first[base + q]! + w * cells.first[base + q + 1]!
    c2 = (1 - w) * cells.second[base + q]! + w * cells.second[base + q + 1]!
  }
  return t < c1 ? cells.before[a]! : t < c2 ? cells.between[a]! : cells.after[a]!
}
