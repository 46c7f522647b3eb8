import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { checkFormula, compileProgram, DEFAULT_DOMAIN } from '.'

/**
 * No text, however hostile, may throw out of the engine or run as code. Each
 * input either compiles, and its compiled functions return numbers, or comes
 * back as an error with a column inside the text. A canary global and the
 * Object prototype would change if any input ever ran or polluted anything.
 */

const CANARY = '__landscapeCanary'
const g = globalThis as unknown as Record<string, unknown>

const HOSTILE = [
  'import("fs")',
  'import("fs").then(m => m.rmSync("/"))',
  'require("child_process")',
  'constructor',
  '__proto__',
  'prototype',
  'x.constructor',
  'x.constructor.constructor("globalThis.__landscapeCanary = 1")()',
  'constructor.constructor("globalThis.__landscapeCanary = 1")()',
  '__proto__.polluted = 1',
  'x["__proto__"]',
  'evaluate("1")',
  'parse("x")',
  'simplify("x")',
  'derivative("x", "x")',
  'createUnit("foo")',
  'f(x)=x',
  'a=1',
  'x = 1',
  '[1, 2; 3, 4]',
  'matrix([1])',
  '{a: 1}',
  '"string"',
  "'x'",
  '5 cm',
  '5 cm to inch',
  '1e999',
  '-1e999',
  '1e-999',
  'NaN',
  'Infinity',
  'true',
  'null',
  'undefined',
  'x ? 1 : 2',
  '1:10',
  'x; y',
  'x\ny',
  'x # comment',
  'x!',
  "x'",
  '0x10',
  '0b11',
  'x | y',
  'x & y',
  'x == y',
  'x < y',
  'not x',
  'x and y',
  'x mod y',
  'x % y',
  '('.repeat(1e6),
  ')'.repeat(1e5),
  '('.repeat(300) + 'x' + ')'.repeat(300),
  'x'.repeat(5000),
  '-'.repeat(3000) + 'x',
  '\u0000',
  '\u202e x',
  '😀',
  'x\u00a0+ y',
  'globalThis',
  'this',
  'window',
  'process',
  'eval("1")',
  'Function("1")()',
  'new Function("return 1")',
  'toString()',
  'valueOf()',
  'hasOwnProperty("x")',
  'sin.constructor',
  'sin["call"]',
  'exp(x)(y)',
  'exp()',
  'max()',
  'max(x,y,x,y,x,y,x,y,x)',
  'log(x, 2)',
  'x^',
  '^x',
  '*x',
  '/',
  ',',
  'x,y',
  '()',
  'x()',
  'x(1)',
  'pi(2)',
  'e(2)',
  'a.b',
  'x..y',
  '1..2',
  '.',
  '..',
  '1.2.3',
  '2e',
  '2e+',
  'e2',
  '2e2e2',
  'kT * x',
  'dt',
  '_x',
  'x_',
  'xyz',
  'X',
  'Xx',
  'abcdefghijklmnopqrstuvwxyz',
  '$x',
  'x$',
  '`x`',
  '${x}',
  '\\x',
  'x @ y',
  '~x',
  'x >> 1',
  'sqrt(-1)',
  'log(0)',
  '1/0',
  'exp(1000)',
  '-(-(-(-x)))',
  '+x',
  '++x',
  '--x',
  'x---y',
  'x+-+-y',
  'sin(x)^cos(y)^tan(x)',
]

/** Valid formulas from the grammar, to be mutated into near-misses. */
const formula: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('x', 'y', 'pi', 'e', 'a', 'b2', '2', '0.5', '1e-3', '3.25'),
    fc.tuple(tie('e'), fc.constantFrom('+', '-', '*', '/', '^', ' '), tie('e')).map(([a, op, b]) => `${a}${op}${b}`),
    fc
      .tuple(
        fc.constantFrom('exp', 'log', 'sqrt', 'sin', 'cos', 'tan', 'sinh', 'cosh', 'tanh', 'atan', 'abs'),
        tie('e'),
      )
      .map(([f, a]) => `${f}(${a})`),
    fc.tuple(fc.constantFrom('min', 'max'), tie('e'), tie('e')).map(([f, a, b]) => `${f}(${a}, ${b})`),
    tie('e').map((a) => `(${a})`),
    tie('e').map((a) => `-${a}`),
  ),
})).e

const mutated = fc
  .tuple(formula, fc.nat(), fc.string({ minLength: 1, maxLength: 3 }), fc.boolean())
  .map(([f, at, insert, drop]) => {
    const i = at % (f.length + 1)
    return drop ? f.slice(0, i) + f.slice(i + 1) : f.slice(0, i) + insert + f.slice(i)
  })

const anyText = fc.oneof(
  fc.constantFrom(...HOSTILE),
  formula,
  mutated,
  fc.string({ maxLength: 40 }),
  fc.string({
    unit: fc.constantFrom(...'xye()+-*/^,.=[]{}"\'!#%&|<>;: 0123456789abcdefghijklmnopqrstuvwz_$'.split('')),
    maxLength: 60,
  }),
  fc.string({ unit: 'binary', maxLength: 20 }),
)

function snapshotPrototypes(): string {
  return [Object.prototype, Function.prototype, Array.prototype, String.prototype, Number.prototype]
    .map((proto) => Object.getOwnPropertyNames(proto).sort().join(','))
    .join('|')
}

describe('hostile and random formulas', () => {
  it('never throw, never run code, and fail with a position', () => {
    g[CANARY] = 0
    const prototypes = snapshotPrototypes()
    const out = new Float64Array(3)
    let compiled = 0
    let refused = 0
    let slowest = { ms: 0, text: '' }
    fc.assert(
      fc.property(anyText, (text) => {
        const started = performance.now()
        const r = checkFormula(text)
        if (r.ok) {
          compiled++
          const s = compileProgram(r.formula.program, r.formula.parameters, DEFAULT_DOMAIN)
          for (const v of [s.value(0.3, -0.7), s.gradient(1.1, 0.2, out), s.hessian(-0.4, 2.5, out)]) {
            expect(typeof v).toBe('number')
          }
        } else {
          refused++
          expect(r.error.message.length).toBeGreaterThan(0)
          expect(r.error.column).toBeGreaterThanOrEqual(1)
          expect(r.error.column).toBeLessThanOrEqual(Math.max(1, text.length + 1))
          if (text.trim() !== '') expect(r.error.message).toMatch(/column \d+/)
        }
        const ms = performance.now() - started
        if (ms > slowest.ms) slowest = { ms, text: text.slice(0, 60) }
        // A guard against a hang, not a speed test.
        expect(ms, `input took ${ms.toFixed(0)} ms: ${text.slice(0, 80)}`).toBeLessThan(2000)
      }),
      { numRuns: 10_000, seed: 20261127, examples: HOSTILE.map((h) => [h]) },
    )
    console.log(
      `hostile formulas: ${compiled} compiled, ${refused} refused; ` +
        `slowest ${slowest.ms.toFixed(1)} ms: ${JSON.stringify(slowest.text)}`,
    )
    expect(g[CANARY]).toBe(0)
    expect(snapshotPrototypes()).toBe(prototypes)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    // Both outcomes must be well represented, or the generators are not testing much.
    expect(compiled).toBeGreaterThan(1000)
    expect(refused).toBeGreaterThan(1000)
  }, 120_000)
})
