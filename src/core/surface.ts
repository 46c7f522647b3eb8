import type { FormulaProgram } from './formula/types'

/** A rectangle of the plane; on a periodic surface it is one period in x and in y. */
export interface Domain {
  xmin: number
  xmax: number
  ymin: number
  ymax: number
  /** Positions wrap across the edges (torsion angles). */
  periodic?: boolean
}

/**
 * A compiled surface: plain functions of (x, y) for the value, gradient and
 * Hessian. The hot-path functions write into caller-provided arrays and never
 * allocate. A result that is not finite (log of a negative, overflow) is NaN.
 */
export interface CompiledSurface {
  readonly program: FormulaProgram
  readonly domain: Domain
  /** Current parameter values by name (a copy; change them with setParameter). */
  parameters(): Map<string, number>
  /** Throws on an unknown name or a non-finite value: callers validate user input first. */
  setParameter(name: string, value: number): void
  value(x: number, y: number): number
  /** Writes dU/dx, dU/dy into out[0], out[1] and returns U. */
  gradient(x: number, y: number, out: Float64Array): number
  /** Writes Uxx, Uxy, Uyy into out[0], out[1], out[2] and returns U. */
  hessian(x: number, y: number, out: Float64Array): number
}
