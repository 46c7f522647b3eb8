import type { Domain } from '../../core/surface'

/**
 * Viridis (matplotlib's default) at nine even stops: perceptually uniform, readable in grey and by
 * colour-blind readers.
 */
export const VIRIDIS = [
  '#440154',
  '#482878',
  '#3e4989',
  '#31688e',
  '#26828e',
  '#1f9e89',
  '#35b779',
  '#6ece58',
  '#fde725',
] as const

const STOPS = VIRIDIS.map((hex) => [1, 3, 5].map((k) => parseInt(hex.slice(k, k + 2), 16)))

/** The colour of t in [0, 1], written as r, g, b into out at offset. */
export function viridis(t: number, out: Uint8ClampedArray, offset: number): void {
  const s = Math.min(Math.max(Number.isFinite(t) ? t : 0, 0), 1) * (STOPS.length - 1)
  const k = Math.min(Math.floor(s), STOPS.length - 2)
  const f = s - k
  for (let c = 0; c < 3; c++) out[offset + c] = STOPS[k][c] + f * (STOPS[k + 1][c] - STOPS[k][c])
}

/** Histogram counts as probabilities (they sum to 1; all zero while nothing is counted). */
export function probabilities(counts: ArrayLike<number>): Float64Array {
  let total = 0
  for (let k = 0; k < counts.length; k++) total += counts[k]
  return Float64Array.from(counts, (c) => (total > 0 ? c / total : 0))
}

/** The largest value of any of the arrays: the shared top of one colour scale. */
export function sharedMaximum(...arrays: ArrayLike<number>[]): number {
  let max = 0
  for (const a of arrays) for (let k = 0; k < a.length; k++) if (a[k] > max) max = a[k]
  return max
}

/**
 * RGBA pixels of bin probabilities p[i * ny + j] (x-bin i, y-bin j), one
 * pixel a bin, y upwards (the top row is the highest y-bin), coloured p/max.
 */
export function paintDensity(p: ArrayLike<number>, nx: number, ny: number, max: number, out: Uint8ClampedArray): void {
  for (let row = 0; row < ny; row++) {
    const j = ny - 1 - row
    for (let i = 0; i < nx; i++) {
      const o = 4 * (row * nx + i)
      viridis(max > 0 ? p[i * ny + j] / max : 0, out, o)
      out[o + 3] = 255
    }
  }
}

/** The bin with the largest probability and its centre, for words about a map. */
export function peakBin(
  p: ArrayLike<number>,
  nx: number,
  ny: number,
  domain: Domain,
): { x: number; y: number; p: number } {
  let best = 0
  for (let k = 1; k < nx * ny; k++) if (p[k] > p[best]) best = k
  const i = Math.floor(best / ny)
  const j = best % ny
  return {
    x: domain.xmin + ((i + 0.5) * (domain.xmax - domain.xmin)) / nx,
    y: domain.ymin + ((j + 0.5) * (domain.ymax - domain.ymin)) / ny,
    p: p[best] ?? 0,
  }
}
