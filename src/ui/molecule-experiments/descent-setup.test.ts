import { describe, expect, test } from 'vitest'
import { descentDefaults, descentRequest } from './descent-setup'

describe('the descent setup', () => {
  test('runs 1,000 starts for L-BFGS and FIRE, fewer and capped for gradient descent', () => {
    expect(descentDefaults('lj13', 'lbfgs')).toEqual({ starts: 1000, maxSteps: 20_000 })
    expect(descentDefaults('ab-2d-13', 'fire').starts).toBe(1000)
    expect(descentDefaults('ab-2d-13', 'gd')).toEqual({ starts: 100, maxSteps: 5000 })
    expect(descentDefaults('lj13', 'gd').maxSteps).toBe(5000)
  })

  test('names the field that is wrong', () => {
    expect(descentRequest('lj13', 'lbfgs', 100, 1)).toEqual({
      ok: true,
      request: { system: 'lj13', method: 'lbfgs', starts: 100, seed: 1, maxSteps: 20_000 },
    })
    expect(descentRequest('lj13', 'lbfgs', 0, 1)).toEqual({
      ok: false,
      message: 'Starts: a whole number from 1 to 2,000.',
    })
    expect(descentRequest('lj13', 'lbfgs', 2.5, 1).ok).toBe(false)
    expect(descentRequest('lj13', 'lbfgs', null, 1).ok).toBe(false)
    expect(descentRequest('lj13', 'gd', 10, -1)).toEqual({
      ok: false,
      message: 'The seed is a whole number, 0 or more.',
    })
  })
})
