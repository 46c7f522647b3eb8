/** A mistake in a formula, with where it is: `column` is 1-based, as a student counts. */
export interface FormulaError {
  message: string
  column: number
  /** How many characters the mistake spans (for underlining), at least 1. */
  length: number
}

/**
 * The checked formula as plain data: one expression DAG holding the value, its
 * gradient and its Hessian, built only from allow-listed operations. It crosses
 * to the worker by postMessage and is compiled there without mathjs.
 */
export interface FormulaProgram {
  /** Bumped when the node encoding changes. */
  version: 1
  /** Each node is [opcode, ...operands]: see `OPS` in ir.ts. */
  nodes: number[][]
  value: number
  gradient: [number, number]
  /** Uxx, Uxy, Uyy */
  hessian: [number, number, number]
  /** Parameter names, in the order of the parameter vector. */
  parameters: string[]
}

export interface CheckedFormula {
  /** The text as the user typed it. */
  text: string
  program: FormulaProgram
  /** Parameter name -> default value, in order of first appearance. */
  parameters: Map<string, number>
  /** Legal but probably unintended ("'xy' is read as one parameter"). */
  warnings: FormulaError[]
}

export type FormulaResult = { ok: true; formula: CheckedFormula } | { ok: false; error: FormulaError }
