import type { Call } from './protocol'

/**
 * The messages of the molecule workers, declared once for both sides: the system worker runs
 * one method on one many-coordinate system (a SystemLane) and answers frame requests; the
 * landscape worker builds a disconnectivity graph on demand. Every setup is plain data checked
 * on the page; a typed AB sequence travels as the system id 'ab-2d-<sequence>'.
 */

/** Where the walkers start. */
export type MoleculeStart = { kind: 'random' } | { kind: 'minimum'; index: number }

export interface MoleculeSetup {
  /** A system id of SYSTEMS, or 'ab-2d-<sequence>' for a typed AB chain. */
  system: string
  method: string
  /** Raw settings, resolved in the worker with the system's dimension. */
  settings: Record<string, number | string>
  walkers: number
  seed: number
  start: MoleculeStart
  /** The two collective variables of the map, by index into cvsFor(system). */
  cvs: [number, number]
}

export interface MoleculeLoaded {
  dim: number
  /** The collective variables of the system (ids and axis labels), in cvsFor order. */
  cvs: { id: string; label: string; description: string }[]
  /** The method's settings as resolved (defaults filled in). */
  settings: Record<string, number | string>
  /** Whether samples build a free-energy surface: the method has a temperature. */
  thermal: boolean
  /**
   * Whether the method biases the map's two variables and estimates F from its bias (metadynamics):
   * other variables need a new run.
   */
  biased: boolean
}

/** A free-energy surface on its grid, row-major F[i * n2 + j] at (s1 centre i, s2 centre j); NaN for an empty bin. */
export interface FreeEnergyGrid {
  s1: Float64Array
  s2: Float64Array
  F: Float64Array
  error: Float64Array
  counts: Float64Array
  /** Samples binned; for a metadynamics estimate, the hills dropped. */
  samples: number
  blocks: number
  kT: number
  /** Where F comes from: a histogram of samples, or a metadynamics bias (F = -[gamma/(gamma - 1)] V, no error). */
  source: 'samples' | 'metadynamics'
}

/** A minimum of the catalogue as the page lists it. */
export interface CatalogueRow {
  id: number
  energy: number
  hits: number
  q: Float64Array
}

/** Status kinds of SystemLane.status, coded per walker. */
export const WALKER_KIND = { running: 0, minimum: 1, diverged: 2 } as const

/** One frame of the run: what every view draws, made at step `step` with `settings`. */
export interface MoleculeFrame {
  /** Which load it belongs to (answers from an older load are dropped). */
  load: number
  step: number
  settings: Record<string, number | string>
  energies: Float64Array
  /** WALKER_KIND per walker, and the step each diverged at (-1 when it did not). */
  kinds: Uint8Array
  divergedAt: Int32Array
  /** The two chosen collective variables of every walker. */
  cv1: Float64Array
  cv2: Float64Array
  /** The chosen walker and its state (dim coordinates). */
  chosen: number
  q: Float64Array
  /** The surface, when it changed since the last frame that carried one; else null. */
  surface: FreeEnergyGrid | null
  /** The catalogue of minima, lowest first, when it changed; else null. */
  catalogue: { rows: CatalogueRow[]; quenches: number; failed: number } | null
  /** Kinetic temperature and acceptance of the run so far, where the method has them. */
  kineticTemperature: number | null
  acceptance: number | null
  /** Milliseconds the worker spent on this frame. */
  cost: number
}

export interface FrameRequest {
  /** Steps to advance, at most: the worker stops early when `budgetMs` is spent. */
  advance: number
  budgetMs: number
  chosen: number
  /** The map's variables; a change starts the surface afresh. */
  cvs: [number, number]
}

export interface MoleculeService {
  load: Call<{ setup: MoleculeSetup; load: number }, MoleculeLoaded>
  frame: Call<FrameRequest, MoleculeFrame>
}

/** A disconnectivity graph as the page draws it (see core/systems/graph.ts). */
export interface LandscapeAnswer {
  minima: { id: number; energy: number; count: number; q: number[] }[]
  saddles: { energy: number; from: number; to: number }[]
  barriers: { a: number; b: number; saddleEnergy: number }[]
  lines: { x: (number | null)[]; y: (number | null)[]; range: [number, number] }
  leaves: { x: number; energy: number; id: number }[]
  starts: number
  seconds: number
}

export interface LandscapeService {
  graph: Call<{ system: string; starts: number; seed: number }, LandscapeAnswer>
}

/** The buffers of a frame, to pass as transferables. */
export function moleculeFrameBuffers(frame: MoleculeFrame): ArrayBuffer[] {
  const out = [frame.energies, frame.kinds, frame.divergedAt, frame.cv1, frame.cv2, frame.q].map((a) => a.buffer)
  const s = frame.surface
  if (s) out.push(s.s1.buffer, s.s2.buffer, s.F.buffer, s.error.buffer, s.counts.buffer)
  if (frame.catalogue) for (const r of frame.catalogue.rows) out.push(r.q.buffer)
  return out as ArrayBuffer[]
}
