import { describe, expect, test } from 'vitest'
import { descentDefaults, descentNote, descentRequest } from './descent-setup'

describe('the descent setup', () => {
  test('runs 1,000 starts for L-BFGS and FIRE, fewer and capped for gradient descent, FIRE on the chain capped', () => {
    expect(descentDefaults('lj13', 'lbfgs')).toEqual({ starts: 1000, maxSteps: 20_000 })
    expect(descentDefaults('lj13', 'fire')).toEqual({ starts: 1000, maxSteps: 20_000 })
    expect(descentDefaults('ab-2d-13', 'fire')).toEqual({ starts: 1000, maxSteps: 3000 })
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

  test('says what the budget is before a run', () => {
    expect(descentNote('ab-2d-13', 'gd')).toBe(
      'Gradient descent takes small fixed steps (learning rate 0.001) and crawls, slowest on the chain: it runs 100 ' +
        'starts by default, at most 5,000 steps each; starts still moving then are drawn where they stopped.',
    )
    expect(descentNote('ab-2d-13', 'fire')).toMatch(/^FIRE creeps along the chain's flat valleys: at most 3,000 steps/)
    expect(descentNote('lj13', 'lbfgs')).toBe('Each start runs until it stops in a minimum (at most 20,000 steps).')
  })
})
