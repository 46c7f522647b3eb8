import { describe, expect, it } from 'vitest'
import type { SystemWalkerStatus } from '../dynamics/system-lane'
import { energyTermsWords, systemWalkerWords } from './words'

const at = (kind: SystemWalkerStatus['kind'], energy: number, atGlobal = false): SystemWalkerStatus => ({
  kind,
  energy,
  global: -44.326801,
  atGlobal,
  divergedAt: kind === 'diverged' ? 11 : null,
})

describe('status words of a system walker', () => {
  it('say where an optimizer stopped against the global minimum, and when a walker diverged', () => {
    expect(systemWalkerWords(at('minimum', -41.4719))).toBe('quenched to a local minimum E = -41.47 (global -44.33)')
    expect(systemWalkerWords(at('minimum', -44.326801, true))).toBe('quenched to the global minimum E = -44.33')
    expect(systemWalkerWords(at('diverged', 1e300))).toBe('diverged at step 11')
    expect(systemWalkerWords(at('running', -40.1))).toBe('still moving, E = -40.10')
    expect(systemWalkerWords(at('running', -40.1), { sampler: true })).toBe('sampling, E = -40.10')
    expect(systemWalkerWords(at('minimum', -43.1), { hopping: true })).toBe(
      'hopping, in a minimum E = -43.10 (global -44.33)',
    )
    expect(systemWalkerWords(at('running', 3e7))).toBe('still moving, E = 3.000e+7')
    expect(systemWalkerWords({ ...at('minimum', -1), global: null })).toBe('quenched to a local minimum E = -1.00')
    expect(systemWalkerWords(at('minimum', -41.4719), { format: (v) => v.toFixed(1) })).toBe(
      'quenched to a local minimum E = -41.5 (global -44.3)',
    )
  })
})

describe('the terms of an energy in words', () => {
  it('name each term with its value, in order', () => {
    expect(energyTermsWords(['bending', 'non-bonded pairs'], [0.5, -3.79])).toBe('bending 0.50, non-bonded pairs -3.79')
  })
})
