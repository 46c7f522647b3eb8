import type { System } from '../system'

/** A known local minimum of a system: its energy, where the number comes from, and a geometry near it. */
export interface KnownMinimum {
  /** A short name ('hexagon', 'Mackay icosahedron'). */
  readonly name: string
  /** Its energy in the system's units. */
  readonly energy: number
  /** The literature (or computation) the energy comes from. */
  readonly source: string
  /**
   * A state built from the minimum's definition (dim coordinates) that a local minimisation
   * takes to this minimum, or null where no short construction is known.
   */
  readonly start: (() => Float64Array) | null
}

/** What a page, a test or a run needs to know about a many-coordinate system. */
export interface SystemDescriptor {
  /** Kebab-case, unique across SYSTEMS. */
  readonly id: string
  readonly title: string
  readonly dim: number
  /** The units of energy, length and time, in words. */
  readonly units: string
  /** One paragraph for the page: what the system is and what to look for. */
  readonly note: string
  /** Starting values for a Langevin run: time step, thermal energy, friction. */
  readonly defaults: { readonly dt: number; readonly kT: number; readonly friction: number }
  /** Known minima, lowest first. */
  readonly minima: readonly KnownMinimum[]
  /** A fresh System (its own scratch arrays), energy and gradient included. */
  system(): System
}
