import type { MethodDescriptor } from '../method'
import { num } from '../params'
import { clipFactor, learningRate } from '../schedules'
import { clipFactorOf, isStoppedState } from '../state-steps'
import { isStopped, moveTo, optimizerParams } from './common'

/** Armijo's sufficient-decrease constant (Nocedal & Wright, eq. 3.4, their suggested 1e-4). */
const ARMIJO = 1e-4

/**
 * L-BFGS (Liu & Nocedal 1989): d = -H_k g from the two-loop recursion over the last
 * `memory` pairs s = x_{k+1} - x_k, y = g_{k+1} - g_k, with H_0 = (s.y / y.y) I from the
 * newest pair (Nocedal & Wright, Algorithm 7.4). Then a backtracking Armijo line search:
 * try x + alpha d with alpha = lr (alpha = lr min(1, 1/|d|) while the memory is empty, as
 * scipy's first step), and while U(x + alpha d) > U(x) + 1e-4 alpha g.d shrink alpha to the
 * minimiser of the quadratic through U(x), g.d and the trial value, kept within
 * [0.1, 0.5] alpha. Each trial evaluates U only; the gradient is evaluated once, at the
 * accepted point. A pair with s.y <= 0 would make H_k indefinite and is not stored.
 * If no trial passes in maxLineSearch evaluations the walker stays put and its memory is
 * cleared (the next step is steepest descent). A walker whose largest gradient component
 * is at most gtol has converged (scipy's pgtol test) and stays put.
 * Clipping scales the search direction; the stored pairs use the true gradients.
 */
export const lbfgs: MethodDescriptor = {
  id: 'lbfgs',
  family: 'optimizer',
  name: 'L-BFGS',
  summary:
    'Builds a curvature estimate from its last few steps and searches along that direction until U drops: ' +
    'reaches a minimum in tens of steps, but like gradient descent stops in the first one it finds',
  reference: 'Liu & Nocedal, Math. Program. 45:503 (1989); defaults as scipy.optimize.minimize(method="L-BFGS-B")',
  params: optimizerParams(1, [
    {
      kind: 'number',
      name: 'memory',
      label: 'memory',
      default: 10,
      min: 1,
      max: 20,
      scale: 'linear',
      integer: true,
      unit: 'pairs',
      help: 'How many recent steps (and gradient changes) the curvature estimate remembers',
    },
    {
      kind: 'number',
      name: 'gtol',
      label: 'gradient tolerance',
      default: 1e-5,
      min: 0,
      max: 1e6,
      scale: 'log',
      unit: 'energy/length',
      help: 'The walker stops once every gradient component is at most this',
    },
    {
      kind: 'number',
      name: 'maxLineSearch',
      label: 'line-search evaluations',
      default: 20,
      min: 1,
      max: 100,
      scale: 'linear',
      integer: true,
      unit: 'evaluations',
      help: 'Most values of U tried per step before giving up and clearing the memory',
    },
  ]),
  velocities: false,
  physicalTime: false,
  create({ surface, walkers: w, settings }) {
    const m = num(settings, 'memory')
    const gtol = num(settings, 'gtol')
    const maxLineSearch = num(settings, 'maxLineSearch')
    const clip = num(settings, 'clip')
    // Pair j of walker i at [(i m + j) 2, +2): a ring buffer, head = the next slot to write.
    const s = new Float64Array(w.n * m * 2)
    const y = new Float64Array(w.n * m * 2)
    const rho = new Float64Array(w.n * m)
    const count = new Int32Array(w.n)
    const head = new Int32Array(w.n)
    const a = new Float64Array(m)
    const g = new Float64Array(2)

    return {
      step(t) {
        const lr = learningRate(settings, t)
        for (let i = 0; i < w.n; i++) {
          if (isStopped(w, i)) continue
          const g0x = w.gx[i]!
          const g0y = w.gy[i]!
          if (Math.max(Math.abs(g0x), Math.abs(g0y)) <= gtol) continue
          // Two-loop recursion: r = H_k g.
          let qx = g0x
          let qy = g0y
          const n = count[i]!
          for (let k = 0; k < n; k++) {
            const j = i * m + ((head[i]! - 1 - k + m) % m)
            a[k] = rho[j]! * (s[2 * j]! * qx + s[2 * j + 1]! * qy)
            qx -= a[k]! * y[2 * j]!
            qy -= a[k]! * y[2 * j + 1]!
          }
          if (n > 0) {
            const j = i * m + ((head[i]! - 1 + m) % m)
            const gamma = 1 / (rho[j]! * (y[2 * j]! * y[2 * j]! + y[2 * j + 1]! * y[2 * j + 1]!))
            qx *= gamma
            qy *= gamma
          }
          for (let k = n - 1; k >= 0; k--) {
            const j = i * m + ((head[i]! - 1 - k + m) % m)
            const beta = rho[j]! * (y[2 * j]! * qx + y[2 * j + 1]! * qy)
            qx += (a[k]! - beta) * s[2 * j]!
            qy += (a[k]! - beta) * s[2 * j + 1]!
          }
          const c = clipFactor(g0x, g0y, clip)
          const dx = -c * qx
          const dy = -c * qy
          const slope = g0x * dx + g0y * dy
          // H_k is positive definite (only pairs with s.y > 0 are kept), so this is a guard against rounding.
          if (!(slope < 0)) {
            count[i] = 0
            continue
          }
          const x0 = w.x[i]!
          const y0 = w.y[i]!
          const u0 = w.u[i]!
          let alpha = n === 0 ? lr * Math.min(1, 1 / Math.sqrt(dx * dx + dy * dy)) : lr
          let accepted = false
          for (let e = 0; e < maxLineSearch; e++) {
            const u = surface.value(x0 + alpha * dx, y0 + alpha * dy)
            if (u <= u0 + ARMIJO * alpha * slope) {
              accepted = true
              break
            }
            const fit = (-slope * alpha * alpha) / (2 * (u - u0 - slope * alpha))
            // A NaN fit (U not finite at the trial) fails both tests and halves alpha.
            alpha = fit >= 0.1 * alpha ? Math.min(fit, 0.5 * alpha) : fit < 0.1 * alpha ? 0.1 * alpha : 0.5 * alpha
          }
          if (!accepted) {
            count[i] = 0
            continue
          }
          moveTo(surface, w, i, x0 + alpha * dx, y0 + alpha * dy, g)
          const sx = w.x[i]! - x0
          const sy = w.y[i]! - y0
          const yx = g[0]! - g0x
          const yy = g[1]! - g0y
          const sDotY = sx * yx + sy * yy
          if (!(sDotY > Number.EPSILON * (yx * yx + yy * yy))) continue
          const j = i * m + head[i]!
          s[2 * j] = sx
          s[2 * j + 1] = sy
          y[2 * j] = yx
          y[2 * j + 1] = yy
          rho[j] = 1 / sDotY
          head[i] = (head[i]! + 1) % m
          count[i] = Math.min(n + 1, m)
        }
      },
    }
  } /** The same algorithm on state vectors: every dot product summed over the coordinates in order. */,
  createSystem({ system, walkers: w, settings }) {
    const m = num(settings, 'memory')
    const gtol = num(settings, 'gtol')
    const maxLineSearch = num(settings, 'maxLineSearch')
    const clip = num(settings, 'clip')
    const d = w.dim
    // Pair j of walker i at [(i m + j) d, +d): a ring buffer, head = the next slot to write.
    const s = new Float64Array(w.n * m * d)
    const y = new Float64Array(w.n * m * d)
    const rho = new Float64Array(w.n * m)
    const count = new Int32Array(w.n)
    const head = new Int32Array(w.n)
    const a = new Float64Array(m)
    const r = new Float64Array(d)
    const dir = new Float64Array(d)
    const q0 = new Float64Array(d)
    const g0 = new Float64Array(d)
    const trial = new Float64Array(d)
    const dot = (u: Float64Array, at: number, v: Float64Array) => {
      let sum = 0
      for (let k = 0; k < d; k++) sum += u[at + k]! * v[k]!
      return sum
    }
    return {
      step(t) {
        const lr = learningRate(settings, t)
        for (let i = 0; i < w.n; i++) {
          if (isStoppedState(w, i)) continue
          const q = w.qs[i]!
          const g = w.gs[i]!
          let largest = 0
          for (let k = 0; k < d; k++) largest = Math.max(largest, Math.abs(g[k]!))
          if (largest <= gtol) continue
          // Two-loop recursion: r = H_k g.
          r.set(g)
          const n = count[i]!
          for (let k = 0; k < n; k++) {
            const j = i * m + ((head[i]! - 1 - k + m) % m)
            a[k] = rho[j]! * dot(s, j * d, r)
            for (let c = 0; c < d; c++) r[c] = r[c]! - a[k]! * y[j * d + c]!
          }
          if (n > 0) {
            const j = i * m + ((head[i]! - 1 + m) % m)
            let yy = 0
            for (let c = 0; c < d; c++) yy += y[j * d + c]! * y[j * d + c]!
            const gamma = 1 / (rho[j]! * yy)
            for (let c = 0; c < d; c++) r[c] = r[c]! * gamma
          }
          for (let k = n - 1; k >= 0; k--) {
            const j = i * m + ((head[i]! - 1 - k + m) % m)
            const beta = rho[j]! * dot(y, j * d, r)
            for (let c = 0; c < d; c++) r[c] = r[c]! + (a[k]! - beta) * s[j * d + c]!
          }
          const cf = clipFactorOf(g, d, clip)
          let slope = 0
          let length2 = 0
          for (let c = 0; c < d; c++) {
            dir[c] = -cf * r[c]!
            slope += g[c]! * dir[c]!
            length2 += dir[c]! * dir[c]!
          }
          if (!(slope < 0)) {
            count[i] = 0
            continue
          }
          q0.set(q)
          g0.set(g)
          const u0 = w.u[i]!
          let alpha = n === 0 ? lr * Math.min(1, 1 / Math.sqrt(length2)) : lr
          let accepted = false
          for (let e = 0; e < maxLineSearch; e++) {
            for (let c = 0; c < d; c++) trial[c] = q0[c]! + alpha * dir[c]!
            const u = system.energy(trial)
            if (u <= u0 + ARMIJO * alpha * slope) {
              accepted = true
              break
            }
            const fit = (-slope * alpha * alpha) / (2 * (u - u0 - slope * alpha))
            alpha = fit >= 0.1 * alpha ? Math.min(fit, 0.5 * alpha) : fit < 0.1 * alpha ? 0.1 * alpha : 0.5 * alpha
          }
          if (!accepted) {
            count[i] = 0
            continue
          }
          for (let c = 0; c < d; c++) q[c] = q0[c]! + alpha * dir[c]!
          w.u[i] = system.gradient(q, g)
          // The new pair, in scratch (trial and r are free now) until it is known to be kept:
          // with a full memory the head slot still holds the oldest pair in use.
          let sDotY = 0
          let yy = 0
          for (let c = 0; c < d; c++) {
            trial[c] = q[c]! - q0[c]!
            r[c] = g[c]! - g0[c]!
            sDotY += trial[c]! * r[c]!
            yy += r[c]! * r[c]!
          }
          if (!(sDotY > Number.EPSILON * yy)) continue
          const j = i * m + head[i]!
          s.set(trial, j * d)
          y.set(r, j * d)
          rho[j] = 1 / sDotY
          head[i] = (head[i]! + 1) % m
          count[i] = Math.min(n + 1, m)
        }
      },
    }
  },
}
