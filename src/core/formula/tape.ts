import { OPCODE, OPS, apply, arity, nodeAt, opOf, type Op } from './ir'
import { entryRoots, reachable, type Entry } from './codegen'
import type { MathTable } from '../portable-math'
import type { FormulaProgram } from './types'

/**
 * The evaluator used where generated code may not run (a Content Security
 * Policy without 'unsafe-eval'): the needed nodes in topological order, each
 * computed into a slot of one Float64Array. Same operations, same order, so the
 * same numbers as the generated code, bit for bit; no allocation per call.
 */
export function tapeEntry(
  program: FormulaProgram,
  entry: Entry,
  p: Float64Array,
  m: MathTable,
): (x: number, y: number, out?: Float64Array) => number {
  const roots = entryRoots(program, entry)
  const { order } = reachable(program, roots)
  const slot = new Map(order.map((id, k) => [id, k]))
  const n = order.length
  const code = new Int32Array(n)
  const operand = new Int32Array(3 * n)
  const constant = new Float64Array(n)
  order.forEach((id, k) => {
    const node = nodeAt(program.nodes, id)
    const op = opOf(node)
    code[k] = node[0]!
    // validateProgram has checked that each node has the operands its op takes.
    if (op === 'num') constant[k] = node[1]!
    else if (op === 'param') operand[3 * k] = node[1]!
    else for (let j = 0; j < arity(op); j++) operand[3 * k + j] = slot.get(node[1 + j]!)!
  })
  const rootSlots = Int32Array.from(roots, (r) => slot.get(r)!)
  const v = new Float64Array(n)
  const ops: readonly Op[] = OPS
  const finite = (r: number) => (r - r === 0 ? r : NaN)
  return (x, y, out) => {
    for (let k = 0; k < n; k++) {
      const c = code[k]!
      if (c === OPCODE.num) v[k] = constant[k]!
      else if (c === OPCODE.x) v[k] = x
      else if (c === OPCODE.y) v[k] = y
      else if (c === OPCODE.param) v[k] = p[operand[3 * k]!]!
      else v[k] = apply(ops[c]!, v[operand[3 * k]!]!, v[operand[3 * k + 1]!]!, v[operand[3 * k + 2]!]!, m)
    }
    const value = finite(v[rootSlots[0]!]!)
    if (out) for (let k = 1; k < rootSlots.length; k++) out[k - 1] = value === value ? finite(v[rootSlots[k]!]!) : NaN
    return value
  }
}
