/**
 * The rectangle where plotly draws a 2D plot's data, in CSS pixels from the
 * top-left corner of the plot's element, with the axis ranges it shows. The
 * page draws walkers on a canvas placed exactly over it, so a point (x, y) maps
 * to canvas pixels the way plotly maps it.
 */
export interface PlotArea {
  left: number
  top: number
  width: number
  height: number
  x0: number
  x1: number
  y0: number
  y1: number
}

/** The parts of plotly's full layout (gd._fullLayout) the area is read from. */
interface AxisLayout {
  _offset?: number
  _length?: number
  range?: unknown[]
}
export interface FullLayoutLike {
  xaxis?: AxisLayout
  yaxis?: AxisLayout
}

/** The plot area from plotly's full layout, or null before plotly has laid it out. */
export function plotArea(layout: FullLayoutLike | undefined): PlotArea | null {
  const x = layout?.xaxis
  const y = layout?.yaxis
  if (!x || !y) return null
  const [x0, x1] = (x.range ?? []).map(Number)
  const [y0, y1] = (y.range ?? []).map(Number)
  const values = [x._offset, x._length, y._offset, y._length, x0, x1, y0, y1]
  if (!values.every((v) => typeof v === 'number' && Number.isFinite(v))) return null
  if (!(x._length! > 0 && y._length! > 0) || x0 === x1 || y0 === y1) return null
  return { left: x._offset!, top: y._offset!, width: x._length!, height: y._length!, x0, x1, y0, y1 }
}

/** Data -> pixels inside the area (origin at its top-left, y down), as scale and offset per axis. */
export interface AreaTransform {
  ax: number
  bx: number
  ay: number
  by: number
}

export function areaTransform(a: PlotArea): AreaTransform {
  const ax = a.width / (a.x1 - a.x0)
  const ay = -a.height / (a.y1 - a.y0)
  return { ax, bx: -a.x0 * ax, ay, by: a.height - a.y0 * ay }
}

/**
 * The point (xs[i], ys[i]) drawn nearest the pixel (px, py) of the area (origin at its top-left),
 * within `radius` pixels, or -1: what a click on a map of walkers chooses.
 */
export function nearestPoint(
  a: PlotArea,
  px: number,
  py: number,
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  radius: number,
): number {
  const t = areaTransform(a)
  let best = -1
  let bestD = radius * radius
  for (let i = 0; i < xs.length; i++) {
    const dx = t.ax * xs[i]! + t.bx - px
    const dy = t.ay * ys[i]! + t.by - py
    const d = dx * dx + dy * dy
    if (d < bestD) {
      bestD = d
      best = i
    }
  }
  return best
}

/** A pixel inside the area (origin at its top-left) -> data coordinates. */
export function toData(a: PlotArea, px: number, py: number): [number, number] {
  return [a.x0 + (px / a.width) * (a.x1 - a.x0), a.y0 + (1 - py / a.height) * (a.y1 - a.y0)]
}

export function sameArea(a: PlotArea | null, b: PlotArea | null): boolean {
  if (a === null || b === null) return a === b
  return (
    a.left === b.left &&
    a.top === b.top &&
    a.width === b.width &&
    a.height === b.height &&
    a.x0 === b.x0 &&
    a.x1 === b.x1 &&
    a.y0 === b.y0 &&
    a.y1 === b.y1
  )
}
