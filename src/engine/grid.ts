import type { CompiledSurface, Domain } from '../core/surface'
import { OVERFLOW_BOUND } from '../core/landscape/ground'
import type { GridSize, SurfaceGrid } from './protocol'

/** n evenly spaced points from a to b, both ends included. */
export function linspace(a: number, b: number, n: number): Float64Array {
  const out = new Float64Array(n)
  const step = n > 1 ? (b - a) / (n - 1) : 0
  for (let i = 0; i < n; i++) out[i] = a + i * step
  out[n - 1] = b
  return out
}

/**
 * Samples U on a regular grid over the domain (row-major, y outer). Where U is undefined or overflows (beyond
 * OVERFLOW_BOUND, core/landscape/ground.ts) the node is a gap (NaN), so min and max, and every colour scale drawn
 * from them, span only the usable values.
 */
export function sampleGrid(surface: Pick<CompiledSurface, 'value'>, domain: Domain, size: GridSize): SurfaceGrid {
  const { nx, ny } = size
  if (!(Number.isInteger(nx) && Number.isInteger(ny) && nx >= 2 && ny >= 2))
    throw new Error(`sampleGrid: bad size ${nx} x ${ny}`)
  const x = linspace(domain.xmin, domain.xmax, nx)
  const y = linspace(domain.ymin, domain.ymax, ny)
  const z = new Float64Array(nx * ny)
  let min = Infinity
  let max = -Infinity
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const u = surface.value(x[i], y[j])
      if (Math.abs(u) <= OVERFLOW_BOUND) {
        z[j * nx + i] = u
        if (u < min) min = u
        if (u > max) max = u
      } else {
        z[j * nx + i] = NaN
      }
    }
  }
  return min <= max ? { nx, ny, x, y, z, min, max } : { nx, ny, x, y, z, min: NaN, max: NaN }
}
