import { MASS, type MethodContext, type MethodDescriptor, type Stepper, verletStability } from '../method'
import { choice, num, type ParamSpec } from '../params'
import { temperature } from '../schedules'
import { STATUS } from '../status'
import type { Walkers } from '../walkers'
import { dtParam, samplerParams } from './common'
import { DEGREES_OF_FREEDOM, recordKinetic, tauParam, verletStep } from './verlet'
import { portableMath as pm } from '../../portable-math'

/**
 * Suzuki-Yoshida weights by number of terms (Yoshida, Phys. Lett. A 150:262, 1990; the
 * seven-term set as in Martyna et al. 1996 and OpenMM, its default); each set sums to 1.
 */
// 1 / (2 - 2^(1/3)) and 1 / (4 - 4^(1/3)), written out: every engine reads a literal alike.
const W3 = 1.3512071919596578
const W5 = 0.4144907717943757
const W7: readonly [number, number, number] = [0.78451361047756, 0.235573213359357, -1.17767998417887]
const YOSHIDA_WEIGHTS: Readonly<Record<string, readonly number[]>> = {
  '1': [1],
  '3': [W3, 1 - 2 * W3, W3],
  '5': [W5, W5, 1 - 4 * W5, W5, W5],
  '7': [...W7, 1 - 2 * (W7[0] + W7[1] + W7[2]), ...[...W7].reverse()],
}

/**
 * One Nosé-Hoover chain per walker (Martyna, Klein & Tuckerman, J. Chem. Phys.
 * 97:2635, 1992): dzeta_1/dt = (m|v|^2 - N_f kT)/Q_1 - zeta_1 zeta_2,
 * dzeta_j/dt = (Q_{j-1} zeta_{j-1}^2 - kT)/Q_j - zeta_j zeta_{j+1}, dv/dt = F/m - zeta_1 v,
 * with Q_1 = N_f kT tau^2 and Q_j = kT tau^2. A chain of length 1 is plain
 * Nosé-Hoover (Hoover, Phys. Rev. A 31:1695, 1985).
 */
export class ThermostatChains {
  /** zeta_j of walker i at zeta[i * length + j]. */
  readonly zeta: Float64Array
  /** The thermostat positions eta_j (d eta_j/dt = zeta_j), same layout: they enter only the conserved energy. */
  readonly eta: Float64Array
  /** Lengths d of the sub-steps of one half step: weight * dt / (2 substeps), repeated `substeps` times. */
  private readonly subSteps: Float64Array
  private readonly tauSquared: number
  private readonly inverseTauSquared: number
  /** exp(-zeta_{j+1} d/4) of the current sub-step, per link. */
  private readonly factors: Float64Array

  constructor(
    walkers: number,
    readonly length: number,
    substeps: number,
    weights: readonly number[],
    dt: number,
    tau: number,
  ) {
    this.zeta = new Float64Array(walkers * length)
    this.eta = new Float64Array(walkers * length)
    this.tauSquared = tau * tau
    this.subSteps = Float64Array.from(
      { length: substeps * weights.length },
      (_, k) => (weights[k % weights.length]! * dt) / (2 * substeps),
    )
    this.inverseTauSquared = 1 / this.tauSquared
    this.factors = new Float64Array(length)
  }

  /**
   * Advances walker i's chain and velocity by dt/2 at kT: the Trotter factorisation of
   * Martyna, Tuckerman, Tobias & Klein (Mol. Phys. 87:1117, 1996), with `substeps`
   * multiple time steps of Suzuki-Yoshida weighted sub-steps. Each sub-step of
   * length d updates the chain from its end to the start (zeta_j += d/2 G_j, between
   * factors exp(-zeta_{j+1} d/4)), scales v by exp(-zeta_1 d) and moves eta_j by zeta_j d,
   * then goes back up.
   * Symmetric, so the whole step around velocity Verlet is time-reversible.
   * The forces are G_1 = (m|v|^2 - N_f kT)/Q_1 and G_j = (Q_{j-1} zeta_{j-1}^2 - kT)/Q_j,
   * i.e. r zeta_{j-1}^2 - 1/tau^2 with r = Q_{j-1}/Q_j (N_f for j = 2, else 1).
   */
  halfStep(w: Walkers, i: number, kT: number): void {
    const z = this.zeta
    const first = i * this.length
    const last = first + this.length - 1
    const e = this.factors
    let twoKinetic = MASS * (w.vx[i]! * w.vx[i]! + w.vy[i]! * w.vy[i]!)
    let scale = 1
    for (let k = 0; k < this.subSteps.length; k++) {
      const d = this.subSteps[k]!
      z[last]! += 0.5 * d * this.force(last, first, twoKinetic, kT)
      for (let j = last - 1; j >= first; j--) {
        // zeta_{j+1} does not change again before the way back up, so the factor serves both passes.
        e[j - first] = pm.exp(-0.25 * d * z[j + 1]!)
        z[j] = (z[j]! * e[j - first]! + 0.5 * d * this.force(j, first, twoKinetic, kT)) * e[j - first]!
      }
      const f = pm.exp(-d * z[first]!)
      scale *= f
      twoKinetic *= f * f
      for (let j = first; j <= last; j++) this.eta[j]! += d * z[j]!
      for (let j = first; j < last; j++)
        z[j] = (z[j]! * e[j - first]! + 0.5 * d * this.force(j, first, twoKinetic, kT)) * e[j - first]!
      z[last]! += 0.5 * d * this.force(last, first, twoKinetic, kT)
    }
    w.vx[i]! *= scale
    w.vy[i]! *= scale
  }

  /**
   * The energy the extended dynamics conserves at constant kT (a check of the integrator):
   * H' = K + U + sum_j Q_j zeta_j^2/2 + N_f kT eta_1 + kT sum_{j>1} eta_j.
   */
  conservedEnergy(w: Walkers, i: number, kT: number): number {
    const first = i * this.length
    let h = w.u[i]! + 0.5 * MASS * (w.vx[i]! * w.vx[i]! + w.vy[i]! * w.vy[i]!)
    for (let j = first; j < first + this.length; j++) {
      // The first link thermostats the walker's N_f degrees of freedom, each other link the one below it.
      const thermostatted = j === first ? DEGREES_OF_FREEDOM : 1
      h +=
        0.5 * thermostatted * kT * this.tauSquared * this.zeta[j]! * this.zeta[j]! + thermostatted * kT * this.eta[j]!
    }
    return h
  }

  /** G_j, driven by the walker's kinetic energy for the first link and by the link below for the others. */
  private force(j: number, first: number, twoKinetic: number, kT: number): number {
    const a = this.inverseTauSquared
    if (j === first) return ((twoKinetic - DEGREES_OF_FREEDOM * kT) * a) / (DEGREES_OF_FREEDOM * kT)
    return (j === first + 1 ? DEGREES_OF_FREEDOM : 1) * this.zeta[j - 1]! * this.zeta[j - 1]! - a
  }
}

/**
 * A stepper for thermostat chains around velocity Verlet: chain half-step, Verlet,
 * chain half-step (the Liouville splitting of Martyna et al. 1996). The kinetic
 * energy is recorded from the on-step velocity at the end of the step, which the
 * extended dynamics keeps canonical (exactly so only when the chain is ergodic).
 */
export function createChainStepper(context: MethodContext, chains: ThermostatChains): Stepper {
  const { surface, walkers: w, settings, stats } = context
  const dt = num(settings, 'dt')
  const g = new Float64Array(2)
  let kT = temperature(settings, 0)
  return {
    step(t) {
      kT = temperature(settings, t)
      for (let i = 0; i < w.n; i++) {
        if (w.status[i] === STATUS.diverged) continue
        chains.halfStep(w, i, kT)
        verletStep(surface, w, i, dt, g)
        chains.halfStep(w, i, kT)
        recordKinetic(stats, w.vx[i]!, w.vy[i]!)
      }
    },
    /** Each walker's thermostat frictions and extended energy H' (constant while kT is, up to O(dt^2)). */
    extras() {
      return {
        zeta: Float64Array.from(chains.zeta),
        conservedEnergy: Float64Array.from({ length: w.n }, (_, i) => chains.conservedEnergy(w, i, kT)),
      }
    },
  }
}

const CHAIN_LENGTH: ParamSpec = {
  kind: 'number',
  name: 'chain',
  label: 'chain length M',
  default: 3,
  min: 1,
  max: 10,
  scale: 'linear',
  integer: true,
  unit: '',
  help: "Thermostats in the chain; 1 is plain Nosé-Hoover, 3 is OpenMM's default",
}
const SUBSTEPS: ParamSpec = {
  kind: 'number',
  name: 'substeps',
  label: 'thermostat substeps',
  default: 3,
  min: 1,
  max: 20,
  scale: 'linear',
  integer: true,
  unit: '',
  help: 'Multiple time steps n_c of the chain within each half step (OpenMM: 3)',
}
function yoshidaWeights(terms: string): readonly number[] {
  const weights = YOSHIDA_WEIGHTS[terms]
  if (!weights) throw new Error(`no Suzuki-Yoshida weights for ${terms} terms`)
  return weights
}

const YOSHIDA: ParamSpec = {
  kind: 'choice',
  name: 'yoshida',
  label: 'Suzuki-Yoshida terms',
  default: '7',
  choices: Object.keys(YOSHIDA_WEIGHTS).map((value) => ({ value, label: value })),
  help: 'Weighted sub-steps per chain substep: more terms integrate the chain more accurately (OpenMM: 7)',
}

export const noseHooverChain: MethodDescriptor = {
  id: 'nose-hoover-chain',
  family: 'sampler',
  name: 'Nosé-Hoover chain',
  summary:
    'Nosé-Hoover with thermostats on the thermostat: deterministic like Nosé-Hoover but it does reach the ' +
    'Boltzmann distribution where a single thermostat gets stuck',
  reference:
    'Martyna, Klein & Tuckerman, J. Chem. Phys. 97:2635 (1992); Martyna, Tuckerman, Tobias & Klein, Mol. Phys. ' +
    '87:1117 (1996)',
  params: samplerParams([
    dtParam(0.01),
    tauParam(
      0.5,
      "Period of the thermostat's own oscillation (Q_1 = N_f kT tau^2, Q_j = kT tau^2): near the system's period " +
        'couples best',
    ),
    CHAIN_LENGTH,
    SUBSTEPS,
    YOSHIDA,
  ]),
  velocities: true,
  stability: verletStability,
  physicalTime: true,
  create(context) {
    const { settings, walkers } = context
    const chains = new ThermostatChains(
      walkers.n,
      num(settings, 'chain'),
      num(settings, 'substeps'),
      yoshidaWeights(choice(settings, 'yoshida')),
      num(settings, 'dt'),
      num(settings, 'tau'),
    )
    return createChainStepper(context, chains)
  },
}
