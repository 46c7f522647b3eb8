import { describe, expect, it } from 'vitest'
import type { SpectrumHistory } from '../../engine/training-protocol'
import { hessianWalkerWords } from './words'

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

describe('the status words from the latest Hessian record', () => {
  it('says near a saddle, with its index, gradient and escape curvature, and the step of the record', () => {
    const s = spectrum({ min: -0.04, max: 4, index: 3, gradient: 2e-5 })
    expect(hessianWalkerWords(s, 2, 0.9, false)).toBe(
      'near a saddle of index 3: gradient 2e-5, escape direction curvature −0.04 (Hessian at step 1,220)',
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
