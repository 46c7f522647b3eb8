import type { CompiledSurface } from './surface'

/**
 * What the methods move: a state of `dim` coordinates per walker, with an energy and
 * its gradient. An energy surface U(x, y) is the case dim = 2 (`planeSystem`); a cluster
 * of atoms has 3 per atom, a small network one per weight. The views draw two
 * coordinates of it, through a `Projection`.
 *
 * The functions read one walker's state as a contiguous vector and write into arrays
 * the caller owns: nothing is allocated per call, so a stepper can call them in its loop.
 */
export interface System {
  readonly dim: number
  /** The name of coordinate k ('x'; 'atom 3 z'; 'w[2,1]'), for tables and exports. */
  coordinate(k: number): string
  /** U at state q (q[0..dim)). */
  energy(q: Float64Array): number
  /** Writes dU/dq_k into g[k] for k < dim, and returns U. */
  gradient(q: Float64Array, g: Float64Array): number
}

/**
 * A differentiable function s(q) of a state, with the span a grid over it covers: what a bias
 * (metadynamics) acts on. A collective variable of a molecule is one.
 */
export interface BiasVariable {
  /** A short axis label ('μ2', 'Rg'). */
  readonly label: string
  readonly dim: number
  readonly range: readonly [number, number]
  value(q: Float64Array): number
  /** Writes ds/dq_k into g[k] and returns s. */
  gradient?(q: Float64Array, g: Float64Array): number
}

/**
 * How a view sees a state of `dim` coordinates: two numbers, named by `axes`.
 * The identity for a surface; collective variables or a plane through weight space
 * (a loss slice) for more.
 */
export interface Projection {
  /** A short name that says which projection made a frame's positions ('identity', 'plane'). */
  readonly id: string
  readonly dim: number
  readonly axes: readonly [string, string]
  /** Writes the two drawn coordinates of state q into out[0] and out[1]. */
  project(q: Float64Array, out: Float64Array): void
}

/** A surface U(x, y) as a system of two coordinates, x and y. */
export function planeSystem(surface: CompiledSurface, axes: readonly [string, string] = ['x', 'y']): System {
  return {
    dim: 2,
    coordinate: (k) => axes[k] ?? `q${k}`,
    energy: (q) => surface.value(q[0]!, q[1]!),
    gradient: (q, g) => surface.gradient(q[0]!, q[1]!, g),
  }
}

/** A state of two coordinates drawn as it is. */
export function identityProjection(axes: readonly [string, string] = ['x', 'y']): Projection {
  return {
    id: 'identity',
    dim: 2,
    axes,
    project(q, out) {
      out[0] = q[0]!
      out[1] = q[1]!
    },
  }
}

/**
 * The coordinates of (q - origin) along two directions u and v: for orthonormal u and v,
 * the orthogonal projection onto the plane through `origin` that they span (the plane of
 * a loss slice, or the first two principal components). The vectors are copied.
 */
export function planeProjection(
  origin: ArrayLike<number>,
  u: ArrayLike<number>,
  v: ArrayLike<number>,
  axes: readonly [string, string] = ['u', 'v'],
): Projection {
  const dim = origin.length
  if (dim < 1 || u.length !== dim || v.length !== dim)
    throw new RangeError(`planeProjection: origin, u and v need one length (${dim}, ${u.length}, ${v.length})`)
  const o = Float64Array.from(origin)
  const a = Float64Array.from(u)
  const b = Float64Array.from(v)
  return {
    id: 'plane',
    dim,
    axes,
    project(q, out) {
      let s = 0
      let t = 0
      for (let k = 0; k < dim; k++) {
        const d = q[k]! - o[k]!
        s += d * a[k]!
        t += d * b[k]!
      }
      out[0] = s
      out[1] = t
    },
  }
}

/** Why a projection cannot draw a system's states, or null. */
export function projectionProblem(system: Pick<System, 'dim'>, projection: Projection): string | null {
  return projection.dim === system.dim
    ? null
    : `the projection '${projection.id}' reads ${projection.dim} coordinates; the system has ${system.dim}`
}

/**
 * A system whose energy is a mean over training examples, E(q) = (1/N) sum_i l_i(q) (plus a
 * penalty that every example shares): a network's loss on its data set. It also offers the
 * gradient of the mean over a minibatch, what minibatch SGD and SGLD step with.
 */
export interface MinibatchSystem extends System {
  /** N, the number of training examples. */
  readonly examples: number
  /**
   * Writes into g[0 .. dim) the gradient of the mean loss over examples batch[0 .. size) (indices
   * in 0..N-1, summed in the order given; the penalty added once) and returns that batch loss.
   * All N indices in order give `gradient`'s bits.
   */
  batchGradient(q: Float64Array, g: Float64Array, batch: Int32Array, size: number): number
}

/** Whether a system offers minibatch gradients (a training set). */
export function isMinibatch(system: System): system is MinibatchSystem {
  const s = system as Partial<MinibatchSystem>
  return typeof s.batchGradient === 'function' && typeof s.examples === 'number'
}
