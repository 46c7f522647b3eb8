import { describe, expect, test } from 'vitest'
import { domainProblem } from './domain'
import { boundsProblem, parameterRange } from './parameters'

describe('domainProblem', () => {
  test('accepts a finite domain with min below max on both axes', () => {
    expect(domainProblem({ xmin: -1.5, xmax: 1.2, ymin: -0.5, ymax: 2 })).toBeNull()
  })

  test('names the bound at fault', () => {
    expect(domainProblem({ xmin: 2, xmax: 1, ymin: 0, ymax: 1 })).toEqual({
      key: 'xmax',
      message: 'x max must be above x min (2)',
    })
    expect(domainProblem({ xmin: 0, xmax: 1, ymin: 0, ymax: 0 }, ['phi', 'psi'])?.message).toBe(
      'psi max must be above psi min (0)',
    )
    expect(domainProblem({ xmin: NaN, xmax: 1, ymin: 0, ymax: 1 })?.key).toBe('xmin')
    expect(domainProblem({ xmin: 1e9, xmax: 1e9 + 1e-3, ymin: 0, ymax: 1 })?.message).toMatch(/too narrow/)
  })
})

describe('parameter sliders', () => {
  test('span two of the value either side, at least 2', () => {
    expect(parameterRange(1)).toEqual({ min: -1, max: 3 })
    expect(parameterRange(0)).toEqual({ min: -2, max: 2 })
    expect(parameterRange(-100)).toEqual({ min: -300, max: 100 })
  })

  test('bounds must be finite and in order', () => {
    expect(boundsProblem(0, 1)).toBeNull()
    expect(boundsProblem(1, 1)).toMatch(/below/)
    expect(boundsProblem(0, Infinity)).toMatch(/finite/)
  })
})
