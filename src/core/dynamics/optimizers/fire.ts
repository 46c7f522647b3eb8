import type { MethodDescriptor } from '../method'
import { num } from '../params'
import { planarFromSystem } from '../planar'
import { isStoppedState, squaredNorm } from '../state-steps'

/** FIRE's constants (Bitzek et al. 2006), as ASE, pele and HOOMD use them. */
const N_MIN = 5
const F_INC = 1.1
const F_DEC = 0.5
const ALPHA_START = 0.1
const F_ALPHA = 0.99

/**
 * FIRE, the Fast Inertial Relaxation Engine (Bitzek, Bitzek, Gumbsch, Moseler & Koskinen,
 * PRL 97:170201, 2006), one iteration per step for every walker, with unit masses: P = F.v;
 * if P > 0, v <- (1 - a) v + a |v| F/|F|, and after more than N_min = 5 such steps
 * dt <- min(1.1 dt, dt_max), a <- 0.99 a; if P <= 0, v <- 0, dt <- dt/2, a <- 0.1. Then
 * v += dt F and q += dt v, the whole move capped at `maxMove` (ASE's order and cap). Each
 * walker keeps its own dt and a. The velocity is FIRE's own, not a thermal one.
 */
export const fire: MethodDescriptor = {
  id: 'fire',
  family: 'optimizer',
  name: 'FIRE',
  summary:
    'Rolls downhill like a ball that loses its sideways motion and brakes hard when it starts to climb: the ' +
    'minimiser of molecular work, fast and robust, but it still stops in the first minimum it finds',
  reference: 'Bitzek, Bitzek, Gumbsch, Moseler & Koskinen, PRL 97:170201 (2006); defaults as ASE',
  params: [
    {
      kind: 'number',
      name: 'dt',
      label: 'dt start',
      default: 0.1,
      min: 1e-8,
      max: 10,
      scale: 'log',
      unit: 'time',
      help: 'The first MD time step; it grows while the walker keeps going downhill',
    },
    {
      kind: 'number',
      name: 'dtMax',
      label: 'dt max',
      default: 1,
      min: 1e-8,
      max: 100,
      scale: 'log',
      unit: 'time',
      help: 'The largest time step FIRE grows to',
    },
    {
      kind: 'number',
      name: 'maxMove',
      label: 'largest move',
      default: 0.2,
      min: 1e-6,
      max: 100,
      scale: 'log',
      unit: 'length',
      help: 'The longest step (Euclidean norm over every coordinate) one iteration may take',
    },
  ],
  velocities: false,
  physicalTime: false,
  check(settings) {
    return num(settings, 'dtMax') < num(settings, 'dt')
      ? { field: 'dtMax', message: 'dt max must be at least dt start' }
      : null
  },
  create: (context) => planarFromSystem(fire.createSystem!)(context),
  createSystem({ system, walkers: w, settings }) {
    const dtMax = num(settings, 'dtMax')
    const maxMove = num(settings, 'maxMove')
    const d = w.dim
    const dt = new Float64Array(w.n).fill(num(settings, 'dt'))
    const alpha = new Float64Array(w.n).fill(ALPHA_START)
    const positive = new Int32Array(w.n)
    // The walkers' velocities start at rest: FIRE's, not Maxwell-Boltzmann's.
    w.v.fill(0)
    return {
      step() {
        for (let i = 0; i < w.n; i++) {
          if (isStoppedState(w, i)) continue
          const q = w.qs[i]!
          const v = w.vs[i]!
          const g = w.gs[i]!
          const gNorm = Math.sqrt(squaredNorm(g, d))
          if (gNorm === 0) continue
          let p = 0
          for (let k = 0; k < d; k++) p -= g[k]! * v[k]!
          if (p > 0) {
            const a = alpha[i]!
            const mix = (a * Math.sqrt(squaredNorm(v, d))) / gNorm
            for (let k = 0; k < d; k++) v[k] = (1 - a) * v[k]! - mix * g[k]!
            if (positive[i]! > N_MIN) {
              dt[i] = Math.min(dt[i]! * F_INC, dtMax)
              alpha[i] = a * F_ALPHA
            }
            positive[i]!++
          } else {
            v.fill(0)
            alpha[i] = ALPHA_START
            dt[i] = dt[i]! * F_DEC
            positive[i] = 0
          }
          const h = dt[i]!
          for (let k = 0; k < d; k++) v[k] = v[k]! - h * g[k]!
          const move = h * Math.sqrt(squaredNorm(v, d))
          const scale = move > maxMove ? (maxMove / move) * h : h
          for (let k = 0; k < d; k++) q[k] = q[k]! + scale * v[k]!
          w.u[i] = system.gradient(q, g)
        }
      },
    }
  },
}
