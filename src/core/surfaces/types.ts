import type { Domain } from '../surface'

export type CriticalKind = 'minimum' | 'saddle' | 'maximum' | 'degenerate'

/** A critical point as published (or independently computed, see `source`). */
export interface KnownPoint {
  kind: CriticalKind
  x: number
  y: number
  value: number
  /** Short name used in the literature (MA, S1, alpha-R...). */
  label?: string
  /** Digits quoted after the decimal point in the position, for test tolerances. */
  digits?: number
  /** 'global' or 'local' for minima, where known. */
  rank?: 'global' | 'local'
  /** False where U has no gradient (Ackley's cone tip): skip gradient and Hessian checks there. */
  differentiable?: boolean
}

export type ColourScale = 'linear' | 'log' | 'clip'

export interface AtlasSurface {
  id: string
  title: string
  /** Written in x and y (on the dihedral surface x = phi, y = psi). */
  formula: string
  domain: Domain
  colourScale: ColourScale
  /** Upper end of the colour scale when colourScale is 'clip'. */
  clipAt?: number
  /** Axis labels, 'x' and 'y' unless the surface names its coordinates. */
  axes: [string, string]
  /** Two sentences: what the surface teaches. */
  note: string
  /** Citation of the formula's source, when it has one. */
  reference?: string
  /** A learning rate at which plain gradient descent is stable and visibly moves. */
  learningRate: number
  /** A time step at which BAOAB with unit mass is stable and accurate. */
  dt: number
  /** The temperatures at which sampling is interesting: [low, high]. */
  kT: [number, number]
  points: KnownPoint[]
}
