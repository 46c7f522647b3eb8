import { describe, expect, test } from 'vitest'
import { colourMap, defaultClip } from './colour'

const unminus = (label: string) => Number(label.replace('\u2212', '-'))

describe('colourMap', () => {
  test('linear colours U itself over the whole range', () => {
    const m = colourMap('linear', -3, 7)
    expect([m.min, m.max, m.map(2), m.ticks]).toEqual([-3, 7, 2, undefined])
  })

  test('clip stops the colours at clipAt', () => {
    const m = colourMap('clip', -147, 3300, 100)
    expect([m.min, m.max, m.map(50), m.map(3000)]).toEqual([-147, 100, 50, 100])
    expect(m.title).toBe('U (cut at 100)')
  })

  test('clip above the largest value is linear', () => {
    expect(colourMap('clip', 0, 10, 100).max).toBe(10)
  })

  test('log ticks sit where the U on their labels is coloured', () => {
    const m = colourMap('log', 3, 1.0e6)
    const ticks = m.ticks ?? { values: [], labels: [] }
    expect(ticks.labels[0]).toBe('3')
    expect(ticks.labels.length).toBeGreaterThan(4)
    ticks.labels.forEach((label, i) => expect(m.map(unminus(label))).toBeCloseTo(ticks.values[i], 2))
    expect(m.min).toBe(m.map(3))
    expect(m.max).toBe(m.map(1.0e6))
    // Increasing, and at least half a decade apart so the labels do not overlap.
    for (let i = 1; i < ticks.values.length; i++) expect(ticks.values[i] - ticks.values[i - 1]).toBeGreaterThan(0.5)
  })

  test('no finite values gives a harmless unit range', () => {
    expect(colourMap('log', NaN, NaN)).toMatchObject({ min: 0, max: 1 })
  })
})

describe('defaultClip', () => {
  test('the 80th percentile of the finite values', () => {
    const values = Float64Array.from({ length: 101 }, (_, i) => i)
    values[3] = NaN
    expect(defaultClip(values)).toBe(80)
    expect(defaultClip([NaN])).toBeUndefined()
  })
})
