import { integratedTime } from '../core/studies/autocorrelation'
import { symmetricEigen } from '../core/landscape/eigen'
import { atlasSurface } from '../core/surfaces'
import type { Lane } from '../core/dynamics/lane'
import { atlas } from './test-lane'
import type { SamplingResult } from './sampling'

/**
 * Support for the tests of the Monte Carlo samplers and the ways across barriers
 * (test code only; lanes come from optimizers/test-lane.ts): step sizes from the
 * curvature, the reproducibility and cache checks, and exact second moments on the
 * double well, a sharper check than the histogram.
 */

/**
 * The Hessian eigenvalues (smaller first) at a surface's deepest known minimum:
 * the curvatures the tests derive step sizes from.
 */
export function deepestCurvatures(id: string): [number, number] {
  const entry = atlasSurface(id)
  if (!entry) throw new Error(`no atlas surface ${id}`)
  const minima = entry.points.filter((p) => p.kind === 'minimum')
  const deepest = minima.reduce((a, b) => (b.value < a.value ? b : a))
  const h = new Float64Array(3)
  const eigen = new Float64Array(4)
  atlas(id).surface.hessian(deepest.x, deepest.y, h)
  symmetricEigen(h[0], h[1], h[2], eigen)
  return [eigen[0], eigen[1]]
}

/** The bit patterns of every walker's x and y: equal arrays mean bit-identical positions. */
export function positionBits(lane: Lane): number[] {
  const w = lane.walkers
  return [...new Uint32Array(Float64Array.from(w.x).buffer), ...new Uint32Array(Float64Array.from(w.y).buffer)]
}

/** Positions after `steps` steps advanced one call per step, and in one call, from two identical lanes. */
export function splitRuns(make: () => Lane, steps: number): { stepwise: Lane; whole: Lane } {
  const stepwise = make()
  for (let t = 0; t < steps; t++) stepwise.advance(1)
  const whole = make()
  whole.advance(steps)
  return { stepwise, whole }
}

/** The largest difference between the walkers' cached U and gradient and the surface's own at their positions. */
export function cacheError(lane: Lane): number {
  const w = lane.walkers
  const g = new Float64Array(2)
  let worst = 0
  for (let i = 0; i < w.n; i++) {
    const u = lane.surface.gradient(w.x[i], w.y[i], g)
    worst = Math.max(worst, Math.abs(u - w.u[i]), Math.abs(g[0] - w.gx[i]), Math.abs(g[1] - w.gy[i]))
  }
  return worst
}

export interface Estimate {
  mean: number
  /** Standard error: sd / sqrt(N_eff), N_eff = N / (2 tau). */
  error: number
  tau: number
}

/** Sample means of x^2 and y^2 over every walker and step, with tau from `chains` walkers' series. */
export function secondMoments(lane: Lane, steps: number, chains = 16): { x2: Estimate; y2: Estimate } {
  const w = lane.walkers
  const k = Math.min(chains, w.n)
  const series = { x2: chainsOf(k, steps), y2: chainsOf(k, steps) }
  const sums = { x2: [0, 0], y2: [0, 0] }
  for (let t = 0; t < steps; t++) {
    lane.advance(1)
    for (let i = 0; i < w.n; i++) {
      const x2 = w.x[i] * w.x[i]
      const y2 = w.y[i] * w.y[i]
      sums.x2[0] += x2
      sums.x2[1] += x2 * x2
      sums.y2[0] += y2
      sums.y2[1] += y2 * y2
      if (i < k) {
        series.x2[i][t] = x2
        series.y2[i][t] = y2
      }
    }
  }
  const n = w.n * steps
  const estimate = (s: number[], chain: Float64Array[]): Estimate => {
    const mean = s[0] / n
    const tau = integratedTime(chain)
    return { mean, error: Math.sqrt(((s[1] / n - mean * mean) * 2 * tau) / n), tau }
  }
  return { x2: estimate(sums.x2, series.x2), y2: estimate(sums.y2, series.y2) }
}

function chainsOf(count: number, length: number): Float64Array[] {
  return Array.from({ length: count }, () => new Float64Array(length))
}

/**
 * Exact <x^2> and <y^2> of exp(-U/kT) on the whole plane for the double well
 * U = (x^2 - 1)^2 + y^2: it separates, y is N(0, kT/2) exactly, and x^2 comes from a
 * 1D midpoint rule on [-4, 4] (the weight there is below exp(-200/kT)).
 */
export function doubleWellMoments(kT: number): { x2: number; y2: number } {
  const n = 80_000
  const h = 8 / n
  let z = 0
  let m = 0
  for (let k = 0; k < n; k++) {
    const x = -4 + (k + 0.5) * h
    const p = Math.exp(-((x * x - 1) ** 2) / kT)
    z += p
    m += p * x * x
  }
  return { x2: m / z, y2: kT / 2 }
}

/** One line per histogram test: method, surface, the check's verdict and figures, slowest tau, acceptance. */
export function samplingLine(method: string, surface: string, r: SamplingResult): string {
  const acceptance = r.report.acceptance === null ? 'n/a' : r.report.acceptance.toFixed(3)
  const c = r.check
  return (
    `${method} on ${surface}: consistent ${c.consistent}, ` +
    `tv within basins ${c.tv.toFixed(4)} (bound ${c.tvBound.toFixed(4)}), ` +
    `largest basin z ${c.maxBasinZ.toFixed(2)} (bound ${c.basinZBound.toFixed(2)}), ` +
    `slowest tau ${r.tau.slowest.toFixed(1)}, acceptance ${acceptance}`
  )
}
