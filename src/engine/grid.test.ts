import { describe, expect, test } from 'vitest'
import { linspace, sampleGrid } from './grid'

describe('sampleGrid', () => {
  test('samples row-major, y outer, with both ends of the domain included', () => {
    const grid = sampleGrid({ value: (x, y) => x + 10 * y }, { xmin: -1, xmax: 1, ymin: 0, ymax: 2 }, { nx: 3, ny: 2 })
    expect([...grid.x]).toEqual([-1, 0, 1])
    expect([...grid.y]).toEqual([0, 2])
    expect([...grid.z]).toEqual([-1, 0, 1, 19, 20, 21])
    expect([grid.min, grid.max]).toEqual([-1, 21])
  })

  test('values that are not finite become NaN gaps and stay out of the range', () => {
    const grid = sampleGrid({ value: (x) => Math.log(x) }, { xmin: -1, xmax: 1, ymin: 0, ymax: 1 }, { nx: 3, ny: 2 })
    expect(Number.isNaN(grid.z[0]) && Number.isNaN(grid.z[1])).toBe(true)
    expect([grid.min, grid.max]).toEqual([0, 0])
  })

  test('refuses a grid it cannot draw', () => {
    expect(() => sampleGrid({ value: () => 0 }, { xmin: 0, xmax: 1, ymin: 0, ymax: 1 }, { nx: 1, ny: 5 })).toThrow()
  })

  test('linspace ends exactly at b', () => {
    expect(linspace(0, 0.3, 4)[3]).toBe(0.3)
  })
})
