import type { RunSummary } from '../studies/observer'
import type { LaneReport } from '../dynamics/lane'
import type { Family, StepValues } from '../dynamics/method'
import type { LiveValues } from '../dynamics/resolve'
import type { TrailMode } from '../scenario/types'
import type { MinimumLabel, WalkerStatus } from '../dynamics/status'

/**
 * What the simulation worker sends the page once per animation frame, per lane.
 * Big arrays are typed and transferred, never copied; histories are bounded and
 * decimated (every quantity is simulated at every step, only its drawing is thinned).
 */

/** Walker 0 of a lane, in full: what the status line speaks about. */
export interface LeadWalker {
  /** Its two drawn coordinates (see LaneFrame.projection). */
  x: number
  y: number
  /** Its whole state: LaneFrame.dim coordinates (x and y themselves on a surface). */
  state: number[]
  u: number
  gradNorm: number
  status: WalkerStatus
  label: MinimumLabel
  /** Hessian eigenvalues at the walker, smaller first. */
  eigenvalues: [number, number]
  divergedAt: number | null
  /** kT, lr and dt at the step it diverged (a schedule may have moved them since), or null. */
  divergedWith: StepValues | null
  /**
   * The largest Hessian eigenvalue where the walker started (null: not positive):
   * the method's stability limit comes from it.
   */
  startCurvature: number | null
  /** The surface's typical |grad U| over its domain (what 'plateau' is measured against). */
  typicalGradient: number
  /**
   * The lowest U on a grid over the domain (NaN: not known). A diverged walker last seen lower than this left the
   * domain downhill: the surface has no bottom that way.
   */
  lowestOnDomain: number
  /** The range of U on that grid: 0 on a surface that is flat all over the domain. */
  rangeOnDomain: number
  /** The engine's own flatness test: one Hessian eigenvalue (or both) near zero at a converged walker. */
  degenerate: boolean
}

/** Time series sampled as the run goes, decimated into a bounded length. */
export interface Traces {
  /** Step of each point. */
  step: Float64Array
  /**
   * Optimizers: U and |grad U| of walker 0. Samplers: mean U, mean kinetic energy,
   * their sum, and the kinetic temperature.
   */
  series: Record<string, Float32Array>
}

export interface LaneFrame {
  lane: number
  method: string
  family: Family
  step: number
  /** kT, lr and dt the lane ran with for this step (schedules move them): what the status line states. */
  live: LiveValues
  walkers: number
  /** Coordinates per walker: 2 on a surface, more for a system seen through a projection. */
  dim: number
  /** What made `positions` from the walkers' states, and the names of its two axes. */
  projection: { id: string; axes: readonly [string, string] }
  /** x0, y0, x1, y1... of every walker, through the projection (float32 is plenty to draw). */
  positions: Float32Array
  /** U of every walker (for the 3D view). */
  energies: Float32Array
  /** Status code per walker (index into WALKER_STATUSES). */
  statuses: Uint8Array
  /** Walkers per status, in WALKER_STATUSES order. */
  statusCounts: number[]
  /** Walkers at a minimum labelled global and local by the engine (optimizer lanes; zero otherwise). */
  minimumLabels: { global: number; local: number }
  /** How the trails are kept: the whole path (decimated), the last steps, or none. */
  trailMode: TrailMode
  /**
   * Trails of the first few walkers: for each, trailLength positions (x, y pairs),
   * oldest first; NaN pairs pad the start.
   */
  trails: Float32Array
  /** The step of each trail point (the same for every walker); NaN where padded. */
  trailSteps: Float64Array
  trailWalkers: number
  trailLength: number
  lead: LeadWalker
  traces: Traces
  report: LaneReport
  /** Samplers: where the walkers have been against the exact density, refreshed about once a second. */
  sampling: SamplingFrame | null
  /** Method-specific state (metadynamics bias, replica ladder), refreshed with `sampling`. */
  extras: Record<string, unknown> | null
}

export interface SamplingFrame {
  kT: number
  nx: number
  ny: number
  /** Histogram counts, index i * ny + j (x-bin i, y-bin j), and the exact bin probabilities in the same layout. */
  counts: Float64Array
  exact: Float64Array
  summary: RunSummary
  /**
   * Transition counts between basins, counts[i * m + j] for i -> j, the time committed
   * to each basin, and the transitions through each saddle (channel):
   * channels[(i * m + j) * saddles + k] for i -> j through saddle k of the landscape;
   * and the first passages i -> j completed, those under way, and the time at risk
   * (completed passages' times plus the time so far of those under way), at i * m + j
   * (empty on surfaces with more than MFPT_MAX_BASINS minima).
   */
  transitions: {
    minima: number
    saddles: number
    counts: number[]
    time: number[]
    channels: number[]
    passages: number[]
    passagesOpen: number[]
    passageExposure: number[]
  }
  /**
   * Methods with velocities: the histogram of each walker's kinetic energy K = |v|^2/2
   * at every step, on KINETIC_BINS bins over [0, kineticMax); K above the last edge
   * is counted in `kineticAbove`. For one particle in 2D the exact density is
   * exp(-K/kT)/kT (on-step velocities of BAOAB read slightly low: (1 - omega^2 dt^2/4)).
   */
  kinetic: { max: number; counts: number[]; above: number } | null
}

export const KINETIC_BINS = 40

/** The transferable buffers of a frame. */
export function frameBuffers(frame: LaneFrame): ArrayBuffer[] {
  const buffers = [
    frame.positions,
    frame.energies,
    frame.statuses,
    frame.trails,
    frame.trailSteps,
    frame.traces.step,
    ...Object.values(frame.traces.series),
  ].map((a) => a.buffer as ArrayBuffer)
  if (frame.sampling)
    buffers.push(frame.sampling.counts.buffer as ArrayBuffer, frame.sampling.exact.buffer as ArrayBuffer)
  return buffers
}
