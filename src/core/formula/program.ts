import { OPS, arity, type Op } from './ir'
import type { FormulaProgram } from './types'

/**
 * Checks that a program is well formed before anything is generated from it:
 * known opcodes, operands that refer to earlier nodes, finite constants, and
 * parameter indices in range. A program arriving by postMessage is data from
 * elsewhere; this is what lets code generation trust it.
 */
export function validateProgram(program: FormulaProgram): void {
  if (program.version !== 1) throw new Error(`program version ${String(program.version)}`)
  const { nodes, parameters } = program
  if (!Array.isArray(nodes) || !Array.isArray(parameters)) throw new Error('program shape')
  nodes.forEach((node, id) => {
    const code = node[0]
    const op: Op | undefined = code === undefined ? undefined : OPS[code]
    if (!Array.isArray(node) || op === undefined) throw new Error(`node ${id}: opcode`)
    if (op === 'num') {
      if (node.length !== 2 || !Number.isFinite(node[1])) throw new Error(`node ${id}: constant`)
    } else if (op === 'param') {
      if (node.length !== 2 || !isIndexBelow(node[1], parameters.length)) {
        throw new Error(`node ${id}: parameter`)
      }
    } else {
      if (node.length !== 1 + arity(op)) throw new Error(`node ${id}: operands`)
      for (let k = 1; k < node.length; k++) {
        if (!isIndexBelow(node[k], id)) throw new Error(`node ${id}: operand`)
      }
    }
  })
  const roots = [program.value, ...program.gradient, ...program.hessian]
  if (roots.length !== 6 || roots.some((r) => !Number.isInteger(r) || r < 0 || r >= nodes.length))
    throw new Error('program roots')
}

/** Whether v is an integer from 0 to end - 1. */
function isIndexBelow(v: unknown, end: number): v is number {
  return Number.isInteger(v) && (v as number) >= 0 && (v as number) < end
}
