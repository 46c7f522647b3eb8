import type { CompiledSurface, Domain } from '../surface'
import { apply, OPS, OPCODE, type Op } from '../formula/ir'
import { portableMath } from '../portable-math'

/**
 * Beyond this |U| a value counts as overflow: U * U is no longer a double (2^1024 is the largest), so energy
 * differences, Boltzmann weights and colour scales built on it are meaningless. exp(1000 x) passes it at
 * x = 512 ln 2 / 1000 = 0.3549.
 */
export const OVERFLOW_BOUND = 2 ** 512

/** The smallest normal double: a result of exp below it has lost its digits (underflow). */
const MIN_NORMAL = 2 ** -1022

/** What U is at one point: a number, undefined (NaN: log of a negative) or overflowing (infinite or too large). */
export type GroundKind = 'finite' | 'undefined' | 'overflow'

/** The half-plane a broken part of the domain fills: x <= at, x >= at, y <= at or y >= at. */
export interface HalfPlane {
  axis: 'x' | 'y'
  side: 'below' | 'above'
  at: number
}

/** One kind of broken ground: on what share of the domain, why, and where when that is a half-plane. */
export interface BrokenGround {
  /** Share of the domain's area (cells of the grid), 0 to 1. */
  share: number
  /** The operation that first broke, in words ("log of a negative number"), null when none did. */
  cause: string | null
  /** The whole domain, a half-plane of it, or null when the broken part is another shape (or there is none). */
  region: HalfPlane | 'all' | null
}

/** Where on the domain U is not a usable number, measured at the centres of a grid x grid cells. */
export interface NonFiniteGround {
  grid: number
  /** |U| above this counts as overflow. */
  bound: number
  /** Share of the domain where U is undefined or overflows. */
  share: number
  /** U is NaN: log or sqrt of a negative number, 0/0, infinity minus infinity. */
  nan: BrokenGround
  /** U is +-Infinity or beyond the bound. */
  overflow: BrokenGround
}

const UNDEFINED_CAUSE: Partial<Record<Op, string>> = {
  log: 'log of a negative number',
  sqrt: 'square root of a negative number',
  pow: 'a negative number to a fractional power',
  div: '0/0 or ∞/∞',
  asin: 'asin of a number beyond ±1',
  acos: 'acos of a number beyond ±1',
  add: '∞ − ∞',
  sub: '∞ − ∞',
  mul: '0 × ∞',
}

const OVERFLOW_CAUSE: Partial<Record<Op, string>> = {
  exp: 'exp of a large number',
  pow: 'a large power',
  div: 'division by zero',
  log: 'log of 0',
  tan: 'tan at its poles',
  sinh: 'sinh of a large number',
  cosh: 'cosh of a large number',
  mul: 'a product too large',
  add: 'a sum too large',
  sub: 'a difference too large',
}

function isBroken(v: number): boolean {
  return !(Math.abs(v) <= OVERFLOW_BOUND)
}

function kindOf(v: number): GroundKind {
  return v !== v ? 'undefined' : Math.abs(v) <= OVERFLOW_BOUND ? 'finite' : 'overflow'
}

/**
 * U evaluated as the formula says, without the compiled surface's NaN for everything non-finite (core/surface.ts),
 * so that overflow and undefined are told apart, with the operation where the value first broke and whether an exp
 * underflowed on the way. For measuring the ground only: the walkers use the compiled surface.
 */
export class GroundProbe {
  readonly #code: Int32Array
  readonly #operands: Int32Array
  readonly #constants: Float64Array
  readonly #slots: Float64Array
  readonly #p: Float64Array
  /** The operation that first gave a NaN, and one that first gave an overflow, from usable operands (-1: none). */
  nanOp = -1
  overflowOp = -1
  /** An exp on the way to U fell below the smallest normal double. */
  underflow = false

  constructor(surface: CompiledSurface) {
    const { program } = surface
    const parameters = surface.parameters()
    this.#p = Float64Array.from(program.parameters, (name) => parameters.get(name) ?? NaN)
    // The nodes U depends on, in the order they were made: an operand is always made before its node.
    const needed = new Set<number>()
    const stack = [program.value]
    while (stack.length > 0) {
      const id = stack.pop()!
      if (needed.has(id)) continue
      needed.add(id)
      const node = program.nodes[id]!
      const op = OPS[node[0]!]!
      if (op !== 'num' && op !== 'param' && op !== 'x' && op !== 'y') for (const k of node.slice(1)) stack.push(k)
    }
    const order = [...needed].sort((a, b) => a - b)
    const slot = new Map(order.map((id, k) => [id, k]))
    const n = order.length
    this.#code = new Int32Array(n)
    this.#operands = new Int32Array(3 * n).fill(-1)
    this.#constants = new Float64Array(n)
    this.#slots = new Float64Array(n)
    order.forEach((id, k) => {
      const node = program.nodes[id]!
      const op = OPS[node[0]!]!
      this.#code[k] = node[0]!
      if (op === 'num') this.#constants[k] = node[1]!
      else if (op === 'param') this.#operands[3 * k] = node[1]!
      else if (op !== 'x' && op !== 'y') node.slice(1).forEach((id, j) => (this.#operands[3 * k + j] = slot.get(id)!))
    })
  }

  /** U at (x, y) as the formula gives it: possibly NaN, +-Infinity or beyond the bound. */
  value(x: number, y: number): number {
    const code = this.#code
    const operands = this.#operands
    const v = this.#slots
    this.nanOp = -1
    this.overflowOp = -1
    this.underflow = false
    for (let k = 0; k < code.length; k++) {
      const c = code[k]!
      if (c === OPCODE.num) v[k] = this.#constants[k]!
      else if (c === OPCODE.x) v[k] = x
      else if (c === OPCODE.y) v[k] = y
      else if (c === OPCODE.param) v[k] = this.#p[operands[3 * k]!]!
      else {
        const a = operands[3 * k]!
        const b = operands[3 * k + 1]!
        const d = operands[3 * k + 2]!
        const va = v[a]!
        const vb = b >= 0 ? v[b]! : 0
        const vd = d >= 0 ? v[d]! : 0
        const r = apply(OPS[c]!, va, vb, vd, portableMath)
        v[k] = r
        if (isBroken(r) && !isBroken(va) && !isBroken(vb) && !isBroken(vd)) {
          if (r !== r) {
            if (this.nanOp < 0) this.nanOp = c
          } else if (this.overflowOp < 0) this.overflowOp = c
        }
        if (c === OPCODE.exp && r < MIN_NORMAL && Number.isFinite(va)) this.underflow = true
      }
    }
    return v[code.length - 1]!
  }

  /** What the last value() found broke U, in words, for a value of this kind. */
  cause(kind: GroundKind): string | null {
    const op = kind === 'undefined' ? this.nanOp : kind === 'overflow' ? this.overflowOp : -1
    if (op < 0) return null
    const name = OPS[op]!
    return (kind === 'undefined' ? UNDEFINED_CAUSE[name] : OVERFLOW_CAUSE[name]) ?? name
  }
}

/**
 * The kind of ground at a point: the compiled surface first (fast, and NaN exactly where the formula's value is not
 * finite), the formula's own evaluation only where that is not a usable number, to tell overflow from undefined.
 */
class LazyProbe {
  #probe: GroundProbe | null = null
  constructor(private readonly surface: CompiledSurface) {}

  kind(x: number, y: number): GroundKind {
    if (Math.abs(this.surface.value(x, y)) <= OVERFLOW_BOUND) return 'finite'
    this.#probe ??= new GroundProbe(this.surface)
    return kindOf(this.#probe.value(x, y))
  }

  /** Why the last point asked about broke, for a value of this kind. */
  cause(kind: GroundKind): string | null {
    return this.#probe?.cause(kind) ?? null
  }
}

/**
 * Where U is undefined or overflows on the domain, as shares of its area: U is sampled at the centres of
 * grid x grid equal cells (the midpoint rule), so log(x) on [-5, 5]^2 is undefined on exactly half of them.
 * When the broken cells of a kind fill a half-plane of the domain, its edge is found by bisection.
 */
export function nonFiniteGround(surface: CompiledSurface, grid: number): NonFiniteGround {
  if (!Number.isInteger(grid) || grid < 2) throw new RangeError(`nonFiniteGround: grid must be >= 2, not ${grid}`)
  const d = surface.domain
  const probe = new LazyProbe(surface)
  const centre = (min: number, max: number, i: number) => min + ((i + 0.5) * (max - min)) / grid
  const kinds = new Uint8Array(grid * grid)
  const counts = [0, 0, 0]
  const causes: (string | null)[] = [null, null, null]
  const KINDS: GroundKind[] = ['finite', 'undefined', 'overflow']
  for (let j = 0; j < grid; j++) {
    const y = centre(d.ymin, d.ymax, j)
    for (let i = 0; i < grid; i++) {
      const k = KINDS.indexOf(probe.kind(centre(d.xmin, d.xmax, i), y))
      kinds[j * grid + i] = k
      counts[k]!++
      if (k > 0) causes[k] ??= probe.cause(KINDS[k]!)
    }
  }
  const cells = grid * grid
  const broken = (k: number): BrokenGround => ({
    share: counts[k]! / cells,
    cause: causes[k]!,
    region: counts[k]! === 0 ? null : region(surface.domain, probe, kinds, grid, k, KINDS[k]!),
  })
  return {
    grid,
    bound: OVERFLOW_BOUND,
    share: (counts[1]! + counts[2]!) / cells,
    nan: broken(1),
    overflow: broken(2),
  }
}

/** The half-plane the cells of kind k fill (found by bisection on its edge), 'all', or null. */
function region(
  d: Domain,
  probe: LazyProbe,
  kinds: Uint8Array,
  grid: number,
  k: number,
  kind: GroundKind,
): HalfPlane | 'all' | null {
  let i0 = grid
  let i1 = -1
  let j0 = grid
  let j1 = -1
  let count = 0
  for (let j = 0; j < grid; j++) {
    for (let i = 0; i < grid; i++) {
      if (kinds[j * grid + i] !== k) continue
      count++
      i0 = Math.min(i0, i)
      i1 = Math.max(i1, i)
      j0 = Math.min(j0, j)
      j1 = Math.max(j1, j)
    }
  }
  if (count === grid * grid) return 'all'
  if (d.periodic || count !== (i1 - i0 + 1) * (j1 - j0 + 1)) return null
  const fullX = i0 === 0 && i1 === grid - 1
  const fullY = j0 === 0 && j1 === grid - 1
  const step = (min: number, max: number) => (max - min) / grid
  const at = (min: number, max: number, i: number) => min + (i + 0.5) * step(min, max)
  // Bisects between the centres of the last cell of the kind and the first one beyond it, on the middle line.
  const edge = (inside: number, outside: number, point: (t: number) => [number, number]): number => {
    let a = inside
    let b = outside
    for (let n = 0; n < 60 && a !== b; n++) {
      const m = 0.5 * (a + b)
      if (m === a || m === b) break
      const [x, y] = point(m)
      if (probe.kind(x, y) === kind) a = m
      else b = m
    }
    return 0.5 * (a + b)
  }
  const midX = 0.5 * (d.xmin + d.xmax)
  const midY = 0.5 * (d.ymin + d.ymax)
  if (fullY && !fullX && (i0 === 0 || i1 === grid - 1)) {
    const below = i0 === 0
    const inside = at(d.xmin, d.xmax, below ? i1 : i0)
    const outside = at(d.xmin, d.xmax, below ? i1 + 1 : i0 - 1)
    return { axis: 'x', side: below ? 'below' : 'above', at: edge(inside, outside, (t) => [t, midY]) }
  }
  if (fullX && !fullY && (j0 === 0 || j1 === grid - 1)) {
    const below = j0 === 0
    const inside = at(d.ymin, d.ymax, below ? j1 : j0)
    const outside = at(d.ymin, d.ymax, below ? j1 + 1 : j0 - 1)
    return { axis: 'y', side: below ? 'below' : 'above', at: edge(inside, outside, (t) => [midX, t]) }
  }
  return null
}
