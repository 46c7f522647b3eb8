import { offeredWithoutData } from '../dynamics/method'
import { methodById, METHODS } from '../dynamics/methods'
import { resolveSettings } from '../dynamics/params'
import { resolveLane } from '../dynamics/resolve'
import { MAX_WALKERS } from '../dynamics/walkers'
import { MAX_LENGTH } from '../formula/lexer'
import { parameterNameProblem } from '../formula/names'
import type { Domain } from '../surface'
import { ATLAS, atlasSurface } from '../surfaces'
import { copyLane, defaultScenario, DEFAULT_LANES } from './defaults'
import {
  MAX_LANES,
  MAX_SEED,
  SCENARIO_VERSION,
  TRAIL_MODES,
  type LaneSpec,
  type TrailMode,
  type Scenario,
  type ScenarioStart,
  type SurfaceSpec,
} from './types'

/** A field that could not be read, named by its path ("lanes[1].settings.lr"), and why. */
export interface ScenarioProblem {
  field: string
  message: string
}

export interface ValidatedScenario {
  /** What could be read, with defaults for every field that could not. */
  scenario: Scenario
  /** Empty when everything was read as given. */
  problems: ScenarioProblem[]
}

type Bag = Record<string, unknown>

const isBag = (v: unknown): v is Bag => typeof v === 'object' && v !== null && !Array.isArray(v)
const own = (bag: Bag, key: string): unknown => (Object.hasOwn(bag, key) ? bag[key] : undefined)
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)

/**
 * Reads a Scenario from untrusted data (a parsed URL, a file, a CLI argument).
 * Every field that is missing, of the wrong type or out of range is replaced by
 * its default and reported with its path; everything else is kept. The result
 * is built from known keys only: no key of the input is ever copied blindly.
 */
export function validateScenario(input: unknown): ValidatedScenario {
  const problems: ScenarioProblem[] = []
  const fallback = defaultScenario()
  if (!isBag(input)) {
    problems.push({ field: '', message: 'a scenario must be an object' })
    return { scenario: fallback, problems }
  }
  const version = own(input, 'version')
  if (version !== SCENARIO_VERSION) {
    const newer = typeof version === 'number' && version > SCENARIO_VERSION
    problems.push({
      field: 'version',
      message: newer
        ? `version ${version} is newer than this playground's (${SCENARIO_VERSION}): fields it does not know are ` +
          `ignored`
        : `version must be ${SCENARIO_VERSION}`,
    })
  }
  const surface = readSurface(own(input, 'surface'), problems) ?? fallback.surface
  const seedValue = own(input, 'seed')
  let seed = fallback.seed
  if (Number.isSafeInteger(seedValue) && (seedValue as number) >= 0 && (seedValue as number) <= MAX_SEED)
    seed = seedValue as number
  else problems.push({ field: 'seed', message: `seed must be a whole number from 0 to ${MAX_SEED}` })
  const lanes = readLanes(own(input, 'lanes'), problems)
  return { scenario: { version: SCENARIO_VERSION, surface, seed, lanes }, problems }
}

function readParameters(value: unknown, field: string, problems: ScenarioProblem[]): Record<string, number> {
  const out: Record<string, number> = {}
  if (value === undefined) return out
  if (!isBag(value)) {
    problems.push({ field, message: 'parameters must be an object of name: number' })
    return out
  }
  for (const name of Object.keys(value)) {
    const problem = parameterNameProblem(name)
    const v = value[name]
    if (problem) problems.push({ field: `${field}.${name.slice(0, 24)}`, message: problem })
    else if (!isFiniteNumber(v))
      problems.push({ field: `${field}.${name}`, message: `parameter ${name} must be a finite number` })
    else out[name] = v
  }
  return out
}

export function readDomain(value: unknown, field: string, problems: ScenarioProblem[]): Domain | undefined {
  if (!isBag(value)) {
    problems.push({ field, message: 'domain must be an object {xmin, xmax, ymin, ymax}' })
    return undefined
  }
  const [xmin, xmax, ymin, ymax] = ['xmin', 'xmax', 'ymin', 'ymax'].map((k) => own(value, k))
  if (![xmin, xmax, ymin, ymax].every(isFiniteNumber)) {
    problems.push({ field, message: 'domain bounds must be finite numbers' })
    return undefined
  }
  if (!((xmin as number) < (xmax as number)) || !((ymin as number) < (ymax as number))) {
    problems.push({ field, message: 'domain needs xmin < xmax and ymin < ymax' })
    return undefined
  }
  return { xmin: xmin as number, xmax: xmax as number, ymin: ymin as number, ymax: ymax as number }
}

function readSurface(value: unknown, problems: ScenarioProblem[]): SurfaceSpec | undefined {
  if (!isBag(value)) {
    problems.push({ field: 'surface', message: 'surface must be an object' })
    return undefined
  }
  const kind = own(value, 'kind')
  const parameters = readParameters(own(value, 'parameters'), 'surface.parameters', problems)
  if (kind === 'atlas') {
    const id = own(value, 'id')
    const domainValue = own(value, 'domain')
    const domain = domainValue === undefined ? undefined : readDomain(domainValue, 'surface.domain', problems)
    if (typeof id === 'string' && atlasSurface(id))
      return domain ? { kind: 'atlas', id, parameters, domain } : { kind: 'atlas', id, parameters }
    problems.push({ field: 'surface.id', message: `unknown surface; known: ${ATLAS.map((s) => s.id).join(', ')}` })
    return undefined
  }
  if (kind === 'formula') {
    const text = own(value, 'text')
    if (typeof text !== 'string' || text.length > MAX_LENGTH) {
      problems.push({ field: 'surface.text', message: `formula must be text of at most ${MAX_LENGTH} characters` })
      return undefined
    }
    const domain = readDomain(own(value, 'domain'), 'surface.domain', problems) ?? {
      xmin: -5,
      xmax: 5,
      ymin: -5,
      ymax: 5,
    }
    return { kind: 'formula', text, parameters, domain }
  }
  problems.push({ field: 'surface.kind', message: "surface kind must be 'atlas' or 'formula'" })
  return undefined
}

function readLanes(value: unknown, problems: ScenarioProblem[]): LaneSpec[] {
  if (!Array.isArray(value) || value.length < 1 || value.length > MAX_LANES) {
    problems.push({ field: 'lanes', message: `lanes must be a list of 1 to ${MAX_LANES} lanes` })
    return DEFAULT_LANES.map(copyLane)
  }
  return value.map((lane, k) => readLane(lane, `lanes[${k}]`, DEFAULT_LANES[k] ?? DEFAULT_LANES[0]!, problems))
}

function readLane(value: unknown, field: string, fallback: LaneSpec, problems: ScenarioProblem[]): LaneSpec {
  if (!isBag(value)) {
    problems.push({ field, message: 'a lane must be an object' })
    return copyLane(fallback)
  }
  const id = own(value, 'method')
  const method = typeof id === 'string' ? methodById(id) : undefined
  if (!method || !offeredWithoutData(method)) {
    problems.push({
      field: `${field}.method`,
      message: method
        ? `${method.name} needs a training set: on a surface it is gradient descent under another name`
        : `unknown method; known: ${METHODS.filter(offeredWithoutData)
            .map((m) => m.id)
            .join(', ')}`,
    })
    return copyLane(fallback)
  }
  const settings: Record<string, number | string> = {}
  const given = own(value, 'settings')
  if (given !== undefined && !isBag(given))
    problems.push({ field: `${field}.settings`, message: 'settings must be an object' })
  if (isBag(given)) {
    for (const p of method.params) {
      const v = own(given, p.name)
      if (v === undefined) continue
      const checked = resolveSettings([p], { [p.name]: v }, method.name)
      // resolveSettings gives a value for every parameter it is passed, or at least one error.
      if (checked.ok) settings[p.name] = checked.settings[p.name]!
      else problems.push({ field: `${field}.settings.${p.name}`, message: checked.errors[0]!.message })
    }
    for (const name of Object.keys(given)) {
      if (!method.params.some((p) => p.name === name)) {
        problems.push({
          field: `${field}.settings.${name.slice(0, 24)}`,
          message: `unknown setting for ${method.name}`,
        })
      }
    }
  }
  const walkersValue = own(value, 'walkers')
  let walkers = fallback.walkers
  if (Number.isInteger(walkersValue) && (walkersValue as number) >= 1 && (walkersValue as number) <= MAX_WALKERS)
    walkers = walkersValue as number
  else problems.push({ field: `${field}.walkers`, message: `walkers must be a whole number from 1 to ${MAX_WALKERS}` })
  const start = readStart(own(value, 'start'), `${field}.start`, problems) ?? { ...fallback.start }
  // Each setting was read above on its own; resolveLane checks them together and with the walker count.
  const resolved = resolveLane(method.id, settings, walkers)
  const conflict = resolved.ok ? null : resolved.errors[0]
  if (conflict) {
    problems.push({
      field: `${field}.${conflict.field === 'walkers' ? 'walkers' : `settings.${conflict.field}`}`,
      message: `${conflict.message} (the lane was reset)`,
    })
    return copyLane(fallback)
  }
  const trail = own(value, 'trail')
  if (trail === undefined) return { method: method.id, settings, walkers, start }
  if (TRAIL_MODES.includes(trail as TrailMode))
    return { method: method.id, settings, walkers, start, trail: trail as TrailMode }
  problems.push({
    field: `${field}.trail`,
    message: `the trail is one of ${TRAIL_MODES.join(', ')}; the lane's own default is used`,
  })
  return { method: method.id, settings, walkers, start }
}

function readStart(value: unknown, field: string, problems: ScenarioProblem[]): ScenarioStart | undefined {
  if (!isBag(value)) {
    problems.push({ field, message: 'start must be an object' })
    return undefined
  }
  const kind = own(value, 'kind')
  if (kind === 'uniform') return { kind }
  const x = own(value, 'x')
  const y = own(value, 'y')
  if ((kind === 'point' || kind === 'gaussian') && !(isFiniteNumber(x) && isFiniteNumber(y))) {
    problems.push({ field, message: 'start x and y must be finite numbers' })
    return undefined
  }
  if (kind === 'point') return { kind, x: x as number, y: y as number }
  if (kind === 'gaussian') {
    const sigma = own(value, 'sigma')
    if (isFiniteNumber(sigma) && sigma > 0) return { kind, x: x as number, y: y as number, sigma }
    problems.push({ field: `${field}.sigma`, message: 'sigma must be a positive number' })
    return undefined
  }
  problems.push({ field: `${field}.kind`, message: "start kind must be 'point', 'uniform' or 'gaussian'" })
  return undefined
}
