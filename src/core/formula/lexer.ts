import { CONSTANTS, FUNCTIONS, KEYWORDS, VARIABLES, clip, parameterNameProblem } from './names'
import type { FormulaError } from './types'

/**
 * A tokenizer that reads the formula the way mathjs will, but keeps positions,
 * so every mistake is reported at its column. It refuses every character and
 * construct outside the formula language before the text reaches mathjs (which
 * has no source positions and throws RangeError near 300 nested parentheses).
 */

export const MAX_LENGTH = 4000
export const MAX_DEPTH = 100

export type TokenKind = 'number' | 'name' | 'operator' | '(' | ')' | ','

export interface Token {
  kind: TokenKind
  text: string
  /** 0-based index into the formula. */
  start: number
}

export interface Lexed {
  tokens: Token[]
  /** Names used as parameters, in order of first appearance, with their first position. */
  parameters: Map<string, number>
  warnings: FormulaError[]
}

export class FormulaSyntaxError extends Error {
  constructor(readonly detail: FormulaError) {
    super(detail.message)
  }
}

/** Raises a user-facing error at a 0-based index. */
export function fail(message: string, start: number, length = 1): never {
  throw new FormulaSyntaxError({
    message: `${message} at column ${start + 1}`,
    column: start + 1,
    length: Math.max(1, length),
  })
}

// A decimal number as mathjs reads it: "2", "2.", ".5", "2.5e-3" ("2e" is 2*e).
const NUMBER = /(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y
const NAME = /[A-Za-z_][A-Za-z0-9_]*/y
const RADIX_PREFIX = /0[xXbBoO][0-9A-Za-z]/y
const OPERATORS = '+-*/^'

export function lex(text: string): Lexed {
  if (text.length > MAX_LENGTH) fail(`formula is longer than ${MAX_LENGTH} characters`, MAX_LENGTH)
  const tokens: Token[] = []
  // A bad character ends tokenizing, but a mistake before it (an unknown function name) is reported first.
  let pending: FormulaSyntaxError | undefined
  try {
    tokenize(text, tokens)
  } catch (e) {
    if (!(e instanceof FormulaSyntaxError)) throw e
    pending = e
  }
  if (!pending && tokens.length === 0)
    throw new FormulaSyntaxError({ message: 'formula is empty', column: 1, length: 1 })
  const checked = checkStructure(tokens, pending !== undefined)
  if (pending) throw pending
  return { tokens, ...checked }
}

function tokenize(text: string, tokens: Token[]): void {
  let i = 0
  while (i < text.length) {
    const c = text[i]!
    // Line breaks and tabs are spaces here: mathjs would read a newline as a second statement.
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++
      continue
    }
    if ((c >= '0' && c <= '9') || c === '.') {
      RADIX_PREFIX.lastIndex = i
      if (RADIX_PREFIX.test(text)) fail('only decimal numbers are allowed', i, 2)
      NUMBER.lastIndex = i
      const m = NUMBER.exec(text)
      if (!m) fail(`unexpected '.'`, i)
      const value = Number(m[0])
      if (!Number.isFinite(value)) fail(`number '${clip(m[0])}' is too large`, i, m[0].length)
      if (text[i + m[0].length] === '.') fail(`unexpected '.'`, i + m[0].length)
      tokens.push({ kind: 'number', text: m[0], start: i })
      i += m[0].length
      continue
    }
    NAME.lastIndex = i
    const name = NAME.exec(text)
    if (name) {
      tokens.push({ kind: 'name', text: name[0], start: i })
      i += name[0].length
      continue
    }
    if (OPERATORS.includes(c)) {
      tokens.push({ kind: 'operator', text: c, start: i })
    } else if (c === '(' || c === ')' || c === ',') {
      tokens.push({ kind: c, text: c, start: i })
    } else {
      const shown = c === '"' || c === "'" ? c : clip(String.fromCodePoint(text.codePointAt(i)!), 4)
      fail(`unexpected '${shown}'${HINTS[c] ?? ''}`, i)
    }
    i++
  }
}

const HINTS: Record<string, string> = {
  '[': ' (matrices are not part of formulas)',
  '=': ' (write only the right-hand side: U = ... is not needed)',
  '%': ' (the modulo operator is not supported)',
  '!': ' (factorials are not supported)',
  '#': ' (comments are not supported)',
  '"': ' (text is not part of formulas)',
  "'": ' (text is not part of formulas)',
  ';': ' (write a single expression)',
  '**': ' (write powers with ^)',
}

interface Call {
  name: string
  start: number
  args: number
  /** The nesting depth of its opening parenthesis. */
  depth: number
}

/** Parentheses, function calls, argument counts and names, each checked with its position. */
function checkStructure(tokens: Token[], truncated: boolean): Omit<Lexed, 'tokens'> {
  const parameters = new Map<string, number>()
  const warnings: FormulaError[] = []
  const open: number[] = []
  const calls: Call[] = []
  tokens.forEach((t, k) => {
    const next = tokens[k + 1]
    if (t.kind === 'operator' && next?.kind === 'operator' && t.text === '*' && next.text === '*') {
      fail(`unexpected '*'${HINTS['**']}`, next.start)
    }
    if (t.kind === '(') {
      open.push(t.start)
      if (open.length > MAX_DEPTH) fail(`nesting deeper than ${MAX_DEPTH} levels`, t.start)
      const prev = tokens[k - 1]
      if (prev?.kind === 'name' && FUNCTIONS.has(prev.text)) {
        calls.push({ name: prev.text, start: prev.start, args: next?.kind === ')' ? 0 : 1, depth: open.length })
      }
    } else if (t.kind === ')') {
      if (open.length === 0) fail(`unexpected ')'`, t.start)
      const call = calls[calls.length - 1]
      if (call && call.depth === open.length) {
        const arity = FUNCTIONS.get(call.name)!
        if (call.args < arity.min || call.args > arity.max) {
          const wanted = arity.min === arity.max ? `${arity.min}` : `${arity.min} to ${arity.max}`
          fail(
            `${call.name} takes ${wanted} argument${arity.max === 1 ? '' : 's'}, not ${call.args}`,
            call.start,
            call.name.length,
          )
        }
        calls.pop()
      }
      open.pop()
    } else if (t.kind === ',') {
      const call = calls[calls.length - 1]
      if (!call || call.depth !== open.length) fail(`unexpected ','`, t.start)
      call.args++
    } else if (t.kind === 'name') {
      // At the truncation point the next token is unknown.
      if (!truncated || next !== undefined) checkName(t, next, parameters, warnings)
    }
  })
  const unclosed = open.at(-1)
  if (unclosed !== undefined && !truncated) fail(`'(' is never closed`, unclosed)
  return { parameters, warnings }
}

function checkName(t: Token, next: Token | undefined, parameters: Map<string, number>, warnings: FormulaError[]): void {
  const name = t.text
  const called = next?.kind === '('
  if (FUNCTIONS.has(name)) {
    if (!called) fail(`function '${name}' needs parentheses, as in ${name}(x)`, t.start, name.length)
    return
  }
  if (called) {
    // x(y+1) or a(x+1) was most likely meant as a product; sinc(x) as a function.
    if (VARIABLES.has(name) || CONSTANTS.has(name) || name.length === 1) {
      fail(`'${clip(name)}(' reads as a function call: write ${clip(name)}*(…) to multiply`, t.start, name.length)
    }
    fail(`unknown function '${clip(name)}'`, t.start, name.length)
  }
  if (VARIABLES.has(name) || CONSTANTS.has(name)) return
  if (KEYWORDS.has(name)) fail(`'${name}' is not allowed in a formula`, t.start, name.length)
  const problem = parameterNameProblem(name)
  if (problem) fail(problem, t.start, name.length)
  if (!parameters.has(name)) {
    parameters.set(name, t.start)
    if (/^[xy]+$/.test(name)) {
      const product = name.split('').join('*')
      warnings.push({
        message: `'${name}' is read as one parameter: did you mean ${product}? (column ${t.start + 1})`,
        column: t.start + 1,
        length: name.length,
      })
    }
  }
}
