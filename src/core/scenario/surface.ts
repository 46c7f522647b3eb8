import { checkFormula, compileProgram } from '../formula'
import type { FormulaError, FormulaProgram } from '../formula'
import type { CompiledSurface, Domain } from '../surface'
import { atlasSurface } from '../surfaces'
import type { SurfaceSpec } from './types'

/** A scenario's surface, checked: the program and values to compile it with, here or in the worker. */
export interface ResolvedSurface {
  program: FormulaProgram
  parameters: Map<string, number>
  domain: Domain
  formula: string
  atlasId: string | null
  warnings: FormulaError[]
}

export type SurfaceResult = { ok: true; surface: ResolvedSurface } | { ok: false; field: string; message: string }

/** Checks a scenario's surface (uses mathjs: main thread and CLI only). */
export function resolveSurface(spec: SurfaceSpec): SurfaceResult {
  const atlas = spec.kind === 'atlas' ? atlasSurface(spec.id) : undefined
  if (spec.kind === 'atlas' && !atlas)
    return { ok: false, field: 'surface.id', message: `unknown surface '${spec.id}'` }
  const formula = atlas ? atlas.formula : spec.kind === 'formula' ? spec.text : ''
  const checked = checkFormula(formula)
  if (!checked.ok) return { ok: false, field: 'surface.text', message: checked.error.message }
  const { program, warnings } = checked.formula
  const parameters = new Map(checked.formula.parameters)
  for (const [name, value] of Object.entries(spec.parameters)) {
    if (!parameters.has(name)) {
      const known = program.parameters.length > 0 ? program.parameters.join(', ') : 'none'
      return {
        ok: false,
        field: `surface.parameters.${name}`,
        message: `the formula has no parameter '${name}' (its parameters: ${known})`,
      }
    }
    parameters.set(name, value)
  }
  if (atlas?.domain.periodic && spec.kind === 'atlas' && spec.domain) {
    return {
      ok: false,
      field: 'surface.domain',
      message: `${atlas.id} is periodic on its own domain, which cannot be changed`,
    }
  }
  const domain = spec.kind === 'formula' ? spec.domain : (spec.domain ?? atlas!.domain)
  return { ok: true, surface: { program, parameters, domain, formula, atlasId: atlas?.id ?? null, warnings } }
}

export function compileResolved(r: ResolvedSurface): CompiledSurface {
  return compileProgram(r.program, r.parameters, r.domain)
}
