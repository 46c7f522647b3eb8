import type { Domain } from '../../surface'
import type { BiasGradient } from './langevin-propagator'
import { portableMath as pm } from '../../portable-math'

/**
 * Gaussian hills are cut off this many widths from their centre (the tail left out is exp(-12.5) ~ 4e-6 of the height).
 */
const HILL_CUTOFF = 5

/**
 * A bias potential V(x, y) on a grid of nodes over the domain, built from Gaussian
 * hills: each hill adds its exact value and gradient at the nodes within
 * HILL_CUTOFF widths, and V and its gradient between nodes are bilinear
 * interpolations of the node values (the interpolated gradient is not exactly the
 * derivative of the interpolated V; the difference is of the order of the grid
 * error). A non-periodic grid has nodes on both edges; beyond them V continues
 * constant along the normal (its value at the nearest edge point, no normal
 * force). A periodic grid leaves out the last node (it is the first again), and
 * hills wrap across the edges. Nodes are stored x-major: node (i, j) at i * ny + j.
 */
export class BiasGrid implements BiasGradient {
  readonly xs: Float64Array
  readonly ys: Float64Array
  readonly values: Float64Array
  readonly gradX: Float64Array
  readonly gradY: Float64Array
  private readonly periodic: boolean
  private readonly dx: number
  private readonly dy: number
  /** Scratch for one hill: node indices and Gaussian factors along each axis. */
  private readonly hillX: HillAxis
  private readonly hillY: HillAxis
  /** V, dV/dx, dV/dy at the last interpolated point. */
  private readonly at = new Float64Array(3)

  constructor(
    private readonly domain: Domain,
    readonly nx: number,
    readonly ny: number,
  ) {
    this.periodic = domain.periodic === true
    const spacing = (min: number, max: number, n: number) => (max - min) / (this.periodic ? n : n - 1)
    this.dx = spacing(domain.xmin, domain.xmax, nx)
    this.dy = spacing(domain.ymin, domain.ymax, ny)
    this.xs = Float64Array.from({ length: nx }, (_, i) => domain.xmin + i * this.dx)
    this.ys = Float64Array.from({ length: ny }, (_, j) => domain.ymin + j * this.dy)
    this.values = new Float64Array(nx * ny)
    this.gradX = new Float64Array(nx * ny)
    this.gradY = new Float64Array(nx * ny)
    this.hillX = new HillAxis(nx)
    this.hillY = new HillAxis(ny)
  }

  /** V(x, y). */
  value(x: number, y: number): number {
    this.interpolate(x, y)
    return this.at[0]!
  }

  addGradient(x: number, y: number, out: Float64Array): void {
    this.interpolate(x, y)
    out[0]! += this.at[1]!
    out[1]! += this.at[2]!
  }

  /** Adds height exp(-|s - c|^2 / (2 sigma^2)) centred on (cx, cy). */
  deposit(cx: number, cy: number, height: number, sigma: number): void {
    const d = this.domain
    const hx = this.hillX.fill(cx, sigma, d.xmin, this.dx, d.xmax - d.xmin, this.periodic)
    const hy = this.hillY.fill(cy, sigma, d.ymin, this.dy, d.ymax - d.ymin, this.periodic)
    const ny = this.ny
    for (let a = 0; a < hx.count; a++) {
      const row = hx.index[a]! * ny
      const ha = height * hx.factor[a]!
      for (let b = 0; b < hy.count; b++) {
        const node = row + hy.index[b]!
        const v = ha * hy.factor[b]!
        this.values[node]! += v
        this.gradX[node]! += v * hx.slope[a]!
        this.gradY[node]! += v * hy.slope[b]!
      }
    }
  }

  private interpolate(x: number, y: number): void {
    const d = this.domain
    const { nx, ny } = this
    let fx = (x - d.xmin) / this.dx
    let fy = (y - d.ymin) / this.dy
    let flatX = false
    let flatY = false
    let i0: number
    let i1: number
    let j0: number
    let j1: number
    if (this.periodic) {
      fx -= nx * Math.floor(fx / nx)
      fy -= ny * Math.floor(fy / ny)
      i0 = Math.min(Math.floor(fx), nx - 1)
      j0 = Math.min(Math.floor(fy), ny - 1)
      i1 = i0 + 1 === nx ? 0 : i0 + 1
      j1 = j0 + 1 === ny ? 0 : j0 + 1
    } else {
      if (fx < 0 || fx > nx - 1) {
        fx = fx < 0 ? 0 : nx - 1
        flatX = true
      }
      if (fy < 0 || fy > ny - 1) {
        fy = fy < 0 ? 0 : ny - 1
        flatY = true
      }
      i0 = Math.min(Math.floor(fx), nx - 2)
      j0 = Math.min(Math.floor(fy), ny - 2)
      i1 = i0 + 1
      j1 = j0 + 1
    }
    const ax = fx - i0
    const ay = fy - j0
    const n00 = i0 * ny + j0
    const n01 = i0 * ny + j1
    const n10 = i1 * ny + j0
    const n11 = i1 * ny + j1
    const w00 = (1 - ax) * (1 - ay)
    const w01 = (1 - ax) * ay
    const w10 = ax * (1 - ay)
    const w11 = ax * ay
    const { values: v, gradX: gx, gradY: gy, at } = this
    at[0] = w00 * v[n00]! + w01 * v[n01]! + w10 * v[n10]! + w11 * v[n11]!
    at[1] = flatX ? 0 : w00 * gx[n00]! + w01 * gx[n01]! + w10 * gx[n10]! + w11 * gx[n11]!
    at[2] = flatY ? 0 : w00 * gy[n00]! + w01 * gy[n01]! + w10 * gy[n10]! + w11 * gy[n11]!
  }
}

/** The nodes one hill reaches along one axis, with exp(-d^2 / 2 sigma^2) and d/d(coordinate) of its exponent. */
class HillAxis {
  readonly index: Int32Array
  readonly factor: Float64Array
  readonly slope: Float64Array
  count = 0

  constructor(private readonly n: number) {
    this.index = new Int32Array(n)
    this.factor = new Float64Array(n)
    this.slope = new Float64Array(n)
  }

  fill(centre: number, sigma: number, min: number, step: number, period: number, periodic: boolean): this {
    const reach = HILL_CUTOFF * sigma
    const n = this.n
    this.count = 0
    if (periodic && 2 * reach >= period) {
      // The hill covers the whole period: every node once, at its nearest image.
      for (let i = 0; i < n; i++) {
        const d = min + i * step - centre
        this.add(i, d - period * Math.round(d / period), sigma)
      }
      return this
    }
    let first = Math.ceil((centre - reach - min) / step)
    let last = Math.floor((centre + reach - min) / step)
    if (!periodic) {
      first = Math.max(first, 0)
      last = Math.min(last, n - 1)
    }
    // Unwrapped node k sits at min + k step; on a periodic axis it is node k mod n.
    for (let k = first; k <= last; k++) this.add(periodic ? ((k % n) + n) % n : k, min + k * step - centre, sigma)
    return this
  }

  private add(i: number, d: number, sigma: number): void {
    const s2 = sigma * sigma
    this.index[this.count] = i
    this.factor[this.count] = pm.exp((-0.5 * d * d) / s2)
    this.slope[this.count] = -d / s2
    this.count++
  }
}
