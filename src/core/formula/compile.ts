import type { CompiledSurface, Domain } from '../surface'
import { generateSource } from './codegen'
import { validateProgram } from './program'
import { tapeEntry } from './tape'
import type { FormulaProgram } from './types'

export type Evaluator = 'generated' | 'tape'

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

function generatedEntries(program: FormulaProgram, p: Float64Array): Entries {
  // The source is built only from the validated program: see codegen.ts.
  const factory = new Function('M', 'p', generateSource(program)) as (m: Math, p: Float64Array) => Entries
  return factory(Math, p)
}

function tapeEntries(program: FormulaProgram, p: Float64Array): Entries {
  const value = tapeEntry(program, 'value', p)
  const gradient = tapeEntry(program, 'gradient', p)
  const hessian = tapeEntry(program, 'hessian', p)
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
  evaluator: Evaluator = canGenerateCode() ? 'generated' : 'tape',
): CompiledSurface {
  validateProgram(program)
  const names = program.parameters
  const p = new Float64Array(names.length)
  names.forEach((name, i) => {
    const v = parameters.get(name)
    if (v === undefined || !Number.isFinite(v)) throw new Error(`compileProgram: parameter '${name}' has no finite value`)
    p[i] = v
  })
  const entries = evaluator === 'generated' ? generatedEntries(program, p) : tapeEntries(program, p)
  return {
    program,
    domain: { ...domain },
    parameters: () => new Map(names.map((name, i) => [name, p[i]])),
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
