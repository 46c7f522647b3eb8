import type { MathNode } from 'mathjs'
import type { CompiledSurface, Domain } from '../surface'
import { compileProgram, type CompileOptions } from './compile'
import { Differentiator } from './derive'
import { ExprBuilder } from './ir'
import { FormulaSyntaxError, lex } from './lexer'
import { fromMath, parseMath } from './mathjs'
import type { FormulaError, FormulaProgram, FormulaResult } from './types'

/** The domain a formula gets when none is given. */
export const DEFAULT_DOMAIN: Domain = { xmin: -5, xmax: 5, ymin: -5, ymax: 5 }
/** The value a parameter starts at when none is given. */
export const DEFAULT_PARAMETER_VALUE = 1

/**
 * Checks a formula typed by a user and derives its gradient and Hessian.
 * Never throws on any text: a mistake comes back as an error with its column.
 */
export function checkFormula(text: string, defaults: ReadonlyMap<string, number> = new Map()): FormulaResult {
  try {
    const lexed = lex(text)
    const tree = parse(text)
    const names = [...lexed.parameters.keys()]
    const b = new ExprBuilder(names.length)
    const symbols = { parameters: names }
    let value: number
    try {
      value = fromMath(tree, b, symbols)
    } catch {
      return failure({ message: 'this expression is not supported at column 1', column: 1, length: text.length })
    }
    const d = new Differentiator(b, symbols)
    const gx = d.derivative(value, 'x')
    const gy = d.derivative(value, 'y')
    const program: FormulaProgram = {
      version: 1,
      nodes: b.nodes,
      value,
      gradient: [gx, gy],
      hessian: [d.derivative(gx, 'x'), d.derivative(gx, 'y'), d.derivative(gy, 'y')],
      parameters: names,
    }
    const parameters = new Map(
      names.map((name) => {
        const v = defaults.get(name)
        return [name, v !== undefined && Number.isFinite(v) ? v : DEFAULT_PARAMETER_VALUE]
      }),
    )
    return { ok: true, formula: { text, program, parameters, warnings: lexed.warnings } }
  } catch (e) {
    if (e instanceof FormulaSyntaxError) return failure(e.detail)
    throw e
  }
}

function failure(error: FormulaError): FormulaResult {
  return { ok: false, error }
}

/** mathjs's own parse errors, reworded, with the column it reports. */
function parse(text: string): MathNode {
  try {
    return parseMath(text)
  } catch (e) {
    if (e instanceof RangeError)
      throw new FormulaSyntaxError({ message: 'formula is nested too deeply', column: 1, length: 1 })
    const error = e as { message?: unknown; char?: unknown }
    const column = typeof error.char === 'number' && error.char >= 1 ? Math.min(error.char, text.length + 1) : 1
    const raw = String(error.message ?? 'syntax error').replace(/\s*\(char \d+\)\s*$/, '')
    throw new FormulaSyntaxError({
      message: `${reword(raw, column > text.length)} at column ${column}`,
      column,
      length: 1,
    })
  }
}

function reword(message: string, atEnd: boolean): string {
  if (/^Value expected/.test(message))
    return atEnd ? 'the formula ends where a value is expected' : 'a value is missing'
  if (/^Unexpected end of expression/.test(message)) return 'the formula ends too early'
  const part = /^Unexpected (?:operator|part) "?([^"]*)"?$/.exec(message)
  if (part) return `unexpected '${part[1]}'`
  return message.charAt(0).toLowerCase() + message.slice(1)
}

export type CompileResult =
  | { ok: true; surface: CompiledSurface; parameters: Map<string, number>; warnings: FormulaError[] }
  | { ok: false; error: FormulaError }

/** checkFormula and compileProgram in one step, for the CLI, tests and benchmarks. */
export function compileFormula(
  text: string,
  options: { domain?: Domain; parameters?: ReadonlyMap<string, number> } & CompileOptions = {},
): CompileResult {
  const checked = checkFormula(text, options.parameters)
  if (!checked.ok) return checked
  const { program, parameters, warnings } = checked.formula
  const surface = compileProgram(program, parameters, options.domain ?? DEFAULT_DOMAIN, {
    evaluator: options.evaluator,
    math: options.math,
  })
  return { ok: true, surface, parameters, warnings }
}
