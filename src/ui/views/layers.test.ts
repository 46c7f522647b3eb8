import { describe, expect, test } from 'vitest'
import type { NamedPoint } from '../points'
import { cellExtent, gridPixels } from './grid-layer'
import { attractionOverlay, BASIN_HEX, basinOverlay } from './overlays'
import { dotRadius, drawStride, wrapJump } from './walkers-layer'

describe('walker drawing', () => {
  test('draws at most 5,000 dots per lane, every k-th walker', () => {
    expect([1, 500, 5000, 5001, 10_000, 100_000].map((n) => drawStride(n))).toEqual([1, 1, 1, 2, 2, 20])
    expect(Math.ceil(10_000 / drawStride(10_000))).toBeLessThanOrEqual(5000)
  })

  test('trails are cut at a wrap of a periodic domain only', () => {
    expect(wrapJump({ xmin: -Math.PI, xmax: Math.PI, ymin: 0, ymax: 1, periodic: true })).toEqual({
      x: Math.PI,
      y: 0.5,
    })
    expect(wrapJump({ xmin: 0, xmax: 1, ymin: 0, ymax: 1 })).toEqual({ x: Infinity, y: Infinity })
  })

  test('dots shrink as the cloud grows', () => {
    const radii = [1, 10, 100, 1000, 10_000].map(dotRadius)
    expect([...radii].sort((a, b) => b - a)).toEqual(radii)
  })
})

describe('category grids', () => {
  const red = [255, 0, 0, 100] as const
  const blue = [0, 0, 255, 100] as const

  test('one pixel per node, the top row holding the largest y, unknown codes clear', () => {
    const pixels = gridPixels({ nx: 2, ny: 2, xs: [0, 1], ys: [0, 1], codes: [0, 1, -1, 7], colours: [red, blue] })
    // Row j = 1 (y = 1) first: both codes have no colour.
    expect([...pixels.slice(0, 8)]).toEqual([0, 0, 0, 0, 0, 0, 0, 0])
    expect([...pixels.slice(8)]).toEqual([...red, ...blue])
  })

  test('cells reach half a spacing beyond the outer nodes', () => {
    expect(cellExtent([0, 1, 2])).toEqual([-0.5, 2.5])
    expect(cellExtent([0.125, 0.375, 0.625, 0.875])).toEqual([0, 1])
  })
})

describe('overlays', () => {
  const point = (x: number, value: number, label: string): NamedPoint => ({
    kind: 'minimum',
    x,
    y: 0,
    value,
    eigenvalues: null,
    name: 'min',
    label,
  })
  const basins = { nx: 2, ny: 1, xs: Float64Array.of(-1, 1), ys: Float64Array.of(0), labels: Int32Array.of(0, 1) }

  test('the basin legend names each minimum, lowest first, and tells twins apart by position', () => {
    const { legend, grid } = basinOverlay(basins, [point(1, 0, 'min 0.00'), point(-1, 0, 'min 0.00')])
    expect(legend.map((e) => e.label)).toEqual([
      'basin of min 0.00 at (1.00, 0.00)',
      'basin of min 0.00 at (\u22121.00, 0.00)',
    ])
    expect(grid.colours).toHaveLength(2)
    expect(basinOverlay(basins, [point(0, -2, 'MA'), point(1, 3, 'MB')]).legend.map((e) => e.label)).toEqual([
      'basin of MA',
      'basin of MB',
    ])
  })

  test('with more minima than colours the legend lists every colour once, with the minima that share it', () => {
    const minima = Array.from({ length: 20 }, (_, k) => point(k, k, `m${k}`))
    const { legend, grid } = basinOverlay(basins, minima)
    expect(legend.map((e) => e.colour)).toEqual([...BASIN_HEX])
    expect(new Set(grid.colours.map((c) => c.join())).size).toBe(BASIN_HEX.length)
    expect(legend[0].label).toBe('basin of m0 and 2 more')
    expect(legend[8].label).toBe('basin of m8 and 1 more')
  })

  test('the attraction legend lists the outcomes that occur, never a start that did not settle', () => {
    const map = {
      nx: 2,
      ny: 2,
      xs: Float64Array.of(0, 1),
      ys: Float64Array.of(0, 1),
      outcome: Uint8Array.of(0, 0, 1, 7),
      minimum: Int32Array.of(0, 0, 1, -1),
      steps: 10,
      cancelled: false,
    }
    expect(attractionOverlay(map).legend.map((e) => e.label)).toEqual(['global minimum', 'local minimum'])
    expect(attractionOverlay(map).grid.colours[7][3]).toBe(0)
  })
})
