import { checkFormula, compileProgram, DEFAULT_DOMAIN } from '../core/formula'
import type { CompiledSurface, Domain } from '../core/surface'
import { ATLAS, atlasSurface } from '../core/surfaces'
import type { AtlasSurface } from '../core/surfaces/types'
import { UsageError, type OptionSpec } from './usage'

/** The options every command that works on one surface shares. */
export const SURFACE_OPTIONS: Record<string, OptionSpec> = {
  surface: { type: 'string' },
  formula: { type: 'string' },
  domain: { type: 'string' },
  param: { type: 'string', multiple: true },
}

export const SURFACE_HELP = [
  '  --surface ID            an atlas surface (see `landscape surfaces`)',
  '  --formula TEXT          a formula in x and y, e.g. "x^4 - 2x^2 + a*y^2"',
  '  --domain X0,X1,Y0,Y1    the rectangle to work in (a formula defaults to -5,5,-5,5)',
  '  --param NAME=VALUE      a parameter of the formula (repeatable)',
]

/** What a command worked on, echoed in its JSON so a figure records how it was made. */
export interface ResolvedSurface {
  surface: string | null
  formula: string
  domain: Domain
  parameters: Record<string, number>
}

export interface SurfaceInput {
  resolved: ResolvedSurface
  compiled: CompiledSurface
  atlas: AtlasSurface | undefined
  /** Legal but probably unintended formula text ("'xy' is read as one parameter"). */
  warnings: string[]
}

export function parseNumber(text: string, what: string): number {
  const v = text.trim() === '' ? NaN : Number(text)
  if (!Number.isFinite(v)) throw new UsageError(`${what}: '${text}' is not a finite number`)
  return v
}

export function parseDomain(text: string): Domain {
  const parts = text.split(',')
  if (parts.length !== 4) throw new UsageError(`--domain: expected xmin,xmax,ymin,ymax (four numbers), got '${text}'`)
  const [xmin, xmax, ymin, ymax] = parts.map((p) => parseNumber(p, '--domain'))
  if (!(xmin < xmax)) throw new UsageError(`--domain: xmin (${xmin}) must be less than xmax (${xmax})`)
  if (!(ymin < ymax)) throw new UsageError(`--domain: ymin (${ymin}) must be less than ymax (${ymax})`)
  return { xmin, xmax, ymin, ymax }
}

/** name=value pairs, each name checked against the names allowed. */
export function parseAssignments(items: string[] | undefined, option: string, allowed: readonly string[], what: string): Map<string, number> {
  const out = new Map<string, number>()
  for (const item of items ?? []) {
    const eq = item.indexOf('=')
    if (eq <= 0) throw new UsageError(`${option}: expected NAME=VALUE, got '${item}'`)
    const name = item.slice(0, eq).trim()
    if (!allowed.includes(name)) {
      const list = allowed.length > 0 ? `: ${what} ${allowed.join(', ')}` : `: ${what} none`
      throw new UsageError(`${option}: unknown name '${name}'${list}`)
    }
    out.set(name, parseNumber(item.slice(eq + 1), `${option} ${name}`))
  }
  return out
}

/** Resolves --surface/--formula/--domain/--param into a compiled surface. */
export function surfaceInput(values: Record<string, unknown>): SurfaceInput {
  const id = values.surface as string | undefined
  const text = values.formula as string | undefined
  if ((id === undefined) === (text === undefined)) throw new UsageError('give exactly one of --surface ID and --formula TEXT')
  let atlas: AtlasSurface | undefined
  if (id !== undefined) {
    atlas = atlasSurface(id)
    if (!atlas) throw new UsageError(`--surface: unknown surface '${id}'; known: ${ATLAS.map((s) => s.id).join(', ')}`)
  }
  const formulaText = atlas ? atlas.formula : text!
  const checked = checkFormula(formulaText)
  if (!checked.ok) throw new UsageError(`--formula: ${checked.error.message}`)
  const { program, parameters: defaults } = checked.formula
  const parameters = new Map(defaults)
  for (const [name, v] of parseAssignments(values.param as string[] | undefined, '--param', program.parameters, 'the formula has parameters')) {
    parameters.set(name, v)
  }
  if (values.domain !== undefined && atlas?.domain.periodic) {
    throw new UsageError(`--domain: ${atlas.id} is periodic on its own domain, which cannot be changed`)
  }
  const domain = values.domain !== undefined ? parseDomain(values.domain as string) : atlas?.domain ?? DEFAULT_DOMAIN
  const compiled = compileProgram(program, parameters, domain)
  return {
    atlas,
    compiled,
    warnings: checked.formula.warnings.map((w) => w.message),
    resolved: { surface: atlas?.id ?? null, formula: formulaText, domain: { ...domain }, parameters: Object.fromEntries(parameters) },
  }
}
