import type { RandomStream } from '../random'
import type { System } from '../system'
import { fingerprint, sameMinimum, type AtomLayout, type Fingerprint, type IdentityTolerance } from './identity'
import { fire, type FireOptions } from './minimise'

/**
 * A catalogue of the minima that quenches find: each configuration is minimised (FIRE), its
 * minimum is looked up by fingerprint (energy and sorted interatomic distances, see identity.ts)
 * and either counted or added. This is the bookkeeping of a basin-sampling or basin-hopping run
 * (Wales & Doye, J. Phys. Chem. A 101, 5111, 1997) and of PATHSAMPLE's min.data.
 */

/** One minimum of the catalogue. */
export interface CatalogueEntry {
  /** The order in which the minimum was first found, from 0: stable as entries are added. */
  readonly id: number
  /** The lowest energy of any quench that reached it. */
  energy: number
  /** How many quenches reached it. */
  hits: number
  /** The geometry of that lowest quench (a copy owned by the catalogue). */
  q: Float64Array
  fingerprint: Fingerprint
}

/** What one call to `add` did. */
export interface QuenchOutcome {
  /** The minimum reached, or null when the quench did not converge. */
  readonly entry: CatalogueEntry | null
  /** Whether the minimum was new to the catalogue. */
  readonly isNew: boolean
  readonly energy: number
  readonly gradientNorm: number
  readonly steps: number
}

export interface CatalogueOptions {
  /** FIRE settings for the quench; the gradient tolerance defaults to 1e-7. */
  readonly fire?: FireOptions
  /** Tolerances for the same minimum (identity.ts defaults: 1e-6 in energy, 1e-3 in distances). */
  readonly tolerance?: IdentityTolerance
}

/** Quench gradient tolerance: at |grad| = 1e-7 the energy is within |g|^2 / (2 lambda_min) ~ 1e-14 of the minimum. */
export const QUENCH_TOLERANCE = 1e-7

export class MinimaCatalogue {
  private readonly list: CatalogueEntry[] = []
  private readonly fireOptions: FireOptions
  /** Quenches that did not converge within FIRE's step limit. */
  failed = 0

  constructor(
    readonly system: System,
    readonly layout: AtomLayout,
    private readonly options: CatalogueOptions = {},
  ) {
    this.fireOptions = { gradientTolerance: QUENCH_TOLERANCE, ...options.fire }
  }

  /** The minima, lowest energy first. */
  get entries(): readonly CatalogueEntry[] {
    return this.list
  }

  /** The entry whose fingerprint matches, or undefined. */
  find(print: Fingerprint): CatalogueEntry | undefined {
    return this.list.find((e) => sameMinimum(e.fingerprint, print, this.options.tolerance))
  }

  /** Quenches a copy of q (q itself is not changed), then counts or adds its minimum. */
  add(q: Float64Array): QuenchOutcome {
    const x = Float64Array.from(q.subarray(0, this.system.dim))
    const r = fire(this.system, x, this.fireOptions)
    if (!r.converged) {
      this.failed++
      return { entry: null, isNew: false, energy: r.energy, gradientNorm: r.gradientNorm, steps: r.steps }
    }
    return { ...this.insert(x, r.energy), gradientNorm: r.gradientNorm, steps: r.steps }
  }

  /** Counts or adds a state that is already a minimum (energy given); the catalogue copies it. */
  insert(q: Float64Array, energy: number): { entry: CatalogueEntry; isNew: boolean; energy: number } {
    const print = fingerprint(q, energy, this.layout)
    const found = this.find(print)
    if (found !== undefined) {
      found.hits++
      if (energy < found.energy) {
        found.energy = energy
        found.q = Float64Array.from(q)
        found.fingerprint = print
        this.sort()
      }
      return { entry: found, isNew: false, energy }
    }
    const entry: CatalogueEntry = { id: this.list.length, energy, hits: 1, q: Float64Array.from(q), fingerprint: print }
    this.list.push(entry)
    this.sort()
    return { entry, isNew: true, energy }
  }

  private sort(): void {
    this.list.sort((a, b) => a.energy - b.energy || a.id - b.id)
  }
}

/**
 * A random cluster: `atoms` points uniform in a disc (perAtom 2) or ball (3) of `radius` about
 * the origin, each redrawn until it is at least `minDistance` from those before it (random
 * sequential addition), so that no pair starts on the steep repulsive wall. Throws when a point
 * cannot be placed in 10000 draws.
 */
export function scatterAtoms(
  rng: RandomStream,
  atoms: number,
  perAtom: 2 | 3,
  radius: number,
  minDistance: number,
): Float64Array {
  const q = new Float64Array(atoms * perAtom)
  for (let i = 0; i < atoms; i++) {
    let placed = false
    for (let tries = 0; tries < 10000 && !placed; tries++) {
      let r2 = 0
      for (let a = 0; a < perAtom; a++) {
        const u = (2 * rng.uniform() - 1) * radius
        q[perAtom * i + a] = u
        r2 += u * u
      }
      if (r2 > radius * radius) continue
      placed = true
      for (let j = 0; j < i && placed; j++) {
        let d2 = 0
        for (let a = 0; a < perAtom; a++) {
          const d = q[perAtom * i + a]! - q[perAtom * j + a]!
          d2 += d * d
        }
        if (d2 < minDistance * minDistance) placed = false
      }
    }
    if (!placed) throw new RangeError(`scatterAtoms: no room for atom ${i + 1} in radius ${radius}`)
  }
  return q
}
