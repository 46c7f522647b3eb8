/**
 * A 2D histogram on fixed edges. counts[i * ny + j] holds x-bin i and y-bin j;
 * samples outside the edges are counted apart (`outside`) and in no bin.
 */
export class Histogram2D {
  readonly counts: Float64Array
  readonly nx: number
  readonly ny: number
  total = 0
  outside = 0

  constructor(
    readonly xEdges: Float64Array,
    readonly yEdges: Float64Array,
  ) {
    this.nx = xEdges.length - 1
    this.ny = yEdges.length - 1
    if (this.nx < 1 || this.ny < 1) throw new RangeError('histogram: at least one bin per axis')
    this.counts = new Float64Array(this.nx * this.ny)
  }

  /** Evenly spaced edges over a domain. */
  static uniform(xmin: number, xmax: number, nx: number, ymin: number, ymax: number, ny: number): Histogram2D {
    const edges = (a: number, b: number, n: number) =>
      Float64Array.from({ length: n + 1 }, (_, k) => (k === n ? b : a + ((b - a) * k) / n))
    return new Histogram2D(edges(xmin, xmax, nx), edges(ymin, ymax, ny))
  }

  /** The bin index of (x, y), or -1 outside. Uniform edges are assumed (as built by `uniform`). */
  bin(x: number, y: number): number {
    const { xEdges: xe, yEdges: ye, nx, ny } = this
    const fx = ((x - xe[0]!) / (xe[nx]! - xe[0]!)) * nx
    const fy = ((y - ye[0]!) / (ye[ny]! - ye[0]!)) * ny
    if (!(fx >= 0 && fx <= nx && fy >= 0 && fy <= ny)) return -1
    return Math.min(nx - 1, Math.floor(fx)) * ny + Math.min(ny - 1, Math.floor(fy))
  }

  add(x: number, y: number, weight = 1): void {
    this.addToBin(this.bin(x, y), weight)
  }

  /** Adds to bin b (from bin(); -1 counts outside). */
  addToBin(b: number, weight = 1): void {
    if (b < 0) this.outside += weight
    else {
      this.counts[b]! += weight
      this.total += weight
    }
  }

  /** Counts as [i][j] rows (x-bin i, y-bin j), the CLI's JSON shape. */
  rows(): number[][] {
    return Array.from({ length: this.nx }, (_, i) => Array.from(this.counts.subarray(i * this.ny, (i + 1) * this.ny)))
  }

  /** Normalised bin probabilities (all zero when empty). */
  probabilities(): Float64Array {
    const p = new Float64Array(this.counts.length)
    if (this.total > 0) for (let k = 0; k < p.length; k++) p[k] = this.counts[k]! / this.total
    return p
  }
}
