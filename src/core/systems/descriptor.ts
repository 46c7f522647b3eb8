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
  /**
   * How the state holds atoms: `count` atoms of `perAtom` coordinates one after another (a
   * cluster, a chain of beads in space), or null when the coordinates are not positions (the
   * AB chain's turning angles). Drift removal and the molecule view read it.
   */
  readonly atoms: { readonly count: number; readonly perAtom: 2 | 3 } | null
  /**
   * The largest move of one coordinate in one step of dynamics that is still motion: a step
   * that moves a coordinate further has exploded (two atoms driven into each other), and the
   * walker is stopped as diverged. Default 1 (a particle diameter, or a radian): a thermal step
   * moves a coordinate by about dt sqrt(kT), hundreds of times less. Without the check, a turning
   * angle kicked to 1e60 keeps a finite energy, and stays there (a change below its last digit).
   */
  readonly jump?: number
  /**
   * Writes a random state into out (dim coordinates) from uniform draws in (0, 1): where a
   * random start begins (atoms not overlapping, inside the confinement).
   */
  randomState(uniform: () => number, out: Float64Array): void
  /**
   * The energy's separate terms where it has more than one (a chain's bonds, bond angles,
   * dihedrals and non-bonded pairs), for the page to show one by one: their names, and a
   * function (with its own scratch arrays) that writes each term's energy of state q into
   * out[0 .. names.length) and returns their sum, the energy.
   */
  readonly terms?: {
    readonly names: readonly string[]
    create(): (q: Float64Array, out: Float64Array) => number
  }
  /**
   * Settings a global search starts from on this system, by search ('basin-hopping',
   * 'parallel-tempering', 'annealing'; see search.ts), over the methods' own defaults; a
   * `walkers` entry sets the number of walkers (replicas).
   */
  readonly search?: Readonly<Record<string, Readonly<Record<string, unknown>>>>
  /** A fresh System (its own scratch arrays), energy and gradient included. */
  system(): System
}
