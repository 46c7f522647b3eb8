import type { System } from '../system'
import { crossEntropyWithLogits, sigmoid, tanh } from './activations'
import type { Dataset } from './data'
import { coordinateName, layout, validateNetworkSpec, type Activation, type NetworkSpec } from './spec'

export * from './spec'
export { crossEntropyWithLogits, log1p, sigmoid, tanh } from './activations'

/**
 * A fully connected network on a data set, with its mean loss over the parameter vector theta
 * (layout in spec.ts), its gradient by backpropagation and its Hessian-vector product by
 * Pearlmutter's R-operator (Neural Computation 6:147, 1994).
 *
 * Forward: a_0 = x, z_l = W_l a_{l-1} + b_l, a_l = f(z_l) for hidden layers; the output z_L is
 * the logit (cross-entropy, l = max(z, 0) - z y + log(1 + e^-|z|), dl/dz = sigmoid(z) - y) or
 * the value (squared error, l = (z - y)^2 / 2, dl/dz = z - y).
 * Backward: d_L = dl/dz_L, d_l = f'(z_l) .* W_{l+1}^T d_{l+1}; dW_l = d_l a_{l-1}^T, db_l = d_l
 * (Rumelhart, Hinton & Williams, Nature 323:533, 1986).
 * The loss of a batch is the mean over its examples plus (lambda/2) sum W^2 over weights only.
 *
 * In the gradient and the Hessian-vector product each example runs forward and backward on its
 * own before the next, with one vector per layer for that example's activations (the loss alone
 * runs eight examples side by side, with the same operations per example): nothing is allocated
 * per call. Examples add into the sums in batch order, so a batch of all indices 0..n-1 in order
 * gives the full-batch bits, and the loss that `gradient` returns is `loss`'s, bit for bit.
 */

const TANH = 0
const RELU = 1
const SIGMOID = 2
const LINEAR = 3

function activationCode(a: Activation): number {
  return a === 'tanh' ? TANH : a === 'relu' ? RELU : a === 'sigmoid' ? SIGMOID : LINEAR
}

/** f'(z) from a = f(z). */
function slope(code: number, a: number): number {
  switch (code) {
    case TANH:
      return 1 - a * a
    case RELU:
      return a > 0 ? 1 : 0
    case SIGMOID:
      return a * (1 - a)
    default:
      return 1
  }
}

/** f''(z) from a = f(z): tanh -2a(1 - a^2), sigmoid a(1 - a)(1 - 2a), ReLU and linear 0. */
function curvature(code: number, a: number): number {
  switch (code) {
    case TANH:
      return -2 * a * (1 - a * a)
    case SIGMOID:
      return a * (1 - a) * (1 - 2 * a)
    default:
      return 0
  }
}

/** A rectangle of the input plane. */
export interface Rect {
  readonly x0: number
  readonly x1: number
  readonly y0: number
  readonly y1: number
}

export class Network {
  /** The number of parameters P. */
  readonly dim: number
  readonly spec: NetworkSpec
  readonly dataset: Dataset
  private readonly sizes: Int32Array
  /** Per weight layer l = 0..L-1 (from layer l to l + 1): offsets of W and b in theta. */
  private readonly wOff: Int32Array
  private readonly bOff: Int32Array
  /** Per layer k = 0..L: the offset of its vector in the per-example buffers. */
  private readonly vOff: Int32Array
  private readonly act: number
  private readonly xent: boolean
  /** One example's activations a_k (for k = L, the output z_L), deltas d_k, R{z_k}, R{a_k}, R{d_k}. */
  private readonly a: Float64Array
  private readonly d: Float64Array
  private readonly rz: Float64Array
  private readonly ra: Float64Array
  private readonly rd: Float64Array
  /** The indices 0..n-1: the full batch. */
  private readonly all: Int32Array
  private readonly one = new Int32Array(1)
  /** Eight examples' activations side by side, and their outputs (`forward8`). */
  private readonly a8: Float64Array
  private readonly z8 = new Float64Array(8)

  /** Throws a RangeError for a bad spec, an empty data set, or cross-entropy on targets other than 0 and 1. */
  constructor(spec: NetworkSpec, dataset: Dataset) {
    const problem = validateNetworkSpec(spec)
    if (problem !== null) throw new RangeError(`Network: ${problem}`)
    if (dataset.n < 1 || dataset.inputs.length < 2 * dataset.n || dataset.targets.length < dataset.n)
      throw new RangeError(`Network: the data set '${dataset.id}' has no points or short arrays`)
    if (spec.loss === 'xent')
      for (let i = 0; i < dataset.n; i++) {
        const t = dataset.targets[i]!
        if (t !== 0 && t !== 1)
          throw new RangeError(`Network: cross-entropy needs labels 0 and 1; point ${i + 1} has ${t}`)
      }
    this.spec = spec
    this.dataset = dataset
    const lay = layout(spec.layers)
    this.dim = lay.count
    const L = lay.layers.length
    this.sizes = Int32Array.from(spec.layers)
    this.wOff = Int32Array.from(lay.layers, (l) => l.weights)
    this.bOff = Int32Array.from(lay.layers, (l) => l.biases)
    this.vOff = new Int32Array(L + 2)
    for (let k = 0; k <= L; k++) this.vOff[k + 1] = this.vOff[k]! + spec.layers[k]!
    const width = this.vOff[L + 1]!
    this.a = new Float64Array(width)
    this.d = new Float64Array(width)
    this.rz = new Float64Array(width)
    this.ra = new Float64Array(width)
    this.rd = new Float64Array(width)
    this.a8 = new Float64Array(8 * width)
    this.act = activationCode(spec.activation)
    this.xent = spec.loss === 'xent'
    this.all = new Int32Array(dataset.n)
    for (let i = 0; i < dataset.n; i++) this.all[i] = i
  }

  /** Runs input (x, y) forward with theta into this.a; returns the output z_L. */
  private forward(theta: Float64Array, x: number, y: number): number {
    const { a, sizes, wOff, bOff, vOff, act } = this
    const L = sizes.length - 1
    a[0] = x
    a[1] = y
    for (let l = 0; l < L; l++) {
      const nIn = sizes[l]!
      const nOut = sizes[l + 1]!
      const inp = vOff[l]!
      const outp = vOff[l + 1]!
      const w = wOff[l]!
      const b = bOff[l]!
      for (let j = 0; j < nOut; j++) {
        let s = theta[b + j]!
        const row = w + j * nIn
        for (let k = 0; k < nIn; k++) s += theta[row + k]! * a[inp + k]!
        a[outp + j] = s
      }
      if (l === L - 1) break
      const end = outp + nOut
      switch (act) {
        case TANH:
          for (let j = outp; j < end; j++) a[j] = tanh(a[j]!)
          break
        case RELU:
          for (let j = outp; j < end; j++) if (a[j]! < 0) a[j] = 0
          break
        case SIGMOID:
          for (let j = outp; j < end; j++) a[j] = sigmoid(a[j]!)
          break
      }
    }
    return a[vOff[L]!]!
  }

  /**
   * `forward` for the eight examples batch[b .. b + 8) at once into this.z8, each with the same
   * operations in the same order as `forward` (so the same bits), but every weight loaded once
   * for the eight: a loss slice of the landscape runs about 1.5 times as fast.
   */
  private forward8(theta: Float64Array, batch: Int32Array, b: number): void {
    const { a8, sizes, wOff, bOff, vOff, act } = this
    const inputs = this.dataset.inputs
    const L = sizes.length - 1
    const o1 = vOff[L + 1]!
    const o2 = 2 * o1
    const o3 = 3 * o1
    const o4 = 4 * o1
    const o5 = 5 * o1
    const o6 = 6 * o1
    const o7 = 7 * o1
    for (let e = 0; e < 8; e++) {
      const i = batch[b + e]!
      a8[e * o1] = inputs[2 * i]!
      a8[e * o1 + 1] = inputs[2 * i + 1]!
    }
    for (let l = 0; l < L; l++) {
      const nIn = sizes[l]!
      const nOut = sizes[l + 1]!
      const inp = vOff[l]!
      const outp = vOff[l + 1]!
      const w = wOff[l]!
      const bias = bOff[l]!
      for (let j = 0; j < nOut; j++) {
        const c = theta[bias + j]!
        let s0 = c
        let s1 = c
        let s2 = c
        let s3 = c
        let s4 = c
        let s5 = c
        let s6 = c
        let s7 = c
        const row = w + j * nIn
        for (let k = 0; k < nIn; k++) {
          const wk = theta[row + k]!
          const p = inp + k
          s0 += wk * a8[p]!
          s1 += wk * a8[o1 + p]!
          s2 += wk * a8[o2 + p]!
          s3 += wk * a8[o3 + p]!
          s4 += wk * a8[o4 + p]!
          s5 += wk * a8[o5 + p]!
          s6 += wk * a8[o6 + p]!
          s7 += wk * a8[o7 + p]!
        }
        const q = outp + j
        a8[q] = s0
        a8[o1 + q] = s1
        a8[o2 + q] = s2
        a8[o3 + q] = s3
        a8[o4 + q] = s4
        a8[o5 + q] = s5
        a8[o6 + q] = s6
        a8[o7 + q] = s7
      }
      if (l === L - 1) break
      for (let e = 0; e < 8; e++) {
        const start = e * o1 + outp
        const end = start + nOut
        switch (act) {
          case TANH:
            for (let j = start; j < end; j++) a8[j] = tanh(a8[j]!)
            break
          case RELU:
            for (let j = start; j < end; j++) if (a8[j]! < 0) a8[j] = 0
            break
          case SIGMOID:
            for (let j = start; j < end; j++) a8[j] = sigmoid(a8[j]!)
            break
        }
      }
    }
    const top = vOff[L]!
    for (let e = 0; e < 8; e++) this.z8[e] = a8[e * o1 + top]!
  }

  /** (lambda/2) sum W^2. */
  private penalty(theta: Float64Array): number {
    const lambda = this.spec.l2
    if (lambda === 0) return 0
    let s = 0
    for (let l = 0; l < this.wOff.length; l++)
      for (let k = this.wOff[l]!; k < this.bOff[l]!; k++) s += theta[k]! * theta[k]!
    return 0.5 * lambda * s
  }

  /** Divides the summed gradient by the batch size and adds lambda * (the weights of w). */
  private finish(g: Float64Array, count: number, w: Float64Array): void {
    const inv = 1 / count
    for (let k = 0; k < this.dim; k++) g[k] = g[k]! * inv
    const lambda = this.spec.l2
    if (lambda === 0) return
    for (let l = 0; l < this.wOff.length; l++)
      for (let k = this.wOff[l]!; k < this.bOff[l]!; k++) g[k] = g[k]! + lambda * w[k]!
  }

  /**
   * The mean loss over examples batch[0 .. batchSize) (default: all n in order), plus the L2
   * penalty. Allocates nothing.
   */
  loss(theta: Float64Array, batch: Int32Array = this.all, batchSize: number = batch.length): number {
    const { targets } = this.dataset
    const z8 = this.z8
    let sum = 0
    let b = 0
    for (; b + 8 <= batchSize; b += 8) {
      this.forward8(theta, batch, b)
      for (let e = 0; e < 8; e++) {
        const z = z8[e]!
        const y = targets[batch[b + e]!]!
        if (this.xent) sum += crossEntropyWithLogits(z, y)
        else sum += 0.5 * (z - y) * (z - y)
      }
    }
    const { inputs } = this.dataset
    for (; b < batchSize; b++) {
      const i = batch[b]!
      const z = this.forward(theta, inputs[2 * i]!, inputs[2 * i + 1]!)
      const y = targets[i]!
      if (this.xent) sum += crossEntropyWithLogits(z, y)
      else sum += 0.5 * (z - y) * (z - y)
    }
    return sum / batchSize + this.penalty(theta)
  }

  /** Writes the gradient of `loss(theta, batch, batchSize)` into g[0 .. P) and returns the loss. */
  gradient(
    theta: Float64Array,
    g: Float64Array,
    batch: Int32Array = this.all,
    batchSize: number = batch.length,
  ): number {
    const { inputs, targets } = this.dataset
    const { a, d, sizes, wOff, bOff, vOff, act } = this
    const L = sizes.length - 1
    g.fill(0, 0, this.dim)
    let sum = 0
    for (let bi = 0; bi < batchSize; bi++) {
      const i = batch[bi]!
      const z = this.forward(theta, inputs[2 * i]!, inputs[2 * i + 1]!)
      const y = targets[i]!
      if (this.xent) {
        sum += crossEntropyWithLogits(z, y)
        d[vOff[L]!] = sigmoid(z) - y
      } else {
        sum += 0.5 * (z - y) * (z - y)
        d[vOff[L]!] = z - y
      }
      for (let l = L - 1; l >= 0; l--) {
        const nIn = sizes[l]!
        const nOut = sizes[l + 1]!
        const inp = vOff[l]!
        const outp = vOff[l + 1]!
        const w = wOff[l]!
        const b = bOff[l]!
        for (let j = 0; j < nOut; j++) {
          const dj = d[outp + j]!
          g[b + j] = g[b + j]! + dj
          const row = w + j * nIn
          for (let k = 0; k < nIn; k++) g[row + k] = g[row + k]! + dj * a[inp + k]!
        }
        if (l === 0) break
        for (let k = 0; k < nIn; k++) {
          let s = 0
          for (let j = 0; j < nOut; j++) s += theta[w + j * nIn + k]! * d[outp + j]!
          d[inp + k] = slope(act, a[inp + k]!) * s
        }
      }
    }
    this.finish(g, batchSize, theta)
    return sum / batchSize + this.penalty(theta)
  }

  /**
   * Writes H v into out[0 .. P), H the Hessian of `loss(theta, batch, batchSize)` (L2 term
   * included), by the R-operator R{.} = d/dr (.)(theta + r v) at r = 0, with v split like
   * theta into V_l, c_l:
   *   forward  R{a_0} = 0, R{z_l} = V_l a_{l-1} + W_l R{a_{l-1}} + c_l, R{a_l} = f'(z_l) R{z_l};
   *   backward R{d_L} = l''(z_L) R{z_L} (cross-entropy sigma(1 - sigma), squared error 1),
   *            R{d_l} = f''(z_l) R{z_l} .* W_{l+1}^T d_{l+1} + f'(z_l) .* (V_{l+1}^T d_{l+1} + W_{l+1}^T R{d_{l+1}});
   *   (Hv)_W_l = R{d_l} a_{l-1}^T + d_l R{a_{l-1}}^T + lambda V_l, (Hv)_b_l = R{d_l}.
   * Exact up to rounding, at about twice the cost of a gradient. Returns the loss.
   */
  hvp(
    theta: Float64Array,
    v: Float64Array,
    out: Float64Array,
    batch: Int32Array = this.all,
    batchSize: number = batch.length,
  ): number {
    const { inputs, targets } = this.dataset
    const { a, d, rz, ra, rd, sizes, wOff, bOff, vOff, act } = this
    const L = sizes.length - 1
    out.fill(0, 0, this.dim)
    let sum = 0
    for (let bi = 0; bi < batchSize; bi++) {
      const i = batch[bi]!
      const z = this.forward(theta, inputs[2 * i]!, inputs[2 * i + 1]!)
      // Forward R-pass.
      ra[0] = 0
      ra[1] = 0
      for (let l = 0; l < L; l++) {
        const nIn = sizes[l]!
        const nOut = sizes[l + 1]!
        const inp = vOff[l]!
        const outp = vOff[l + 1]!
        const w = wOff[l]!
        const b = bOff[l]!
        for (let j = 0; j < nOut; j++) {
          let s = v[b + j]!
          const row = w + j * nIn
          for (let k = 0; k < nIn; k++) s += v[row + k]! * a[inp + k]! + theta[row + k]! * ra[inp + k]!
          rz[outp + j] = s
          ra[outp + j] = l === L - 1 ? s : slope(act, a[outp + j]!) * s
        }
      }
      const y = targets[i]!
      const top = vOff[L]!
      if (this.xent) {
        sum += crossEntropyWithLogits(z, y)
        const p = sigmoid(z)
        d[top] = p - y
        rd[top] = p * (1 - p) * rz[top]!
      } else {
        sum += 0.5 * (z - y) * (z - y)
        d[top] = z - y
        rd[top] = rz[top]!
      }
      // Backward pass and backward R-pass.
      for (let l = L - 1; l >= 0; l--) {
        const nIn = sizes[l]!
        const nOut = sizes[l + 1]!
        const inp = vOff[l]!
        const outp = vOff[l + 1]!
        const w = wOff[l]!
        const b = bOff[l]!
        for (let j = 0; j < nOut; j++) {
          const dj = d[outp + j]!
          const rdj = rd[outp + j]!
          out[b + j] = out[b + j]! + rdj
          const row = w + j * nIn
          for (let k = 0; k < nIn; k++) out[row + k] = out[row + k]! + (rdj * a[inp + k]! + dj * ra[inp + k]!)
        }
        if (l === 0) break
        for (let k = 0; k < nIn; k++) {
          let s = 0
          let sv = 0
          let sr = 0
          for (let j = 0; j < nOut; j++) {
            const at = w + j * nIn + k
            s += theta[at]! * d[outp + j]!
            sv += v[at]! * d[outp + j]!
            sr += theta[at]! * rd[outp + j]!
          }
          const ak = a[inp + k]!
          d[inp + k] = slope(act, ak) * s
          rd[inp + k] = curvature(act, ak) * rz[inp + k]! * s + slope(act, ak) * (sv + sr)
        }
      }
    }
    this.finish(out, batchSize, v)
    return sum / batchSize + this.penalty(theta)
  }

  /**
   * The gradient of example i's loss plus the L2 penalty into g (so that the mean over all i is
   * the full gradient); returns that loss.
   */
  perExampleGradient(theta: Float64Array, i: number, g: Float64Array): number {
    this.one[0] = i
    return this.gradient(theta, g, this.one, 1)
  }

  /** The network's output at (x, y): the probability of class 1 (cross-entropy) or the value (squared error). */
  predict(theta: Float64Array, x: number, y: number): number {
    const z = this.forward(theta, x, y)
    return this.xent ? sigmoid(z) : z
  }

  /**
   * The share of examples on the right side of 0.5: class 1 is predicted where the output
   * exceeds 0.5 (for cross-entropy, where the logit exceeds 0). NaN for a regression set.
   */
  accuracy(theta: Float64Array): number {
    const { inputs, targets, n, task } = this.dataset
    if (task !== 'classify') return NaN
    const threshold = this.xent ? 0 : 0.5
    let right = 0
    for (let i = 0; i < n; i++) {
      const z = this.forward(theta, inputs[2 * i]!, inputs[2 * i + 1]!)
      if (z > threshold === (targets[i] === 1)) right++
    }
    return right / n
  }

  /**
   * `predict` on an nx × ny grid over rect into out[0 .. nx ny): out[j nx + i] at
   * x = x0 + (x1 - x0) i/(nx - 1), y = y0 + (y1 - y0) j/(ny - 1) (row j = 0 at y0; a single
   * column or row sits at x0 or y0).
   */
  predictGrid(theta: Float64Array, rect: Rect, nx: number, ny: number, out: Float64Array): void {
    const dx = nx > 1 ? (rect.x1 - rect.x0) / (nx - 1) : 0
    const dy = ny > 1 ? (rect.y1 - rect.y0) / (ny - 1) : 0
    for (let j = 0; j < ny; j++) {
      const y = rect.y0 + j * dy
      for (let i = 0; i < nx; i++) out[j * nx + i] = this.predict(theta, rect.x0 + i * dx, y)
    }
  }

  /** The name of parameter k ('W1[3,2]', 'b2[4]'). */
  coordinate(k: number): string {
    return coordinateName(this.spec.layers, k)
  }
}

/** The full-batch loss of a network on a data set as a System: one coordinate per parameter. */
export function networkSystem(spec: NetworkSpec, dataset: Dataset): System {
  const net = new Network(spec, dataset)
  return {
    dim: net.dim,
    coordinate: (k) => net.coordinate(k),
    energy: (q) => net.loss(q),
    gradient: (q, g) => net.gradient(q, g),
  }
}
