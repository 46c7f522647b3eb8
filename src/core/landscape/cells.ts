import type { Domain } from '../surface'
import { distance } from './domain'

/**
 * Points binned in cells at least `radius` wide and high, so every point within
 * `radius` of another sits in the 3 x 3 block of cells around it. On a periodic domain
 * the cells wrap and distances are measured on the torus.
 */
export class PointCells {
  private readonly cells = new Map<number, number[]>()
  private readonly columns: number
  private readonly rows: number
  private readonly width: number
  private readonly height: number

  constructor(
    private readonly domain: Domain,
    radius: number,
  ) {
    const d = domain
    const count = (length: number) => Math.max(1, Math.min(1 << 20, Math.floor(length / radius)))
    this.columns = count(d.xmax - d.xmin)
    this.rows = count(d.ymax - d.ymin)
    this.width = (d.xmax - d.xmin) / this.columns
    this.height = (d.ymax - d.ymin) / this.rows
  }

  add(index: number, x: number, y: number): void {
    const key = this.row(y) * this.columns + this.column(x)
    const cell = this.cells.get(key)
    if (cell) cell.push(index)
    else this.cells.set(key, [index])
  }

  /** Calls visit with every added index in the 3 x 3 block of cells around (x, y). */
  forEachNear(x: number, y: number, visit: (index: number) => void): void {
    const seen = new Set<number>()
    const ci = this.column(x)
    const cj = this.row(y)
    for (let dj = -1; dj <= 1; dj++) {
      for (let di = -1; di <= 1; di++) {
        const i = this.domain.periodic ? (ci + di + this.columns) % this.columns : ci + di
        const j = this.domain.periodic ? (cj + dj + this.rows) % this.rows : cj + dj
        const key = j * this.columns + i
        // Fewer than three cells across a period would visit one cell twice.
        if (i < 0 || j < 0 || i >= this.columns || j >= this.rows || seen.has(key)) continue
        seen.add(key)
        for (const index of this.cells.get(key) ?? []) visit(index)
      }
    }
  }

  /** Distance in the plane, or on the torus when the domain is periodic. */
  distance(ax: number, ay: number, bx: number, by: number): number {
    return distance(this.domain, ax, ay, bx, by)
  }

  // Points a little outside a non-periodic domain go to the border cells.
  private column(x: number): number {
    const i = Math.floor((x - this.domain.xmin) / this.width)
    return this.domain.periodic
      ? ((i % this.columns) + this.columns) % this.columns
      : Math.min(this.columns - 1, Math.max(0, i))
  }

  private row(y: number): number {
    const j = Math.floor((y - this.domain.ymin) / this.height)
    return this.domain.periodic ? ((j % this.rows) + this.rows) % this.rows : Math.min(this.rows - 1, Math.max(0, j))
  }
}
