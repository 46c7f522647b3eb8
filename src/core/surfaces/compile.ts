import { compileFormula } from '../formula'
import type { CompiledSurface } from '../surface'
import type { AtlasSurface } from './types'

/** Compiles an atlas entry. Its formula is ours, so a failure is a bug and throws. */
export function compileAtlasSurface(entry: AtlasSurface, parameters?: ReadonlyMap<string, number>): CompiledSurface {
  const compiled = compileFormula(entry.formula, { domain: entry.domain, parameters })
  if (!compiled.ok) throw new Error(`atlas surface ${entry.id}: ${compiled.error.message}`)
  return compiled.surface
}
