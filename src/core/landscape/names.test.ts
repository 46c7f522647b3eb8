import { describe, expect, it } from 'vitest'
import { atlasSurface } from '../surfaces'
import { compileAtlasSurface } from '../surfaces/compile'
import { criticalPoints } from './critical'
import { basinNames, nameCriticalPoints } from './names'
import { connectSaddles } from './saddles'

const named = (id: string) => {
  const entry = atlasSurface(id)!
  const surface = compileAtlasSurface(entry)
  const points = criticalPoints(surface)
  const names = nameCriticalPoints(points, entry.points, surface.domain)
  return { surface, points, names, byName: new Map(points.map((p, i) => [names[i]!, p])) }
}

describe('one name per critical point', () => {
  it("gives Müller-Brown's found points their published names (Müller & Brown 1979)", () => {
    const { names } = named('muller-brown')
    expect([...names].sort()).toEqual(['MA', 'MB', 'MC', 'S1', 'S2'])
  })

  it("tells Himmelblau's four equal minima apart, left to right, and numbers saddles lowest first", () => {
    const { names, byName } = named('himmelblau')
    expect(new Set(names).size).toBe(names.length)
    const minima = ['M1', 'M2', 'M3', 'M4'].map((n) => byName.get(n)!)
    // Equal values: left to right (x -3.78, -2.81, 3, 3.58).
    expect(minima.map((p) => Math.round(p.x * 100) / 100)).toEqual([-3.78, -2.81, 3, 3.58])
    const saddles = ['S1', 'S2', 'S3', 'S4'].map((n) => byName.get(n)!.value)
    expect(saddles).toEqual([...saddles].sort((a, b) => a - b))
    expect(byName.get('S1')!.value).toBeCloseTo(13.31, 2)
    expect(byName.get('X1')!.value).toBeCloseTo(181.617, 3)
  })

  it('names the two wells of a symmetric double well, (x^2 - 1)^2 + y^2, M1 (left) and M2 (right)', () => {
    const domain = { xmin: -2, xmax: 2, ymin: -2, ymax: 2 }
    const points = [
      { kind: 'minimum' as const, x: 1, y: 0, value: 0 },
      { kind: 'saddle' as const, x: 0, y: 0, value: 1 },
      { kind: 'minimum' as const, x: -1, y: 0, value: 1e-30 },
    ]
    expect(nameCriticalPoints(points, [], domain)).toEqual(['M2', 'S1', 'M1'])
  })

  it('skips a number a published name takes, and gives a published name to one point only', () => {
    const domain = { xmin: -1, xmax: 1, ymin: -1, ymax: 1 }
    const points = [
      { kind: 'saddle' as const, x: 0, y: 0, value: 2 },
      { kind: 'saddle' as const, x: 0.5, y: 0, value: 1 },
      { kind: 'saddle' as const, x: 0.001, y: 0, value: 3 },
    ]
    const known = [{ kind: 'saddle' as const, x: 0, y: 0, value: 2, label: 'S1' }]
    // The published S1 goes to the nearest point; the others are numbered from S2.
    expect(nameCriticalPoints(points, known, domain)).toEqual(['S1', 'S2', 'S3'])
  })

  it("names each basin after its minimum, whatever order the basins' minima come in", () => {
    const { surface, points, names } = named('muller-brown')
    const landscape = connectSaddles(surface, points)
    const withNames = points.map((p, i) => ({ ...p, name: names[i]! }))
    // Basins are indexed lowest minimum first: MA, MB, MC.
    expect(basinNames(landscape.minima, withNames)).toEqual(['MA', 'MB', 'MC'])
    expect(basinNames([...landscape.minima].reverse(), withNames)).toEqual(['MC', 'MB', 'MA'])
  })
})
