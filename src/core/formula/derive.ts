import { ExprBuilder, nodeAt, opOf } from './ir'
import { fromMath, mathDerivative, toMath, type SymbolTable } from './mathjs'

/**
 * Symbolic derivatives of IR nodes. mathjs's derivative (with simplify off)
 * does the work, except at the operations it has no rule for or gets wrong at a
 * point: abs (mathjs gives abs(u)/u, NaN at 0), min, max, sign and ifpos. Those
 * are replaced by placeholder symbols _k before mathjs sees the tree, and the
 * chain rule puts their derivatives back:
 *
 *   dF/dv = dF/dv|_k fixed + sum_k dF/d_k * dk/dv
 *
 * with our own rules for dk/dv: d|u| = sign(u) du, d min(a, b) = (b - a >= 0 ? da : db),
 * d max(a, b) = (a - b >= 0 ? da : db), d ifpos(c, a, b) = ifpos(c, da, db) and
 * d sign(u) = 0. These hold everywhere except on the kink itself, where the
 * one-sided derivative taken is the one a central finite difference straddles.
 */
export class Differentiator {
  private readonly memo = new Map<string, number>()

  constructor(
    private readonly b: ExprBuilder,
    private readonly symbols: SymbolTable,
  ) {}

  derivative(id: number, variable: 'x' | 'y'): number {
    const key = `${id}${variable}`
    const cached = this.memo.get(key)
    if (cached !== undefined) return cached
    const result = this.compute(id, variable)
    this.memo.set(key, result)
    return result
  }

  private compute(id: number, variable: 'x' | 'y'): number {
    const b = this.b
    const op = opOf(nodeAt(b.nodes, id))
    if (op === 'num' || op === 'param') return b.num(0)
    if (op === 'x' || op === 'y') return b.num(op === variable ? 1 : 0)
    const kinks: number[] = []
    const tree = toMath(id, b, this.symbols, kinks)
    let result = fromMath(mathDerivative(tree, variable), b, this.symbols, kinks)
    kinks.forEach((kink, k) => {
      const outer =
        kinks.length === 1 && tree.type === 'SymbolNode'
          ? b.num(1)
          : fromMath(mathDerivative(tree, `_k${k}`), b, this.symbols, kinks)
      result = b.make('add', result, b.make('mul', outer, this.kinkDerivative(kink, variable)))
    })
    return result
  }

  private kinkDerivative(id: number, variable: 'x' | 'y'): number {
    const b = this.b
    const node = nodeAt(b.nodes, id)
    const op = opOf(node)
    // Each case reads only the operands its op has: abs and sign one, min and max two, ifpos three.
    const u = node[1]!
    const v = node[2]!
    const w = node[3]!
    const d = (n: number) => this.derivative(n, variable)
    switch (op) {
      case 'abs':
        return b.make('mul', b.make('sign', u), d(u))
      case 'sign':
        return b.num(0)
      case 'min':
        return b.make('ifpos', b.make('sub', v, u), d(u), d(v))
      case 'max':
        return b.make('ifpos', b.make('sub', u, v), d(u), d(v))
      case 'ifpos':
        return b.make('ifpos', u, d(v), d(w))
      default:
        throw new Error(`kinkDerivative: ${op}`)
    }
  }
}
