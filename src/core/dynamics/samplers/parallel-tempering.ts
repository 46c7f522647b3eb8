import { type MethodDescriptor, type RunStats, type Stepper, verletStability } from '../method'
import { type Noise, STREAM } from '../noise'
import { num, type Settings } from '../params'
import { temperature } from '../schedules'
import { STATUS } from '../status'
import { metropolisTest } from './accept-reject'
import { GAMMA_PARAM, dtParam, samplerParams } from './common'
import { LangevinPropagator, StateLangevinPropagator } from './langevin-propagator'
import { portableMath as pm } from '../../portable-math'

/**
 * Parallel tempering, replica exchange (Swendsen & Wang, PRL 57:2607, 1986;
 * Sugita & Okamoto, Chem. Phys. Lett. 314:141, 1999). The lane's walkers form
 * ensembles of R replicas: walker i is replica i mod R of ensemble floor(i / R),
 * and starts at rung i mod R of the geometric ladder kT_k = kT (kTMax/kT)^(k/(R-1)).
 * Each replica moves by BAOAB Langevin dynamics at its rung's temperature. Every
 * `swapEvery` steps the neighbouring rungs (k, k+1) of each ensemble, k even and
 * odd on alternate attempts, exchange temperatures with probability
 * min(1, exp[(beta_k - beta_k+1)(U_k - U_k+1)]), and each swapped replica's velocity
 * is rescaled by sqrt(T_new/T_old) so it stays Maxwell-Boltzmann. A walker keeps
 * its path and changes temperature; the samples of exp(-U/kT) are the walkers at
 * rung 0 (counts(i)), and only their kinetic energies are recorded; the run's
 * acceptance figure is the swap acceptance over all pairs. Each replica starts with
 * velocities at its rung's temperature. Annealing moves rung 0 along the schedule
 * and the ladder with it. Coins: STREAM.swap, indexed by pair e (R - 1) + k.
 * extras(): temperatures (the ladder now, R values), swapAcceptance (R - 1 values,
 * accepted/attempted since the start, null before any attempt), swapsAccepted and
 * swapsAttempted (per pair, summed over ensembles), rungs (each walker's rung index).
 */
export const parallelTempering: MethodDescriptor = {
  id: 'parallel-tempering',
  family: 'sampler',
  name: 'Parallel tempering',
  summary:
    'Copies of the system run at a ladder of temperatures and swap temperatures now and then: hot copies cross ' +
    'barriers and hand their finds down to the cold one',
  reference: 'Swendsen & Wang, PRL 57:2607 (1986); Sugita & Okamoto, Chem. Phys. Lett. 314:141 (1999)',
  params: samplerParams([
    {
      kind: 'number',
      name: 'kTMax',
      label: 'highest kT',
      default: 10,
      min: 1e-4,
      max: 1e5,
      scale: 'log',
      unit: 'energy',
      help:
        'Temperature of the hottest replica (kT is the coldest): high enough to cross the barriers freely, at ' +
        'least kT',
    },
    {
      kind: 'number',
      name: 'replicas',
      label: 'replicas R',
      default: 8,
      min: 2,
      max: 64,
      scale: 'linear',
      integer: true,
      unit: '',
      help:
        'Rungs of the geometric temperature ladder; the walker count must be a multiple of R (each group of R ' +
        'walkers is one ensemble)',
    },
    {
      kind: 'number',
      name: 'swapEvery',
      label: 'swap every',
      default: 10,
      min: 1,
      max: 1e6,
      scale: 'log',
      integer: true,
      unit: 'steps',
      help: 'Steps of Langevin dynamics between swap attempts (even and odd neighbour pairs take turns)',
    },
    dtParam(0.01),
    GAMMA_PARAM,
  ]),
  velocities: true,
  stability: verletStability,
  physicalTime: true,
  notRates:
    'swaps configurations between temperatures: no walker stays at one kT, so its crossings are not rates at a ' +
    'temperature',
  check(settings, walkers) {
    const R = num(settings, 'replicas')
    if (walkers % R !== 0)
      return {
        field: 'walkers',
        message: `${walkers} walkers cannot form ensembles of ${R} replicas: use a multiple of ${R}`,
      }
    if (num(settings, 'kTMax') < num(settings, 'kT'))
      return { field: 'kTMax', message: 'the highest kT must be at least kT' }
    return null
  },
  create({ surface, walkers: w, settings, noise, stats }) {
    const propagator = new LangevinPropagator(surface, w, noise, stats, num(settings, 'dt'), num(settings, 'gamma'))
    return temperingStepper(
      settings,
      noise,
      stats,
      w,
      (i, t, kT, record) => propagator.step(i, t, kT, record),
      (i, f, divide) => {
        if (divide) {
          w.vx[i]! /= f
          w.vy[i]! /= f
        } else {
          w.vx[i]! *= f
          w.vy[i]! *= f
        }
      },
    )
  },
  createSystem({ system, walkers: w, settings, noise, stats }) {
    const propagator = new StateLangevinPropagator(system, w, noise, stats, num(settings, 'dt'), num(settings, 'gamma'))
    return temperingStepper(
      settings,
      noise,
      stats,
      w,
      (i, t, kT, record) => propagator.step(i, t, kT, record),
      (i, f, divide) => {
        const v = w.vs[i]!
        if (divide) for (let k = 0; k < v.length; k++) v[k]! /= f
        else for (let k = 0; k < v.length; k++) v[k]! *= f
      },
    )
  },
}

/**
 * The ladder, the swaps and the bookkeeping of parallel tempering, for any walkers: `propagate`
 * moves walker i one Langevin step at kT, `scaleVelocity` multiplies its velocity by a factor
 * (or divides it by the factor: the two round differently, and a run must repeat bit for bit).
 */
function temperingStepper(
  settings: Settings,
  noise: Noise,
  stats: RunStats,
  w: { readonly n: number; readonly u: Float64Array; readonly status: Uint8Array },
  propagate: (i: number, t: number, kT: number, record: boolean) => void,
  scaleVelocity: (i: number, factor: number, divide: boolean) => void,
): Stepper {
  const R = num(settings, 'replicas')
  const kT = num(settings, 'kT')
  const kTMax = num(settings, 'kTMax')
  const swapEvery = num(settings, 'swapEvery')
  const problem = parallelTempering.check!(settings, w.n)
  if (problem) throw new RangeError(`parallel tempering: ${problem.message}`)
  const ensembles = w.n / R
  const ratio = Float64Array.from({ length: R }, (_, k) => pm.pow(kTMax / kT, k / (R - 1)))
  const ladder = new Float64Array(R)
  /** The rung of each walker, and the walker at rung k of ensemble e (index e R + k). */
  const rung = Int32Array.from({ length: w.n }, (_, i) => i % R)
  const holder = Int32Array.from({ length: w.n }, (_, i) => i)
  // The lane drew every velocity at kT: each replica starts Maxwell-Boltzmann at its own rung instead.
  for (let i = 0; i < w.n; i++) scaleVelocity(i, Math.sqrt(ratio[rung[i]!]!), false)
  const accepted = new Float64Array(R - 1)
  const attempted = new Float64Array(R - 1)
  const setLadder = (t: number) => {
    const base = temperature(settings, t)
    for (let k = 0; k < R; k++) ladder[k] = base * ratio[k]!
  }
  setLadder(0)

  const swapPairs = (t: number, first: number) => {
    for (let e = 0; e < ensembles; e++) {
      for (let k = first; k < R - 1; k += 2) {
        const a = holder[e * R + k]!
        const b = holder[e * R + k + 1]!
        if (w.status[a] === STATUS.diverged || w.status[b] === STATUS.diverged) continue
        const coin = noise.uniform(e * (R - 1) + k, t, STREAM.swap)
        const logRatio = (1 / ladder[k]! - 1 / ladder[k + 1]!) * (w.u[a]! - w.u[b]!)
        attempted[k]!++
        if (!metropolisTest(logRatio, coin, stats)) continue
        accepted[k]!++
        holder[e * R + k] = b
        holder[e * R + k + 1] = a
        rung[a] = k + 1
        rung[b] = k
        const up = Math.sqrt(ladder[k + 1]! / ladder[k]!)
        scaleVelocity(a, up, false)
        scaleVelocity(b, up, true)
      }
    }
  }

  return {
    step(t) {
      setLadder(t)
      for (let i = 0; i < w.n; i++) {
        if (w.status[i] === STATUS.diverged) continue
        propagate(i, t, ladder[rung[i]!]!, rung[i] === 0)
      }
      if ((t + 1) % swapEvery === 0) {
        const attempt = (t + 1) / swapEvery - 1
        swapPairs(t, attempt % 2)
      }
    },
    counts: (i) => rung[i] === 0,
    // Replicas swap only within their ensemble: ensembles are the independent units.
    units: ensembles,
    unit: (i) => Math.floor(i / R),
    extras: () => ({
      temperatures: Array.from(ladder),
      swapAcceptance: Array.from(accepted, (a, k) => (attempted[k]! > 0 ? a / attempted[k]! : null)),
      swapsAccepted: Array.from(accepted),
      swapsAttempted: Array.from(attempted),
      rungs: Array.from(rung),
    }),
  }
}
