import { describe, expect, it } from 'vitest'
import { compileFormula } from '../formula'
import type { CompiledSurface, Domain } from '../surface'
import { atlasSurface } from '../surfaces'
import { compileAtlasSurface } from '../surfaces/compile'
import { basinAt, basinMap, SPLIT, type BasinMap } from './basins'
import { criticalPoints, type CriticalPoint } from './critical'
import { distance } from './domain'
import { basinPopulations } from './populations'
import { sampleSurface } from './sample'

const atlas = (id: string) => compileAtlasSurface(atlasSurface(id)!)
function formula(text: string, domain: Domain): CompiledSurface {
  const c = compileFormula(text, { domain })
  if (!c.ok) throw new Error(c.error.message)
  return c.surface
}

/** The integral of f over [a, b]: composite 8-point Gauss-Legendre on n panels (exact to round-off for smooth f). */
function integrate(f: (x: number) => number, a: number, b: number, n = 4000): number {
  const nodes = [
    -0.9602898564975363, -0.7966664774136267, -0.525532409916329, -0.1834346424956498, 0.1834346424956498,
    0.525532409916329, 0.7966664774136267, 0.9602898564975363,
  ]
  const weights = [
    0.1012285362903763, 0.2223810344533745, 0.3137066458778873, 0.362683783378362, 0.362683783378362,
    0.3137066458778873, 0.2223810344533745, 0.1012285362903763,
  ]
  const h = (b - a) / n
  let sum = 0
  for (let k = 0; k < n; k++) for (let r = 0; r < 8; r++) sum += weights[r] * f(a + h * (k + 0.5 + 0.5 * nodes[r]))
  return 0.5 * h * sum
}

/**
 * An independent check of the labels: the gradient flow integrated by the implicit
 * trapezoidal rule (A-stable, second order), Newton's method on each step with the
 * exact Hessian, steps halved until two half steps agree with one full step to 1e-5
 * of the step's length, run until the point is within 1e-4 of a minimum with a
 * gradient under 1e-6 of its scale. No capture balls, no shortcuts.
 */
function stiffLabel(
  s: CompiledSurface,
  minima: readonly CriticalPoint[],
  x0: number,
  y0: number,
  gradientScale: number,
): number {
  const g = new Float64Array(2)
  const h = new Float64Array(3)
  const step = (x: number, y: number, dt: number): [number, number] => {
    s.gradient(x, y, g)
    const g0 = [g[0], g[1]]
    let px = x - dt * g0[0]
    let py = y - dt * g0[1]
    for (let it = 0; it < 50; it++) {
      s.gradient(px, py, g)
      s.hessian(px, py, h)
      const fx = px - x + 0.5 * dt * (g0[0] + g[0])
      const fy = py - y + 0.5 * dt * (g0[1] + g[1])
      const a = 1 + 0.5 * dt * h[0]
      const b = 0.5 * dt * h[1]
      const c = 1 + 0.5 * dt * h[2]
      const det = a * c - b * b
      const dx = (c * fx - b * fy) / det
      const dy = (a * fy - b * fx) / det
      px -= dx
      py -= dy
      if (Math.hypot(dx, dy) < 1e-14 * (1 + Math.hypot(px, py))) break
    }
    return [px, py]
  }
  let x = x0
  let y = y0
  let dt = 1e-6
  for (let n = 0; n < 200_000; n++) {
    s.gradient(x, y, g)
    const norm = Math.hypot(g[0], g[1])
    const near = minima.findIndex((m) => distance(s.domain, x, y, m.x, m.y) < 1e-4)
    if (near >= 0 && norm < 1e-6 * gradientScale) return near
    if (!Number.isFinite(norm)) return -1
    const [fx, fy] = step(x, y, dt)
    const [hx, hy] = step(x, y, dt / 2)
    const [tx, ty] = step(hx, hy, dt / 2)
    const length = Math.hypot(tx - x, ty - y)
    if (Math.hypot(fx - tx, fy - ty) <= 1e-5 * length || length === 0) {
      x = tx
      y = ty
      dt *= 1.5
    } else dt *= 0.5
  }
  return -1
}

describe('basins are those of the gradient flow', () => {
  it('equal the closed form on separable double wells to 1e-6, the ridge at x = 0 and off the nodes', () => {
    // U = V(x) + 2 y^2 separates: descent keeps the sign of x - x_s, with x_s the top of V, so the left basin's
    // population is int_{-2}^{x_s} exp(-V/kT) dx / int_{-2}^{2} exp(-V/kT) dx (the y factor cancels).
    // V = (x^2-1)^2 + 0.5 x^3 has its top at x = 0 exactly (V'(x) = x (4x^2 + 1.5x - 4)), wells of -1.53 and
    // -0.57 (populations far from one half); the tilted V = (x^2-1)^2 + 0.3 x has it at x_s = -0.0752, between nodes.
    const domain = { xmin: -2, xmax: 2, ymin: -1.5, ymax: 1.5 }
    for (const [text, V, top] of [
      ['(x^2-1)^2 + 0.5*x^3 + 2*y^2', (x: number) => (x * x - 1) ** 2 + 0.5 * x ** 3, () => 0],
      [
        '(x^2-1)^2 + 0.3*x + 2*y^2',
        (x: number) => (x * x - 1) ** 2 + 0.3 * x,
        (points: CriticalPoint[]) => points.find((p) => p.kind === 'saddle')!.x,
      ],
    ] as const) {
      const s = formula(text, domain)
      const points = criticalPoints(s)
      for (const kT of [0.4, 1]) {
        const weight = (x: number) => Math.exp(-V(x) / kT)
        const x0 = top(points)
        const left = integrate(weight, -2, x0) / (integrate(weight, -2, x0) + integrate(weight, x0, 2))
        for (const n of [101, 150]) {
          const map = basinMap(s, points, n)
          const leftIndex = map.minima.findIndex((m) => m.x < 0)
          const populations = basinPopulations(s, map, kT)
          console.log(
            `${text} at kT ${kT}, ${n} x ${n}: left ${populations[leftIndex].exact.toFixed(9)}, ` +
              `closed form ${left.toFixed(9)}`,
          )
          expect(Math.abs(populations[leftIndex].exact - left)).toBeLessThan(1e-6)
          expect(populations[0].exact + populations[1].exact).toBeCloseTo(1, 12)
        }
      }
    }
  })

  it('on Müller-Brown converge as the grid is refined: 150 and 300 nodes a side differ by under 2e-4', () => {
    const s = atlas('muller-brown')
    const points = criticalPoints(s)
    const coarse = basinMap(s, points, 150)
    const fine = basinMap(s, points, 300)
    for (const kT of [10, 30]) {
      const a = basinPopulations(s, coarse, kT)
      const b = basinPopulations(s, fine, kT)
      console.log(
        `Müller-Brown at kT ${kT}: ${a.map((p) => p.exact.toFixed(6)).join(' ')} (150) ` +
          `against ${b.map((p) => p.exact.toFixed(6)).join(' ')} (300)`,
      )
      a.forEach((p, k) => expect(Math.abs(p.exact - b[k].exact)).toBeLessThan(2e-4))
    }
    // MC at kT 30 was 0.1476 by an 8-neighbour walk on the grid; the flow gives 0.1429.
    expect(basinPopulations(s, fine, 30)[2].exact).toBeCloseTo(0.1429, 4)
  })

  it.each(['muller-brown', 'dihedral', 'six-hump-camel'])(
    '%s: node labels agree with a stiff ODE integration at 99.9% of sampled nodes or more',
    (id) => {
      const s = atlas(id)
      const points = criticalPoints(s)
      const map = basinMap(s, points, 200)
      const gradientScale = sampleSurface(s, 41).gradientScale
      // Every 101st node (a prime stride: about 400 nodes spread over the grid), and a corner of every sixth
      // cell that a ridge crosses, where a label can go wrong: 99.9% allows no miss.
      const sample = new Set<number>()
      for (let k = 0; k < map.labels.length; k += 101) sample.add(k)
      const { cx, label } = map.cells
      for (let cell = 0; cell < label.length; cell += 6) {
        if (label[cell] !== SPLIT) continue
        const i = cell % cx
        const j = Math.floor(cell / cx)
        sample.add(j * map.nx + i)
      }
      let agree = 0
      for (const k of sample) {
        const x = map.xs[k % map.nx]
        const y = map.ys[Math.floor(k / map.nx)]
        const reference = stiffLabel(s, map.minima, x, y, gradientScale)
        if (reference === map.labels[k]) agree++
        else console.log(`${id}: node (${x}, ${y}) labelled ${map.labels[k]}, the stiff flow reaches ${reference}`)
      }
      console.log(`${id}: ${agree} of ${sample.size} sampled nodes agree`)
      expect(agree / sample.size).toBeGreaterThanOrEqual(0.999)
    },
    120_000,
  )

  it('labels points between nodes by their side of the ridge, as the populations count them', () => {
    const s = formula('(x^2-1)^2 + 0.5*x^3 + 2*y^2', { xmin: -2, xmax: 2, ymin: -1.5, ymax: 1.5 })
    const map: BasinMap = basinMap(s, criticalPoints(s), 101)
    const left = map.minima.findIndex((m) => m.x < 0)
    // Nodes sit at x = -0.04, 0, 0.04: the cells either side of x = 0 are split at the ridge.
    for (const y of [-1.2, -0.31, 0, 0.77]) {
      expect(basinAt(map, -1e-4, y)).toBe(left)
      expect(basinAt(map, 1e-4, y)).toBe(1 - left)
      expect(basinAt(map, -0.03, y)).toBe(left)
    }
    expect(basinAt(map, 2.5, 0)).toBe(-1)
  })
})
