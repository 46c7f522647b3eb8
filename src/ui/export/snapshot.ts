import type { SharedState } from '../../core/scenario/url'
import type { LaneFrame } from '../../core/run/frame'
import type { SimulationSetup } from '../../core/run/simulation'
import type { SurfaceView } from '../figures'
import type { OverlayLayer } from '../views/map-overlays.svelte'
import type { SampledFrames } from './data'

/**
 * Everything an export is made from, taken at one instant from frames of one
 * run: the frames drawn, the scenario that made them (never the controls, which
 * may already hold the next run's settings), the surface as drawn, and the
 * caption and link generated from them. Every export of a snapshot agrees with
 * every other.
 */
export interface ExportSnapshot {
  state: SharedState
  setup: SimulationSetup
  view: SurfaceView
  frames: readonly LaneFrame[]
  /** The step of `frames`. */
  step: number
  /** Method names by lane. */
  methods: string[]
  /** The map's overlays as shown (basins of the minima, a lane's basins of attraction). */
  overlays: readonly OverlayLayer[]
  /** The lanes' colours as drawn. */
  colours: readonly string[]
  caption: string
  link: string
  /** The newest frames that carry the comparison with the exact density, with their own caption and link. */
  sampled: (SampledFrames & { caption: string; link: string }) | null
  /** When the snapshot was taken (for file names). */
  date: Date
}
