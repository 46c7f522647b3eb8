import { nativeMath, portableMath, type MathTable } from '../portable-math'
import type { CompiledSurface, Domain } from '../surface'
import { generateSource } from './codegen'
import { validateProgram } from './program'
import { tapeEntry } from './tape'
import type { FormulaProgram } from './types'

export type Evaluator = 'generated' | 'tape'

export interface CompileOptions {
  /** Generated code where the context allows it (the default), else the tape. */
  evaluator?: Evaluator
  /**
   * 'portable' (the default): elementary functions that give the same bits in every
   * engine, for anything that moves walkers; 'native': the engine's Math, faster,
   * for what is only drawn or analysed (plots, critical points).
   */
  math?: 'portable' | 'native'
}

type Entries = Pick<CompiledSurface, 'value' | 'gradient' | 'hessian'>

let generatedCodeAllowed: boolean | undefined

/** Whether this context lets `new Function` run (a CSP without 'unsafe-eval' does not). */
function canGenerateCode(): boolean {
  if (generatedCodeAllowed === undefined) {
    try {
      generatedCodeAllowed = new Function('return 1')() === 1
    } catch {
      generatedCodeAllowed = false
    }
  }
  return generatedCodeAllowed
}

function generatedEntries(program: FormulaProgram, p: Float64Array, m: MathTable): Entries {
  // The source is built only from the validated program: see codegen.ts.
  const factory = new Function('M', 'p', generateSource(program, m === nativeMath ? 'native' : 'portable')) as (
    m: MathTable,
    p: Float64Array,
  ) => Entries
  return factory(m, p)
}

function tapeEntries(program: FormulaProgram, p: Float64Array, m: MathTable): Entries {
  const value = tapeEntry(program, 'value', p, m)
  const gradient = tapeEntry(program, 'gradient', p, m)
  const hessian = tapeEntry(program, 'hessian', p, m)
  return { value: (x, y) => value(x, y), gradient, hessian }
}

/**
 * Turns a checked program into plain functions. Uses no mathjs, so it runs in
 * the worker on a program posted from the page. Parameter values live in one
 * Float64Array read by the compiled functions, so a slider changes them with no
 * recompilation.
 */
export function compileProgram(
  program: FormulaProgram,
  parameters: ReadonlyMap<string, number>,
  domain: Domain,
  options: CompileOptions = {},
): CompiledSurface {
  const evaluator = options.evaluator ?? (canGenerateCode() ? 'generated' : 'tape')
  const m = options.math === 'native' ? nativeMath : portableMath
  validateProgram(program)
  const names = program.parameters
  const p = new Float64Array(names.length)
  names.forEach((name, i) => {
    const v = parameters.get(name)
    if (v === undefined || !Number.isFinite(v))
      throw new Error(`compileProgram: parameter '${name}' has no finite value`)
    p[i] = v
  })
  const entries = evaluator === 'generated' ? generatedEntries(program, p, m) : tapeEntries(program, p, m)
  return {
    program,
    domain: { ...domain },
    parameters: () => new Map(names.map((name, i) => [name, p[i]!])),
    setParameter(name, value) {
      const i = names.indexOf(name)
      if (i < 0) throw new Error(`setParameter: no parameter '${name}'`)
      if (!Number.isFinite(value)) throw new Error(`setParameter: ${value} is not finite`)
      p[i] = value
    },
    value: entries.value,
    gradient: entries.gradient,
    hessian: entries.hessian,
  }
}
