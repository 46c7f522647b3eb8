import { describe, expect, test } from 'vitest'
import { compileFormula } from '../../core/formula'
import { nonFiniteGround } from '../../core/landscape/ground'
import { ANALYSIS_GRID } from '../../core/landscape/surface-analysis'
import { formatShare, groundMessages } from './ground-message'

const domain = { xmin: -5, xmax: 5, ymin: -5, ymax: 5 }

function messages(text: string): string[] {
  const compiled = compileFormula(text)
  if (!compiled.ok) throw new Error(compiled.error.message)
  return groundMessages(nonFiniteGround(compiled.surface, ANALYSIS_GRID), domain)
}

describe('groundMessages', () => {
  test('log(x): undefined on half the domain, x <= 0', () => {
    const [first, ...rest] = messages('log(x)')
    expect(first).toBe('U is undefined (log of a negative number) on 50% of the domain (x ≤ 0).')
    expect(rest).toHaveLength(1)
  })

  test('exp(1000 x): overflows beyond the stated bound, from x = 0.355', () => {
    expect(messages('exp(1000*x)')[0]).toBe(
      'U overflows (exp of a large number: |U| > 1.3×10¹⁵⁴) on 46.7% of the domain (x ≥ 0.355).',
    )
  })

  test('says nothing of a surface usable everywhere (negative control)', () => {
    expect(messages('x^2 + y^2')).toEqual([])
  })

  test('formats shares', () => {
    expect([0.5, 0.4667, 0.0004, 1e-7, 1].map(formatShare)).toEqual(['50%', '46.7%', '0.04%', 'under 0.01%', '100%'])
  })
})
