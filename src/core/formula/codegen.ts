import { MAX_EXPANDED_POWER, UNARY_FUNCTIONS, arity, nodeAt, opOf, type Op } from './ir'
import type { FormulaProgram } from './types'

/**
 * JavaScript source generated from a validated program (see validateProgram):
 * the hot path at the speed of hand-written code (~60 ns a gradient, against
 * ~240 ns for closures and ~15,000 ns for mathjs evaluate).
 *
 * What goes into the source: the fixed names below (x, y, out, p, M and the
 * Math function names), temporaries t<id>/p<i>/r<k> made from integers, and
 * numbers printed by String() from values checked finite. No character a user
 * typed is ever copied into it; parameter names never appear (parameters are
 * read from the vector p by index).
 *
 * M is a math table (src/core/portable-math.ts): the portable functions for
 * runs that must give the same bits in every engine, or the engine's own Math.
 *
 * Content Security Policy: running the source takes `new Function`, which a
 * policy without 'unsafe-eval' forbids. compile.ts then falls back to the tape
 * evaluator (tape.ts), which computes the same numbers bit for bit, slower.
 */

export type Entry = 'value' | 'gradient' | 'hessian'

/** Which roots each entry point computes; the first is always the value, which it returns. */
export function entryRoots(program: FormulaProgram, entry: Entry): number[] {
  if (entry === 'value') return [program.value]
  if (entry === 'gradient') return [program.value, ...program.gradient]
  return [program.value, ...program.hessian]
}

/** The Math functions the generated code may call, by opcode. */
const MATH_NAME: Partial<Record<Op, string>> = {
  exp: 'exp',
  log: 'log',
  sqrt: 'sqrt',
  sin: 'sin',
  cos: 'cos',
  tan: 'tan',
  asin: 'asin',
  acos: 'acos',
  atan: 'atan',
  sinh: 'sinh',
  cosh: 'cosh',
  tanh: 'tanh',
  abs: 'abs',
  sign: 'sign',
  min: 'min',
  max: 'max',
  pow: 'pow',
}
const INFIX: Partial<Record<Op, string>> = { add: '+', sub: '-', mul: '*', div: '/' }

export function numberLiteral(v: number): string {
  if (!Number.isFinite(v)) throw new Error(`numberLiteral: ${v}`)
  if (Object.is(v, -0)) return '(-0)'
  return v < 0 ? `(-${String(-v)})` : String(v)
}

/** The nodes an entry needs, in topological (id) order, with how often each is used. */
export function reachable(
  program: FormulaProgram,
  roots: readonly number[],
): { order: number[]; uses: Map<number, number> } {
  const uses = new Map<number, number>()
  const stack = [...roots]
  for (const r of roots) uses.set(r, (uses.get(r) ?? 0) + 1)
  const seen = new Set<number>()
  while (stack.length > 0) {
    const id = stack.pop()!
    if (seen.has(id)) continue
    seen.add(id)
    const node = nodeAt(program.nodes, id)
    for (let k = 1; k <= arity(opOf(node)); k++) {
      const operand = node[k]!
      uses.set(operand, (uses.get(operand) ?? 0) + 1)
      stack.push(operand)
    }
  }
  return { order: [...seen].sort((a, b) => a - b), uses }
}

function expandedPower(program: FormulaProgram, node: number[]): number | undefined {
  const exponent = nodeAt(program.nodes, node[2]!)
  if (opOf(exponent) !== 'num') return undefined
  const n = exponent[1]!
  return Number.isInteger(n) && n >= 2 && n <= MAX_EXPANDED_POWER ? n : undefined
}

/** The body of one entry function of (x, y, out), reading parameters p0, p1... */
function entryBody(program: FormulaProgram, entry: Entry): string {
  const roots = entryRoots(program, entry)
  const { order, uses } = reachable(program, roots)
  const isLeaf = (id: number) => arity(opOf(nodeAt(program.nodes, id))) === 0
  const temps = new Set<number>()
  for (const id of order) {
    const node = nodeAt(program.nodes, id)
    if (!isLeaf(id) && (uses.get(id) ?? 0) > 1) temps.add(id)
    // An expanded power repeats its base, so the base is computed once.
    const base = node[1]!
    if (opOf(node) === 'pow' && expandedPower(program, node) !== undefined && !isLeaf(base)) temps.add(base)
  }
  const ref = (id: number): string => (temps.has(id) ? `t${id}` : expr(id))
  const expr = (id: number): string => {
    const node = nodeAt(program.nodes, id)
    const op = opOf(node)
    // validateProgram has checked that each node has the operands its op takes.
    const a = () => ref(node[1]!)
    const b = () => ref(node[2]!)
    switch (op) {
      case 'num':
        return numberLiteral(node[1]!)
      case 'x':
        return 'x'
      case 'y':
        return 'y'
      case 'param':
        return `p${node[1]}`
      case 'neg':
        return `(-${a()})`
      case 'ifpos':
        return `(${a()} >= 0 ? ${b()} : ${ref(node[3]!)})`
      case 'pow': {
        const n = expandedPower(program, node)
        if (n === undefined) return `pow(${a()}, ${b()})`
        const t = a()
        return n === 2 ? `(${t} * ${t})` : n === 3 ? `(${t} * ${t} * ${t})` : `(${t} * ${t} * (${t} * ${t}))`
      }
      default: {
        const infix = INFIX[op]
        if (infix) return `(${a()} ${infix} ${b()})`
        if (UNARY_FUNCTIONS.has(op)) return `${MATH_NAME[op]}(${a()})`
        return `${MATH_NAME[op]}(${a()}, ${b()})`
      }
    }
  }
  const lines: string[] = []
  const params = new Set(
    order
      .map((id) => nodeAt(program.nodes, id))
      .filter((node) => opOf(node) === 'param')
      .map((node) => node[1]!),
  )
  for (const i of [...params].sort((a, b) => a - b)) lines.push(`const p${i} = p[${i}];`)
  for (const id of order) if (temps.has(id)) lines.push(`const t${id} = ${expr(id)};`)
  roots.forEach((r, k) => lines.push(`const r${k} = ${ref(r)};`))
  // Infinity and NaN both leave as NaN (r - r is 0 only for finite r), and so do
  // the derivatives where the value itself is not finite. One comparison decides
  // the common case where everything is finite; the rest is out of line, in
  // finish(), which keeps this function small enough for V8 to inline into the
  // caller's loop (its limit is 460 bytes of bytecode).
  if (roots.length === 1) {
    lines.push('return r0 - r0 === 0 ? r0 : NaN;')
  } else {
    const all = roots.map((_, k) => `(r${k} - r${k})`).join(' + ')
    const fast = [...roots.slice(1).map((_, k) => `out[${k}] = r${k + 1};`), 'return r0;'].join(' ')
    lines.push(`if (${all} === 0) { ${fast} }`)
    lines.push(`return finish${roots.length}(${roots.map((_, k) => `r${k}`).join(', ')}, out);`)
  }
  return lines.join('\n')
}

/** The slow path of the gradient (3 roots) and Hessian (4 roots): NaN for whatever is not finite. */
const FINISH = [
  'const finish3 = (r0, r1, r2, out) => { const ok = r0 - r0 === 0;',
  '  out[0] = ok && r1 - r1 === 0 ? r1 : NaN; out[1] = ok && r2 - r2 === 0 ? r2 : NaN; return ok ? r0 : NaN; };',
  'const finish4 = (r0, r1, r2, r3, out) => { const ok = r0 - r0 === 0;',
  '  out[0] = ok && r1 - r1 === 0 ? r1 : NaN; out[1] = ok && r2 - r2 === 0 ? r2 : NaN;',
  '  out[2] = ok && r3 - r3 === 0 ? r3 : NaN; return ok ? r0 : NaN; };',
].join('\n')

/**
 * Source of a factory (M, p) => { value, gradient, hessian }, where M is a math
 * table and p the parameter vector (a Float64Array the caller may change in place).
 * The table's name goes into the source as a comment: V8 caches compiled code by
 * source text, and two tables behind one source would share one set of call-site
 * feedback, which stops Math.exp from being inlined where the native table is used.
 */
export function generateSource(program: FormulaProgram, table: 'native' | 'portable' = 'portable'): string {
  const names = Object.values(MATH_NAME)
    .map((n) => `${n} = M.${n}`)
    .join(', ')
  return [
    '"use strict";',
    table === 'native' ? '// math: native' : '// math: portable',
    `const ${names};`,
    FINISH,
    'return {',
    `value(x, y, out) {\n${entryBody(program, 'value')}\n},`,
    `gradient(x, y, out) {\n${entryBody(program, 'gradient')}\n},`,
    `hessian(x, y, out) {\n${entryBody(program, 'hessian')}\n},`,
    '};',
  ].join('\n')
}
