import { MASS, type MethodDescriptor, verletStability } from '../method'
import { STREAM } from '../noise'
import { num } from '../params'
import { temperature } from '../schedules'
import { STATUS } from '../status'
import { dtParam, samplerParams } from './common'
import { DEGREES_OF_FREEDOM, recordKinetic, tauParam, verletStep } from './verlet'
import { portableMath as pm } from '../../portable-math'

/**
 * Stochastic velocity rescaling (Bussi, Donadio & Parrinello, J. Chem. Phys.
 * 126:014101, 2007), applied for dt/2 before and after a velocity-Verlet step:
 * with K0 = N_f kT/2, c = exp(-dt/(2 tau)), R1 ~ N(0, 1) and S the sum of N_f - 1
 * squared normals (one for N_f = 2),
 *   K' = K + (1 - c)[K0 (R1^2 + S)/N_f - K] + 2 R1 sqrt(c (1 - c) K K0/N_f)
 *      = (sqrt(c K) + R1 sqrt((1 - c) K0/N_f))^2 + (1 - c) K0 S/N_f,
 * and v <- sqrt(K'/K) v. K is then an exact Ornstein-Uhlenbeck-like process with the
 * canonical (here exponential) law, so the on-step kinetic energy is canonical; it is
 * recorded at the end of the step. K = 0 is absorbing for the rescaling, so a walker
 * at rest gets v = sqrt((1 - c) kT/m) (R1, R2) instead: the same K' law, with a direction.
 */
export const bussi: MethodDescriptor = {
  id: 'bussi',
  family: 'sampler',
  name: 'Bussi stochastic velocity rescaling',
  summary:
    "Rescales each walker's speed by a random factor chosen so the kinetic energy fluctuates exactly as at " +
    'temperature kT: Berendsen made correct',
  reference: 'Bussi, Donadio & Parrinello, J. Chem. Phys. 126:014101 (2007)',
  params: samplerParams([
    dtParam(0.01),
    tauParam(0.1, 'Relaxation time of the kinetic energy toward its canonical law; small tau couples strongly'),
  ]),
  velocities: true,
  stability: verletStability,
  physicalTime: true,
  create({ surface, walkers: w, settings, noise, stats }) {
    const dt = num(settings, 'dt')
    const c = pm.exp((-0.5 * dt) / num(settings, 'tau'))
    const g = new Float64Array(2)
    const r = new Float64Array(4)
    const nf = DEGREES_OF_FREEDOM

    function rescale(i: number, kT: number, k: number): void {
      const vx = w.vx[i]!
      const vy = w.vy[i]!
      const kinetic = 0.5 * MASS * (vx * vx + vy * vy)
      if (kinetic === 0) {
        const s = Math.sqrt(((1 - c) * kT) / MASS)
        w.vx[i] = s * r[k]!
        w.vy[i] = s * r[k + 1]!
        return
      }
      const k0 = 0.5 * nf * kT
      const a = Math.sqrt(c * kinetic) + r[k]! * Math.sqrt(((1 - c) * k0) / nf)
      const f = Math.sqrt((a * a + ((1 - c) * k0 * r[k + 1]! * r[k + 1]!) / nf) / kinetic)
      w.vx[i] = f * vx
      w.vy[i] = f * vy
    }

    return {
      step(t) {
        const kT = temperature(settings, t)
        for (let i = 0; i < w.n; i++) {
          if (w.status[i] === STATUS.diverged) continue
          noise.normal2(i, t, STREAM.kick, r, 0)
          noise.normal2(i, t, STREAM.kick2, r, 2)
          rescale(i, kT, 0)
          verletStep(surface, w, i, dt, g)
          rescale(i, kT, 2)
          recordKinetic(stats, w.vx[i]!, w.vy[i]!)
        }
      },
    }
  },
}
