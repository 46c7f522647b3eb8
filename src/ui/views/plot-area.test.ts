import { describe, expect, test } from 'vitest'
import { areaTransform, nearestPoint, plotArea, sameArea, toData } from './plot-area'

const layout = {
  xaxis: { _offset: 56, _length: 400, range: [-1.5, 1.2] },
  yaxis: { _offset: 36, _length: 300, range: [-0.5, 2] },
}

describe('plotArea', () => {
  test("reads plotly's axis offsets, lengths and ranges", () => {
    expect(plotArea(layout)).toEqual({ left: 56, top: 36, width: 400, height: 300, x0: -1.5, x1: 1.2, y0: -0.5, y1: 2 })
  })

  test('null before plotly has laid the axes out', () => {
    expect(plotArea(undefined)).toBeNull()
    expect(plotArea({ xaxis: { range: [0, 1] }, yaxis: layout.yaxis })).toBeNull()
    expect(plotArea({ ...layout, xaxis: { ...layout.xaxis, _length: 0 } })).toBeNull()
  })
})

describe('pixels and data', () => {
  const a = plotArea(layout)!

  test('the corners of the ranges are the corners of the area, y pointing down', () => {
    const t = areaTransform(a)
    const px = (x: number) => t.ax * x + t.bx
    const py = (y: number) => t.ay * y + t.by
    expect([px(-1.5), px(1.2)]).toEqual([0, 400])
    expect(py(-0.5)).toBeCloseTo(300, 12)
    expect(py(2)).toBeCloseTo(0, 12)
  })

  test('toData inverts the transform', () => {
    const t = areaTransform(a)
    for (const [x, y] of [
      [0, 0.5],
      [-1.2, 1.7],
      [1.1, -0.4],
    ]) {
      const [bx, by] = toData(a, t.ax * x + t.bx, t.ay * y + t.by)
      expect(bx).toBeCloseTo(x, 12)
      expect(by).toBeCloseTo(y, 12)
    }
  })

  test('a zoom changes the area', () => {
    expect(sameArea(a, plotArea(layout))).toBe(true)
    expect(sameArea(a, { ...a, x1: 1 })).toBe(false)
    expect(sameArea(null, null)).toBe(true)
  })

  test('a click picks the walker drawn nearest it, within the radius, and none beyond', () => {
    // A 200 x 100 pixel area over [0, 2] x [0, 1]: 100 pixels per unit both ways, y pointing up.
    const area = { left: 10, top: 20, width: 200, height: 100, x0: 0, x1: 2, y0: 0, y1: 1 }
    const xs = [0.5, 0.6, 1.5]
    const ys = [0.5, 0.5, 0.2]
    // Walker 1 is drawn at pixel (60, 50), walker 0 at (50, 50), walker 2 at (150, 80).
    expect(nearestPoint(area, 58, 52, xs, ys, 14)).toBe(1)
    expect(nearestPoint(area, 52, 49, xs, ys, 14)).toBe(0)
    expect(nearestPoint(area, 150, 80, xs, ys, 14)).toBe(2)
    // 20 pixels from the nearest: nothing chosen.
    expect(nearestPoint(area, 150, 100, xs, ys, 14)).toBe(-1)
    expect(nearestPoint(area, 150, 100, [], [], 14)).toBe(-1)
  })
})
