import { notBoltzmann, runsOnSystems, type MethodDescriptor, type StepValues } from './method'
import { methodById, METHODS } from './methods'
import { resolveSettings, type SettingError, type Settings } from './params'
import { learningRate, temperature } from './schedules'

/**
 * What a lane can do, read once from its method and settings: every other part of
 * the program asks these instead of looking for a parameter's name.
 */
export interface Capabilities {
  /** It has a temperature kT: it samples, or adds noise of that size. */
  thermal: boolean
  /** Its step is a physical time step dt: rates and Arrhenius fits make sense. */
  physicalTime: boolean
  /** It has a learning rate lr (with its schedule). */
  learningRate: boolean
  /** Its walkers carry velocities (drawn from Maxwell-Boltzmann at kT). */
  velocities: boolean
  /** Why its samples are not exp(-U/kT) at its kT (see notBoltzmann), or null; null too when it is not thermal. */
  notBoltzmann: string | null
  /** Its step runs on states of any number of coordinates, not only on a surface's two. */
  anyDimension: boolean
}

/** A lane's method and settings, checked and complete, with what it can do. */
export interface ResolvedLane {
  method: MethodDescriptor
  settings: Settings
  capabilities: Capabilities
}

/** The values a lane runs with at one step, as frames carry them: a schedule moves kT or lr. */
export interface LiveValues extends StepValues {
  step: number
}

export type LaneResolution = { ok: true; lane: ResolvedLane } | { ok: false; errors: SettingError[] }

/**
 * The one place a lane's settings are checked and completed: a method id and raw
 * settings (from a slider, a link or a command line, each already read as numbers
 * at its edge) become typed settings with the method's defaults, checked against
 * each parameter's range and, given the walker count, against each other. Unknown
 * methods and names, and bad values, are errors naming their field.
 */
export function resolveLane(
  methodId: string,
  given: Readonly<Record<string, unknown>>,
  walkers?: number,
  /** Coordinates per walker: 2 on a surface. */
  dim = 2,
): LaneResolution {
  const method = methodById(methodId)
  if (!method)
    return {
      ok: false,
      errors: [
        { field: 'method', message: `unknown method '${methodId}'; known: ${METHODS.map((m) => m.id).join(', ')}` },
      ],
    }
  if (dim !== 2 && !runsOnSystems(method))
    return {
      ok: false,
      errors: [
        { field: 'method', message: `${method.name} runs on surfaces of 2 coordinates only; this system has ${dim}` },
      ],
    }
  const resolved = resolveSettings(method.params, given, method.name)
  if (!resolved.ok) return resolved
  const conflict = walkers === undefined ? null : (method.check?.(resolved.settings, walkers) ?? null)
  if (conflict) return { ok: false, errors: [conflict] }
  return {
    ok: true,
    lane: { method, settings: resolved.settings, capabilities: capabilities(method, resolved.settings) },
  }
}

/** A method's capabilities with its settings (its defaults when none are given). */
export function capabilities(method: MethodDescriptor, settings?: Settings): Capabilities {
  const has = (name: string) => method.params.some((p) => p.name === name)
  const thermal = has('kT')
  const complete = settings ?? Object.fromEntries(method.params.map((p) => [p.name, p.default]))
  return {
    thermal,
    physicalTime: method.physicalTime,
    learningRate: has('lr'),
    velocities: method.velocities,
    notBoltzmann: thermal ? notBoltzmann(method, complete) : null,
    anyDimension: runsOnSystems(method),
  }
}

/** kT, lr and dt at step t (0-based) of a resolved lane; null where the lane has none. */
export function liveValues(lane: ResolvedLane, t: number): LiveValues {
  const { settings, capabilities: c } = lane
  return {
    step: t,
    kT: c.thermal ? temperature(settings, t) : null,
    lr: c.learningRate
      ? typeof settings.schedule === 'string'
        ? learningRate(settings, t)
        : (settings.lr as number)
      : null,
    dt: typeof settings.dt === 'number' ? settings.dt : null,
  }
}
