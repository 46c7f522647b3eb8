import { describe, expect, it } from 'vitest'
import { portableMath as pm } from '../portable-math'
import { RandomStream } from '../random'
import type { System } from '../system'
import {
  deepLinearStart,
  deepLinearSystem,
  plateauLength,
  saxeHvp,
  saxeStepsTo,
  saxeSystem,
  saxeTrajectory,
  type DeepLinearSpec,
} from './deep-linear'
import { extremeEigenvalues, finiteDifferenceHvp, hessianIndex, lanczos } from './lanczos'

/**
 * max_k |g_k - g_num_k| / max(|g_k + g_num_k|, floor) for central differences with h = 1e-5: for these polynomial
 * energies of O(1) weights the truncation h^2 f'''/6 is about 1e-11 and the rounding eps |L| / h about 1e-11.
 */
function gradientError(system: System, q: Float64Array, floor = 1e-3): number {
  const h = 1e-5
  const g = new Float64Array(system.dim)
  system.gradient(q, g)
  let worst = 0
  for (let k = 0; k < system.dim; k++) {
    const x = q[k]!
    q[k] = x + h
    const ep = system.energy(q)
    q[k] = x - h
    const em = system.energy(q)
    q[k] = x
    const num = (ep - em) / (2 * h)
    worst = Math.max(worst, Math.abs(g[k]! - num) / Math.max(Math.abs(g[k]! + num), floor))
  }
  return worst
}

/** Gradient-descent steps of `system` from q (changed in place) until `done(q)`. */
function stepsUntil(system: System, q: Float64Array, eta: number, done: (q: Float64Array) => boolean, max = 1e6) {
  const g = new Float64Array(system.dim)
  let t = 0
  while (!done(q)) {
    if (t >= max) throw new Error('no convergence')
    system.gradient(q, g)
    for (let k = 0; k < q.length; k++) q[k] = q[k]! - eta * g[k]!
    t++
  }
  return t
}

/** GD on L(a, b) = (s - ab)^2 / 2 from a = b = sqrt(u0): steps to u = ab >= uf. */
const saxeSteps = (s: number, u0: number, uf: number, eta: number) =>
  stepsUntil(saxeSystem(s), new Float64Array([Math.sqrt(u0), Math.sqrt(u0)]), eta, (q) => q[0]! * q[1]! >= uf)

/**
 * The interval the discrete steps n to u_f must lie in, given the continuous time t_f. With a = b the step is
 * u' = u (1 + x)^2, x = eta (s - u); the flow du/dt = 2 eta u (s - u) needs, from u to u', at least
 * ln(u'/u) / (2 eta (s - u)) = ln(1 + x)/x >= rho = ln(1 + eta s)/(eta s) of time (s - u only shrinks on the way).
 * So the flow's time after n - 1 steps is >= (n - 1) rho and < t_f: n < t_f / rho + 1 (rigorous). The other way,
 * a step does not outrun the flow while u < s/3 (there a(t) is convex and Euler lags it); past s/3 (the last
 * ~1/(eta s) steps) each step gains at most ~eta s of time: n >= t_f - 2.
 */
function stepsInterval(s: number, u0: number, uf: number, eta: number): [number, number] {
  const tf = saxeStepsTo(s, u0, uf, eta)
  const rho = pm.log(1 + eta * s) / (eta * s)
  return [tf - 2, tf / rho + 1]
}

describe('the simplest deep linear network, L(a, b) = (s - ab)^2 / 2', () => {
  it('has the analytic gradient', () => {
    const rng = new RandomStream(1)
    for (let t = 0; t < 20; t++) {
      const q = new Float64Array([2 * rng.normal(), 2 * rng.normal()])
      expect(gradientError(saxeSystem(1.3), q)).toBeLessThan(1e-8)
    }
  })

  it('gradient descent from a = b = sqrt(u0) reaches u = s/2 within 1% of the formula (347 vs 345)', () => {
    const n = saxeSteps(1, 1e-3, 0.5, 0.01)
    const tf = saxeStepsTo(1, 1e-3, 0.5, 0.01)
    expect(n).toBe(347)
    expect(tf).toBeCloseTo(345.34, 2)
    expect(Math.abs(n / tf - 1)).toBeLessThan(0.01)
    const [lo, hi] = stepsInterval(1, 1e-3, 0.5, 0.01)
    expect(n).toBeGreaterThanOrEqual(lo)
    expect(n).toBeLessThanOrEqual(hi)
    // u(t_f) = u_f, and u(0) = u0.
    expect(saxeTrajectory(1, 1e-3, 0.01, tf)).toBeCloseTo(0.5, 12)
    expect(saxeTrajectory(1, 1e-3, 0.01, 0)).toBeCloseTo(1e-3, 15)
    expect(saxeTrajectory(1, 1e-3, 0.01, 1e6)).toBe(1)
  })

  it('the plateau lasts ln(s/u0)/(2 eta s) steps across u0 = 1e-2..1e-6 and s = 0.5..2', () => {
    const eta = 0.01
    const rows: string[] = []
    let worst = 0
    for (const s of [0.5, 1, 2])
      for (const u0 of [1e-2, 1e-3, 1e-4, 1e-6]) {
        const n = saxeSteps(s, u0, s / 2, eta)
        const [lo, hi] = stepsInterval(s, u0, s / 2, eta)
        expect(n).toBeGreaterThanOrEqual(lo)
        expect(n).toBeLessThanOrEqual(hi)
        // plateauLength drops the ln(1 - u0/s)/(2 eta s) of the exact formula: allow that too.
        const p = plateauLength(s, u0, eta)
        const shift = Math.abs(pm.log(1 - u0 / s)) / (2 * eta * s)
        expect(n).toBeGreaterThanOrEqual(lo - shift)
        expect(n).toBeLessThanOrEqual(Math.max(hi, p / (pm.log(1 + eta * s) / (eta * s)) + 1))
        worst = Math.max(worst, Math.abs(n / p - 1))
        rows.push(`s ${s} u0 ${u0}: ${n} vs ${p.toFixed(1)}`)
      }
    console.log(`GD steps to s/2 vs plateau ln(s/u0)/(2 eta s): ${rows.join('; ')}; worst relative ${worst.toFixed(4)}`)
    // The discrete steps run slower than the flow by at most 1/rho - 1 = eta s / 2 = 1% at eta s = 0.02.
    expect(worst).toBeLessThan(0.015)
  })

  it('at the saddle (0, 0) the smallest Hessian eigenvalue is -s, along (1, 1)/sqrt 2', () => {
    const s = 1.5
    const origin = new Float64Array(2)
    for (const hvp of [saxeHvp(s, origin), finiteDifferenceHvp(saxeSystem(s), origin)]) {
      const e = extremeEigenvalues(hvp, 2, { steps: 2, seed: 3 })
      expect(e.min).toBeCloseTo(-s, 9)
      expect(e.max).toBeCloseTo(s, 9)
      // Up to sign: L(eps, eps) = (s - eps^2)^2 / 2 falls, so a = b is the way down, not (1, -1).
      expect(Math.abs(e.minVector[0]! * Math.SQRT1_2 + e.minVector[1]! * Math.SQRT1_2)).toBeCloseTo(1, 9)
      expect(Math.abs(e.maxVector[0]! * Math.SQRT1_2 - e.maxVector[1]! * Math.SQRT1_2)).toBeCloseTo(1, 9)
    }
    expect(hessianIndex(saxeHvp(s, origin), 2).negative).toBe(1)
    // On the valley ab = s: a minimum (zero curvature along the hyperbola).
    expect(hessianIndex(saxeHvp(s, [1, 1.5]), 2).negative).toBe(0)
  })
})

describe('a deep linear network R^4 -> R^6 -> R^4', () => {
  const spec: DeepLinearSpec = { strengths: [3, 1.5, 0.75], inputs: 4, hidden: 6, outputs: 4 }

  it('has the analytic gradient', () => {
    const net = deepLinearSystem(spec)
    expect(net.dim).toBe(48)
    expect(net.coordinate(0)).toBe('W1[0,0]')
    expect(net.coordinate(24 + 7)).toBe('W2[1,1]')
    const rng = new RandomStream(2)
    for (let t = 0; t < 5; t++) {
      const q = Float64Array.from({ length: 48 }, () => rng.normal())
      // |L| ~ 100 here: rounding eps |L| / h ~ 2e-9 absolute; 1e-7 relative is the usual "good" (CS231n).
      expect(gradientError(net, q)).toBeLessThan(1e-7)
      // The R-operator HVP agrees with central differences of the gradient (h = 1e-5: ~1e-10 |H|).
      const v = Float64Array.from({ length: 48 }, () => rng.normal() / Math.sqrt(48))
      const exact = new Float64Array(48)
      const approx = new Float64Array(48)
      net.hvp(q)(v, exact)
      finiteDifferenceHvp(net, q)(v, approx)
      let diff = 0
      let size = 0
      for (let k = 0; k < 48; k++) {
        diff = Math.max(diff, Math.abs(exact[k]! - approx[k]!))
        size = Math.max(size, Math.abs(exact[k]!))
      }
      expect(diff / size).toBeLessThan(1e-8)
    }
  })

  it('learns its modes one after another, strongest first, each after its plateau', () => {
    const eta = 0.01
    const u0 = 1e-3
    for (const kind of ['random', 'balanced'] as const) {
      const net = deepLinearSystem(spec)
      const q = deepLinearStart(spec, u0, 5, kind)
      const learnt = [-1, -1, -1]
      const g = new Float64Array(net.dim)
      for (let t = 0; learnt.includes(-1); t++) {
        for (let k = 0; k < 3; k++)
          if (learnt[k] === -1 && net.modeStrength(q, k) >= spec.strengths[k]! / 2) learnt[k] = t
        net.gradient(q, g)
        for (let i = 0; i < q.length; i++) q[i] = q[i]! - eta * g[i]!
        if (t > 1e5) throw new Error('not learnt')
      }
      console.log(`${kind} start: modes of strength 3, 1.5, 0.75 reach half strength at steps ${learnt.join(', ')}`)
      expect(learnt[0]!).toBeLessThan(learnt[1]!)
      expect(learnt[1]!).toBeLessThan(learnt[2]!)
      if (kind === 'balanced')
        // Decoupled: each mode is the one-mode problem, step for step.
        for (let k = 0; k < 3; k++) {
          const s = spec.strengths[k]!
          expect(Math.abs(learnt[k]! - saxeSteps(s, u0, s / 2, eta))).toBeLessThanOrEqual(1)
          const [lo, hi] = stepsInterval(s, u0, s / 2, eta)
          expect(learnt[k]!).toBeGreaterThanOrEqual(lo)
          expect(learnt[k]!).toBeLessThanOrEqual(hi)
        }
      else
        // Random signs and sizes of the initial strengths move each time by ln(factor)/(2 eta s): loosely the plateau.
        for (let k = 0; k < 3; k++) {
          const p = plateauLength(spec.strengths[k]!, u0, eta)
          expect(learnt[k]!).toBeGreaterThan(0.5 * p)
          expect(learnt[k]!).toBeLessThan(1.5 * p)
        }
    }
  })

  it('at W = 0 the Hessian has eigenvalues +-s_k (6-fold) and 0: index 18, Lanczos breaks down after 7 steps', () => {
    const net = deepLinearSystem(spec)
    const hvp = net.hvp(new Float64Array(net.dim))
    const r = lanczos(hvp, net.dim, 30, new RandomStream(6))
    expect(r.breakdown).toBe(true)
    expect(r.steps).toBe(7)
    const expected = [-3, -1.5, -0.75, 0, 0.75, 1.5, 3]
    for (let k = 0; k < 7; k++) expect(Math.abs(r.values[k]! - expected[k]!)).toBeLessThan(1e-8)
    expect(hessianIndex(hvp, net.dim).negative).toBe(18)
    // The same by central differences of the gradient (errors ~1e-10, far below the 1e-6 relative threshold).
    expect(hessianIndex(finiteDifferenceHvp(net, new Float64Array(net.dim)), net.dim).negative).toBe(18)
  })

  it('rejects shapes that cannot hold the modes', () => {
    expect(() => deepLinearSystem({ strengths: [1, 1, 1], inputs: 2, hidden: 3, outputs: 3 })).toThrow(/strengths/)
    expect(() => deepLinearStart({ strengths: [1, 1], inputs: 2, hidden: 1, outputs: 2 }, 1e-3, 1, 'balanced')).toThrow(
      /hidden/,
    )
    expect(() => saxeStepsTo(1, 1e-3, 1, 0.01)).toThrow(/u_f/)
  })
})
