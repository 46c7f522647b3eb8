import { portableMath, type MathTable } from '../portable-math'

/**
 * The expression DAG every formula is compiled from. Nodes are hash-consed, so a
 * subexpression shared by the value, the gradient and the Hessian (the exp()
 * terms of Müller-Brown, say) exists once and is computed once. Constant folding
 * happens as nodes are made: mathjs's derivative with {simplify: false} leaves
 * many `0 * u` and `1 * u`, and mathjs simplify is far too slow (0.3-2 s).
 */

/** Opcodes. The node encoding is [opcode, ...operands]. */
export const OPS = [
  'num',
  'x',
  'y',
  'param',
  'add',
  'sub',
  'mul',
  'div',
  'pow',
  'neg',
  'exp',
  'log',
  'sqrt',
  'sin',
  'cos',
  'tan',
  'asin',
  'acos',
  'atan',
  'sinh',
  'cosh',
  'tanh',
  'abs',
  'sign',
  'min',
  'max',
  // ifpos(c, a, b) = c >= 0 ? a : b: the derivative of min and max.
  'ifpos',
] as const
export type Op = (typeof OPS)[number]
export const OPCODE = Object.fromEntries(OPS.map((op, i) => [op, i])) as Record<Op, number>

export const UNARY_FUNCTIONS = new Set<Op>([
  'exp',
  'log',
  'sqrt',
  'sin',
  'cos',
  'tan',
  'asin',
  'acos',
  'atan',
  'sinh',
  'cosh',
  'tanh',
  'abs',
  'sign',
])

/** Node `id`; a missing one is a bug, since ids come from the builder or a validated program. */
export function nodeAt(nodes: readonly number[][], id: number): number[] {
  const node = nodes[id]
  if (node === undefined) throw new Error(`no node ${id}`)
  return node
}

/** A node's operation; an unknown opcode is a bug, as for nodeAt. */
export function opOf(node: readonly number[]): Op {
  const op = OPS[node[0]!]
  if (op === undefined) throw new Error(`opcode ${String(node[0])} is not an operation`)
  return op
}

/** How many operand node ids each opcode takes. */
export function arity(op: Op): number {
  if (op === 'num' || op === 'x' || op === 'y' || op === 'param') return 0
  if (op === 'neg' || UNARY_FUNCTIONS.has(op)) return 1
  if (op === 'ifpos') return 3
  return 2
}

/** Operations without a derivative everywhere: they are differentiated by rule, not by mathjs. */
export const KINKS = new Set<Op>(['abs', 'sign', 'min', 'max', 'ifpos'])

/** Integer powers written as products (x*x is exact and 10x faster than Math.pow). */
export const MAX_EXPANDED_POWER = 4

/**
 * The one definition of what each operation computes, shared by folding and the
 * tape evaluator. Folding always uses the portable functions, so a program's
 * constants are the same bits in every engine.
 */
export function apply(op: Op, a: number, b: number, c: number, m: MathTable = portableMath): number {
  switch (op) {
    case 'add':
      return a + b
    case 'sub':
      return a - b
    case 'mul':
      return a * b
    case 'div':
      return a / b
    case 'pow':
      return power(a, b, m)
    case 'neg':
      return -a
    case 'exp':
      return m.exp(a)
    case 'log':
      return m.log(a)
    case 'sqrt':
      return m.sqrt(a)
    case 'sin':
      return m.sin(a)
    case 'cos':
      return m.cos(a)
    case 'tan':
      return m.tan(a)
    case 'asin':
      return m.asin(a)
    case 'acos':
      return m.acos(a)
    case 'atan':
      return m.atan(a)
    case 'sinh':
      return m.sinh(a)
    case 'cosh':
      return m.cosh(a)
    case 'tanh':
      return m.tanh(a)
    case 'abs':
      return m.abs(a)
    case 'sign':
      return m.sign(a)
    case 'min':
      return m.min(a, b)
    case 'max':
      return m.max(a, b)
    case 'ifpos':
      return a >= 0 ? b : c
    default:
      throw new Error(`apply: '${op}' is not an operation`)
  }
}

export function power(a: number, n: number, m: MathTable = portableMath): number {
  if (n === 2) return a * a
  if (n === 3) return a * a * a
  if (n === 4) return a * a * (a * a)
  return m.pow(a, n)
}

const MIN_NORMAL = 2 ** -1022

function isPowerOfTwo(v: number): boolean {
  const a = Math.abs(v)
  return a >= MIN_NORMAL && a < Infinity && 2 ** Math.round(Math.log2(a)) === a
}

/** Appends nodes with folding and hash-consing; ids are indices, so id order is topological. */
export class ExprBuilder {
  readonly nodes: number[][] = []
  private readonly index = new Map<string, number>()

  constructor(readonly parameterCount: number) {}

  op(id: number): Op {
    return opOf(nodeAt(this.nodes, id))
  }

  /** The constant value of a node, or undefined when it is not a constant. */
  constant(id: number): number | undefined {
    const n = nodeAt(this.nodes, id)
    return n[0] === OPCODE.num ? n[1] : undefined
  }

  num(value: number): number {
    if (!Number.isFinite(value)) throw new Error(`num: ${value} is not finite`)
    return this.intern([OPCODE.num, value], Object.is(value, -0) ? 'n-0' : `n${value}`)
  }

  x(): number {
    return this.intern([OPCODE.x], 'x')
  }

  y(): number {
    return this.intern([OPCODE.y], 'y')
  }

  param(i: number): number {
    if (!Number.isInteger(i) || i < 0 || i >= this.parameterCount) throw new Error(`param: no parameter ${i}`)
    return this.intern([OPCODE.param, i], `p${i}`)
  }

  /** Makes an operation node, folding it when the result is known without evaluation. */
  make(op: Op, ...args: number[]): number {
    if (args.length !== arity(op)) throw new Error(`make: ${op} takes ${arity(op)} operands`)
    const k = args.map((a) => this.constant(a))
    if (k.every((v) => v !== undefined)) {
      const v = apply(op, k[0] ?? 0, k[1] ?? 0, k[2] ?? 0)
      if (Number.isFinite(v)) return this.num(v)
    }
    const folded = this.fold(op, args, k)
    if (folded !== undefined) return folded
    // a+b = b+a and a*b = b*a exactly in IEEE arithmetic: order operands for more sharing.
    if ((op === 'add' || op === 'mul' || op === 'min' || op === 'max') && args[0]! > args[1]!) args.reverse()
    return this.intern([OPCODE[op], ...args], `${op},${args.join(',')}`)
  }

  private fold(op: Op, args: readonly number[], [ka, kb]: (number | undefined)[]): number | undefined {
    // make() has checked args against arity(op): each case reads only operands that exist.
    const a = args[0]!
    const b = args[1]!
    const c = args[2]!
    switch (op) {
      case 'ifpos':
        return b === c ? b : undefined
      case 'add':
        if (ka === 0) return b
        if (kb === 0) return a
        if (this.op(b) === 'neg') return this.make('sub', a, this.operand(b))
        if (this.op(a) === 'neg') return this.make('sub', b, this.operand(a))
        return undefined
      case 'sub':
        if (kb === 0) return a
        if (ka === 0) return this.make('neg', b)
        if (this.op(b) === 'neg') return this.make('add', a, this.operand(b))
        return undefined
      case 'mul':
        // 0 * u is folded to 0 even where u is not finite: the derivative of a
        // constant term is 0 wherever the term is defined.
        if (ka === 0 || kb === 0) return this.num(0)
        if (ka === 1) return b
        if (kb === 1) return a
        if (ka === -1) return this.make('neg', b)
        if (kb === -1) return this.make('neg', a)
        if (this.op(a) === 'neg' && this.op(b) === 'neg') return this.make('mul', this.operand(a), this.operand(b))
        if (ka !== undefined) return this.scale(b, ka)
        if (kb !== undefined) return this.scale(a, kb)
        return undefined
      case 'div':
        if (ka === 0) return this.num(0)
        if (kb === 1) return a
        if (kb === -1) return this.make('neg', a)
        return undefined
      case 'pow':
        if (kb === 1) return a
        if (kb === 0) return this.num(1)
        return undefined
      case 'neg': {
        if (this.op(a) === 'neg') return this.operand(a)
        // -(c u) = (-c) u exactly.
        if (this.op(a) !== 'mul') return undefined
        const u = this.operand(a, 1)
        const v = this.operand(a, 2)
        if (this.constant(v) !== undefined) return this.make('mul', u, this.num(-this.constant(v)!))
        if (this.constant(u) !== undefined) return this.make('mul', v, this.num(-this.constant(u)!))
        return undefined
      }
      default:
        return undefined
    }
  }

  /**
   * c * u, with the rewrites that change no bit of the result: c * (-u) = (-c) * u,
   * and c * (k * u) = (c k) * u when c or k is a power of two (so c k is exact).
   */
  private scale(u: number, c: number): number | undefined {
    const op = this.op(u)
    if (op === 'neg') return this.make('mul', this.operand(u), this.num(-c))
    if (op !== 'mul') return undefined
    const a = this.operand(u, 1)
    const b = this.operand(u, 2)
    // c * (t * w) = (c * t) * w when c * t is already computed (the A_k exp(...) of
    // the value, reused by the gradient). Not bit-exact (one rounding moves), but
    // the same in every run and every engine, and it saves a multiply per term.
    if (this.constant(a) === undefined && this.constant(b) === undefined) {
      const k = this.num(c)
      for (const [t, w] of [
        [a, b],
        [b, a],
      ] as const) {
        const shared = this.index.get(`mul,${Math.min(t, k)},${Math.max(t, k)}`)
        if (shared !== undefined) return this.make('mul', shared, w)
      }
    }
    const [k, rest] = this.constant(a) !== undefined ? [this.constant(a)!, b] : [this.constant(b), a]
    if (k === undefined || !(isPowerOfTwo(c) || isPowerOfTwo(k))) return undefined
    const product = c * k
    return Math.abs(product) >= MIN_NORMAL && Number.isFinite(product)
      ? this.make('mul', rest, this.num(product))
      : undefined
  }

  /** Operand k (1-based) of node id, which the node's arity says it has. */
  private operand(id: number, k = 1): number {
    return nodeAt(this.nodes, id)[k]!
  }

  private intern(node: number[], key: string): number {
    const found = this.index.get(key)
    if (found !== undefined) return found
    this.nodes.push(node)
    this.index.set(key, this.nodes.length - 1)
    return this.nodes.length - 1
  }
}
