import { describe, expect, it } from 'vitest'
import { RandomStream } from '../random'
import type { CompiledSurface } from '../surface'
import { compileAtlasSurface } from './compile'
import { ATLAS } from '.'

/**
 * The symbolic gradient and Hessian of every atlas surface against finite
 * differences of the value (and of the gradient), at 100 random points of its
 * domain. The five-point stencil has truncation error h^4 f^(5)/30 and rounding
 * error ~eps |U| / h; with h = 1e-4 of the domain width both sit well below the
 * 1e-5 relative tolerance for these surfaces (Rastrigin's cos(2 pi x) terms make
 * f^(5) ~ 10 (2 pi)^5 ~ 1e5: h^4 f^(5)/30 ~ 3e-9 there). The absolute floor (1e-9 of the
 * surface's RMS gradient) only matters where a component is nearly zero.
 */

type Fn = (x: number, y: number) => number

function fivePoint(f: Fn, x: number, y: number, h: number, axis: 0 | 1): number {
  const at = (k: number) => (axis === 0 ? f(x + k * h, y) : f(x, y + k * h))
  return (-at(2) + 8 * at(1) - 8 * at(-1) + at(-2)) / (12 * h)
}

function derivativesOf(s: CompiledSurface) {
  const g = new Float64Array(2)
  const dx: Fn = (x, y) => (s.gradient(x, y, g), g[0])
  const dy: Fn = (x, y) => (s.gradient(x, y, g), g[1])
  return { value: (x: number, y: number) => s.value(x, y), dx, dy }
}

describe.each(ATLAS.map((s) => [s.id, s] as const))('%s', (_, entry) => {
  it('gradient and Hessian agree with finite differences at 100 random points', () => {
    const s = compileAtlasSurface(entry)
    const { value, dx, dy } = derivativesOf(s)
    const { xmin, xmax, ymin, ymax } = entry.domain
    const h = 1e-4 * Math.min(xmax - xmin, ymax - ymin)
    const random = new RandomStream(2026, 7)
    const points = Array.from({ length: 100 }, () => [
      xmin + (xmax - xmin) * random.uniform(),
      ymin + (ymax - ymin) * random.uniform(),
    ])
    const g = new Float64Array(2)
    const H = new Float64Array(3)
    const scale = Math.sqrt(
      points.reduce((acc, [x, y]) => (s.gradient(x, y, g), acc + g[0] ** 2 + g[1] ** 2), 0) / points.length,
    )
    const agree = (exact: number, approx: number, what: string) => {
      const tolerance = 1e-5 * Math.max(Math.abs(exact), Math.abs(approx)) + 1e-9 * scale
      expect(Math.abs(exact - approx), `${what}: ${exact} vs ${approx}`).toBeLessThanOrEqual(tolerance)
    }
    for (const [x, y] of points) {
      s.gradient(x, y, g)
      s.hessian(x, y, H)
      const at = `at (${x.toFixed(4)}, ${y.toFixed(4)})`
      agree(g[0], fivePoint(value, x, y, h, 0), `dU/dx ${at}`)
      agree(g[1], fivePoint(value, x, y, h, 1), `dU/dy ${at}`)
      agree(H[0], fivePoint(dx, x, y, h, 0), `Uxx ${at}`)
      agree(H[1], fivePoint(dx, x, y, h, 1), `Uxy ${at}`)
      agree(H[1], fivePoint(dy, x, y, h, 0), `Uyx ${at}`)
      agree(H[2], fivePoint(dy, x, y, h, 1), `Uyy ${at}`)
    }
  })

  it('has the literature value at each known point quoted to 4 or more digits', () => {
    const s = compileAtlasSurface(entry)
    // Points quoted with fewer digits (Himmelblau's saddles, 13.31) have values to match; the
    // critical-point finder's tests check those at the refined positions.
    for (const p of entry.points.filter((q) => (q.digits ?? 0) >= 4)) {
      // Values are quoted to about 1e-4 relative (four decimals on Müller-Brown's -146.6995).
      expect(Math.abs(s.value(p.x, p.y) - p.value), `${p.label ?? p.kind} (${p.x}, ${p.y})`).toBeLessThanOrEqual(
        1e-4 * Math.max(1, Math.abs(p.value)),
      )
    }
  })
})
