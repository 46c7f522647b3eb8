import { describe, expect, test } from 'vitest'
import { atlasSurface } from '../../core/surfaces'
import { formulaTex } from './formula-tex'

describe('formulaTex', () => {
  test("prints a function's own brackets plain, so KaTeX can break a long argument at its + and − signs", () => {
    const tex = formulaTex(atlasSurface('muller-brown')!.formula)!
    expect(tex).toContain('-200\\cdot\\nobreak \\exp(-{\\left( x-1\\right)}^{2}-10\\cdot\\nobreak { y}^{2})')
    expect(tex).not.toContain('\\exp\\left(')
    // Only the function's own brackets: a parenthesised term keeps its stretchy ones.
    expect(formulaTex('sin((x + 1)^2) + abs(y)')).toBe('\\sin({\\left( x+1\\right)}^{2})+\\left| y\\right|')
  })

  test('never breaks a line right after a multiplication dot', () => {
    expect(formulaTex('2*x*y')).toBe('2\\cdot\\nobreak  x\\cdot\\nobreak  y')
    expect(formulaTex('x +')).toBeNull()
  })
})
