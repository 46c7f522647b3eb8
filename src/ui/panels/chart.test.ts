import { describe, expect, it } from 'vitest'
import { axisScale, dataRange, drawable, linearTicks, logTicks } from './chart-scale'
import { describeTrace } from './chart-words'
import { decimate, linePath, MAX_POINTS } from './line-path'

describe('chart scales', () => {
  it('linear ticks fall on 1, 2 or 5 times a power of ten inside the range', () => {
    expect(linearTicks(0, 1, 4)).toEqual([0, 0.5, 1])
    expect(linearTicks(-146.7, -80.77, 4)).toEqual([-140, -120, -100])
    expect(linearTicks(0, 20000, 3)).toEqual([0, 10000, 20000])
    expect(linearTicks(0.1, 0.35, 4)).toEqual([0.1, 0.2, 0.3])
    expect(linearTicks(3, 3)).toEqual([3])
  })

  it('log ticks are powers of ten, at most five; a range under a decade gets its ends', () => {
    expect(logTicks(1e-3, 10)).toEqual([1e-3, 1e-2, 0.1, 1, 10])
    expect(logTicks(2.7e-13, 1200)).toEqual([1e-12, 1e-8, 1e-4, 1])
    expect(logTicks(2, 8)).toEqual([2, 8])
  })

  it(
    'the data range skips what cannot be drawn (NaN; zero and below on a log axis) ' + 'and takes in a reference line',
    () => {
      expect(dataRange([Float32Array.of(NaN, 1, 3)], false)).toEqual([1, 3])
      expect(dataRange([Float64Array.of(0, -1, 1e-3, 10)], true)).toEqual([1e-3, 10])
      expect(dataRange([Float32Array.of(18, 22)], false, [10])).toEqual([10, 22])
      expect(dataRange([Float32Array.of(NaN)], false)).toBeNull()
      expect(dataRange([Float32Array.of(0, 0)], true)).toBeNull()
      // A flat line still gets an axis with length.
      expect(dataRange([Float32Array.of(5, 5)], false)).toEqual([4.75, 5.25])
      expect(dataRange([Float32Array.of(0)], false)).toEqual([-1, 1])
      expect(dataRange([Float32Array.of(4)], true)).toEqual([2, 8])
    },
  )

  it('maps the ends of the range to the ends of the pixels, in log10 on a log axis', () => {
    const y = axisScale([1e-4, 1], [100, 0], true)
    expect(y.at(1e-4)).toBe(100)
    expect(y.at(1)).toBe(0)
    expect(y.at(1e-2)).toBeCloseTo(50, 12)
    expect(y.ticks.map((t) => t.label)).toEqual(['1e-4', '1e-3', '0.01', '0.1', '1'])
    const x = axisScale([0, 20000], [40, 340], false, 3)
    expect(x.at(10000)).toBe(190)
    expect(x.ticks.map((t) => t.label)).toEqual(['0', '10,000', '20,000'])
    expect(axisScale([100, 1e16], [100, 0], true).ticks.map((t) => t.label)).toEqual([
      '100',
      '1e5',
      '1e8',
      '1e11',
      '1e14',
    ])
    expect(drawable(0, true)).toBe(false)
    expect(drawable(0, false)).toBe(true)
  })
})

describe('decimation', () => {
  it('keeps short series whole', () => {
    expect([...decimate(Float32Array.of(1, 2, 3), 500)]).toEqual([0, 1, 2])
  })

  it('keeps at most max points, in order, with the first, the last and every extreme', () => {
    const n = 1024
    const y = Float32Array.from({ length: n }, (_, i) => Math.sin(i / 7) + (i === 333 ? 50 : 0) - (i === 900 ? 60 : 0))
    const kept = decimate(y, MAX_POINTS)
    expect(kept.length).toBeLessThanOrEqual(MAX_POINTS)
    expect(kept[0]).toBe(0)
    expect(kept[kept.length - 1]).toBe(n - 1)
    expect([...kept].every((v, k) => k === 0 || v > kept[k - 1])).toBe(true)
    expect(kept).toContain(333)
    expect(kept).toContain(900)
  })

  it('keeps a gap a gap', () => {
    const y = Float32Array.from({ length: 2000 }, (_, i) => (i >= 1000 && i < 1010 ? NaN : i))
    const kept = [...decimate(y, 100)]
    expect(kept.some((i) => Number.isNaN(y[i]))).toBe(true)
    const path = linePath(
      Float64Array.from(y, (_, i) => i),
      y,
      kept,
      (v) => v,
      (v) => v,
    )
    expect(path.match(/M/g)).toHaveLength(2)
  })

  it('on a log axis drops zeros from the extremes and breaks the line there', () => {
    const y = Float32Array.of(1, 0, 0.1)
    expect(
      linePath(
        Float64Array.of(0, 1, 2),
        y,
        [0, 1, 2],
        (v) => 10 * v,
        (v) => -Math.log10(v),
        (v) => drawable(v, true),
      ),
    ).toBe('M0 0M20 1')
  })
})

describe('a trace in words', () => {
  it('gives the latest drawable value with its step, and the range', () => {
    const step = Float64Array.of(0, 10, 20, 30)
    expect(describeTrace('U', step, Float32Array.of(-40, -70, -80.7678, NaN))).toBe(
      'U = \u221280.77 at step 20 (from \u221280.77 to \u221240)',
    )
    expect(describeTrace('|grad U|', step, Float32Array.of(2, 0, 0, 0), true)).toBe('|grad U| = 2 at step 0')
    expect(describeTrace('U', step, Float32Array.of(NaN, NaN, NaN, NaN))).toBe('U: nothing to show yet')
  })
})
