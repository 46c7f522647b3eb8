import type { MethodDescriptor } from '../method'
import { BLOCK, STREAM, uniformOpen } from '../noise'
import { num } from '../params'
import { planarFromSystem } from '../planar'
import { KT_PARAM } from '../samplers/common'
import { metropolisTest } from '../samplers/accept-reject'
import { isStoppedState } from '../state-steps'
import { LbfgsMinimiser } from '../../systems/minimise'

/**
 * Steps between step-size updates, and the acceptance they aim at (scipy.optimize.basinhopping's
 * interval and target).
 */
const ADJUST_EVERY = 50
const TARGET_ACCEPTANCE = 0.5
/** The factor a step size is multiplied or divided by at each update (scipy's stepwise_factor). */
const ADJUST_FACTOR = 0.9

/**
 * Basin hopping (Wales & Doye, J. Phys. Chem. A 101:5111, 1997; Li & Scheraga 1987): the
 * landscape seen as the staircase of its quenched minima. Each step perturbs every coordinate
 * of the walker's current minimum by a uniform amount in [-s, s] (STREAM.perturb, four
 * uniforms per draw at stream STREAM.perturb + BLOCK b), quenches the trial with L-BFGS (GMIN's
 * quench; see LbfgsMinimiser) to
 * |grad U| < gtol, and accepts the new minimum with min(1, exp(-dE/kT)) (coin STREAM.coin).
 * Every 50 steps each walker's s is divided by 0.9 if more than half of its moves were
 * accepted and multiplied by 0.9 otherwise (scipy.optimize.basinhopping, as GMIN's adjustable
 * step). The start is quenched when the lane is made, so walkers always sit in minima; each
 * walker remembers the lowest minimum it has seen.
 * extras(): best (lowest energy per walker), steps (current step size per walker),
 * quenchSteps (mean L-BFGS iterations per quench so far).
 */
export const basinHopping: MethodDescriptor = {
  id: 'basin-hopping',
  family: 'optimizer',
  name: 'Basin hopping',
  summary:
    'Jumps from minimum to minimum: kick, quench to the nearest minimum, keep it by the Metropolis rule at kT. ' +
    'Barriers vanish from view, so it finds the global minimum of clusters that defeat descent',
  reference: 'Wales & Doye, J. Phys. Chem. A 101:5111 (1997)',
  params: [
    {
      ...KT_PARAM,
      help: 'Temperature of the Metropolis rule between quenched minima (not of the configurations): GMIN uses 1',
    },
    {
      kind: 'number',
      name: 'step',
      label: 'step size',
      default: 0.4,
      min: 1e-6,
      max: 100,
      scale: 'log',
      unit: 'length',
      help: 'Largest random displacement per coordinate before each quench (adjusted toward 50% acceptance)',
    },
    {
      kind: 'number',
      name: 'gtol',
      label: 'quench tolerance',
      default: 1e-6,
      min: 1e-12,
      max: 1,
      scale: 'log',
      unit: 'energy/length',
      help: 'A quench stops when the gradient norm falls below this',
    },
    {
      kind: 'number',
      name: 'quenchSteps',
      label: 'quench iterations',
      default: 5000,
      min: 1,
      max: 1e6,
      scale: 'log',
      integer: true,
      unit: 'iterations',
      help: 'Most L-BFGS iterations per quench',
    },
  ],
  velocities: false,
  physicalTime: false,
  notBoltzmann: 'visits quenched minima, not configurations: its walkers are never between minima',
  notRates: 'hops between minima by quenches, not in time: its hops are not rates',
  create: (context) => planarFromSystem(basinHopping.createSystem!)(context),
  createSystem({ system, walkers: w, settings, noise, stats }) {
    const kT = num(settings, 'kT')
    const d = w.dim
    const quench = new LbfgsMinimiser(system, {
      gradientTolerance: num(settings, 'gtol'),
      maxSteps: num(settings, 'quenchSteps'),
    })
    const trial = new Float64Array(d)
    const step = new Float64Array(w.n).fill(num(settings, 'step'))
    const accepted = new Int32Array(w.n)
    const best = new Float64Array(w.n)
    let iterations = 0
    let quenches = 0
    for (let i = 0; i < w.n; i++) {
      if (isStoppedState(w, i)) continue
      w.u[i] = quench.minimise(w.qs[i]!)
      w.gs[i]!.set(quench.gradient)
      best[i] = w.u[i]!
    }
    return {
      step(t) {
        for (let i = 0; i < w.n; i++) {
          if (isStoppedState(w, i)) continue
          const q = w.qs[i]!
          const s = step[i]!
          for (let b = 0; 4 * b < d; b++) {
            const words = noise.draw(i, t, STREAM.perturb + BLOCK * b)
            for (let k = 4 * b; k < Math.min(d, 4 * b + 4); k++)
              trial[k] = q[k]! + s * (2 * uniformOpen(words[k - 4 * b]!) - 1)
          }
          const u = quench.minimise(trial)
          iterations += quench.steps
          quenches++
          const coin = noise.uniform(i, t, STREAM.coin)
          // A quench that ends on non-finite ground is a rejected move.
          if (metropolisTest(-(u - w.u[i]!) / kT, coin, stats)) {
            q.set(trial)
            w.gs[i]!.set(quench.gradient)
            w.u[i] = u
            accepted[i]!++
            if (u < best[i]!) best[i] = u
          }
          if ((t + 1) % ADJUST_EVERY === 0) {
            step[i] = accepted[i]! / ADJUST_EVERY > TARGET_ACCEPTANCE ? s / ADJUST_FACTOR : s * ADJUST_FACTOR
            accepted[i] = 0
          }
        }
      },
      extras: () => ({
        best: Array.from(best),
        steps: Array.from(step),
        quenchSteps: quenches > 0 ? iterations / quenches : null,
      }),
    }
  },
}
