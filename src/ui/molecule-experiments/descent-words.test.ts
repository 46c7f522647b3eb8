import { describe, expect, test } from 'vitest'
import { descentSummary, distinctEnergies, percent } from './descent-words'

const tally = {
  starts: 5,
  minimum: 5,
  running: 0,
  diverged: 0,
  atGlobal: 2,
  global: -44.326801,
  steps: 200,
  globalTolerance: 1e-4,
}

describe('the words under the descent histogram', () => {
  test('counts distinct energies, finite ones, within the tolerance as one', () => {
    expect(distinctEnergies([-1, -1.0004, -2, NaN, Infinity, -2.5])).toBe(3)
    expect(distinctEnergies([])).toBe(0)
  })

  test('words a share with at most one decimal', () => {
    expect(percent(172, 1000)).toBe('17.2%')
    expect(percent(0, 200)).toBe('0%')
    expect(percent(3, 3)).toBe('100%')
  })

  test('names the global minimum and the other minima the rest end in', () => {
    const energies = [-44.326801, -44.32675, -41.47, -41.4705, -40.1]
    expect(descentSummary({ ...tally, energies })).toBe(
      '2 of 5 starts (40%) reach the global minimum \u221244.33; the other 3 end in 2 other minima.',
    )
  })

  test('says how many are still going downhill at the step cap, and how many diverged', () => {
    const energies = [-3, -2, -1, -0.5, NaN]
    expect(
      descentSummary({
        ...tally,
        global: -3.294,
        atGlobal: 0,
        minimum: 1,
        running: 3,
        diverged: 1,
        steps: 5000,
        energies,
      }),
    ).toBe(
      '0 of 5 starts (0%) reach the global minimum \u22123.29; 1 stops in a minimum; 3 are still going downhill ' +
        'after 5,000 steps (drawn where they are); 1 diverged.',
    )
  })
})
