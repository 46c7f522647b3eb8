import { describe, expect, it } from 'vitest'
import { compileFormula } from '../formula'
import type { CompiledSurface } from '../surface'
import { ATLAS } from '../surfaces'
import { compileAtlasSurface } from '../surfaces/compile'
import { criticalPoints } from './critical'
import { symmetricEigenvalues } from './eigen'
import { nonFiniteGround, OVERFLOW_BOUND } from './ground'
import { ANALYSIS_GRID } from './surface-analysis'

function formula(text: string): CompiledSurface {
  const compiled = compileFormula(text)
  if (!compiled.ok) throw new Error(compiled.error.message)
  return compiled.surface
}

describe('nonFiniteGround', () => {
  it('log(x) on [-5, 5]^2 is undefined on exactly half the domain, x <= 0', () => {
    const ground = nonFiniteGround(formula('log(x)'), ANALYSIS_GRID)
    expect(ground.share).toBe(0.5)
    expect(ground.nan.share).toBe(0.5)
    expect(ground.nan.cause).toBe('log of a negative number')
    expect(ground.overflow).toEqual({ share: 0, cause: null, region: null })
    expect(ground.nan.region).toMatchObject({ axis: 'x', side: 'below' })
    expect(Math.abs((ground.nan.region as { at: number }).at)).toBeLessThan(1e-12)
  })

  it('exp(1000 x) overflows where 1000 x > 512 ln 2: the cell centres beyond x = 0.3549', () => {
    const grid = ANALYSIS_GRID
    const edge = (512 * Math.LN2) / 1000
    // Centres -5 + (i + 1/2) / 15 beyond the edge: i >= 80, 70 of the 150 columns.
    let beyond = 0
    for (let i = 0; i < grid; i++) if (-5 + ((i + 0.5) * 10) / grid > edge) beyond++
    expect(beyond).toBe(70)
    const ground = nonFiniteGround(formula('exp(1000*x)'), grid)
    expect(ground.overflow.share).toBe(beyond / grid)
    expect(Math.abs(ground.overflow.share - (5 - edge) / 10)).toBeLessThan(1 / grid)
    expect(ground.nan.share).toBe(0)
    expect(ground.overflow.cause).toBe('exp of a large number')
    expect(ground.overflow.region).toMatchObject({ axis: 'x', side: 'above' })
    expect((ground.overflow.region as { at: number }).at).toBeCloseTo(edge, 9)
    expect(ground.bound).toBe(OVERFLOW_BOUND)
  })

  it('tells the shape: a half-plane in y, the whole domain, or neither', () => {
    expect(nonFiniteGround(formula('sqrt(y - 1)'), 40).nan).toMatchObject({
      share: 0.6,
      cause: 'square root of a negative number',
      region: { axis: 'y', side: 'below' },
    })
    expect(nonFiniteGround(formula('log(-1 - x^2)'), 40).nan).toMatchObject({ share: 1, region: 'all' })
    // A disc is no half-plane: its share is measured, its shape not named.
    const disc = nonFiniteGround(formula('sqrt(x^2 + y^2 - 4)'), 40).nan
    expect(disc.region).toBeNull()
    expect(Math.abs(disc.share - (Math.PI * 4) / 100)).toBeLessThan(0.01)
  })

  it('finds nothing broken on any atlas surface', () => {
    for (const entry of ATLAS) {
      const ground = nonFiniteGround(compileAtlasSurface(entry), ANALYSIS_GRID)
      expect(ground.share, entry.id).toBe(0)
    }
  })

  it('negative control: a surface whose values are large but below the bound is whole', () => {
    // The last two cell centres are x = 4.75 and 4.917: exp(70 x) reaches e^344 at the last, below
    // 2^512 = e^354.9; exp(73 x) passes it there (e^358.9) but not at 4.75 (e^346.8): one column of 60.
    expect(nonFiniteGround(formula('exp(70*x)'), 60).share).toBe(0)
    expect(nonFiniteGround(formula('exp(73*x)'), 60).overflow.share).toBe(1 / 60)
  })
})

describe('criticalPoints on broken ground', () => {
  it('reports no critical point for log(x), exp(1000 x) or their sums with y^2', () => {
    for (const text of ['log(x)', 'exp(1000*x)', 'log(x) + y^2', '-exp(1000*x)']) {
      expect(criticalPoints(formula(text)), text).toEqual([])
    }
  })

  it('keeps a true minimum next to broken ground further off', () => {
    // log(x) + (x - 2)^2 + y^2 is stationary where 1/x + 2 (x - 2) = 0: x = 1 -+ sqrt(2) / 2, where
    // Uxx = 2 - 1 / x^2 makes the first a saddle (Uxx = -9.7) and the second a minimum.
    const points = criticalPoints(formula('log(x) + (x - 2)^2 + y^2'))
    expect(points.map((p) => p.kind).sort()).toEqual(['minimum', 'saddle'])
    expect(points.find((p) => p.kind === 'minimum')!.x).toBeCloseTo(1 + Math.SQRT2 / 2, 9)
    expect(points.find((p) => p.kind === 'saddle')!.x).toBeCloseTo(1 - Math.SQRT2 / 2, 9)
  })

  it('keeps a minimum where an exp far off has underflowed but the surface still curves', () => {
    const points = criticalPoints(formula('x^2 + y^2 + exp(-1000*(x - 3)^2)'))
    expect(points.find((p) => p.kind === 'minimum' && Math.hypot(p.x, p.y) < 1e-9)).toBeDefined()
  })
})

describe('symmetricEigenvalues at the ends of the double range', () => {
  it('gives the eigenvalues of tiny and huge matrices instead of zero or infinity', () => {
    const out = new Float64Array(2)
    for (const s of [1e-300, 1e300]) {
      symmetricEigenvalues(3 * s, 0, s, out)
      expect(out[0]! / s).toBeCloseTo(1, 12)
      expect(out[1]! / s).toBeCloseTo(3, 12)
    }
  })
})
