import { describe, expect, it } from 'vitest'
import type { InterpolationAnswer, SpectrumHistory } from '../../engine/training-protocol'
import { hessianWalkerWords, lineWords } from './words'

function spectrum(record: { min: number; max: number; index: number; gradient: number }): SpectrumHistory {
  const one = (v: number) => Float64Array.of(v)
  return {
    walker: 2,
    steps: one(1220),
    loss: one(0.3),
    gradient: one(record.gradient),
    min: one(record.min),
    max: one(record.max),
    index: one(record.index),
    every: 305,
    lanczosSteps: 30,
    share: 0.09,
    recordMs: 12,
  }
}

function line(loss: number[], over: Partial<InterpolationAnswer> = {}): InterpolationAnswer {
  return {
    walker: 0,
    step: 400,
    problem: null,
    alpha: Float64Array.from(loss, (_, i) => i / (loss.length - 1)),
    loss: Float64Array.from(loss),
    start: loss[0]!,
    end: loss[loss.length - 1]!,
    barrier: { present: false, height: -0.1, at: 0.5 },
    monotone: true,
    ms: 3,
    ...over,
  }
}

describe('the status words from the latest Hessian record', () => {
  it('says near a saddle, with its index, gradient and escape curvature, and the step of the record', () => {
    const s = spectrum({ min: -0.04, max: 4, index: 3, gradient: 2e-5 })
    expect(hessianWalkerWords(s, 2, 0.9, false)).toBe(
      'near a saddle of index 3: gradient 2e-5, escape direction curvature −0.04, from the Hessian at step 1,220',
    )
  })
  it('falls back (null) for another walker, a walker still training, or a diverged one', () => {
    const s = spectrum({ min: -0.04, max: 40, index: 3, gradient: 2e-5 })
    expect(hessianWalkerWords(s, 1, 0.9, false)).toBeNull()
    expect(hessianWalkerWords(s, 2, 0.9, true)).toBeNull()
    expect(hessianWalkerWords(null, 2, 0.9, false)).toBeNull()
    expect(hessianWalkerWords(spectrum({ min: -0.04, max: 40, index: 3, gradient: 0.5 }), 2, 0.9, false)).toBeNull()
  })
  it('says at a minimum when no curvature is negative', () => {
    const words = hessianWalkerWords(spectrum({ min: 0.001, max: 5, index: 0, gradient: 1e-4 }), 2, 0.9, false)
    expect(words).toMatch(/^at a minimum: gradient 1e-4, all curvatures ≥ 0/)
  })
})

describe('the words of the line from the initial to the current weights', () => {
  it('says there is no barrier when the loss falls all the way', () => {
    const words = lineWords(line([0.7, 0.5, 0.2, 0.05]))
    expect(words).toMatch(/^From the initial weights \(α = 0, loss 0\.7\) to walker 1's weights at step 400 /)
    expect(words).toMatch(/\(α = 1, loss 0\.05\): no barrier: the loss falls all the way — often a bowl, as Goodfellow/)
  })
  it('states a barrier and where it stands', () => {
    const words = lineWords(
      line([0.7, 0.84, 0.2, 0.05], { barrier: { present: true, height: 0.14, at: 0.45 }, monotone: false }),
    )
    expect(words).toMatch(/a barrier of 0\.14 at α = 0\.45/)
  })
  it('says why a diverged walker has no line', () => {
    expect(lineWords(line([], { problem: 'walker 1 diverged at step 4' }))).toBe(
      'No line: walker 1 diverged at step 4.',
    )
  })
})
