import { describe, expect, it } from 'vitest'
import { atlas } from '../../testing/test-lane'
import { methodById } from '../dynamics/methods'
import { statusScales } from '../landscape/scales'
import { basinMap } from '../landscape/basins'
import { criticalPoints } from '../landscape/critical'
import { connectSaddles } from '../landscape/saddles'
import { temperatureSweep } from './sweep'
import { firstPassageTime, poissonInterval } from './transitions'

/**
 * Mean first-passage times against the exact answer. For overdamped Langevin
 * dq = -grad U dt + sqrt(2 kT) dW the mean time T(q) to reach a set B solves the
 * backward Kolmogorov equation kT lap T - grad U . grad T = -1 off B, T = 0 on B
 * (Gardiner, "Stochastic Methods", sec. 6.4; Pavliotis, "Stochastic Processes and
 * Applications", sec. 7.3), with T's normal derivative 0 on a far boundary the
 * walkers practically never reach. In divergence form, kT exp(U/kT) div(exp(-U/kT)
 * grad T) = -1, whose finite-volume discretization (face weights exp(-U/kT) at the
 * face centres) is a symmetric positive-definite system, solved by conjugate
 * gradients with a diagonal preconditioner.
 */
function exactMfpt(
  U: (x: number, y: number) => number,
  inTarget: (x: number, y: number) => boolean,
  kT: number,
  h: number,
  box: { x0: number; x1: number; y0: number; y1: number },
) {
  const nx = Math.round((box.x1 - box.x0) / h) + 1
  const ny = Math.round((box.y1 - box.y0) / h) + 1
  const n = nx * ny
  const X = (i: number) => box.x0 + i * h
  const Y = (j: number) => box.y0 + j * h
  const fixed = new Uint8Array(n)
  const rhs = new Float64Array(n)
  const east = new Float64Array(n)
  const north = new Float64Array(n)
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const k = j * nx + i
      fixed[k] = inTarget(X(i), Y(j)) ? 1 : 0
      rhs[k] = fixed[k] ? 0 : Math.exp(-U(X(i), Y(j)) / kT)
      if (i + 1 < nx) east[k] = (kT * Math.exp(-U(X(i) + h / 2, Y(j)) / kT)) / (h * h)
      if (j + 1 < ny) north[k] = (kT * Math.exp(-U(X(i), Y(j) + h / 2) / kT)) / (h * h)
    }
  }
  // (A t)_k = sum over faces of w (t_k - t_neighbour) on free nodes, t_k on fixed ones (kept at 0).
  const apply = (t: Float64Array, out: Float64Array) => {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        const k = j * nx + i
        if (fixed[k]) {
          out[k] = t[k]
          continue
        }
        let s = 0
        if (i + 1 < nx) s += east[k] * (t[k] - (fixed[k + 1] ? 0 : t[k + 1]))
        if (i > 0) s += east[k - 1] * (t[k] - (fixed[k - 1] ? 0 : t[k - 1]))
        if (j + 1 < ny) s += north[k] * (t[k] - (fixed[k + nx] ? 0 : t[k + nx]))
        if (j > 0) s += north[k - nx] * (t[k] - (fixed[k - nx] ? 0 : t[k - nx]))
        out[k] = s
      }
    }
  }
  const diagonal = new Float64Array(n)
  for (let k = 0; k < n; k++) {
    const i = k % nx
    diagonal[k] = fixed[k]
      ? 1
      : (i + 1 < nx ? east[k] : 0) +
        (i > 0 ? east[k - 1] : 0) +
        (k + nx < n ? north[k] : 0) +
        (k >= nx ? north[k - nx] : 0)
  }
  const t = new Float64Array(n)
  const r = Float64Array.from(rhs)
  const z = Float64Array.from(r, (v, k) => v / diagonal[k])
  const p = Float64Array.from(z)
  const q = new Float64Array(n)
  let rz = r.reduce((a, v, k) => a + v * z[k], 0)
  const tolerance = 1e-12 * Math.sqrt(rhs.reduce((a, v) => a + v * v, 0))
  for (let iteration = 0; iteration < 20_000; iteration++) {
    apply(p, q)
    const alpha = rz / p.reduce((a, v, k) => a + v * q[k], 0)
    let rr = 0
    for (let k = 0; k < n; k++) {
      t[k] += alpha * p[k]
      r[k] -= alpha * q[k]
      rr += r[k] * r[k]
    }
    if (Math.sqrt(rr) < tolerance) break
    let next = 0
    for (let k = 0; k < n; k++) {
      z[k] = r[k] / diagonal[k]
      next += r[k] * z[k]
    }
    const beta = next / rz
    rz = next
    for (let k = 0; k < n; k++) p[k] = z[k] + beta * p[k]
  }
  return (x: number, y: number) => {
    const fi = (x - box.x0) / h
    const fj = (y - box.y0) / h
    const i = Math.floor(fi)
    const j = Math.floor(fj)
    const a = fi - i
    const b = fj - j
    const k = j * nx + i
    return (1 - a) * (1 - b) * t[k] + a * (1 - b) * t[k + 1] + (1 - a) * b * t[k + nx] + a * b * t[k + nx + 1]
  }
}

describe('mean first-passage times on the double well, overdamped Langevin at kT = 0.25', () => {
  const { surface } = atlas('double-well')
  const points = criticalPoints(surface)
  const landscape = connectSaddles(surface, points)
  const map = basinMap(surface, points, 200)
  const kT = 0.25
  // The sweep's event: from committing to the core of the left well (U <= 0.5, half the barrier) to reaching
  // the core of the right one. The walkers start at the left minimum (-1, 0); later passages start where a walker
  // coming back over the saddle enters the left core, mostly near its inner edge (-0.54, 0), where a walker may
  // still fall back over the barrier at once: T there is about 3% lower. The exact answer is the range of T over
  // the start and the core's edge; the measured interval must meet it.
  const U = (x: number, y: number) => (x * x - 1) ** 2 + y * y
  const T = exactMfpt(U, (x, y) => x > 0 && U(x, y) <= 0.5, kT, 0.02, { x0: -2.2, x1: 2.2, y0: -1.6, y1: 1.6 })
  const edge = Array.from({ length: 360 }, (_, a) => {
    const angle = (a * Math.PI) / 180
    return T(-Math.sqrt(1 + Math.SQRT1_2 * Math.cos(angle)), Math.SQRT1_2 * Math.sin(angle))
  })
  const exact = { low: Math.min(T(-1, 0), ...edge), high: Math.max(T(-1, 0), ...edge), start: T(-1, 0) }
  const left = landscape.minima.findIndex((m) => m.x < 0)

  const sweep = (walkers: number, steps: number) => {
    const r = temperatureSweep({
      surface,
      landscape,
      map,
      scales: statusScales(surface, points),
      method: methodById('overdamped')!,
      settings: { dt: 0.004, gamma: 1 },
      kTs: [kT],
      walkers,
      steps,
      burnin: 0,
      seed: 5,
      from: left,
      to: 1 - left,
    })
    if ('error' in r) throw new Error(r.error.message)
    return r.rates[0]
  }

  it("the exact answer: about 67 from the minimum, under the 1D quadrature's 69.26 to reach x = +1", () => {
    console.log(
      `exact MFPT: ${exact.start.toFixed(2)} from (-1, 0), ` +
        `${exact.low.toFixed(2)} - ${exact.high.toFixed(2)} over the start and the core's edge`,
    )
    // The 1D quadrature gives 69.26 to reach x = +1; the core of the right well begins at x = 0.54, so a little less.
    expect(exact.start).toBeGreaterThan(65)
    expect(exact.start).toBeLessThan(69.26)
    expect(exact.high - exact.low).toBeLessThan(0.04 * exact.start)
  })

  it('a long run: the 95% interval meets the exact answer and is no wider than ±10%', () => {
    // 300 walkers x 50,000 steps of dt = 0.004: 200 time units each, about three mean passages; Euler-Maruyama's
    // bias at h lambda_max / 2 = 1.6% is well inside the interval.
    const r = sweep(300, 50_000)
    console.log(
      `long run: ${r.passages} passages (${r.censored} under way), ` +
        `MFPT ${r.mfpt.toFixed(2)} [${r.mfptLow.toFixed(2)}, ${r.mfptHigh.toFixed(2)}]`,
    )
    expect(r.mfptLow).toBeLessThanOrEqual(exact.high)
    expect(r.mfptHigh).toBeGreaterThanOrEqual(exact.low)
    expect(r.mfptHigh / r.mfpt - 1).toBeLessThanOrEqual(0.1)
    expect(1 - r.mfptLow / r.mfpt).toBeLessThanOrEqual(0.1)
    // On two basins the time at risk is the time committed to the left well: the MFPT is 1/rate.
    expect(r.mfpt).toBeCloseTo(1 / r.rate, 6)
  }, 60_000)

  it('a run shorter than the MFPT (40 time units) still covers it: the passages under way are counted', () => {
    // Every completed passage here is shorter than the run, so their plain mean is under 40, far below the exact
    // 67: the estimate must come from the passages under way, which outnumber the completed ones.
    const r = sweep(1000, 10_000)
    console.log(
      `short run: ${r.passages} passages (${r.censored} under way), ` +
        `MFPT ${r.mfpt.toFixed(2)} [${r.mfptLow.toFixed(2)}, ${r.mfptHigh.toFixed(2)}]`,
    )
    expect(r.censored).toBeGreaterThan(r.passages / 2)
    expect(r.mfptLow).toBeLessThanOrEqual(exact.high)
    expect(r.mfptHigh).toBeGreaterThanOrEqual(exact.low)
    expect(r.mfptHigh / r.mfpt - 1).toBeLessThanOrEqual(0.1)
    expect(r.mfpt).toBeGreaterThan(40)
  }, 60_000)
})

describe('firstPassageTime', () => {
  it('is time at risk over completed passages, with the Poisson (Garwood) interval turned into times', () => {
    const [low, high] = poissonInterval(10)
    expect(firstPassageTime(10, 500)).toEqual({ mean: 50, low: 500 / high, high: 500 / low })
    // One passage in 1 unit of time at risk: tau in [1 / 5.5716, 1 / 0.025318] (Garwood's n = 1 limits).
    const one = firstPassageTime(1, 1)
    expect(one.low).toBeCloseTo(1 / 5.5716, 3)
    expect(one.high).toBeCloseTo(1 / 0.025318, 1)
  })

  it('with no completed passage gives no mean but a 95% lower bound, exposure / 3.689', () => {
    const none = firstPassageTime(0, 100)
    expect(none.mean).toBeNaN()
    expect(none.low).toBeCloseTo(100 / 3.6889, 3)
    expect(none.high).toBe(Infinity)
  })
})
