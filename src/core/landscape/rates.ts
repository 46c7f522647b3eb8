import type { CompiledSurface } from '../surface'
import { symmetricEigenvalues } from './eigen'
import type { Landscape, SaddleConnection } from './saddles'

/**
 * The saddle that limits going from minimum i to minimum j: on the graph of
 * minima joined by saddles, the path whose highest saddle is lowest (a minimax
 * path, found Kruskal-style: add saddles from the lowest until i and j are
 * joined; the last one added is the bottleneck). Undefined when no path joins them.
 */
export function bottleneck(landscape: Landscape, i: number, j: number): SaddleConnection | undefined {
  const parent = landscape.minima.map((_, k) => k)
  const find = (k: number): number => (parent[k] === k ? k : (parent[k] = find(parent[k]!)))
  for (const s of [...landscape.saddles].sort((a, b) => a.saddle.value - b.saddle.value)) {
    parent[find(s.joins[0])] = find(s.joins[1])
    if (find(i) === find(j)) return s
  }
  return undefined
}

/** Every saddle joining minima i and j directly (parallel channels, as the dihedral surface's two passes). */
export function directSaddles(landscape: Landscape, i: number, j: number): SaddleConnection[] {
  return landscape.saddles.filter(
    (s) => (s.joins[0] === i && s.joins[1] === j) || (s.joins[0] === j && s.joins[1] === i),
  )
}

export type RateTheory = 'eyring-kramers' | 'kramers-langer'

/**
 * The rate out of minimum i over saddle s at kT, by transition-state theory with
 * the dynamics' prefactor (mass 1):
 * - overdamped Langevin with friction gamma (Eyring-Kramers):
 *   k = |lambda_s| / (2 pi gamma) sqrt(det H_i / |det H_s|) exp(-dE/kT);
 * - underdamped Langevin with friction gamma (Kramers 1940, Langer 1969; Hänggi,
 *   Talkner & Borkovec, RMP 62:251, 1990): the same with |lambda_s|/gamma replaced
 *   by lambda+ = sqrt(gamma^2/4 + |lambda_s|) - gamma/2, the growth rate of the
 *   unstable mode with friction.
 * lambda_s is the saddle's negative Hessian eigenvalue; dE = U_s - U_i.
 */
export function transitionRate(
  surface: CompiledSurface,
  minimum: { x: number; y: number; value: number },
  saddle: { x: number; y: number; value: number },
  kT: number,
  gamma: number,
  theory: RateTheory,
): number {
  const h = new Float64Array(3)
  const e = new Float64Array(4)
  surface.hessian(minimum.x, minimum.y, h)
  const detMin = h[0]! * h[2]! - h[1]! * h[1]!
  surface.hessian(saddle.x, saddle.y, h)
  const detSaddle = Math.abs(h[0]! * h[2]! - h[1]! * h[1]!)
  symmetricEigenvalues(h[0]!, h[1]!, h[2]!, e)
  const unstable = Math.abs(e[0]!)
  const growth = theory === 'eyring-kramers' ? unstable / gamma : Math.sqrt((gamma * gamma) / 4 + unstable) - gamma / 2
  return (growth / (2 * Math.PI)) * Math.sqrt(detMin / detSaddle) * Math.exp(-(saddle.value - minimum.value) / kT)
}

/**
 * Below this barrier/kT a rate theory is not expected to hold: Eyring-Kramers is
 * the first term of an expansion in kT/dE whose next term is of relative size
 * kT/dE (Berglund, "Kramers' law: validity, derivations and generalisations",
 * Markov Process. Relat. Fields 19:459, 2013). On the double well at dE/kT = 4 the
 * exact mean exit time is already 1.14 times the formula's.
 */
export const THEORY_MIN_BARRIER = 5

/** How far a rate theory can be trusted at barrier/kT: its own relative error is of order kT/dE. */
export function theoryAccuracy(
  barrier: number,
  kT: number,
): { barrierOverKT: number; relativeError: number; holds: boolean } {
  const barrierOverKT = barrier / kT
  return { barrierOverKT, relativeError: kT / barrier, holds: barrierOverKT >= THEORY_MIN_BARRIER }
}

/** The accuracy to expect of a rate theory at barrier/kT, in words: "about ±20%", or why not at all. */
export function theoryAccuracyWords(a: { theoryHolds: boolean; theoryError: number }): string {
  return a.theoryHolds
    ? `about ±${Math.round(100 * a.theoryError)}%`
    : `not expected to hold (under ${THEORY_MIN_BARRIER} kT)`
}

/**
 * A curvature at the minimum or the saddle below this fraction of the surface's
 * typical curvature makes the harmonic prefactor meaningless (a quartic well or a
 * flat saddle: the rate's prefactor then depends on kT; Berglund & Gentz, Markov
 * Process. Relat. Fields 16:549, 2010).
 */
export const FLAT_FRACTION = 1e-3

/**
 * Why Eyring-Kramers does not apply between this minimum and saddle, or null: a
 * curvature that (nearly) vanishes at either. `curvature` is the surface's typical
 * Hessian norm (StatusScales.curvature).
 */
export function theoryCaveat(
  surface: CompiledSurface,
  minimum: { x: number; y: number },
  saddle: { x: number; y: number },
  curvature: number,
): string | null {
  const h = new Float64Array(3)
  const e = new Float64Array(4)
  const flat = FLAT_FRACTION * curvature
  surface.hessian(minimum.x, minimum.y, h)
  symmetricEigenvalues(h[0]!, h[1]!, h[2]!, e)
  if (!(e[0]! > flat))
    return (
      `the curvature at the minimum (${e[0]!.toPrecision(2)}) nearly vanishes: the harmonic prefactor of the rate ` +
      `theory does not hold there`
    )
  surface.hessian(saddle.x, saddle.y, h)
  symmetricEigenvalues(h[0]!, h[1]!, h[2]!, e)
  if (!(Math.abs(e[0]!) > flat && Math.abs(e[1]!) > flat))
    return (
      `a curvature at the saddle (${e[0]!.toPrecision(2)}, ${e[1]!.toPrecision(2)}) nearly vanishes: the harmonic ` +
      `prefactor of the rate theory does not hold there`
    )
  return null
}

export interface ArrheniusFit {
  /** -slope of ln k against 1/kT. */
  barrier: number
  stderr: number
  /** exp(intercept): k = prefactor exp(-barrier / kT). */
  prefactor: number
}

/**
 * Weighted least squares of ln k against beta = 1/kT. A rate from n transitions
 * has a relative error of about 1/sqrt(n), so ln k has variance 1/n: weight n.
 * Points without transitions carry no information on ln k and are left out.
 * Needs two temperatures with transitions; the standard error needs three.
 */
export function arrheniusFit(
  points: readonly { kT: number; rate: number; transitions: number }[],
): ArrheniusFit | null {
  const used = points.filter((p) => p.transitions > 0 && p.rate > 0 && p.kT > 0)
  if (used.length < 2) return null
  let sw = 0
  let sx = 0
  let sy = 0
  for (const p of used) {
    sw += p.transitions
    sx += p.transitions / p.kT
    sy += p.transitions * Math.log(p.rate)
  }
  const mx = sx / sw
  const my = sy / sw
  let sxx = 0
  let sxy = 0
  let residual = 0
  for (const p of used) {
    const dx = 1 / p.kT - mx
    sxx += p.transitions * dx * dx
    sxy += p.transitions * dx * (Math.log(p.rate) - my)
  }
  const slope = sxy / sxx
  const intercept = my - slope * mx
  for (const p of used) residual += p.transitions * (Math.log(p.rate) - intercept - slope / p.kT) ** 2
  // The larger of the scatter about the line and the Poisson error the weights assume.
  const variance = used.length > 2 ? Math.max(1, residual / (used.length - 2)) / sxx : 1 / sxx
  return { barrier: -slope, stderr: Math.sqrt(variance), prefactor: Math.exp(intercept) }
}
