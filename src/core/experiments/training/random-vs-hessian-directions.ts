import { makeDataset } from '../../training/data'
import { initialise, Network, type NetworkSpec } from '../../training/network'
import { hessianIndex } from '../../training/lanczos'
import { hessianDirections, lossSlice, randomPlane } from '../../training/slice'
import { presetList, presetNumber, VerdictBuilder, type TrainingExperiment, type TrainingPreset } from './types'

const RATIOS = [
  [0.01, 'less than a hundredth as curved'],
  [0.1, 'a hundredth to a tenth as curved'],
  [0.5, 'a tenth to half as curved'],
] as const
const ABOUT_SAME = 'about as curved'

const preset: TrainingPreset = {
  // The network: 2-8-8-1, tanh, cross-entropy, on 100 points of the circle set.
  layers: [2, 8, 8, 1],
  points: 100,
  noise: 0.1,
  dataSeed: 3,
  initSeed: 7,
  // Full-batch gradient descent for 400 steps at lr 0.3 (stable: lr lambda_max stays well under 2).
  lr: 0.3,
  steps: 400,
  // Lanczos steps for the top eigenvectors (P = 105).
  lanczos: 60,
  // Filter-normalised random directions from seeds 1..8.
  directions: 8,
  // Half-width of the three-point slice used for the curvature along a unit direction.
  h: 1e-3,
}

/**
 * The second difference (f(-h) - 2 f(0) + f(h)) / h^2 of f(a) = L(theta + a u), from a 3 x 1 loss slice
 * over a in [-h, h] (the middle point is theta itself, bit for bit), divided by |u|^2: the curvature
 * per unit length along u, u^T H u / |u|^2 + O(h^2).
 */
function sliceCurvature(net: Network, theta: Float64Array, u: Float64Array, h: number): number {
  const zero = new Float64Array(u.length)
  const s = lossSlice(net, theta, u, zero, { grid: [3, 1], a: [-h, h], b: [0, 0] })
  let n2 = 0
  for (const x of u) n2 += x * x
  return (s.values[0]! - 2 * s.values[1]! + s.values[2]!) / (h * h) / n2
}

/**
 * The same loss seen along random and along Hessian directions. Loss-landscape plots (Li, Xu, Taylor,
 * Studer & Goldstein, "Visualizing the loss landscape of neural nets", NeurIPS 2018) slice along random
 * filter-normalised directions; trained networks' Hessians have a bulk of eigenvalues near zero and a
 * few large outliers (Sagun, Bottou & LeCun, arXiv:1611.07476; Sagun et al., arXiv:1706.04454), and a
 * random direction has almost no component along the outliers (about 1/P of its length squared on
 * each), so it sees the bulk's curvature, tr(H)/P or so, not lambda_max. Along the top eigenvector
 * (Lanczos on Pearlmutter's exact Hessian-vector products) the slice curves by lambda_max.
 */
export const randomVsHessianDirections: TrainingExperiment = {
  id: 'random-vs-hessian-directions',
  number: 4,
  title: 'The same loss looks flat along random directions and steep along the Hessian\u2019s',
  explanation:
    'A network with 105 weights has a loss over 105 dimensions; a picture shows two. Pictures usually take ' +
    'random directions. But the steep directions of a trained network are few: a random direction points almost ' +
    'entirely along flat ones. Along the top eigenvector of the Hessian, the steepest way to curve, the same ' +
    'loss bends as sharply as it can.',
  question: 'How curved does the loss look along a random direction, next to its steepest direction?',
  claim:
    'Along the top Hessian eigenvector the slice curves by lambda_max within the Lanczos residual plus the ' +
    'slice\u2019s own O(h^2) error; along each of 8 filter-normalised random directions the curvature per unit ' +
    'length is under a tenth of lambda_max.',
  prediction: {
    question:
      'Along a random direction, how curved is the trained network\u2019s loss compared with its most curved ' +
      'direction (the top Hessian eigenvector)?',
    choices: [...RATIOS.map(([, c]) => c), ABOUT_SAME],
    outcome(n) {
      const r = n['largest random curvature / lambda_max']
      if (r === undefined || Number.isNaN(r)) return null
      return RATIOS.find(([below]) => r < below)?.[1] ?? ABOUT_SAME
    },
  },
  preset,
  walkerSteps: 400,
  run(progress, changes) {
    const p = (name: string) => presetNumber(preset, changes, name)
    const layers = presetList(preset, changes, 'layers')
    const spec: NetworkSpec = { layers, activation: 'tanh', loss: 'xent', l2: 0 }
    const data = makeDataset('circle', { points: p('points'), noise: p('noise'), seed: p('dataSeed') })
    const net = new Network(spec, data)
    const theta = new Float64Array(net.dim)
    initialise(spec, p('initSeed'), theta)
    const g = new Float64Array(net.dim)
    const lr = p('lr')
    const steps = p('steps')
    const initialLoss = net.loss(theta)
    for (let t = 0; t < steps; t++) {
      net.gradient(theta, g)
      for (let i = 0; i < net.dim; i++) theta[i] = theta[i]! - lr * g[i]!
      if (progress && (t + 1) % 100 === 0) progress((0.8 * (t + 1)) / steps)
    }
    net.gradient(theta, g)
    const gradNorm = Math.sqrt(g.reduce((s, x) => s + x * x, 0))
    const top = hessianDirections(net, theta, { steps: p('lanczos'), seed: 1 })
    const h = p('h')
    const lmax = top.values[0]
    const along = sliceCurvature(net, theta, top.d, h)
    const along2h = sliceCurvature(net, theta, top.d, 2 * h)
    // The whole spectrum, densely (P HVPs and a Jacobi eigen-solve): lambda_max and tr(H)/P to compare with.
    const dense = hessianIndex((v, o) => net.hvp(theta, v, o), net.dim, { method: 'dense' }).eigenvalues!
    let trace = 0
    for (const x of dense) trace += x
    const out: Record<string, number> = {
      parameters: net.dim,
      'loss at the start': initialLoss,
      'loss after training': net.loss(theta),
      'accuracy after training': net.accuracy(theta),
      '|grad L| after training': gradNorm,
      lambda_max: lmax,
      'lambda_max, dense': dense[net.dim - 1]!,
      lambda_2: top.values[1],
      'lanczos residual of lambda_max': top.residuals[0],
      'slice curvature along the top eigenvector': along,
      'slice curvature along the top eigenvector, step 2h': along2h,
      'slice curvature along the second eigenvector': sliceCurvature(net, theta, top.e, h),
      'mean curvature tr(H)/P': trace / net.dim,
    }
    const n = p('directions')
    let largest = 0
    let sum = 0
    for (let s = 1; s <= n; s++) {
      const { d } = randomPlane(layers, theta, s)
      const c = sliceCurvature(net, theta, d, h)
      out[`random direction ${s} curvature`] = c
      largest = Math.max(largest, Math.abs(c))
      sum += c
    }
    out['random directions'] = n
    out['mean random curvature / lambda_max'] = sum / n / lmax
    out['largest random curvature / lambda_max'] = largest / lmax
    progress?.(1)
    return out
  },
  verdict(numbers) {
    const r = new VerdictBuilder(numbers)
    const lmax = r.v('lambda_max, dense')
    const along = r.v('slice curvature along the top eigenvector')
    // u^T H u for the Ritz vector u is the Ritz value itself (exactly, in exact arithmetic), and the Ritz
    // value is within the residual of an eigenvalue of H: of lambda_max (the dense solve's) when Lanczos has
    // found it. The three-point second difference errs by h^2 f''''/12 and the one at 2h by four times that,
    // so their difference bounds it (three times over); rounding adds about 4 eps L / h^2 = 1e-10, covered
    // by 1e-8 lambda_max.
    const tol =
      r.v('lanczos residual of lambda_max') +
      Math.abs(r.v('slice curvature along the top eigenvector, step 2h') - along) +
      1e-8 * Math.abs(lmax)
    r.expect(
      Math.abs(along - lmax) <= tol,
      `along the top Hessian eigenvector the slice should curve by lambda_max = ${lmax} within ${tol}; ` +
        `it curves by ${along}`,
    )
    r.expect(lmax > 0, `a trained network's loss should curve upwards somewhere: lambda_max = ${lmax}`)
    // Far flatter: under a tenth of lambda_max per unit length, each direction. A random unit direction sees
    // tr(H)/P on average, its component along the top eigenvector about 1/P of it.
    const worst = r.v('largest random curvature / lambda_max')
    r.expect(
      worst < 0.1 && r.v('random directions') >= 1,
      `along random filter-normalised directions the loss should curve by under a tenth of lambda_max; the ` +
        `largest is ${worst} of it`,
    )
    return r.done()
  },
}
