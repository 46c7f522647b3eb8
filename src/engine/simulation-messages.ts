import type { Landscape } from '../core/analysis/saddles'
import type { LaneFrame } from './frame'
import type { SimulationSetup } from './simulation'

/**
 * The messages between the page and the simulation worker, declared once for
 * both sides. The page pulls: it asks for a frame (advancing the run by so many
 * steps first) at most once per animation frame, so the worker never floods it.
 */
export type SimulationRequest =
  | { type: 'load'; id: number; setup: SimulationSetup }
  | { type: 'frame'; id: number; advance: number; sampling: boolean }
  | { type: 'positions'; id: number; lane: number }

export interface LoadedAnswer {
  type: 'loaded'
  id: number
  landscape: Landscape
  lanes: { method: string; family: string; walkers: number }[]
}

export interface FrameAnswer {
  type: 'frame'
  id: number
  step: number
  frames: LaneFrame[]
}

export interface PositionsAnswer {
  type: 'positions'
  id: number
  lane: number
  x: Float64Array
  y: Float64Array
}

export interface SimulationFailure {
  type: 'failure'
  id: number
  message: string
}

export type SimulationAnswer = LoadedAnswer | FrameAnswer | PositionsAnswer | SimulationFailure
