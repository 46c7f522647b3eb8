import { readFileSync } from 'node:fs'
import { offeredWithoutData, type MethodDescriptor } from '../core/dynamics/method'
import { methodById, METHODS } from '../core/dynamics/methods'
import { resolveSettings } from '../core/dynamics/params'
import { resolveLane } from '../core/dynamics/resolve'
import type { StatusScales } from '../core/dynamics/status'
import { buildLane } from '../core/scenario/build'
import { SCENARIO_VERSION, type LaneSpec, type Scenario, type ScenarioStart } from '../core/scenario/types'
import { validateScenario } from '../core/scenario/validate'
import {
  compileSurfaceSpec,
  parseNumber,
  SURFACE_HELP,
  SURFACE_OPTIONS,
  surfaceSpecFromOptions,
  type SurfaceInput,
} from './inputs'
import { UsageError, type OptionSpec } from './usage'

/** Options shared by the commands that run a method (optimize, sample). */
export const RUN_OPTIONS: Record<string, OptionSpec> = {
  ...SURFACE_OPTIONS,
  method: { type: 'string' },
  set: { type: 'string', multiple: true },
  steps: { type: 'string' },
  seed: { type: 'string' },
  start: { type: 'string' },
  scenario: { type: 'string' },
  lane: { type: 'string' },
}

export const RUN_HELP = [
  ...SURFACE_HELP,
  '  --method ID             a method (see `landscape methods`)',
  '  --set NAME=VALUE        a method setting by its name in `landscape methods` (repeatable)',
  '  --steps N               steps to run',
  '  --seed S                the seed (a whole number; default 1)',
  '  --start X,Y             where the walkers start',
  '  --scenario FILE         run a saved scenario (JSON) instead of --surface/--method/--set/--start/--seed',
  '  --lane K                which lane of the scenario to run (default 0)',
]

export function parseInteger(
  text: string | undefined,
  option: string,
  min: number,
  max: number,
  fallback?: number,
): number {
  if (text === undefined) {
    if (fallback === undefined) throw new UsageError(`${option} is required`)
    return fallback
  }
  const v = parseNumber(text, option)
  if (!Number.isInteger(v) || v < min || v > max)
    throw new UsageError(`${option}: ${text} is not a whole number from ${min} to ${max}`)
  return v
}

export function parsePoint(text: string, option: string): { x: number; y: number } {
  const parts = text.split(',')
  if (parts.length !== 2) throw new UsageError(`${option}: expected X,Y, got '${text}'`)
  const [x, y] = parts.map((p) => parseNumber(p, option))
  return { x, y }
}

/** Why a method made for a training set (minibatch SGD) is refused on a surface or a molecule. */
export const NEEDS_TRAINING_SET = (id: string): string =>
  `${id} needs a training set: run it with \`landscape train\` (here it would be gradient descent under another name)`

function methodOption(
  values: Record<string, unknown>,
  accept: (m: MethodDescriptor) => string | null,
): MethodDescriptor {
  const id = values.method as string | undefined
  if (id === undefined) throw new UsageError('--method is required; see `landscape methods`')
  const method = methodById(id)
  if (!method) throw new UsageError(`--method: unknown method '${id}'; known: ${METHODS.map((m) => m.id).join(', ')}`)
  if (!offeredWithoutData(method)) throw new UsageError(`--method: ${NEEDS_TRAINING_SET(id)}`)
  const refusal = accept(method)
  if (refusal) throw new UsageError(`--method: ${refusal}`)
  return method
}

/** --set NAME=VALUE pairs, each checked against the method's descriptor (its range is in the message). */
export function parseSettings(
  items: string[] | undefined,
  method: MethodDescriptor,
  extra: Record<string, number> = {},
): Record<string, number | string> {
  const given: Record<string, number | string> = {}
  for (const item of items ?? []) {
    const eq = item.indexOf('=')
    if (eq <= 0) throw new UsageError(`--set: expected NAME=VALUE, got '${item}'`)
    const name = item.slice(0, eq).trim()
    const spec = method.params.find((p) => p.name === name)
    if (!spec)
      throw new UsageError(
        `--set: ${method.id} has no setting '${name}'; its settings: ${method.params.map((p) => p.name).join(', ')}`,
      )
    if (Object.hasOwn(given, name)) throw new UsageError(`--set: '${name}' is given twice`)
    const text = item.slice(eq + 1).trim()
    given[name] = spec.kind === 'number' ? parseNumber(text, `--set ${name}`) : text
  }
  for (const [name, value] of Object.entries(extra)) {
    if (!method.params.some((p) => p.name === name))
      throw new UsageError(`--${name}: ${method.id} has no setting '${name}'`)
    if (Object.hasOwn(given, name)) throw new UsageError(`--${name} and --set ${name} both give ${name}: give it once`)
    given[name] = value
  }
  const checked = resolveSettings(method.params, given, method.id)
  if (!checked.ok) {
    const { field, message } = checked.errors[0]
    throw new UsageError(`${Object.hasOwn(extra, field) ? `--${field}` : '--set'}: ${message}`)
  }
  return given
}

export interface RunInput {
  scenario: Scenario
  laneIndex: number
  surface: SurfaceInput
  method: MethodDescriptor
}

/**
 * The scenario a run command works on: read from --scenario FILE (strictly:
 * any field that could not be read is an error), or built from the options.
 */
export function runInput(
  values: Record<string, unknown>,
  accept: (m: MethodDescriptor) => string | null,
  lane: (method: MethodDescriptor, surface: SurfaceInput) => Omit<LaneSpec, 'method'>,
): RunInput {
  if (values.scenario !== undefined) {
    for (const option of ['surface', 'formula', 'domain', 'param', 'method', 'set', 'start', 'seed']) {
      if (values[option] !== undefined)
        throw new UsageError(`--${option} cannot be combined with --scenario (the scenario says it)`)
    }
    const scenario = readScenarioFile(values.scenario as string)
    const laneIndex = parseInteger(values.lane as string | undefined, '--lane', 0, scenario.lanes.length - 1, 0)
    const method = methodOption({ method: scenario.lanes[laneIndex].method }, accept)
    return { scenario, laneIndex, method, surface: compileSurfaceSpec(scenario.surface) }
  }
  if (values.lane !== undefined) throw new UsageError('--lane only makes sense with --scenario')
  const method = methodOption(values, accept)
  const spec = surfaceSpecFromOptions(values)
  const surface = compileSurfaceSpec(spec)
  const seed = parseInteger(values.seed as string | undefined, '--seed', 0, Number.MAX_SAFE_INTEGER, 1)
  const laneSpec: LaneSpec = { method: method.id, ...lane(method, surface) }
  // Each setting was checked as it was read (parseSettings); here they are checked together and with the walkers.
  const resolved = resolveLane(method.id, laneSpec.settings, laneSpec.walkers)
  if (!resolved.ok) {
    const { field, message } = resolved.errors[0]!
    throw new UsageError(`--${field === 'walkers' ? 'walkers' : 'set'}: ${message}`)
  }
  const scenario: Scenario = { version: SCENARIO_VERSION, surface: spec, seed, lanes: [laneSpec] }
  return { scenario, laneIndex: 0, method, surface }
}

function readScenarioFile(path: string): Scenario {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (e) {
    throw new UsageError(`--scenario: cannot read '${path}': ${(e as NodeJS.ErrnoException).code ?? 'error'}`)
  }
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    throw new UsageError(`--scenario: '${path}' is not valid JSON`)
  }
  const { scenario, problems } = validateScenario(data)
  if (problems.length > 0) {
    const [first] = problems
    // The page opens a newer state leniently (field by field); a run for a figure is made only
    // from a scenario read whole.
    if (first.field === 'version')
      throw new UsageError(
        `--scenario: version: this landscape reads scenarios of version ${SCENARIO_VERSION} only, ` +
          `and runs none in part (${String((data as Record<string, unknown>)?.version)} given)`,
      )
    throw new UsageError(`--scenario: ${first.field || 'file'}: ${first.message}`)
  }
  return scenario
}

/** The start option, or the surface's global minimum (a formula: the domain centre). */
export function startOption(values: Record<string, unknown>, surface: SurfaceInput): ScenarioStart {
  if (values.start !== undefined) return { kind: 'point', ...parsePoint(values.start as string, '--start') }
  const global = surface.atlas?.points.find((p) => p.kind === 'minimum' && p.rank === 'global')
  if (global) return { kind: 'point', x: global.x, y: global.y }
  const d = surface.compiled.domain
  return { kind: 'point', x: (d.xmin + d.xmax) / 2, y: (d.ymin + d.ymax) / 2 }
}

/** Builds the lane to run; an optimizer's lane measures the status scales of its surface unless they are given. */
export function buildRunLane(input: RunInput, scales?: StatusScales) {
  const spec = input.scenario.lanes[input.laneIndex]!
  return buildLane(input.surface.compiled, spec, input.scenario.seed, scales)
}
