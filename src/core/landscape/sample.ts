import type { CompiledSurface } from '../surface'

/** A grid over the domain with the surface's typical scales, measured on it. */
export interface SurfaceSample {
  xs: Float64Array
  ys: Float64Array
  /** U at (xs[i], ys[j]) stored at j * xs.length + i. */
  values: Float64Array
  spacing: number
  extent: number
  gradientScale: number
  curvatureScale: number
  valueRange: number
  /** The lowest finite U on the grid (Infinity: none). */
  lowest: number
}

/** Samples n x n nodes (n - 1 per axis on a periodic domain, whose last node is the first). */
export function sampleSurface(surface: CompiledSurface, n: number): SurfaceSample {
  const d = surface.domain
  // A periodic grid leaves out the last node, which is the first one again.
  const count = d.periodic ? n - 1 : n
  const axis = (min: number, max: number) =>
    Float64Array.from({ length: count }, (_, i) => ((n - 1 - i) * min + i * max) / (n - 1))
  const xs = axis(d.xmin, d.xmax)
  const ys = axis(d.ymin, d.ymax)
  const values = new Float64Array(count * count)
  const gradients: number[] = []
  const curvatures: number[] = []
  const g = new Float64Array(2)
  const h = new Float64Array(3)
  let lowest = Infinity
  let highest = -Infinity
  for (let j = 0; j < count; j++) {
    for (let i = 0; i < count; i++) {
      const v = surface.gradient(xs[i]!, ys[j]!, g)
      surface.hessian(xs[i]!, ys[j]!, h)
      values[j * count + i] = v
      if (Number.isFinite(v)) {
        lowest = Math.min(lowest, v)
        highest = Math.max(highest, v)
      }
      const gradient = Math.hypot(g[0]!, g[1]!)
      const curvature = Math.hypot(h[0]!, h[1]!, h[1]!, h[2]!)
      if (Number.isFinite(gradient)) gradients.push(gradient)
      if (Number.isFinite(curvature)) curvatures.push(curvature)
    }
  }
  return {
    xs,
    ys,
    values,
    spacing: Math.max(d.xmax - d.xmin, d.ymax - d.ymin) / (n - 1),
    extent: Math.hypot(d.xmax - d.xmin, d.ymax - d.ymin),
    // A high quantile, not the maximum: a pole (1/x) must not set the scale.
    gradientScale: quantile(gradients, 0.9),
    curvatureScale: quantile(curvatures, 0.9),
    valueRange: highest > lowest ? highest - lowest : 0,
    lowest,
  }
}

function quantile(samples: number[], q: number): number {
  if (samples.length === 0) return 0
  samples.sort((a, b) => a - b)
  return samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!
}
