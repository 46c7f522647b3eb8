import { planeSystem } from '../system'
import type { MethodContext, Stepper, SystemContext } from './method'
import { StateWalkers } from './state-walkers'

/**
 * A method written for states of any number of coordinates, run on a surface: the surface is
 * a system of two coordinates, and the lane's walkers are copied into a state of two
 * coordinates before each step and back after it (the lane may wrap or stop walkers between
 * steps). For methods whose step is costly anyway (a FIRE iteration, a whole basin-hopping
 * quench), so the copies do not matter; a surface method that must be fast has its own
 * planar loop.
 */
export function planarFromSystem(createSystem: (context: SystemContext) => Stepper) {
  return (context: MethodContext): Stepper => {
    const w = context.walkers
    const s = new StateWalkers(w.n, 2)
    const copyIn = () => {
      for (let i = 0; i < w.n; i++) {
        s.q[2 * i] = w.x[i]!
        s.q[2 * i + 1] = w.y[i]!
        s.v[2 * i] = w.vx[i]!
        s.v[2 * i + 1] = w.vy[i]!
        s.g[2 * i] = w.gx[i]!
        s.g[2 * i + 1] = w.gy[i]!
      }
      s.u.set(w.u)
      s.status.set(w.status)
      s.frozen.set(w.frozen)
    }
    copyIn()
    const inner = createSystem({ ...context, system: planeSystem(context.surface), walkers: s })
    return {
      step(t) {
        copyIn()
        inner.step(t)
        for (let i = 0; i < w.n; i++) {
          w.x[i] = s.q[2 * i]!
          w.y[i] = s.q[2 * i + 1]!
          w.vx[i] = s.v[2 * i]!
          w.vy[i] = s.v[2 * i + 1]!
          w.gx[i] = s.g[2 * i]!
          w.gy[i] = s.g[2 * i + 1]!
        }
        w.u.set(s.u)
      },
      extras: inner.extras,
      counts: inner.counts,
      units: inner.units,
      unit: inner.unit,
    }
  }
}
