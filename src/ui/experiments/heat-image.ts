import { viridis } from '../panels/density-image'

/**
 * RGBA pixels of a field value(i, j) on an nx by ny grid (x node i, y node j),
 * one pixel a node, y upwards, coloured by viridis from 0 to `top` (values
 * above are drawn at the top colour; not-a-number is left transparent).
 */
export function paintField(
  value: (i: number, j: number) => number,
  nx: number,
  ny: number,
  top: number,
  out: Uint8ClampedArray,
): void {
  for (let row = 0; row < ny; row++) {
    const j = ny - 1 - row
    for (let i = 0; i < nx; i++) {
      const v = value(i, j)
      const o = 4 * (row * nx + i)
      viridis(top > 0 ? v / top : 0, out, o)
      out[o + 3] = Number.isFinite(v) ? 255 : 0
    }
  }
}

/** The largest finite value of a field. */
export function fieldMaximum(value: (i: number, j: number) => number, nx: number, ny: number): number {
  let max = -Infinity
  for (let i = 0; i < nx; i++)
    for (let j = 0; j < ny; j++) {
      const v = value(i, j)
      if (Number.isFinite(v) && v > max) max = v
    }
  return max
}
