import { describe, expect, it } from 'vitest'
import type { LossSliceAnswer } from '../../engine/training-protocol'
import { lossCurvesFigure, pathHover, regionsFigure, short, sliceFigure, sliceSurfaceFigure, sliceTop } from './figures'

const ascii = (s: string) => s.replace(/\u2212/g, '-')

function slice(): LossSliceAnswer {
  // A 3 x 2 grid over a in [-1, 1], b in [0, 1]; a path of two checkpoints ending at the origin.
  return {
    kind: 'pca',
    walker: 1,
    step: 40,
    na: 3,
    nb: 2,
    a: [-1, 1],
    b: [0, 1],
    values: Float64Array.from([1, 2, 3, 4, 5, NaN]),
    min: 1,
    max: 5,
    path: {
      steps: Float64Array.from([0, 40]),
      a: Float64Array.from([0.5, 0]),
      b: Float64Array.from([0.25, 0]),
      distance: Float64Array.from([0.8, 0]),
      planeLoss: Float64Array.from([0.4, 0.2]),
      trueLoss: Float64Array.from([0.52, 0.2]),
    },
    note: '',
    ms: 3,
    workers: 2,
  }
}

describe('the training figures', () => {
  it('say how far a projected point is off the plane and how its loss differs', () => {
    expect(pathHover(0.8, 0.52, 0.4)).toBe("0.8 off the plane; true loss 0.12 above the plane's")
    expect(pathHover(0.8, 0.3, 0.4)).toBe("0.8 off the plane; true loss 0.1 below the plane's")
    expect(pathHover(0, 0.2, 0.2)).toBe("on the plane; true loss as the plane's")
    expect(ascii(short(-1.5e-5))).toBe('-1.5e-5')
    expect(short(123456)).toBe('1.2e+5')
  })

  it('draw the slice with its rows over b, the path with its words, the top 5% clipped', () => {
    const fig = sliceFigure(slice(), { dark: false })
    const map = fig.data[0] as { z: (number | null)[][]; zmax: number }
    expect(map.z).toEqual([
      [1, 2, 3],
      [4, 5, null],
    ])
    expect(map.zmax).toBe(sliceTop([1, 2, 3, 4, 5, NaN]))
    expect(sliceTop([1, 2, 3, 4, 5])).toBe(4)
    const path = fig.data[1] as { x: number[]; text: string[] }
    expect(path.x).toEqual([0.5, 0])
    expect(path.text[0]).toBe("step 0: 0.8 off the plane; true loss 0.12 above the plane's (plane 0.4000, true 0.5200)")
    expect(fig.layout.xaxis?.range).toEqual([-1, 1])
    const surface = sliceSurfaceFigure(slice(), { dark: true })
    expect((surface.data[1] as { z: number[] }).z).toEqual([0.52, 0.2])
  })

  it('draw the decision regions, the boundary and the points by class; the loss curves on a log axis', () => {
    const fig = regionsFigure(
      {
        extent: [-1, 1, -1, 1],
        regions: {
          nx: 2,
          ny: 2,
          extent: [-1, 1, -1, 1],
          values: Float64Array.from([0.1, 0.9, 0.2, 0.8]),
          step: 1,
          walker: 0,
          ms: 1,
        },
        inputs: Float64Array.from([0, 0, 1, 1, -1, 0.5]),
        targets: Float64Array.from([1, 0, 1]),
        task: 'classify',
        key: 'k',
      },
      { dark: false },
    )
    expect(fig.data.map((d) => d.type)).toEqual(['heatmap', 'contour', 'scatter', 'scatter'])
    expect((fig.data[0] as { z: number[][] }).z).toEqual([
      [0.1, 0.9],
      [0.2, 0.8],
    ])
    expect((fig.data[3] as { x: number[] }).x).toEqual([0, -1])
    const curves = lossCurvesFigure(
      { steps: Float64Array.from([0, 10, 20]), losses: Float64Array.from([1, 0.5, 0.25, 2, NaN, 1]) },
      1,
      { dark: false },
      'k',
    )
    expect(curves.data).toHaveLength(2)
    expect((curves.data[1] as { y: (number | null)[] }).y).toEqual([2, null, 1])
    expect(curves.layout.yaxis?.type).toBe('log')
  })
})

describe('the status words', () => {
  it('give loss, accuracy and gradient, or say when a walker diverged', async () => {
    const { walkerWords, walkersSummary } = await import('./words')
    expect(walkerWords(0, 0.123, 0.955, 0.0021, -1, false)).toBe('training, loss 0.12, accuracy 95.5%, |∇L| = 0.0021')
    expect(walkerWords(2, 1e300, NaN, NaN, 340, false)).toMatch(/^diverged at step 340: .* a smaller step would help/)
    expect(walkersSummary([0, 0, 2, 1], false)).toBe('4 walkers: 2 training, 1 at a minimum, 1 diverged')
  })
})
