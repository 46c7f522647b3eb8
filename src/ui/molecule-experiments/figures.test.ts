import { describe, expect, test } from 'vitest'
import { arrheniusFigure, arrheniusLine, arrheniusPoints, descentFigure, doubleFunnelFigure } from './figures'

const theme = { dark: false }

describe("the molecule experiments' figures", () => {
  test('read the rates in kT order, leaving out rates of zero', () => {
    const points = arrheniusPoints({
      'rate at kT 0.2': 3,
      'rate at kT 0.16': 0.5,
      'rate at kT 0.18': 0,
      'fitted barrier': 1.4,
    })
    expect(points).toEqual([
      { kT: 0.16, rate: 0.5 },
      { kT: 0.2, rate: 3 },
    ])
  })

  test('draw a line of slope -barrier through the centroid, which is the fit itself for exact Arrhenius rates', () => {
    const barrier = 1.5
    const points = [0.16, 0.18, 0.2].map((kT) => ({ kT, rate: 7 * Math.exp(-barrier / kT) }))
    const line = arrheniusLine(points, barrier)
    expect(line.x).toEqual([5, 1 / 0.16])
    expect(line.y[0]).toBeCloseTo(Math.log(7) - barrier * 5, 12)
    expect(line.y[1]).toBeCloseTo(Math.log(7) - barrier / 0.16, 12)
    expect(arrheniusLine(points, NaN)).toEqual({ x: [], y: [] })
  })

  test('the Arrhenius figure has the points, the fit and the graph barrier, named with their barriers', () => {
    const f = arrheniusFigure(
      {
        'rate at kT 0.16': 0.01,
        'rate at kT 0.2': 0.05,
        'fitted barrier': 1.37,
        'graph barrier out of the hexagon': 1.495,
      },
      theme,
    )
    expect(f.data.map((d) => d.name)).toEqual([
      'rate out of the hexagon',
      'Arrhenius fit: barrier 1.370',
      "slope of the graph's barrier 1.495",
    ])
  })

  test('the LJ38 figure has a point per run and the fcc minimum', () => {
    const f = doubleFunnelFigure(
      {
        'run 1 best': -173.25,
        'run 1 Q4': 0.02,
        'run 2 best': -172.9,
        'run 2 Q4': 0.03,
        'fcc energy': -173.93,
        'fcc Q4': 0.19,
        'icosahedral energy': -173.25,
      },
      theme,
    )
    expect((f.data[0] as { y: number[] }).y).toEqual([-173.25, -172.9])
    expect((f.data[1] as { x: number[] }).x).toEqual([0.19])
  })

  test('the descent histogram is bars at bin centres with the global minimum marked', () => {
    const f = descentFigure({ from: -44.3269, width: 0.5, counts: [3, 0, 2] }, -44.3268, theme)
    const bars = f.data[0] as { x: number[]; y: number[] }
    expect(bars.x[0]).toBeCloseTo(-44.0769, 10)
    expect(bars.y).toEqual([3, 0, 2])
    expect(f.layout.shapes?.[0]?.x0).toBe(-44.3268)
    expect(f.layout.xaxis?.range).toEqual([-44.8269, -44.3269 + 4 * 0.5])
  })
})
