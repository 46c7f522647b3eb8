import { DEFAULT_DOMAIN, parameterNameProblem } from '../core/formula'
import { compileResolved, resolveSurface } from '../core/scenario/surface'
import type { SurfaceSpec } from '../core/scenario/types'
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

/** The surface the options name, as a scenario's surface. */
export function surfaceSpecFromOptions(values: Record<string, unknown>): SurfaceSpec {
  const id = values.surface as string | undefined
  const text = values.formula as string | undefined
  if ((id === undefined) === (text === undefined))
    throw new UsageError('give exactly one of --surface ID and --formula TEXT')
  if (id !== undefined && !atlasSurface(id))
    throw new UsageError(`--surface: unknown surface '${id}'; known: ${ATLAS.map((s) => s.id).join(', ')}`)
  const parameters: Record<string, number> = {}
  for (const item of (values.param as string[] | undefined) ?? []) {
    const eq = item.indexOf('=')
    if (eq <= 0) throw new UsageError(`--param: expected NAME=VALUE, got '${item}'`)
    const name = item.slice(0, eq).trim()
    const problem = parameterNameProblem(name)
    if (problem) throw new UsageError(`--param: ${problem}`)
    if (Object.hasOwn(parameters, name)) throw new UsageError(`--param: '${name}' is given twice`)
    parameters[name] = parseNumber(item.slice(eq + 1), `--param ${name}`)
  }
  const domain = values.domain !== undefined ? parseDomain(values.domain as string) : undefined
  if (id !== undefined) return domain ? { kind: 'atlas', id, parameters, domain } : { kind: 'atlas', id, parameters }
  return { kind: 'formula', text: text!, parameters, domain: domain ?? DEFAULT_DOMAIN }
}

/** Checks and compiles a scenario surface; a mistake becomes a usage error naming the option. */
export function compileSurfaceSpec(spec: SurfaceSpec): SurfaceInput {
  const result = resolveSurface(spec)
  if (!result.ok)
    throw new UsageError(
      `${OPTION_OF_FIELD[result.field.split('.').slice(0, 2).join('.')] ?? result.field}: ${result.message}`,
    )
  const r = result.surface
  return {
    atlas: r.atlasId ? atlasSurface(r.atlasId) : undefined,
    compiled: compileResolved(r),
    warnings: r.warnings.map((w) => w.message),
    resolved: {
      surface: r.atlasId,
      formula: r.formula,
      domain: { ...r.domain },
      parameters: Object.fromEntries(r.parameters),
    },
  }
}

const OPTION_OF_FIELD: Record<string, string> = {
  'surface.id': '--surface',
  'surface.text': '--formula',
  'surface.domain': '--domain',
  'surface.parameters': '--param',
}

/** Resolves --surface/--formula/--domain/--param into a compiled surface. */
export function surfaceInput(values: Record<string, unknown>): SurfaceInput {
  return compileSurfaceSpec(surfaceSpecFromOptions(values))
}
