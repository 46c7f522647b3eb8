import type { CriticalPoint } from '../core/analysis/critical'
import type { Domain } from '../core/surface'
import type { FormulaProgram } from '../core/formula/types'

/**
 * The messages between the page and the surface worker, declared once for both
 * sides. Everything here is plain structured-clone data: the worker gets a
 * checked program, never the formula text.
 */

/** Grid sizes (points along x and along y) of one sampled view of the surface. */
export interface GridSize {
  nx: number
  ny: number
}

export interface SurfaceRequest {
  type: 'surface'
  /** Increases with every request; an answer for an older id is stale. */
  id: number
  program: FormulaProgram
  /** Parameter values as [name, value] pairs, in any order. */
  parameters: [string, number][]
  domain: Domain
  /** The fine grid for the contour plot and the coarse one for the 3D surface. */
  grids: { contour: GridSize; mesh: GridSize }
}

export type WorkerRequest = SurfaceRequest

/**
 * U sampled on a regular nx-by-ny grid over the domain, row-major:
 * z[j * nx + i] = U(x[i], y[j]). A value that is not finite is NaN.
 */
export interface SurfaceGrid {
  nx: number
  ny: number
  x: Float64Array
  y: Float64Array
  z: Float64Array
  /** Smallest and largest finite value on the grid (NaN when there is none). */
  min: number
  max: number
}

/**
 * Which minimum steepest descent reaches from each node of a grid (core/analysis/basins):
 * labels[j * nx + i] indexes the minima sorted by value, lowest first; -1 where U is not finite.
 */
export interface BasinGrid {
  nx: number
  ny: number
  /** Node positions, evenly spaced. */
  xs: Float64Array
  ys: Float64Array
  labels: Int32Array
}

export interface SurfaceAnswer {
  type: 'surface'
  id: number
  contour: SurfaceGrid
  mesh: SurfaceGrid
  points: CriticalPoint[]
  /** The basins of the minima on the contour grid's size, for the basin overlay. */
  basins: BasinGrid
}

/** A failure in the worker is a bug (the program was checked on the page), reported with its message. */
export interface WorkerFailure {
  type: 'failure'
  id: number
  message: string
}

export type WorkerAnswer = SurfaceAnswer | WorkerFailure

/** The buffers of a basin grid, to pass as transferables. */
export function basinBuffers(grid: BasinGrid): ArrayBuffer[] {
  return [grid.xs.buffer, grid.ys.buffer, grid.labels.buffer] as ArrayBuffer[]
}

/** The buffers of a grid, to pass as transferables. */
export function gridBuffers(grid: SurfaceGrid): ArrayBuffer[] {
  return [grid.x.buffer, grid.y.buffer, grid.z.buffer] as ArrayBuffer[]
}
