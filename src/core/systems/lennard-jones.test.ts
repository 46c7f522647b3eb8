import { describe, expect, it } from 'vitest'
import { RandomStream } from '../random'
import type { SystemDescriptor } from './descriptor'
import { SYSTEMS } from './index'
import { comWall, ljClusterSystem, ljEnergy, ljPair } from './lennard-jones'

const EPS = Number.EPSILON
/** Finite-difference step: small enough for the h^2 term, large enough for rounding (see tolerance). */
const H = 1e-5

const dV = (r: number) => -48 * r ** -13 + 24 * r ** -7
const d2V = (r: number) => 624 * r ** -14 - 168 * r ** -8
const d3V = (r: number) => -8736 * r ** -15 + 1344 * r ** -9

interface Spec {
  n: number
  s: 2 | 3
  radius: number
  kappa: number
}

/**
 * A bound on |central difference - derivative| for coordinate k, from its two sources:
 * - truncation: (f(x+h) - f(x-h))/(2h) - f'(x) = (h^2/6) f'''(xi), |xi - x| <= h. For a pair
 *   term f(x) = V(r(x)), r' <= 1, r'' <= 1/r, r''' <= 3/r^2, so |f'''| <= |V'''| + 3|V''|/r
 *   + 3|V'|/r^2; for a wall term kappa (d - R)^2 (d moves with x by a factor |c| <= 1), |f'''| <=
 *   2 kappa (3/d + 3 (d - R)/d^2). Each is taken at the closest distance within h.
 * - rounding: an energy summed over m terms is off by at most about (m + 10) eps sum|t|, and the
 *   difference divides two such errors by 2h.
 * The configuration must keep every |d - R| > h, so the wall is smooth over the interval.
 */
function tolerance(q: Float64Array, spec: Spec, k: number): number {
  const { n, s, radius, kappa } = spec
  const i = Math.floor(k / s)
  let m3 = 0
  let sumAbs = 0
  for (let a = 0; a < n; a++)
    for (let b = a + 1; b < n; b++) {
      let r2 = 0
      for (let c = 0; c < s; c++) r2 += (q[s * a + c]! - q[s * b + c]!) ** 2
      const r = Math.sqrt(r2)
      sumAbs += Math.abs(ljPair(r))
      if (a === i || b === i) {
        const rc = r - H
        m3 += Math.abs(d3V(rc)) + (3 * Math.abs(d2V(rc))) / rc + (3 * Math.abs(dV(rc))) / (rc * rc)
      }
    }
  for (const d of distancesFromCentre(q, spec)) {
    if (d <= radius) continue
    sumAbs += kappa * (d - radius) ** 2
    const dc = d - H
    m3 += 2 * kappa * (3 / dc + (3 * (d + H - radius)) / (dc * dc))
  }
  const terms = (n * (n - 1)) / 2 + n
  const rounding = ((terms + 10) * EPS * sumAbs) / H
  return (H * H * m3) / 6 + rounding
}

function distancesFromCentre(q: Float64Array, { n, s }: Spec): number[] {
  const c = [0, 0, 0]
  for (let a = 0; a < n; a++) for (let k = 0; k < s; k++) c[k]! += q[s * a + k]! / n
  const out: number[] = []
  for (let a = 0; a < n; a++) {
    let d2 = 0
    for (let k = 0; k < s; k++) d2 += (q[s * a + k]! - c[k]!) ** 2
    out.push(Math.sqrt(d2))
  }
  return out
}

/** Largest |fd - analytic| / tolerance over all coordinates (must be < 1), and the largest |fd - analytic|. */
function checkGradient(
  energy: (q: Float64Array) => number,
  gradient: (q: Float64Array, g: Float64Array) => number,
  q: Float64Array,
  spec: Spec,
): { ratio: number; error: number } {
  const g = new Float64Array(q.length)
  const e = gradient(q, g)
  expect(e).toBe(energy(q))
  let ratio = 0
  let error = 0
  const x = Float64Array.from(q)
  for (let k = 0; k < q.length; k++) {
    const x0 = q[k]!
    x[k] = x0 + H
    const ep = energy(x)
    x[k] = x0 - H
    const em = energy(x)
    x[k] = x0
    const fd = (ep - em) / (2 * H)
    const err = Math.abs(fd - g[k]!)
    error = Math.max(error, err)
    ratio = Math.max(ratio, err / tolerance(q, spec, k))
  }
  return { ratio, error }
}

/**
 * A seeded configuration: the first known minimum's start, stretched by `stretch`, each coordinate moved
 * by U(-0.2, 0.2).
 */
function configuration(d: SystemDescriptor, seed: number, stretch: number): Float64Array {
  const start = d.minima[0]!.start!
  const q = start()
  const rng = new RandomStream(seed)
  for (let k = 0; k < q.length; k++) q[k] = stretch * q[k]! + 0.4 * (rng.uniform() - 0.5)
  return q
}

const SPECS: Record<string, Spec> = {
  'lj7-2d': { n: 7, s: 2, radius: 2, kappa: 100 },
  lj13: { n: 13, s: 3, radius: 2.5, kappa: 100 },
  lj38: { n: 38, s: 3, radius: 3, kappa: 100 },
}

describe('the Lennard-Jones pair', () => {
  it('has its minimum -1 at 2^(1/6), a zero at 1, and V(2.5) = -0.016317', () => {
    const rMin = 2 ** (1 / 6)
    expect(ljPair(rMin)).toBeCloseTo(-1, 14)
    expect(dV(rMin)).toBeCloseTo(0, 12)
    expect(ljPair(1)).toBe(0)
    expect(ljPair(2.5)).toBeCloseTo(-0.016317, 6)
    expect(d2V(rMin)).toBeCloseTo(57.1464, 4)
  })

  it('gives the pair force (24/r^2)(2r^-12 - r^-6)(r_i - r_j), strongest attraction -2.396429 at (26/7)^(1/6)', () => {
    const r = (26 / 7) ** (1 / 6)
    for (const s of [2, 3] as const) {
      const q = new Float64Array(2 * s)
      q[s] = r
      const g = new Float64Array(2 * s)
      ljEnergy(q, 2, s, g)
      // force on atom 1 along +x: -g
      expect(-g[s]!).toBeCloseTo(-2.396429, 6)
      expect(g[0]! + g[s]!).toBe(0)
    }
  })
})

describe('every cluster system', () => {
  for (const d of SYSTEMS) {
    const spec = SPECS[d.id]
    if (spec === undefined) continue
    it(`${d.id}: the analytic gradient agrees with central differences (h = 1e-5) at seeded configurations`, () => {
      const sys = d.system()
      expect(sys.dim).toBe(spec.n * spec.s)
      let worst = { ratio: 0, error: 0 }
      let walled = 0
      for (let seed = 1; seed <= 4; seed++)
        for (const stretch of [1, (1.2 * spec.radius) / 1.1]) {
          const q = configuration(d, seed, stretch)
          const ds = distancesFromCentre(q, spec)
          for (const x of ds) expect(Math.abs(x - spec.radius)).toBeGreaterThan(H)
          if (ds.some((x) => x > spec.radius)) walled++
          const r = checkGradient(sys.energy, sys.gradient, q, spec)
          worst = { ratio: Math.max(worst.ratio, r.ratio), error: Math.max(worst.error, r.error) }
        }
      expect(walled).toBeGreaterThanOrEqual(4)
      expect(worst.ratio).toBeLessThan(1)
    })
  }
})

describe('the centre-of-mass wall', () => {
  const spec: Spec = { n: 7, s: 2, radius: 2, kappa: 100 }
  const wall = (q: Float64Array) => comWall(q, spec.n, spec.s, spec.radius, spec.kappa, null)
  const wallGradient = (q: Float64Array, g: Float64Array) => {
    g.fill(0)
    return comWall(q, spec.n, spec.s, spec.radius, spec.kappa, g)
  }

  it('is zero, with zero gradient, while every atom is within R of the centre of mass', () => {
    const rng = new RandomStream(11)
    for (let t = 0; t < 20; t++) {
      const q = new Float64Array(14)
      for (let a = 0; a < 7; a++) {
        const rho = 1.99 * Math.sqrt(rng.uniform()) * 0.5
        const phi = 2 * Math.PI * rng.uniform()
        q[2 * a] = 5 + rho * Math.cos(phi)
        q[2 * a + 1] = -3 + rho * Math.sin(phi)
      }
      const g = new Float64Array(14).fill(7)
      expect(comWall(q, 7, 2, 2, 100, g)).toBe(0)
      expect(Array.from(g)).toEqual(new Array(14).fill(7))
    }
  })

  it('is kappa (d - R)^2 outside, pushes the atom back toward the centre, and its forces add up to zero', () => {
    for (const s of [2, 3] as const) {
      const n = 4
      const q = new Float64Array(n * s)
      // three atoms at the origin and one at distance 4 along x: centre at x = 1, d = 3 for the far atom
      q[3 * s] = 4
      const g = new Float64Array(n * s)
      const w = comWall(q, n, s, 2.5, 100, g)
      // the far atom: d = 3, over 0.5; the others: d = 1
      expect(w).toBeCloseTo(100 * 0.5 ** 2, 12)
      // force = -g: on the far atom along -x (back toward the centre)
      expect(-g[3 * s]!).toBeLessThan(0)
      let net = 0
      for (let a = 0; a < n; a++) net += g[s * a]!
      expect(Math.abs(net)).toBeLessThan(1e-12)
      // 2 kappa over (1 - 1/n) on the far atom
      expect(g[3 * s]!).toBeCloseTo(2 * 100 * 0.5 * (1 - 1 / n), 12)
    }
  })

  it('has the gradient central differences give, with atoms inside and outside', () => {
    const rng = new RandomStream(5)
    let worst = 0
    for (let t = 0; t < 10; t++) {
      const q = new Float64Array(14)
      for (let k = 0; k < 14; k++) q[k] = 6 * (rng.uniform() - 0.5)
      const ds = distancesFromCentre(q, spec)
      for (const x of ds) expect(Math.abs(x - spec.radius)).toBeGreaterThan(H)
      expect(ds.some((x) => x > spec.radius)).toBe(true)
      // tolerance: the wall terms of the bound alone (no pairs)
      const g = new Float64Array(14)
      wallGradient(q, g)
      for (let k = 0; k < 14; k++) {
        const x = Float64Array.from(q)
        x[k] = q[k]! + H
        const ep = wall(x)
        x[k] = q[k]! - H
        const em = wall(x)
        let m3 = 0
        let sum = 0
        for (const d of ds)
          if (d > spec.radius) {
            m3 += 2 * spec.kappa * (3 / (d - H) + (3 * (d + H - spec.radius)) / (d - H) ** 2)
            sum += spec.kappa * (d - spec.radius) ** 2
          }
        const tol = (H * H * m3) / 6 + (20 * EPS * sum) / H
        worst = Math.max(worst, Math.abs((ep - em) / (2 * H) - g[k]!) / tol)
      }
    }
    expect(worst).toBeLessThan(1)
  })
})

describe('ljClusterSystem', () => {
  it('names coordinates by atom and axis', () => {
    const sys = ljClusterSystem({ atoms: 3, perAtom: 3, wall: { radius: 2, kappa: 100 } })
    expect(sys.dim).toBe(9)
    expect(sys.coordinate(0)).toBe('atom 1 x')
    expect(sys.coordinate(5)).toBe('atom 2 z')
  })
})
