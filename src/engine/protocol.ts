import type { AttractionMap } from '../core/studies/attraction'
import type { CriticalPoint } from '../core/landscape/critical'
import type { SurfaceAnalysis } from '../core/landscape/surface-analysis'
import type { SweepRequest, SweepResult } from '../core/studies/sweep'
import type { Landscape } from '../core/landscape/saddles'
import type { KnownPoint } from '../core/surfaces/types'
import type { FormulaProgram } from '../core/formula/types'
import type { Domain } from '../core/surface'
import type { LaneFrame } from '../core/run/frame'
import type { SimulationSetup } from '../core/run/simulation'

/**
 * Every message between the page and its workers, declared once for both sides.
 * A worker offers a service: named calls, each with its parameters and result.
 * Requests carry an id; a worker answers each with its result, with progress
 * along the way if it is long, or with an error and its cause. The generic
 * client (worker-client.ts) and server (serve.ts) speak it; the three services
 * below are the page's workers.
 */

/** One call of a service: what it takes and what it gives. */
export interface Call<P, R> {
  params: P
  result: R
}

/** The parameters and the result of call M of service S. */
export type Params<S, M extends keyof S> = S[M] extends Call<infer P, unknown> ? P : never
export type Result<S, M extends keyof S> = S[M] extends Call<unknown, infer R> ? R : never

export type Request<S> = { [M in keyof S & string]: { id: number; method: M; params: Params<S, M> } }[keyof S & string]

export type Answer =
  | { id: number; kind: 'result'; value: unknown }
  | { id: number; kind: 'progress'; fraction: number }
  /** A failure is a bug (everything sent was checked on the page): its message, and where it came from. */
  | { id: number; kind: 'error'; message: string; cause: string | null }

/** A checked surface as the page posts it: a program, never formula text. */
export interface SurfaceSource {
  program: FormulaProgram
  /** Parameter values as [name, value] pairs, in any order. */
  parameters: [string, number][]
  domain: Domain
}

/** Grid sizes (points along x and along y) of one sampled view of the surface. */
export interface GridSize {
  nx: number
  ny: number
}

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
 * labels[j * nx + i] indexes the minima sorted by value, lowest first; -1 where none is reached.
 */
export interface BasinGrid {
  nx: number
  ny: number
  /** Node positions, evenly spaced. */
  xs: Float64Array
  ys: Float64Array
  labels: Int32Array
}

export interface SurfaceViewRequest extends SurfaceSource {
  /** The fine grid for the contour plot and the coarse one for the 3D surface. */
  grids: { contour: GridSize; mesh: GridSize }
  /** An atlas surface's published critical points, whose names the found ones take (core/landscape/names.ts). */
  known?: KnownPoint[]
}

export interface SurfaceViewAnswer {
  contour: SurfaceGrid
  mesh: SurfaceGrid
  points: CriticalPoint[]
  /** The surface's analysis (critical points, saddles, basins), once for the page and every worker that runs on it. */
  analysis: SurfaceAnalysis
}

/** The surface worker: samples a surface for the plots and analyses it. */
export interface SurfaceService {
  view: Call<SurfaceViewRequest, SurfaceViewAnswer>
}

export interface LoadedAnswer {
  landscape: Landscape
  lanes: { method: string; family: string; walkers: number }[]
}

export interface FrameAnswer {
  step: number
  frames: LaneFrame[]
}

/** The exact (float64) states of a lane's walkers: coordinate k of walker i at coords[k][i]. */
export interface PositionsAnswer {
  lane: number
  dim: number
  coords: Float64Array[]
}

/**
 * The simulation worker, which owns the running walkers. The page pulls: it asks
 * for a frame (advancing the run by so many steps first) at most once per
 * animation frame, so the worker never floods it.
 */
export interface SimulationService {
  load: Call<{ setup: SimulationSetup }, LoadedAnswer>
  frame: Call<{ advance: number; sampling: boolean }, FrameAnswer>
  positions: Call<{ lane: number }, PositionsAnswer>
}

/** What a task runs on: the surface and its analysis. */
export interface TaskSurface extends SurfaceSource {
  analysis: SurfaceAnalysis
}

/** A lane's method as a task takes it. */
interface TaskLane {
  surface: TaskSurface
  method: string
  settings: Record<string, number | string>
  seed: number
}

export interface AttractionTask extends TaskLane {
  n: number
  maxSteps: number
}

/** A temperature sweep: what the core's SweepRequest takes beyond what the worker makes itself. */
export type SweepTask = TaskLane & Pick<SweepRequest, 'kTs' | 'walkers' | 'steps' | 'burnin' | 'from' | 'to'>

/** The task worker: long work started from the page, with progress, cancelled by terminating the worker. */
export interface TaskService {
  attraction: Call<AttractionTask, AttractionMap>
  sweep: Call<SweepTask, SweepResult>
}

/** The buffers of a grid, to pass as transferables. */
export function gridBuffers(grid: SurfaceGrid): ArrayBuffer[] {
  return [grid.x.buffer, grid.y.buffer, grid.z.buffer] as ArrayBuffer[]
}
