import { describe, expect, it } from 'vitest'
import { checkFormula, compileFormula } from '.'
import type { CompiledSurface } from '../surface'

function compiled(text: string, evaluator?: 'generated' | 'tape', parameters?: Map<string, number>): CompiledSurface {
  const r = compileFormula(text, { evaluator, parameters })
  if (!r.ok) throw new Error(r.error.message)
  return r.surface
}

function errorOf(text: string): string {
  const r = checkFormula(text)
  if (r.ok) throw new Error(`'${text}' compiled`)
  return r.error.message
}

/** Central differences of the value (gradient) and of the gradient (Hessian). */
function finiteDifferences(s: CompiledSurface, x: number, y: number, h = 1e-5) {
  const g = new Float64Array(2)
  const gp = new Float64Array(2)
  const gm = new Float64Array(2)
  s.gradient(x + h, y, gp)
  s.gradient(x - h, y, gm)
  const hxx = (gp[0] - gm[0]) / (2 * h)
  const hxy = (gp[1] - gm[1]) / (2 * h)
  s.gradient(x, y + h, gp)
  s.gradient(x, y - h, gm)
  const hyy = (gp[1] - gm[1]) / (2 * h)
  g[0] = (s.value(x + h, y) - s.value(x - h, y)) / (2 * h)
  g[1] = (s.value(x, y + h) - s.value(x, y - h)) / (2 * h)
  return { gradient: [g[0], g[1]], hessian: [hxx, hxy, hyy] }
}

const close = (a: number, b: number, rel: number) => Math.abs(a - b) <= rel * Math.max(1, Math.abs(a), Math.abs(b))

describe('values', () => {
  it('computes what the formula says, with pi, e and implicit multiplication', () => {
    expect(compiled('2x + 3y').value(1, 2)).toBe(8)
    expect(compiled('2 pi x').value(1, 0)).toBeCloseTo(2 * Math.PI, 14)
    expect(compiled('e^x').value(1, 0)).toBeCloseTo(Math.E, 14)
    expect(compiled('-x^2').value(3, 0)).toBe(-9)
    expect(compiled('x^y^2').value(2, 3)).toBe(512)
    expect(compiled('max(x, y, 3) + min(x, y)').value(1, 2)).toBe(4)
    expect(compiled('log10(x)').value(1000, 0)).toBeCloseTo(3, 14)
  })

  it('reads line breaks and tabs as spaces', () => {
    expect(compiled('x +\n\ty').value(1, 2)).toBe(3)
  })

  it('returns NaN, never throws, where the result is not finite', () => {
    const s = compiled('log(x) + exp(y)')
    const g = new Float64Array(2)
    expect(s.value(-1, 0)).toBeNaN()
    expect(s.value(1, 1000)).toBeNaN()
    expect(s.gradient(-1, 0, g)).toBeNaN()
    expect(g[0]).toBeNaN()
    expect(compiled('1/x').value(0, 0)).toBeNaN()
    expect(compiled('sqrt(x)').value(-4, 0)).toBeNaN()
  })
})

describe('derivatives', () => {
  const formulas = [
    'exp(-x^2 - 2y^2) * sin(3x) + cos(x*y)',
    'log(2 + x^2) * sqrt(1 + y^2) - tan(x/4)',
    'sinh(x/2) * cosh(y/3) + tanh(x - y) + atan(x*y)',
    'asin(x/4) + acos(y/5) + log10(3 + x)',
    '(1 + x^2)^y + y^3 - 1/(1 + x^2)',
    '(x^2 + y - 11)^2 + (x + y^2 - 7)^2',
    'abs(x - 0.3) * y^2 + max(x, y^2) + min(sin(x), cos(y))',
  ]
  const points = [
    [0.7, 0.4],
    [-1.3, 0.9],
    [1.1, -0.6],
    [0.15, 1.7],
  ]
  for (const text of formulas) {
    it(`agree with central differences: ${text}`, () => {
      const s = compiled(text)
      const g = new Float64Array(2)
      const h = new Float64Array(3)
      for (const [x, y] of points) {
        s.gradient(x, y, g)
        s.hessian(x, y, h)
        const fd = finiteDifferences(s, x, y)
        expect(close(g[0], fd.gradient[0], 1e-7), `${text} dU/dx at ${x},${y}`).toBe(true)
        expect(close(g[1], fd.gradient[1], 1e-7), `${text} dU/dy at ${x},${y}`).toBe(true)
        fd.hessian.forEach((v, k) => expect(close(h[k], v, 1e-6), `${text} H${k} at ${x},${y}`).toBe(true))
      }
    })
  }

  it('differentiates abs to sign(u) du: finite at the kink', () => {
    const s = compiled('abs(x)')
    const g = new Float64Array(2)
    s.gradient(0, 0, g)
    expect(g[0]).toBe(0)
    s.gradient(-2, 0, g)
    expect(g[0]).toBe(-1)
  })

  it('hand-computed gradient and Hessian of a*x^2*y + b*exp(y)', () => {
    const s = compiled(
      'a*x^2*y + b*exp(y)',
      undefined,
      new Map([
        ['a', 3],
        ['b', 2],
      ]),
    )
    const g = new Float64Array(2)
    const h = new Float64Array(3)
    expect(s.gradient(2, 0.5, g)).toBeCloseTo(3 * 4 * 0.5 + 2 * Math.exp(0.5), 14)
    expect(g[0]).toBeCloseTo(2 * 3 * 2 * 0.5, 14)
    expect(g[1]).toBeCloseTo(3 * 4 + 2 * Math.exp(0.5), 14)
    s.hessian(2, 0.5, h)
    expect([...h].map((v) => +v.toFixed(12))).toEqual([3, 12, +(2 * Math.exp(0.5)).toFixed(12)])
  })
})

describe('generated code and the tape evaluator', () => {
  it('compute the same numbers, bit for bit', () => {
    const text = 'x^3*exp(-y^2) + abs(x-y)^4 + max(x, -y) / (1 + x^2) - a*atan(y)'
    const fast = compiled(text, 'generated')
    const tape = compiled(text, 'tape')
    const [g1, g2, h1, h2] = [new Float64Array(2), new Float64Array(2), new Float64Array(3), new Float64Array(3)]
    for (let k = 0; k < 200; k++) {
      const x = Math.sin(k * 12.9898) * 3
      const y = Math.cos(k * 78.233) * 3
      expect(Object.is(fast.value(x, y), tape.value(x, y))).toBe(true)
      fast.gradient(x, y, g1)
      tape.gradient(x, y, g2)
      fast.hessian(x, y, h1)
      tape.hessian(x, y, h2)
      expect([...g1]).toEqual([...g2])
      expect([...h1]).toEqual([...h2])
    }
  })
})

describe('parameters', () => {
  it('are found in order, take defaults from a Map, and change without recompiling', () => {
    const r = checkFormula('b*y^2 + a*x^2', new Map([['a', 2]]))
    if (!r.ok) throw new Error(r.error.message)
    expect([...r.formula.parameters]).toEqual([
      ['b', 1],
      ['a', 2],
    ])
    const s = compiled('b*y^2 + a*x^2', undefined, new Map([['a', 2]]))
    expect(s.value(1, 1)).toBe(3)
    s.setParameter('b', 10)
    expect(s.value(1, 1)).toBe(12)
    expect(s.parameters().get('b')).toBe(10)
    expect(() => s.setParameter('c', 1)).toThrow()
    expect(() => s.setParameter('a', Infinity)).toThrow()
  })

  it.each([
    'x',
    'y',
    'pi',
    'e',
    'kT',
    'dt',
    'exp',
    'max',
    'constructor',
    'prototype',
    'toString',
    'valueOf',
    'hasOwnProperty',
    'isPrototypeOf',
  ])('refuses %s as a parameter name', (name) => {
    // x, y, pi and e are not parameters at all; the others are refused by name.
    const r = checkFormula(`${name} + 1`)
    if (['x', 'y', 'pi', 'e'].includes(name)) {
      expect(r.ok && r.formula.parameters.has(name)).toBe(false)
    } else {
      expect(r.ok).toBe(false)
    }
  })

  it('refuses names outside the pattern', () => {
    expect(errorOf('__proto__')).toMatch(/'__proto__' is not a valid parameter name .* at column 1$/)
    expect(errorOf('x + abcdefghijklmnopq')).toMatch(/is not a valid parameter name .* at column 5$/)
  })

  it('hints when a name is made only of x and y', () => {
    const r = checkFormula('3 + xy')
    expect(r.ok).toBe(true)
    if (r.ok) expect(r.formula.warnings[0].message).toMatch(/'xy' is read as one parameter: did you mean x\*y\?/)
  })
})

describe('mistakes are reported where they are', () => {
  it.each([
    ['', 'formula is empty'],
    ['   ', 'formula is empty'],
    ['import("fs")', "unknown function 'import' at column 1"],
    ['(x + y))^2', "unexpected ')' at column 8"],
    ['x^2 + 2*y)', "unexpected ')' at column 10"],
    ['sin(x', "'(' is never closed at column 4"],
    ['x + ', 'at column 5'],
    ['x */ y', 'at column 4'],
    ['x = 1', "unexpected '=' (write only the right-hand side: U = ... is not needed) at column 3"],
    ['[x, y]', "unexpected '['"],
    ['x.constructor', "unexpected '.' at column 2"],
    ['"x"', `unexpected '"'`],
    ['1e999 * x', "number '1e999' is too large at column 1"],
    ['0x1F + x', 'only decimal numbers are allowed at column 1'],
    ['x mod 2', "'mod' is not allowed in a formula at column 3"],
    ['x # note', "unexpected '#'"],
    ['x!', "unexpected '!'"],
    ['sin x', "function 'sin' needs parentheses"],
    ['x(y + 1)', "'x(' reads as a function call: write x*(…) to multiply at column 1"],
    ['min(x)', 'min takes 2 to 8 arguments, not 1 at column 1'],
    ['exp(x, y)', 'exp takes 1 argument, not 2 at column 1'],
    ['x ** 2', "unexpected '*' (write powers with ^) at column 4"],
    ['x + é', "unexpected 'é' at column 5"],
  ])('%j', (text, message) => {
    expect(errorOf(text)).toContain(message)
  })

  it('guards depth and length before mathjs parses (it throws RangeError near 300 levels)', () => {
    expect(errorOf('('.repeat(101) + 'x' + ')'.repeat(101))).toBe('nesting deeper than 100 levels at column 101')
    expect(errorOf('('.repeat(400) + 'x' + ')'.repeat(400))).toMatch(/nesting deeper than 100 levels/)
    expect(checkFormula('('.repeat(100) + 'x' + ')'.repeat(100)).ok).toBe(true)
    expect(errorOf('x+'.repeat(3000) + 'x')).toMatch(/longer than 4000 characters/)
  })
})
