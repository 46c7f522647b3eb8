import { RandomStream } from '../random'

/**
 * The shape of a small fully connected network and the layout of its parameters in one flat
 * vector: for each layer l = 1..L, the weights W_l (n_l × n_{l-1}, row-major, so a row holds
 * the weights into one neuron) and then the biases b_l.
 */

export type Activation = 'tanh' | 'relu' | 'sigmoid' | 'linear'
export type LossKind = 'xent' | 'mse'

export const ACTIVATIONS: readonly Activation[] = ['tanh', 'relu', 'sigmoid', 'linear']
export const LOSSES: readonly LossKind[] = ['xent', 'mse']

/**
 * A network: layer sizes from the 2 inputs to the 1 output ([2, 8, 8, 1]), the activation
 * of every hidden layer (the output is the logit z_L, with no activation), the loss, and
 * the coefficient lambda of the L2 penalty (lambda/2) sum W^2 (weights only, not biases).
 */
export interface NetworkSpec {
  readonly layers: readonly number[]
  readonly activation: Activation
  readonly loss: LossKind
  readonly l2: number
}

/** The fewest layer sizes (inputs and output, no hidden layer). */
export const MIN_LAYERS = 2
/** The most layer sizes (four hidden layers). */
export const MAX_LAYERS = 6
/** The widest layer. */
export const MAX_WIDTH = 64
/** The most parameters: [2, 64, 64, 1] has 4,417. */
export const MAX_PARAMETERS = 5000
/** The inputs are the two coordinates of a point. */
export const INPUTS = 2
/** One output: a logit (cross-entropy) or a value (squared error). */
export const OUTPUTS = 1

/** P = sum over layers of (n_{l-1} + 1) n_l: [2, 8, 8, 1] has 105. */
export function parameterCount(layers: readonly number[]): number {
  let p = 0
  for (let l = 1; l < layers.length; l++) p += (layers[l - 1]! + 1) * layers[l]!
  return p
}

/** Why a spec cannot make a network, or null. */
export function validateNetworkSpec(spec: NetworkSpec): string | null {
  const { layers } = spec
  if (!Array.isArray(layers) || layers.length < MIN_LAYERS || layers.length > MAX_LAYERS)
    return (
      `a network has ${MIN_LAYERS} to ${MAX_LAYERS} layers (inputs, hidden layers, output), ` +
      `not ${Array.isArray(layers) ? layers.length : String(layers)}`
    )
  for (let i = 0; i < layers.length; i++) {
    const v = layers[i]!
    if (!Number.isInteger(v) || v < 1 || v > MAX_WIDTH)
      return `layer ${i + 1} has ${v} neurons: sizes are integers from 1 to ${MAX_WIDTH}`
  }
  if (layers[0] !== INPUTS) return `the first layer is the ${INPUTS} inputs, not ${layers[0]}`
  if (layers[layers.length - 1] !== OUTPUTS)
    return `the last layer is the ${OUTPUTS} output, not ${layers[layers.length - 1]}`
  const p = parameterCount(layers)
  if (p > MAX_PARAMETERS) return `${p} parameters: at most ${MAX_PARAMETERS}`
  if (!ACTIVATIONS.includes(spec.activation))
    return `unknown activation '${spec.activation}': one of ${ACTIVATIONS.join(', ')}`
  if (!LOSSES.includes(spec.loss)) return `unknown loss '${spec.loss}': one of ${LOSSES.join(', ')}`
  if (!(Number.isFinite(spec.l2) && spec.l2 >= 0)) return `the L2 coefficient must be finite and >= 0, not ${spec.l2}`
  return null
}

/** Where layer l (1-based, from layer l - 1 to layer l) keeps its parameters in the flat vector. */
export interface LayerLayout {
  /** n_{l-1}: the inputs of each neuron. */
  readonly fanIn: number
  /** n_l: the neurons. */
  readonly fanOut: number
  /** The offset of W_l: W_l[j, k] (into neuron j from input k) at weights + j fanIn + k. */
  readonly weights: number
  /** The offset of b_l: b_l[j] at biases + j (= weights + fanOut fanIn). */
  readonly biases: number
}

/** The offsets of every layer's weights and biases, first layer first, and the total count. */
export function layout(layers: readonly number[]): { readonly layers: readonly LayerLayout[]; readonly count: number } {
  const out: LayerLayout[] = []
  let offset = 0
  for (let l = 1; l < layers.length; l++) {
    const fanIn = layers[l - 1]!
    const fanOut = layers[l]!
    out.push({ fanIn, fanOut, weights: offset, biases: offset + fanIn * fanOut })
    offset += (fanIn + 1) * fanOut
  }
  return { layers: out, count: offset }
}

/**
 * The name of parameter k: 'W1[3,2]' (layer 1, into neuron 3 from input 2) or 'b2[4]';
 * layers count from 1 (W1 takes the inputs), neurons and inputs from 0.
 */
export function coordinateName(layers: readonly number[], k: number): string {
  let offset = 0
  for (let l = 1; l < layers.length; l++) {
    const fanIn = layers[l - 1]!
    const fanOut = layers[l]!
    const w = fanIn * fanOut
    if (k >= offset && k < offset + w) {
      const r = k - offset
      return `W${l}[${Math.floor(r / fanIn)},${r % fanIn}]`
    }
    if (k >= offset + w && k < offset + w + fanOut) return `b${l}[${k - offset - w}]`
    offset += w + fanOut
  }
  return `theta[${k}]`
}

/**
 * The gain torch.nn.init.calculate_gain gives an activation: tanh 5/3, ReLU sqrt 2,
 * sigmoid and linear 1.
 */
export function activationGain(activation: Activation): number {
  switch (activation) {
    case 'tanh':
      return 5 / 3
    case 'relu':
      return Math.SQRT2
    default:
      return 1
  }
}

/** The random stream of weight initialisation (the data generators draw from another). */
const INIT_STREAM = 0x1417

/**
 * The standard deviation of layer l's initial weights, as torch.nn.init draws them:
 * - 'glorot' (xavier_normal_ / xavier_uniform_ with gain = activationGain(activation); Glorot &
 *   Bengio, AISTATS 2010): gain sqrt(2 / (fanIn + fanOut));
 * - 'he' (kaiming_normal_ / kaiming_uniform_, mode fan_in, nonlinearity relu; He et al.,
 *   ICCV 2015): sqrt(2 / fanIn).
 * Every layer takes its gain from the hidden activation, the last one too.
 */
export function initScale(scheme: 'glorot' | 'he', activation: Activation, fanIn: number, fanOut: number): number {
  return scheme === 'he' ? Math.sqrt(2 / fanIn) : activationGain(activation) * Math.sqrt(2 / (fanIn + fanOut))
}

/**
 * Writes initial parameters into out[0 .. P): weights normal with sd `initScale`, or uniform
 * on [-sqrt(3) sd, sqrt(3) sd] (the same variance), biases 0. The weights are drawn in layout
 * order from one random stream of `seed`, so the same seed gives the same bits everywhere.
 */
export function initialise(
  spec: NetworkSpec,
  seed: number,
  out: Float64Array,
  scheme: 'glorot' | 'he' = 'glorot',
  distribution: 'normal' | 'uniform' = 'normal',
): void {
  const problem = validateNetworkSpec(spec)
  if (problem !== null) throw new RangeError(`initialise: ${problem}`)
  const { layers, count } = layout(spec.layers)
  if (out.length < count) throw new RangeError(`initialise: out holds ${out.length} numbers, the network has ${count}`)
  const rng = new RandomStream(seed, INIT_STREAM)
  for (const layer of layers) {
    const sd = initScale(scheme, spec.activation, layer.fanIn, layer.fanOut)
    const bound = Math.sqrt(3) * sd
    const end = layer.weights + layer.fanIn * layer.fanOut
    for (let k = layer.weights; k < end; k++)
      out[k] = distribution === 'normal' ? sd * rng.normal() : bound * (2 * rng.uniform() - 1)
    out.fill(0, layer.biases, layer.biases + layer.fanOut)
  }
}
