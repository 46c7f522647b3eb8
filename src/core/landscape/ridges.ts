import type { CompiledSurface } from '../surface'
import type { CriticalPoint } from './critical'
import { distance, wrap } from './domain'
import { symmetricEigen } from './eigen'

/**
 * The ridges of a surface: the borders between basins of attraction, which are the
 * stable manifolds of its saddles (the points that steepest descent carries into a
 * saddle). Each is traced from its saddle by steepest ascent, both ways along the
 * saddle's rising eigenvector. Run backwards, the descent that flees a ridge on
 * either side converges onto it, so an ascent started on it stays on it: a few
 * RK4 steps per grid cell trace it to the cell's precision and better, without
 * bisecting on labels. A branch ends at a maximum, where the ascent turns back,
 * past the domain's edge, or where U stops being finite.
 *
 * Segments are kept in a spatial index of cells `size` wide; on a periodic domain
 * each segment is stored once with its second end unwrapped next to its first.
 */
export class Ridges {
  /** Segment k runs from (ax[k], ay[k]) to (bx[k], by[k]). */
  readonly ax: number[] = []
  readonly ay: number[] = []
  readonly bx: number[] = []
  readonly by: number[] = []
  private readonly index = new Map<number, number[]>()
  private readonly columns: number
  private readonly rows: number

  private readonly maxima: readonly CriticalPoint[]

  /** `points`: the surface's critical points; ridges start at its saddles and may end at its maxima. */
  constructor(
    private readonly surface: CompiledSurface,
    points: readonly CriticalPoint[],
    private readonly size: number,
    gradientScale: number,
  ) {
    const d = surface.domain
    this.columns = Math.ceil((d.xmax - d.xmin) / size) + 1
    this.rows = Math.ceil((d.ymax - d.ymin) / size) + 1
    this.maxima = points.filter((p) => p.kind === 'maximum')
    const h = new Float64Array(3)
    const e = new Float64Array(4)
    for (const s of points.filter((p) => p.kind === 'saddle')) {
      surface.hessian(s.x, s.y, h)
      symmetricEigen(h[0]!, h[1]!, h[2]!, e)
      // The eigenvector of the larger (positive) eigenvalue: U rises along it from the saddle.
      for (const side of [1, -1]) this.trace(s.x, s.y, side * e[2]!, side * e[3]!, gradientScale)
    }
  }

  /** Calls visit with every segment whose box meets the cell of the index at (x, y). */
  segmentsNear(x: number, y: number, visit: (k: number) => void): void {
    for (const k of this.index.get(this.key(x, y)) ?? []) visit(k)
  }

  /** Whether any segment's box meets the cell of the index at (x, y). */
  hasSegmentsNear(x: number, y: number): boolean {
    return this.index.has(this.key(x, y))
  }

  get count(): number {
    return this.ax.length
  }

  private key(x: number, y: number): number {
    const d = this.surface.domain
    let i = Math.floor((x - d.xmin) / this.size)
    let j = Math.floor((y - d.ymin) / this.size)
    if (d.periodic) {
      i = ((i % (this.columns - 1)) + this.columns - 1) % (this.columns - 1)
      j = ((j % (this.rows - 1)) + this.rows - 1) % (this.rows - 1)
    }
    return j * this.columns + i
  }

  private add(ax: number, ay: number, bx: number, by: number): void {
    const k = this.ax.length
    this.ax.push(ax)
    this.ay.push(ay)
    this.bx.push(bx)
    this.by.push(by)
    const keys = new Set<number>()
    const x0 = Math.min(ax, bx)
    const x1 = Math.max(ax, bx)
    const y0 = Math.min(ay, by)
    const y1 = Math.max(ay, by)
    for (let x = x0; ; x += this.size) {
      for (let y = y0; ; y += this.size) {
        keys.add(this.key(Math.min(x, x1), Math.min(y, y1)))
        if (y >= y1) break
      }
      if (x >= x1) break
    }
    for (const key of keys) {
      const list = this.index.get(key)
      if (list) list.push(k)
      else this.index.set(key, [k])
    }
  }

  /** Steepest ascent by arc length, RK4 with steps of a quarter cell, from a saddle along (dx, dy). */
  private trace(sx: number, sy: number, dx: number, dy: number, gradientScale: number): void {
    const surface = this.surface
    const d = surface.domain
    const step = 0.25 * this.size
    const margin = 2 * this.size
    const g = new Float64Array(2)
    const still = 1e-9 * gradientScale
    // dq/ds = grad U / |grad U|; 0 where the gradient vanishes or is not finite.
    const direction = (x: number, y: number, out: Float64Array): boolean => {
      const u = surface.gradient(x, y, g)
      const norm = Math.hypot(g[0]!, g[1]!)
      if (!(Number.isFinite(u) && norm > still)) return false
      out[0] = g[0]! / norm
      out[1] = g[1]! / norm
      return true
    }
    const k1 = new Float64Array(2)
    const k2 = new Float64Array(2)
    const k3 = new Float64Array(2)
    const k4 = new Float64Array(2)
    // First step straight along the eigenvector: at the saddle itself the gradient vanishes.
    let x = sx
    let y = sy
    let nx = sx + step * dx
    let ny = sy + step * dy
    let px = dx
    let py = dy
    const maxSteps = Math.ceil((20 * Math.hypot(d.xmax - d.xmin, d.ymax - d.ymin)) / step)
    let u = surface.value(sx, sy)
    for (let n = 0; n < maxSteps; n++) {
      const next = surface.value(nx, ny)
      // Past a maximum the ascent comes down again: the ridge ends at the maximum, when one is known there.
      if (!(next > u)) {
        const top = this.maxima.find((m) => distance(d, m.x, m.y, x, y) < 2 * step)
        if (top)
          this.add(
            x,
            y,
            x + shortest(top.x - x, d.xmax - d.xmin, d.periodic),
            y + shortest(top.y - y, d.ymax - d.ymin, d.periodic),
          )
        return
      }
      u = next
      this.add(x, y, nx, ny)
      x = nx
      y = ny
      if (d.periodic) {
        const wx = wrap(x, d.xmin, d.xmax - d.xmin)
        const wy = wrap(y, d.ymin, d.ymax - d.ymin)
        x = wx
        y = wy
      } else if (x < d.xmin - margin || x > d.xmax + margin || y < d.ymin - margin || y > d.ymax + margin) return
      if (!direction(x, y, k1)) return
      if (!direction(x + 0.5 * step * k1[0]!, y + 0.5 * step * k1[1]!, k2)) return
      if (!direction(x + 0.5 * step * k2[0]!, y + 0.5 * step * k2[1]!, k3)) return
      if (!direction(x + step * k3[0]!, y + step * k3[1]!, k4)) return
      const mx = (k1[0]! + 2 * k2[0]! + 2 * k3[0]! + k4[0]!) / 6
      const my = (k1[1]! + 2 * k2[1]! + 2 * k3[1]! + k4[1]!) / 6
      // Turned back: over a maximum (or onto the other side of a narrow crest).
      if (mx * px + my * py < 0) return
      px = mx
      py = my
      nx = x + step * mx
      ny = y + step * my
    }
  }
}

/** The displacement v, or its shortest image on a periodic axis. */
function shortest(v: number, period: number, periodic: boolean | undefined): number {
  return periodic ? v - Math.round(v / period) * period : v
}

/**
 * Where the segment from (ax, ay) to (bx, by), shifted by whole periods to lie
 * nearest (cx, cy) on a periodic domain, crosses the line v = value of coordinate
 * `axis` (0: x = value, 1: y = value): the other coordinate, or NaN.
 */
export function crossingOf(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  axis: 0 | 1,
  value: number,
  cx: number,
  cy: number,
  periods: [number, number] | null,
): number {
  if (periods) {
    const mx = 0.5 * (ax + bx)
    const my = 0.5 * (ay + by)
    const sx = Math.round((cx - mx) / periods[0]) * periods[0]
    const sy = Math.round((cy - my) / periods[1]) * periods[1]
    ax += sx
    bx += sx
    ay += sy
    by += sy
  }
  const [a, b, oa, ob] = axis === 0 ? [ax, bx, ay, by] : [ay, by, ax, bx]
  if ((a - value) * (b - value) > 0 || a === b) return NaN
  const t = (value - a) / (b - a)
  return oa + t * (ob - oa)
}
