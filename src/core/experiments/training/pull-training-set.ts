import { resolveLane } from '../../dynamics/resolve'
import { SystemLane } from '../../dynamics/system-lane'
import type { MinibatchSystem } from '../../system'
import type { SystemDescriptor } from '../../systems/descriptor'

/**
 * The set-up shared by the guided experiments that build their own training set: N examples on two
 * weights w = (w1, w2), each example's loss the mean loss minus its own pull,
 * l_i(w) = L(w) - xi_i . w, with xi_i = sqrt(2c) (cos a_i, sin a_i) and a_i = 2 pi i/N. The pulls have
 * mean 0 and covariance c I exactly, so the mean of the l_i is L and the gradients of the examples
 * differ by xi_i everywhere: a minibatch of B of the N has gradient noise of covariance
 * c_B I = c (N - B)/(B (N - 1)) I wherever the weights are.
 */

/** L, the loss of the whole training set (the mean of its examples' losses), on two weights. */
export interface MeanLoss {
  loss(w: Float64Array): number
  /** Writes grad L(w) into g[0 .. 2). */
  gradient(w: Float64Array, g: Float64Array): void
}

/** The training set of N examples with pulls of variance c around `mean`, as a minibatch system. */
function pullSystem(n: number, c: number, mean: MeanLoss): MinibatchSystem {
  const xi = new Float64Array(2 * n)
  const r = Math.sqrt(2 * c)
  for (let i = 0; i < n; i++) {
    xi[2 * i] = r * Math.cos((2 * Math.PI * i) / n)
    xi[2 * i + 1] = r * Math.sin((2 * Math.PI * i) / n)
  }
  const batchGradient = (q: Float64Array, g: Float64Array, batch: Int32Array | null, size: number) => {
    let p0 = 0
    let p1 = 0
    for (let j = 0; j < size; j++) {
      const i = batch === null ? j : batch[j]!
      p0 += xi[2 * i]!
      p1 += xi[2 * i + 1]!
    }
    p0 /= size
    p1 /= size
    mean.gradient(q, g)
    g[0] = g[0]! - p0
    g[1] = g[1]! - p1
    return mean.loss(q) - p0 * q[0]! - p1 * q[1]!
  }
  return {
    dim: 2,
    examples: n,
    coordinate: (k) => `w${k + 1}`,
    energy: (q) => batchGradient(q, new Float64Array(2), null, n),
    gradient: (q, g) => batchGradient(q, g, null, n),
    batchGradient: (q, g, batch, size) => batchGradient(q, g, batch, size),
  }
}

/** A pull training set (N examples, pull variance c, mean loss `mean`) as a system lanes can run on. */
export function pullTrainingSet(id: string, title: string, n: number, c: number, mean: MeanLoss): SystemDescriptor {
  return {
    id,
    title,
    dim: 2,
    units: 'loss, weights',
    note: '',
    defaults: { dt: 0.01, kT: 0.01, friction: 1 },
    minima: [],
    atoms: null,
    randomState: (_u, out) => out.fill(0),
    system: () => pullSystem(n, c, mean),
  }
}

/**
 * A lane of `walkers` walkers of `method` (its settings checked by resolveLane) on `d`, every walker
 * starting at `start`, seeded by `seed`; a RangeError names the settings resolveLane refuses.
 */
export function startLane(
  d: SystemDescriptor,
  method: string,
  settings: Record<string, unknown>,
  walkers: number,
  start: number[],
  seed: number,
): SystemLane {
  const r = resolveLane(method, settings, walkers, d.dim)
  if (!r.ok) throw new RangeError(r.errors.map((e) => e.message).join('; '))
  return new SystemLane({
    descriptor: d,
    method: r.lane.method,
    settings: r.lane.settings,
    walkers,
    start: { kind: 'state', q: start },
    seed,
  })
}
