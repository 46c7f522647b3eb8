import { deepLinearStart, deepLinearSystem, plateauLength, type DeepLinearSpec } from '../../training/deep-linear'
import { extremeEigenvalues, hessianIndex } from '../../training/lanczos'
import { SpectrumTracker } from '../../training/spectrum'
import { presetList, presetNumber, VerdictBuilder, type TrainingExperiment, type TrainingPreset } from './types'

const LONGER_BY_FACTOR = 'about 100 times longer'
const LONGER_BY_STEPS = 'longer by a fixed number of steps, ln(100)/(2 lr s)'
const SAME = 'about as long'

const preset: TrainingPreset = {
  // Two modes, the second four times weaker, through four hidden units: x in R^2 -> 4 -> R^2.
  strengths: [1, 0.25],
  hidden: 4,
  // lr s = 0.01 for the strong mode: gradient descent is close to its continuous-time limit.
  lr: 0.01,
  // Balanced starts (Saxe et al.'s decoupled initial condition) of strength u0 on both modes.
  u0s: [1e-2, 1e-3, 1e-4],
  // Long enough for the weak mode from the smallest start: ln(0.25/1e-4)/(2 * 0.01 * 0.25) = 1,565.
  steps: 4000,
  seed: 1,
}

function spec(p: TrainingPreset, changes?: TrainingPreset): DeepLinearSpec {
  const strengths = presetList(p, changes, 'strengths')
  return { strengths, inputs: strengths.length, hidden: presetNumber(p, changes, 'hidden'), outputs: strengths.length }
}

/**
 * The plateau at a saddle (Saxe, McClelland & Ganguli, "Exact solutions to the nonlinear dynamics of
 * learning in deep linear neural networks", ICLR 2014, arXiv:1312.6120). A deep linear network
 * y = W2 W1 x learns each singular mode of its task on its own: the mode's strength u follows
 * du/dt = 2 lr u (s - u) from a small balanced start u0, so it waits near the saddle W = 0 for about
 * ln(s/u0)/(2 lr s) steps, then rises in a few 1/(lr s). The saddle's Hessian has eigenvalues -s
 * and +s on each mode and hidden unit: Lanczos on Hessian-vector products finds the negative
 * direction while the walker waits.
 */
export const deepLinearPlateau: TrainingExperiment = {
  id: 'deep-linear-plateau',
  number: 1,
  title: 'A deep linear network waits on a plateau at a saddle',
  explanation:
    'A network with two layers of weights and no nonlinearity, started from tiny weights, has to learn two ' +
    'patterns, a strong one and a weak one. At zero weights the loss has a saddle: the gradient is tiny, so ' +
    'gradient descent barely moves, and then suddenly learns the strong pattern; later, the weak one. ' +
    'Saxe, McClelland and Ganguli solved this exactly: the wait is ln(s/u0)/(2 lr s) steps for a pattern of ' +
    'strength s from a start of strength u0.',
  question: 'How long does gradient descent wait at the saddle, and what does the Hessian say while it waits?',
  claim:
    'For every start u0 and both modes, the steps until a mode reaches half its strength match ln(s/u0)/(2 lr s) ' +
    'within lr s + 1/T (T the formula); at the start Lanczos finds the most negative curvature -s of the ' +
    'strongest mode, while the strong mode is learnt and the weak one waits it finds -s of the weak one, and ' +
    'after learning no negative curvature is left.',
  prediction: {
    question:
      'The start is made 100 times smaller (u0 from 1e-2 to 1e-4). How does the plateau of the strong pattern change?',
    choices: [LONGER_BY_FACTOR, LONGER_BY_STEPS, SAME],
    outcome(n) {
      const a = n['steps, mode 1, start 1']
      const b = n['steps, mode 1, start 3']
      const s = n['strength 1']
      const lr = n['lr']
      if (a === undefined || b === undefined || s === undefined || lr === undefined) return null
      const extra = Math.log(100) / (2 * lr * s)
      if (Math.abs(b - a - extra) < 0.2 * extra) return LONGER_BY_STEPS
      if (b / a > 30) return LONGER_BY_FACTOR
      if (b / a < 1.2) return SAME
      return null
    },
  },
  preset,
  walkerSteps: 3 * 4000,
  run(progress, changes) {
    const sp = spec(preset, changes)
    const n = (name: string) => presetNumber(preset, changes, name)
    const u0s = presetList(preset, changes, 'u0s')
    const lr = n('lr')
    const steps = n('steps')
    const net = deepLinearSystem(sp)
    const modes = sp.strengths.length
    const out: Record<string, number> = { lr, modes, starts: u0s.length, steps }
    sp.strengths.forEach((s, k) => (out[`strength ${k + 1}`] = s))
    const g = new Float64Array(net.dim)
    const lanczos = (q: Float64Array) =>
      extremeEigenvalues(net.hvp(q), net.dim, { steps: net.dim, seed: n('seed') + 17 })
    u0s.forEach((u0, j) => {
      const tag = `start ${j + 1}`
      out[`u0, ${tag}`] = u0
      const q = deepLinearStart(sp, u0, n('seed') + j, 'balanced')
      const start = lanczos(q)
      out[`lambda_min, ${tag}`] = start.min
      out[`index, ${tag}`] = hessianIndex(net.hvp(q), net.dim).negative
      const reached = new Array<number>(modes).fill(NaN)
      const third = new Array<number>(modes).fill(NaN)
      let waitingChecked = false
      // The spectrum over training: a Lanczos run over the whole space every 10 steps (thinned to 64 records).
      const tracker = new SpectrumTracker({
        dim: net.dim,
        hessian: { kind: 'operator', at: (theta) => net.hvp(theta) },
        every: 10,
        capacity: 64,
        steps: net.dim,
        seed: n('seed'),
      })
      for (let t = 0; t < steps; t++) {
        tracker.observe(t, q)
        for (let k = 0; k < modes; k++)
          if (Number.isNaN(third[k]!) && net.modeStrength(q, k) >= sp.strengths[k]! / 3) third[k] = t
        for (let k = 0; k < modes; k++)
          if (Number.isNaN(reached[k]!) && net.modeStrength(q, k) >= sp.strengths[k]! / 2) reached[k] = t
        // While the strongest mode is learnt (99%) and the weakest still waits: the saddle of the weak one.
        if (!waitingChecked && modes > 1 && net.modeStrength(q, 0) >= 0.99 * sp.strengths[0]!) {
          waitingChecked = true
          const weak = net.modeStrength(q, modes - 1)
          out[`weak mode share when the strong one is learnt, ${tag}`] = weak / sp.strengths[modes - 1]!
          out[`lambda_min when the strong mode is learnt, ${tag}`] = lanczos(q).min
        }
        net.gradient(q, g)
        for (let i = 0; i < net.dim; i++) q[i] = q[i]! - lr * g[i]!
      }
      const records = tracker.records
      out[`spectrum records, ${tag}`] = records.length
      out[`spectrum interval, ${tag}`] = tracker.every
      const zero = records.find((rec) => rec.index === 0)
      out[`first recorded step with index 0, ${tag}`] = zero?.step ?? NaN
      for (let k = 0; k < modes; k++) {
        const s = sp.strengths[k]!
        out[`steps to s/3, mode ${k + 1}, ${tag}`] = third[k]!
        out[`steps, mode ${k + 1}, ${tag}`] = reached[k]!
        out[`formula, mode ${k + 1}, ${tag}`] = u0 < s ? plateauLength(s, u0, lr) : NaN
      }
      const end = lanczos(q)
      out[`loss at the end, ${tag}`] = net.energy(q)
      out[`lambda_min at the end, ${tag}`] = end.min
      out[`lambda_max at the end, ${tag}`] = end.max
      // Curvature above -1e-3 max|lambda| counts as zero (saddle-words.ts): the rescalings W1 -> A W1,
      // W2 -> W2 A^-1 leave W2 W1 alone, flat directions whose curvature is of the order of the residual.
      out[`index at the end, ${tag}`] = hessianIndex(net.hvp(q), net.dim, { relativeTolerance: 1e-3 }).negative
      progress?.((j + 1) / u0s.length)
    })
    return out
  },
  verdict(numbers) {
    const r = new VerdictBuilder(numbers)
    const lr = r.v('lr')
    const modes = r.v('modes')
    const starts = r.v('starts')
    r.expect(starts >= 2 && modes >= 1, 'the run should sweep at least two starts')
    for (let j = 1; j <= starts; j++) {
      const tag = `start ${j}`
      const u0 = r.v(`u0, ${tag}`)
      for (let k = 1; k <= modes; k++) {
        const s = r.v(`strength ${k}`)
        const t = r.v(`steps, mode ${k}, ${tag}`)
        const f = r.v(`formula, mode ${k}, ${tag}`)
        // Gradient descent multiplies u by (1 + lr (s - u))^2 a step where the flow multiplies it by
        // e^{2 lr (s - u)}: the log-growth per step is smaller by lr (s - u)/2 relative, so the wait is
        // longer by at most about lr s/2 (doubled here for the next order); the exact time to s/2 differs from
        // ln(s/u0)/(2 lr s) by ln(1 - u0/s)/(2 lr s), under u0/s relative, and the first step past s/2 by at most 1.
        const tol = lr * s + u0 / s + 1 / f
        r.expect(
          Math.abs(t - f) <= tol * f,
          `mode ${k} from u0 = ${u0} should reach s/2 after ln(s/u0)/(2 lr s) = ${f.toFixed(1)} steps within ` +
            `${(100 * tol).toFixed(1)}%; it takes ${t}`,
        )
      }
      // At W ~ 0 the Hessian is the saddle's, eigenvalues +-s_k, moved by O(u0) by the small weights.
      const s1 = r.v('strength 1')
      const lmin = r.v(`lambda_min, ${tag}`)
      r.expect(
        Math.abs(lmin + s1) <= 4 * u0,
        `at the start (u0 = ${u0}) Lanczos should find the curvature -s = ${-s1} within 4 u0; it finds ${lmin}`,
      )
      r.expect(r.v(`index, ${tag}`) >= 1, `the start (u0 = ${u0}) should be at a saddle (index >= 1)`)
      // The spectrum over training loses its last negative curvature only after every mode has passed s/3: on a
      // balanced mode of strength u = a b the Hessian of 1/2 (s - a b)^2 along (1, 1)/sqrt 2 is 3u - s,
      // negative below s/3 (and unused hidden units keep curvature -|Sigma - W2 W1| until the residual is small).
      let lastThird = 0
      for (let k = 1; k <= modes; k++) lastThird = Math.max(lastThird, r.v(`steps to s/3, mode ${k}, ${tag}`))
      const zero = r.v(`first recorded step with index 0, ${tag}`)
      r.expect(
        zero > lastThird,
        `the spectrum over training should keep a negative curvature until every mode passes s/3 (step ` +
          `${lastThird}); its index is 0 from step ${zero}`,
      )
      r.expect(
        r.v(`index at the end, ${tag}`) === 0,
        `after learning (u0 = ${u0}) no negative curvature should be left; index ${r.v(`index at the end, ${tag}`)}`,
      )
    }
    // The weak mode's saddle, seen on the smallest start, where the plateaus are well apart.
    const last = `start ${starts}`
    const share = r.v(`weak mode share when the strong one is learnt, ${last}`)
    if (modes > 1) {
      const weak = r.v(`strength ${modes}`)
      const lmin = r.v(`lambda_min when the strong mode is learnt, ${last}`)
      r.expect(share < 0.1, `the weak mode should still wait when the strong one is learnt; it is at ${share}`)
      // Its curvature -s_weak is moved by the weak mode's own strength (share s_weak) and the strong mode's
      // 1% remainder: within (share + 0.01) s_1 + 4 u0.
      r.expect(
        Math.abs(lmin + weak) <= (share + 0.01) * r.v('strength 1') + 4 * r.v(`u0, ${last}`),
        `while the weak mode waits Lanczos should find its curvature -${weak}; it finds ${lmin}`,
      )
    }
    return r.done()
  },
}
