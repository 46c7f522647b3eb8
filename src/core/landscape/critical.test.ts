import { describe, expect, it } from 'vitest'
import { compileFormula } from '../formula'
import type { Domain } from '../surface'
import { ATLAS, atlasSurface, type KnownPoint } from '../surfaces'
import { compileAtlasSurface } from '../surfaces/compile'
import { criticalPoints, type CriticalPoint } from './critical'

const found = new Map<string, CriticalPoint[]>()

function atlasPoints(id: string): CriticalPoint[] {
  let points = found.get(id)
  if (!points) {
    const entry = atlasSurface(id)
    if (!entry) throw new Error(`no atlas surface ${id}`)
    points = criticalPoints(compileAtlasSurface(entry))
    found.set(id, points)
  }
  return points
}

function formulaPoints(text: string, domain?: Domain): CriticalPoint[] {
  const compiled = compileFormula(text, { domain })
  if (!compiled.ok) throw new Error(compiled.error.message)
  return criticalPoints(compiled.surface)
}

/** Digits after the decimal point in a number as written in the atlas (13.31 -> 2). */
function decimals(v: number): number {
  const text = String(v)
  return text.includes('e') ? 15 : (text.split('.')[1] ?? '').length
}

/**
 * The tolerances, widened to half a unit of the last quoted digit where the
 * reference quotes fewer: the usual tables give Himmelblau's saddles to 3 decimals and their
 * values to 2 (13.31 for 13.3119), and no solver can do better than the quote.
 */
function matches(p: CriticalPoint, k: KnownPoint): boolean {
  const position = Math.max(0.5 * 10 ** -(k.digits ?? 6), 1e-4)
  const value = Math.max(1e-4 * Math.max(1, Math.abs(k.value)), 0.5 * 10 ** -decimals(k.value))
  return (
    p.kind === k.kind &&
    Math.abs(p.x - k.x) <= position &&
    Math.abs(p.y - k.y) <= position &&
    Math.abs(p.value - k.value) <= value
  )
}

describe('criticalPoints on the atlas', () => {
  for (const entry of ATLAS) {
    it(`${entry.id}: finds every known point with its kind`, () => {
      const points = atlasPoints(entry.id)
      for (const k of entry.points) {
        const hit = points.find((p) => matches(p, k))
        expect(hit, `${k.kind} (${k.x}, ${k.y}) ${k.value}`).toBeDefined()
        // Only a point without a gradient may come without a Hessian.
        expect(hit?.eigenvalues === null, `eigenvalues at (${k.x}, ${k.y})`).toBe(k.differentiable === false)
      }
      for (const p of points) {
        expect(p.x).toBeGreaterThanOrEqual(entry.domain.xmin - 1e-9)
        expect(p.x).toBeLessThanOrEqual(entry.domain.xmax + 1e-9)
        expect(p.y).toBeGreaterThanOrEqual(entry.domain.ymin - 1e-9)
        expect(p.y).toBeLessThanOrEqual(entry.domain.ymax + 1e-9)
      }
      // Sorted by value, where values equal to round-off (Himmelblau's four zeros) may go by x.
      for (let i = 1; i < points.length; i++) {
        expect(points[i].value).toBeGreaterThanOrEqual(
          points[i - 1].value - 1e-9 * Math.max(1, Math.abs(points[i].value)),
        )
      }
    })
  }

  it('reports the ring of minima once, beside the maximum at the origin', () => {
    const points = atlasPoints('ring')
    expect(points.map((p) => p.kind)).toEqual(['degenerate', 'maximum'])
    const [circle] = points
    expect(Math.hypot(circle.x, circle.y)).toBeCloseTo(1, 9)
  })

  it('calls the monkey saddle degenerate and finds nothing else', () => {
    const points = atlasPoints('monkey-saddle')
    expect(points).toHaveLength(1)
    expect(points[0].kind).toBe('degenerate')
    expect(Math.hypot(points[0].x, points[0].y)).toBeLessThan(1e-6)
  })

  it("finds Ackley's cone tip without a Hessian", () => {
    const tip = atlasPoints('ackley')[0]
    expect(tip.eigenvalues).toBeNull()
    expect(tip.kind).toBe('minimum')
    expect(Math.abs(tip.x)).toBeLessThan(1e-4)
    expect(Math.abs(tip.y)).toBeLessThan(1e-4)
    expect(Math.abs(tip.value)).toBeLessThan(1e-4)
  })

  it("finds all of Rastrigin's 441 critical points: 11 x 11 minima, 10 x 10 maxima", () => {
    const count = (kind: string) => atlasPoints('rastrigin').filter((p) => p.kind === kind).length
    expect([count('minimum'), count('saddle'), count('maximum'), count('degenerate')]).toEqual([121, 220, 100, 0])
  })
})

describe('criticalPoints on formulas', () => {
  it('classifies the three quadratics by their eigenvalues', () => {
    const cases = [
      ['x^2 + y^2', 'minimum', [2, 2]],
      ['x^2 - y^2', 'saddle', [-2, 2]],
      ['-(x^2 + y^2)', 'maximum', [-2, -2]],
    ] as const
    for (const [formula, kind, eigenvalues] of cases) {
      const points = formulaPoints(formula)
      expect(points, formula).toMatchObject([{ kind, eigenvalues }])
      expect(Math.abs(points[0].x) + Math.abs(points[0].y) + Math.abs(points[0].value), formula).toBeLessThan(1e-12)
    }
  })

  it('wraps a periodic surface and counts each point once', () => {
    const torus = { xmin: -Math.PI, xmax: Math.PI, ymin: -Math.PI, ymax: Math.PI, periodic: true }
    const points = formulaPoints('cos(x) + cos(y)', torus)
    expect(points.map((p) => p.kind)).toEqual(['minimum', 'saddle', 'saddle', 'maximum'])
    expect(points[0]).toMatchObject({ x: -Math.PI, y: -Math.PI, value: -2 })
  })

  it('reports a line of minima once, as degenerate', () => {
    const points = formulaPoints('x^2')
    expect(points).toHaveLength(1)
    expect(points[0]).toMatchObject({ x: 0, kind: 'degenerate', value: 0 })
  })

  it('finds a cone tip between grid nodes by compass search', () => {
    const [tip, ...rest] = formulaPoints('sqrt((x - 0.123)^2 + (y + 0.456)^2)')
    expect(rest).toEqual([])
    expect(tip.kind).toBe('minimum')
    expect(tip.eigenvalues).toBeNull()
    expect(tip.x).toBeCloseTo(0.123, 9)
    expect(tip.y).toBeCloseTo(-0.456, 9)
  })

  it('survives NaN and poles without inventing points', () => {
    expect(formulaPoints('log(x)')).toEqual([])
    expect(formulaPoints('1/x')).toEqual([])
    // Beside a pole of tan the grid sees a low value, but it is no minimum.
    expect(formulaPoints('tan(x) + y^2')).toEqual([])
    expect(formulaPoints('x')).toEqual([])
  })

  it('refuses a seed grid too coarse to have an interior', () => {
    const compiled = compileFormula('x^2 + y^2')
    if (!compiled.ok) throw new Error(compiled.error.message)
    expect(() => criticalPoints(compiled.surface, { seeds: 2 })).toThrow(RangeError)
  })

  it('is deterministic', () => {
    const entry = atlasSurface('dihedral')
    if (!entry) throw new Error('no dihedral surface')
    expect(criticalPoints(compileAtlasSurface(entry))).toEqual(atlasPoints('dihedral'))
  })
})
