import { create, derivativeDependencies, parseDependencies } from 'mathjs/number'
import type { FunctionNode, MathNode, OperatorNode } from 'mathjs'
import { CONSTANTS } from './names'
import { ExprBuilder, KINKS, UNARY_FUNCTIONS, nodeAt, opOf, type Op } from './ir'

/**
 * The only place mathjs is used: its parser and its symbolic derivative, from the
 * number-only build with just those two functions (no evaluate, no compile, no
 * import). Trees go in and out through the allow-listed IR below, so nothing a
 * user typed is ever evaluated by mathjs.
 */
if (parseDependencies === undefined || derivativeDependencies === undefined)
  throw new Error('mathjs/number has no parse or no derivative')
const math = create({ parseDependencies, derivativeDependencies })

export const parseMath = (text: string): MathNode => math.parse(text)

/** Names of the coordinate symbols and the parameter symbols, in the order of the parameter vector. */
export interface SymbolTable {
  parameters: readonly string[]
}

/** Functions that mathjs's derivative writes but a user may not: sec(u) = 1/cos(u), and so on. */
const RECIPROCALS: Record<string, Op> = { sec: 'cos', csc: 'sin', cot: 'tan', sech: 'cosh', csch: 'sinh', coth: 'tanh' }

/** Placeholder symbols stand for non-differentiable subterms during differentiation (see derive). */
const PLACEHOLDER = /^_k(\d+)$/

/**
 * Converts a mathjs tree into IR nodes. Anything outside the allow-list is a bug
 * here (the lexer refuses it first), so it throws.
 */
export function fromMath(
  node: MathNode,
  b: ExprBuilder,
  symbols: SymbolTable,
  placeholders: readonly number[] = [],
): number {
  const recur = (n: MathNode) => fromMath(n, b, symbols, placeholders)
  switch (node.type) {
    case 'ConstantNode': {
      const value = (node as unknown as { value: unknown }).value
      if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`fromMath: constant ${String(value)}`)
      return b.num(value)
    }
    case 'SymbolNode': {
      const name = (node as unknown as { name: string }).name
      if (name === 'x') return b.x()
      if (name === 'y') return b.y()
      const constant = CONSTANTS.get(name)
      if (constant !== undefined) return b.num(constant)
      const placeholder = PLACEHOLDER.exec(name)
      if (placeholder) {
        const id = placeholders[Number(placeholder[1])]
        if (id === undefined) throw new Error(`fromMath: placeholder '${name}'`)
        return id
      }
      const i = symbols.parameters.indexOf(name)
      if (i < 0) throw new Error(`fromMath: symbol '${name}'`)
      return b.param(i)
    }
    case 'ParenthesisNode':
      return recur((node as unknown as { content: MathNode }).content)
    case 'OperatorNode': {
      const op = node as OperatorNode<never, never>
      const fn = op.fn as string
      const args = op.args.map(recur)
      if (fn === 'unaryPlus' && args.length === 1) return args[0]!
      if (fn === 'unaryMinus' && args.length === 1) return b.make('neg', args[0]!)
      const binaries: Record<string, Op> = { add: 'add', subtract: 'sub', multiply: 'mul', divide: 'div', pow: 'pow' }
      const binary = binaries[fn]
      if (binary && args.length === 2) return b.make(binary, args[0]!, args[1]!)
      // mathjs reads a+b+c as one n-ary add/multiply in some versions: fold left.
      if (binary && (fn === 'add' || fn === 'multiply') && args.length > 2) {
        return args.slice(1).reduce((acc, a) => b.make(binary, acc, a), args[0]!)
      }
      throw new Error(`fromMath: operator '${fn}'`)
    }
    case 'FunctionNode': {
      const f = node as FunctionNode
      if (f.fn.type !== 'SymbolNode') throw new Error('fromMath: computed function')
      const name = f.fn.name
      const args = f.args.map(recur)
      if (name === 'log10' && args.length === 1) return b.make('div', b.make('log', args[0]!), b.num(Math.LN10))
      const reciprocal = RECIPROCALS[name]
      if (reciprocal && args.length === 1) return b.make('div', b.num(1), b.make(reciprocal, args[0]!))
      if ((name === 'min' || name === 'max') && args.length >= 2) {
        return args.slice(1).reduce((acc, a) => b.make(name, acc, a), args[0]!)
      }
      const op = name as Op
      if (UNARY_FUNCTIONS.has(op) && args.length === 1) return b.make(op, args[0]!)
      throw new Error(`fromMath: function '${name}'`)
    }
    default:
      throw new Error(`fromMath: node type ${node.type}`)
  }
}

/**
 * Converts IR back to a mathjs tree for differentiation. Non-differentiable
 * subterms (abs, sign, min, max, ifpos) become placeholder symbols _k0, _k1...
 * and are listed in `kinks`; the conversion does not look inside them.
 */
export function toMath(id: number, b: ExprBuilder, symbols: SymbolTable, kinks: number[]): MathNode {
  const memo = new Map<number, MathNode>()
  const build = (n: number): MathNode => {
    // Shared subtrees stay shared: mathjs caches derivatives by node identity.
    const cached = memo.get(n)
    if (cached) return cached
    const node = nodeAt(b.nodes, n)
    const op = opOf(node)
    // The builder made each node with the operands its op takes.
    let out: MathNode
    if (KINKS.has(op)) {
      let k = kinks.indexOf(n)
      if (k < 0) k = kinks.push(n) - 1
      out = new math.SymbolNode(`_k${k}`)
    } else if (op === 'num') {
      const v = node[1]!
      out =
        v < 0 || Object.is(v, -0)
          ? new math.OperatorNode('-', 'unaryMinus', [new math.ConstantNode(-v)])
          : new math.ConstantNode(v)
    } else if (op === 'x' || op === 'y') {
      out = new math.SymbolNode(op)
    } else if (op === 'param') {
      const name = symbols.parameters[node[1]!]
      if (name === undefined) throw new Error(`toMath: no parameter ${node[1]}`)
      out = new math.SymbolNode(name)
    } else if (op === 'neg') {
      out = new math.OperatorNode('-', 'unaryMinus', [build(node[1]!)])
    } else if (UNARY_FUNCTIONS.has(op)) {
      out = new math.FunctionNode(new math.SymbolNode(op), [build(node[1]!)])
    } else {
      const symbol = { add: '+', sub: '-', mul: '*', div: '/', pow: '^' } as const
      const fn = { add: 'add', sub: 'subtract', mul: 'multiply', div: 'divide', pow: 'pow' } as const
      const key = op as keyof typeof symbol
      if (!symbol[key]) throw new Error(`toMath: ${op}`)
      // Parentheses are implicit in a tree; mathjs's derivative does not need them.
      out = new math.OperatorNode(symbol[key], fn[key], [build(node[1]!), build(node[2]!)])
    }
    memo.set(n, out)
    return out
  }
  return build(id)
}

/** d(tree)/d(variable) by mathjs, without its (slow) simplification. */
export function mathDerivative(tree: MathNode, variable: string): MathNode {
  return math.derivative(tree, variable, { simplify: false })
}
