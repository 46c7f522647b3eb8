import type { SystemDescriptor } from '../../systems/descriptor'
import { sgdQuadraticVariance, sgdTemperature } from '../../training/batch'
import { pullTrainingSet, startLane } from './pull-training-set'
import { presetList, presetNumber, VerdictBuilder, type TrainingExperiment, type TrainingPreset } from './types'

const ALIKE = 'alike'
const SGD_WIDER = 'SGD spreads wider'
const LANGEVIN_WIDER = 'Langevin spreads wider'

const preset: TrainingPreset = {
  examples: 20,
  // Per-example gradient variance c per coordinate (isotropic, the same everywhere).
  c: 1,
  // The curvatures of the loss at its minimum: a stiff and a soft direction.
  curvatures: [1, 0.25],
  lr: 0.1,
  // B = 5 of N = 20: the finite-population factor (N - B)/(N - 1) = 0.79 sets the temperature apart
  // from the with-replacement one by (N - 1)/(N - B) = 1.27.
  batch: 5,
  walkers: 64,
  // (1 - lr k)^(2t) < 1e-4 for the soft direction after 400 steps: the start at the minimum is forgotten.
  settle: 400,
  steps: 4000,
  seed: 1,
}

/**
 * N examples on two weights with the mean loss L(w) = 1/2 w^T A w, A = diag(curvatures): minimum at 0,
 * and the pulls of pull-training-set.ts make the minibatch noise the Gaussian-like, isotropic,
 * constant c_B I of Mandt et al.'s assumptions.
 */
function quadraticTrainingSet(n: number, c: number, k: readonly number[]): SystemDescriptor {
  const [k0, k1] = [k[0]!, k[1]!]
  return pullTrainingSet('quadratic-training-set', 'a training set whose loss is a quadratic bowl', n, c, {
    loss: (w) => 0.5 * (k0 * w[0]! ** 2 + k1 * w[1]! ** 2),
    gradient: (w, g) => {
      g[0] = k0 * w[0]!
      g[1] = k1 * w[1]!
    },
  })
}

/**
 * Each walker's time average of w_j^2 after settling, then the mean over walkers and its standard
 * error (sample sd / sqrt(walkers)): walkers are independent (their own batches and noise), so the
 * error is honest whatever the autocorrelation within a walker.
 */
function spread(
  d: SystemDescriptor,
  method: string,
  settings: Record<string, unknown>,
  p: { walkers: number; settle: number; steps: number; seed: number },
): { mean: number; se: number }[] {
  const lane = startLane(d, method, settings, p.walkers, [0, 0], p.seed)
  lane.advance(p.settle)
  const sums = [new Float64Array(p.walkers), new Float64Array(p.walkers)]
  const q = lane.walkers.q
  for (let t = 0; t < p.steps; t++) {
    lane.advance(1)
    for (let i = 0; i < p.walkers; i++)
      for (let j = 0; j < 2; j++) sums[j]![i] = sums[j]![i]! + q[2 * i + j]! ** 2 / p.steps
  }
  return sums.map((xs) => {
    const m = xs.length
    let mean = 0
    for (const x of xs) mean += x / m
    let ss = 0
    for (const x of xs) ss += (x - mean) ** 2
    return { mean, se: Math.sqrt(ss / (m - 1) / m) }
  })
}

/**
 * Langevin noise standing in for SGD noise (Mandt, Hoffman & Blei, "Stochastic gradient descent as
 * approximate Bayesian inference", JMLR 18(134), 2017; Smith & Le, ICLR 2018, arXiv:1710.06451).
 * Near a minimum L ~ 1/2 w^T A w, with batch noise of covariance c_B I, c_B = c (N - B)/(B (N - 1)),
 * SGD settles into N(0, T A^-1) with T = lr c_B / 2: Langevin dynamics on U = N L at kT = N T
 * (full-batch gradient plus Gaussian noise sqrt(2 lr kT / N) a step) has the same per-step noise and
 * the same spread. Both are exact on this bowl at any stable lr: Var_j = lr c_B / (k_j (2 - lr k_j)).
 */
export const langevinForSgd: TrainingExperiment = {
  id: 'langevin-for-sgd',
  number: 3,
  title: 'The noise of small batches is a temperature',
  explanation:
    'SGD with five of twenty examples per batch never settles at the bottom of the bowl: each batch pulls a ' +
    'little differently, and the weights jiggle around the minimum. Full-batch gradient descent plus random ' +
    'kicks of the right size (Langevin dynamics) jiggles the same way, if the temperature is lr times the ' +
    'batch noise over two. Counting the batches honestly matters: drawing without replacement makes the noise ' +
    '(N - B)/(N - 1) smaller than drawing with replacement.',
  question: 'Can random kicks at a temperature stand in for the noise of small batches?',
  claim:
    'Around the minimum, in the stiff and in the soft direction, SGD with B = 5 of N = 20 and full-batch ' +
    'Langevin at kT = N lr c_B / 2 spread alike, both within 5 standard errors of lr c_B / (k (2 - lr k)); ' +
    'Langevin at the with-replacement temperature N lr c / (2B), 27% hotter, is rejected at 5 standard errors.',
  prediction: {
    question:
      'SGD with 5 of 20 examples per batch, and full-batch gradient descent with random kicks at the temperature ' +
      'of its batch noise, jiggle around the same minimum. How do their spreads compare?',
    choices: [ALIKE, SGD_WIDER, LANGEVIN_WIDER],
    outcome(n) {
      const z = [1, 2].map((j) => n[`z sgd vs langevin, direction ${j}`])
      if (z.some((x) => x === undefined || Number.isNaN(x))) return null
      if (z.every((x) => Math.abs(x!) < 5)) return ALIKE
      return z[0]! + z[1]! > 0 ? SGD_WIDER : LANGEVIN_WIDER
    },
  },
  preset,
  walkerSteps: 3 * 64 * 4400,
  run(progress, changes) {
    const p = (name: string) => presetNumber(preset, changes, name)
    const n = p('examples')
    const c = p('c')
    const lr = p('lr')
    const b = p('batch')
    const k = presetList(preset, changes, 'curvatures')
    const d = quadraticTrainingSet(n, c, k)
    const run = { walkers: p('walkers'), settle: p('settle'), steps: p('steps'), seed: p('seed') }
    const { kT, temperature, batchVariance } = sgdTemperature({ eta: lr, n, b, c })
    const wrongKT = (n * lr * c) / (2 * b)
    const sgd = spread(d, 'sgd', { lr, batch: b }, run)
    progress?.(1 / 3)
    const langevin = spread(d, 'sgld', { lr, kT, batch: n }, { ...run, seed: run.seed + 1 })
    progress?.(2 / 3)
    const wrong = spread(d, 'sgld', { lr, kT: wrongKT, batch: n }, { ...run, seed: run.seed + 2 })
    progress?.(1)
    const out: Record<string, number> = {
      examples: n,
      batch: b,
      lr,
      'batch noise c_B': batchVariance,
      'temperature T = lr c_B / 2': temperature,
      'kT for U = N L': kT,
      'wrong kT (with replacement)': wrongKT,
    }
    const z = (x: { mean: number; se: number }, y: { mean: number; se: number }) =>
      (x.mean - y.mean) / Math.hypot(x.se, y.se)
    for (let j = 0; j < 2; j++) {
      const tag = `direction ${j + 1}`
      const exact = sgdQuadraticVariance({ eta: lr, n, b, c, k: k[j]! })
      out[`curvature, ${tag}`] = k[j]!
      out[`exact variance, ${tag}`] = exact
      out[`sgd variance, ${tag}`] = sgd[j]!.mean
      out[`langevin variance, ${tag}`] = langevin[j]!.mean
      out[`wrong-temperature variance, ${tag}`] = wrong[j]!.mean
      out[`z sgd vs exact, ${tag}`] = (sgd[j]!.mean - exact) / sgd[j]!.se
      out[`z langevin vs exact, ${tag}`] = (langevin[j]!.mean - exact) / langevin[j]!.se
      out[`z sgd vs langevin, ${tag}`] = z(sgd[j]!, langevin[j]!)
      out[`z sgd vs wrong temperature, ${tag}`] = z(sgd[j]!, wrong[j]!)
    }
    return out
  },
  verdict(numbers) {
    const r = new VerdictBuilder(numbers)
    // 5 standard errors of the mean over independent walkers: a false alarm of about 6e-7 per comparison for
    // normal means (Student t with 63 degrees of freedom: about 5e-6), under 1e-4 for the eight together.
    for (let j = 1; j <= 2; j++) {
      const tag = `direction ${j}`
      for (const what of ['sgd vs exact', 'langevin vs exact', 'sgd vs langevin']) {
        const z = r.v(`z ${what}, ${tag}`)
        r.expect(Math.abs(z) < 5, `${what} in ${tag} should agree within 5 standard errors; they are ${z} apart`)
      }
      // The wrong temperature spreads (N - 1)/(N - B) = 1.27 times wider at the preset: about 10 standard
      // errors of the difference with 64 walkers, so rejected at 5 except by a 4-sigma fluctuation.
      const wrong = r.v(`z sgd vs wrong temperature, ${tag}`)
      r.expect(
        wrong < -5,
        `Langevin at the with-replacement temperature should spread visibly wider than SGD in ${tag}; z = ${wrong}`,
      )
    }
    return r.done()
  },
}
