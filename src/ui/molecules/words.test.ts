import { describe, expect, it } from 'vitest'
import { walkersSummary, walkerWords } from './words'

const ascii = (s: string) => s.replace(/\u2212/g, '-')

describe('what a molecule walker is doing, in words', () => {
  it('says quenched, diverged or running, with the global minimum beside', () => {
    expect(ascii(walkerWords(1, -41.4719, -1, -44.326801))).toBe(
      'quenched to a local minimum E = -41.47 (global -44.33)',
    )
    expect(ascii(walkerWords(1, -44.32681, -1, -44.326801))).toBe('quenched to the global minimum E = -44.33')
    expect(walkerWords(2, 3, 11, -44.3)).toBe('diverged at step 11')
    expect(ascii(walkerWords(0, -12.1, -1, null))).toBe('still moving, E = -12.10')
    expect(ascii(walkerWords(0, -12.1, -1, null, { sampler: true }))).toBe('sampling, E = -12.10')
    expect(ascii(walkerWords(0, -41.4719, -1, -44.326801, { hopping: true }))).toBe(
      'hopping, in a minimum E = -41.47 (global -44.33)',
    )
  })

  it('sums up every walker in one line', () => {
    const line = walkersSummary([0, 1, 1, 2], [-11, -12.534867, -11.5, 5], -12.534867, 'still moving')
    expect(ascii(line)).toBe(
      '4 walkers: 1 still moving, 2 in a minimum, 1 at the global minimum, 1 diverged; ' +
        'lowest E = -12.53 (global -12.53)',
    )
  })
})
