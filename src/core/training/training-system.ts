import { portableMath as pm } from '../portable-math'
import type { MinibatchSystem } from '../system'
import type { SystemDescriptor } from '../systems/descriptor'
import type { Dataset } from './data'
import { initScale, layout, Network, validateNetworkSpec, type NetworkSpec } from './network'

/**
 * A small network on its training set as a system the lanes run: the state of a walker is the
 * parameter vector theta (layout in spec.ts), its energy the mean training loss
 * L(theta) = (1/N) sum_i l_i(theta) (+ the L2 penalty), so several walkers are several networks
 * trained side by side. The system also offers minibatch gradients (MinibatchSystem), which
 * minibatch SGD and SGLD step with.
 */

export type InitScheme = 'glorot' | 'he'

export interface TrainingOptions {
  readonly spec: NetworkSpec
  readonly dataset: Dataset
  /** Glorot (Glorot & Bengio, AISTATS 2010) or He (He et al., ICCV 2015) initialisation; default 'glorot'. */
  readonly init?: InitScheme
}

/** A network's training loss as a SystemDescriptor, with what it was made from. */
export interface TrainingDescriptor extends SystemDescriptor {
  readonly spec: NetworkSpec
  readonly dataset: Dataset
  readonly init: InitScheme
  system(): MinibatchSystem
}

/** Why `trainingDescriptor(options)` would fail, or null. */
export function trainingProblem(options: TrainingOptions): string | null {
  const problem = validateNetworkSpec(options.spec)
  if (problem !== null) return problem
  const { dataset } = options
  if (!(dataset.n >= 1))
    return `the data set '${dataset.id}' has no points: a network needs at least one example to train on`
  const init = options.init ?? 'glorot'
  if (init !== 'glorot' && init !== 'he') return `unknown initialisation '${String(init)}': glorot or he`
  return null
}

/** A fresh system over the full-batch loss of `spec` on `dataset`, with its minibatch gradients. */
export function trainingSystem(spec: NetworkSpec, dataset: Dataset): MinibatchSystem {
  const net = new Network(spec, dataset)
  const n = dataset.n
  return {
    dim: net.dim,
    examples: n,
    coordinate: (k) => net.coordinate(k),
    energy: (q) => net.loss(q),
    gradient: (q, g) => net.gradient(q, g),
    batchGradient(q, g, batch, size) {
      if (!(Number.isInteger(size) && size >= 1 && size <= batch.length && size <= n))
        throw new RangeError(`a batch of ${size} examples from ${batch.length} indices and ${n} training points`)
      return net.gradient(q, g, batch, size)
    },
  }
}

/** 'net-2-8-8-1-tanh-xent-circle' (and '-l2-0p001' with an L2 penalty). */
function trainingId(spec: NetworkSpec, dataset: Dataset): string {
  const l2 = spec.l2 > 0 ? `-l2-${String(spec.l2).replace('.', 'p').replace('+', '').toLowerCase()}` : ''
  return `net-${spec.layers.join('-')}-${spec.activation}-${spec.loss}-${dataset.id}${l2}`
}

/**
 * The descriptor of a network's training loss. Its random state is the chosen initialisation
 * drawn from the walker's own uniforms: weights normal with sd `initScale` (Box-Muller on pairs
 * of uniforms, the cosine then the sine, layer by layer in layout order), biases 0. Each walker
 * draws its own uniforms (the lane's start stream, by walker), so every walker is a different
 * network of the same distribution as `initialise` draws. Throws a RangeError with
 * `trainingProblem`'s message (or the network's: cross-entropy needs labels 0 and 1).
 */
export function trainingDescriptor(options: TrainingOptions): TrainingDescriptor {
  const problem = trainingProblem(options)
  if (problem !== null) throw new RangeError(`training: ${problem}`)
  const { spec, dataset } = options
  const init = options.init ?? 'glorot'
  // Built once to check the data against the loss (labels 0/1 for cross-entropy) and to count P.
  const dim = new Network(spec, dataset).dim
  const lay = layout(spec.layers)
  const layers = spec.layers.join('-')
  const lossName = spec.loss === 'xent' ? 'cross-entropy' : 'squared error'
  const scheme = init === 'he' ? 'He' : 'Glorot'
  return {
    id: trainingId(spec, dataset),
    title: `${layers} ${spec.activation} network (${lossName}) on ${dataset.id}, ${dataset.n} points`,
    dim,
    units: 'loss (dimensionless), parameters',
    note:
      `The training loss L(θ) = (1/N) Σ l_i(θ) of a ${layers} network on N = ${dataset.n} points, as a landscape ` +
      `over its P = ${dim} parameters. Each walker is one network, started from its own ${scheme} initialisation: ` +
      'several networks train at once. Full-batch methods see L itself; minibatch SGD sees the ' +
      'mean over B points, a noisy estimate whose noise acts like a temperature. A step of Langevin dynamics or ' +
      'SGLD at kT samples exp(−N L/kT): kT = 1 is the Bayesian posterior.',
    // A loss of order 1 (ln 2 = 0.69 at a cross-entropy start): a small time step, a temperature
    // well below the loss scale, unit friction.
    defaults: { dt: 0.01, kT: 0.01, friction: 1 },
    minima: [],
    atoms: null,
    randomState(uniform, out) {
      for (const layer of lay.layers) {
        const sd = initScale(init, spec.activation, layer.fanIn, layer.fanOut)
        const end = layer.weights + layer.fanIn * layer.fanOut
        for (let k = layer.weights; k < end; k += 2) {
          const r = Math.sqrt(-2 * pm.log(uniform()))
          const theta = 2 * Math.PI * uniform()
          out[k] = sd * (r * pm.cos(theta))
          if (k + 1 < end) out[k + 1] = sd * (r * pm.sin(theta))
        }
        out.fill(0, layer.biases, layer.biases + layer.fanOut)
      }
    },
    system: () => trainingSystem(spec, dataset),
    spec,
    dataset,
    init,
  }
}
