import type { ScatterData } from 'plotly.js'
import { describe, expect, test } from 'vitest'
import { TRAINING_EXPERIMENTS } from '../../core/experiments/training'
import { deepLinearPlateau } from '../../core/experiments/training/deep-linear-plateau'
import { langevinForSgd } from '../../core/experiments/training/langevin-for-sgd'
import { randomVsHessianDirections } from '../../core/experiments/training/random-vs-hessian-directions'
import { sgdEscapesSaddle } from '../../core/experiments/training/sgd-escapes-saddle'
import {
  directionsFigure,
  langevinFigure,
  logTicks,
  plateauFigure,
  plateauPoints,
  saddleEscapeFigure,
  SHOWS,
  standardError,
  trainingFigure,
} from './figures'
import { trainingKeyNumbers } from './key-numbers'

const theme = { dark: false }
const trace = (d: unknown) => d as Partial<ScatterData> & { error_y?: { array: number[] } }

describe("the training experiments' figures", () => {
  test('the plateau: steps to s/2 measured and by the formula for each start, u0 on a log axis', () => {
    const n = deepLinearPlateau.run()
    expect(plateauPoints(n, 1)).toEqual([
      { u0: 1e-2, steps: 231, formula: n['formula, mode 1, start 1'] },
      { u0: 1e-3, steps: 347, formula: n['formula, mode 1, start 2'] },
      { u0: 1e-4, steps: 463, formula: n['formula, mode 1, start 3'] },
    ])
    const f = plateauFigure(n, theme)
    expect(f.data).toHaveLength(4)
    expect(f.data.map((d) => trace(d).mode)).toEqual(['lines', 'markers', 'lines', 'markers'])
    // Sorted by u0 for the line; the weak mode's measured steps.
    expect(trace(f.data[3]).x).toEqual([1e-4, 1e-3, 1e-2])
    expect(trace(f.data[3]).y).toEqual([1567, 1105, 636])
    expect(f.layout.xaxis?.type).toBe('log')
  })

  test('the saddle: the share of runs that left, with gradient descent’s distance written on its bar', () => {
    const n = sgdEscapesSaddle.run()
    const f = saddleEscapeFigure(n, theme)
    const bars = trace(f.data[0])
    expect(bars.x).toEqual(['gradient<br>descent', 'SGD,<br>B = N = 100', 'SGD,<br>B = 2'])
    expect(bars.y).toEqual([0, 0, 1])
    expect(bars.text).toEqual(['0 of 1<br>|w1| = 1.95e-5', 'the same,<br>bit for bit', '20 of 20<br>median step 70'])
  })

  test('Langevin and SGD: three spreads per direction with their standard errors, and the exact value', () => {
    expect(standardError(0.2, -4)).toBe(0.05)
    expect(standardError(0.2, 0)).toBeNaN()
    const n = langevinForSgd.run()
    const f = langevinFigure(n, theme)
    expect(f.data.map((d) => d.name)).toEqual([
      'exact lr c_B / (k (2 - lr k))',
      'SGD, B = 5 of 20',
      'Langevin, kT = 0.158',
      'Langevin, kT = 0.2 (with replacement)',
    ])
    expect(trace(f.data[0]).y).toEqual([n['exact variance, direction 1'], n['exact variance, direction 2']])
    expect(trace(f.data[0]).error_y).toBeUndefined()
    expect(trace(f.data[1]).y).toEqual([n['sgd variance, direction 1'], n['sgd variance, direction 2']])
    // The standard errors read back from the z-scores: each spread within 5 of them of the exact value.
    const y = (k: number) => trace(f.data[k]).y as number[]
    for (const j of [0, 1]) {
      for (const k of [1, 2]) {
        const se = trace(f.data[k]).error_y!.array[j]!
        expect(se).toBeGreaterThan(0)
        expect(Math.abs(y(k)[j]! - y(0)[j]!)).toBeLessThan(5 * se)
      }
      expect(trace(f.data[3]).error_y!.array[j]).toBeGreaterThan(0)
      expect(y(3)[j]! - y(0)[j]!).toBeGreaterThan(5 * trace(f.data[3]).error_y!.array[j]!)
    }
  })

  test('log ticks at 1, 2 and 5 times the powers of ten', () => {
    expect(logTicks(0.017, 7.2)).toEqual([0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5])
    expect(logTicks(0, 1)).toEqual([])
  })

  test('random against Hessian directions: ten bars on a log axis under lambda_max / 10 but the top two', () => {
    const n = randomVsHessianDirections.run()
    const f = directionsFigure(n, theme)
    const bars = trace(f.data[0])
    expect(bars.x).toHaveLength(10)
    expect((bars.x as string[]).slice(0, 3)).toEqual(['top eigenvector', '2nd eigenvector', 'random 1'])
    const y = bars.y as number[]
    const tenth = n['lambda_max, dense']! / 10
    expect(f.layout.shapes?.[0]?.y0).toBe(tenth)
    expect(y[0]).toBeCloseTo(n['lambda_max, dense']!, 3)
    expect(y.slice(2).every((c) => c < tenth)).toBe(true)
    expect(f.layout.yaxis?.type).toBe('log')
    expect(f.layout.yaxis?.tickvals).toEqual([0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5])
  })

  test('every experiment has a figure, a sentence saying what it shows and key numbers; others have none', () => {
    for (const e of TRAINING_EXPERIMENTS) {
      expect(SHOWS[e.id], e.id).toMatch(/^It shows .+\.$/)
      expect(trainingFigure(e.id, {}, theme), e.id).not.toBeNull()
    }
    expect(trainingFigure('constructor', {}, theme)).toBeNull()
    expect(trainingKeyNumbers('constructor', {})).toEqual([])
  })

  test('the key numbers, in words', () => {
    expect(trainingKeyNumbers('sgd-escapes-saddle', sgdEscapesSaddle.run())).toEqual([
      ['SGD runs (B = 2) that left the saddle', '20 of 20'],
      ['their median step of leaving', '70'],
      ["gradient descent's |w1| after 400 steps", '1.948e-5'],
      ['steps gradient descent would need to leave', '811'],
      ['SGD with B = N = 100 repeats gradient descent bit for bit', 'yes'],
    ])
    const plateau = trainingKeyNumbers('deep-linear-plateau', deepLinearPlateau.run())
    expect(plateau[0]).toEqual(['strong pattern from u0 = 0.01: steps to s/2', '231 (formula 230.3)'])
    expect(plateau).toContainEqual([
      "strong pattern's extra wait from a start 100 times smaller",
      '232 (formula 230.3)',
    ])
    expect(trainingKeyNumbers('sgd-escapes-saddle', {})).toEqual([])
  })
})
