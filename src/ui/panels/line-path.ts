/** The most points a chart draws per line: more than its width in pixels adds nothing. */
export const MAX_POINTS = 500

/**
 * Indices of at most `max` points of y that look like all of it (min-max
 * decimation): the series is cut into equal buckets and each keeps its lowest
 * and highest drawable point, plus its first undrawable one so a gap stays a
 * gap; the first and last points are always kept. In index order.
 */
export function decimate(
  y: ArrayLike<number>,
  max: number,
  isDrawable: (v: number) => boolean = Number.isFinite,
): Uint32Array {
  const n = y.length
  if (n <= max) return Uint32Array.from({ length: n }, (_, i) => i)
  const buckets = Math.max(1, Math.floor((max - 2) / 3))
  const kept: number[] = [0]
  for (let b = 0; b < buckets; b++) {
    const start = 1 + Math.floor(((n - 2) * b) / buckets)
    const end = 1 + Math.floor(((n - 2) * (b + 1)) / buckets)
    let lo = -1
    let hi = -1
    let gap = -1
    for (let i = start; i < end; i++) {
      const v = y[i]
      if (!isDrawable(v)) {
        if (gap < 0) gap = i
        continue
      }
      if (lo < 0 || v < y[lo]) lo = i
      if (hi < 0 || v > y[hi]) hi = i
    }
    const picked = [lo, hi, gap].filter((i) => i >= 0).sort((a, b) => a - b)
    picked.forEach((i, k) => {
      if (k === 0 || i !== picked[k - 1]) kept.push(i)
    })
  }
  kept.push(n - 1)
  return Uint32Array.from(kept)
}

/**
 * An SVG path through the points at `indices` (x[i], y[i]) mapped to pixels,
 * broken where a value cannot be drawn; a tenth of a pixel is plenty.
 */
export function linePath(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  indices: ArrayLike<number>,
  px: (v: number) => number,
  py: (v: number) => number,
  isDrawable: (v: number) => boolean = Number.isFinite,
): string {
  let d = ''
  let pen = false
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k]
    if (!isDrawable(y[i]) || !Number.isFinite(x[i])) {
      pen = false
      continue
    }
    d += `${pen ? 'L' : 'M'}${Math.round(10 * px(x[i])) / 10} ${Math.round(10 * py(y[i])) / 10}`
    pen = true
  }
  return d
}
