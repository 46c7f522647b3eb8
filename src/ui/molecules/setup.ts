import { offeredWithoutData, runsOnSystems } from '../../core/dynamics/method'
import { METHODS, methodById } from '../../core/dynamics/methods'
import { resolveLane } from '../../core/dynamics/resolve'
import { AbSequenceError, abDescriptor, parseAbSequence } from '../../core/systems/ab-2d'
import type { SystemDescriptor } from '../../core/systems/descriptor'
import { systemById, SYSTEMS } from '../../core/systems'
import { systemRunSettings } from '../../core/systems/run-settings'
import type { MoleculeSetup } from '../../engine/system-protocol'
import { formatValue } from '../format'

/** The choice in the system menu that takes a typed AB sequence. */
export const TYPED_AB = 'ab-typed'
export const MAX_WALKERS = 100

/** What the section's controls hold, as typed (numbers already read at the input). */
export interface MoleculeForm {
  system: string
  /** The typed AB sequence (used when system is TYPED_AB). */
  sequence: string
  method: string
  walkers: number
  kT: number
  seed: number
  /** 'random', or the index of a known minimum with a geometry. */
  start: 'random' | number
}

/** The methods that run on many-coordinate systems, in the page's order. */
export const SYSTEM_METHODS = METHODS.filter((m) => runsOnSystems(m) && offeredWithoutData(m))

export const SYSTEM_CHOICES: readonly { value: string; label: string }[] = [
  ...SYSTEMS.map((s) => ({ value: s.id, label: s.title })),
  { value: TYPED_AB, label: 'AB chain of your own sequence (2D)' },
]

/** A form error: which control it belongs to and a message a student understands. */
export interface FormProblem {
  field: 'sequence' | 'walkers' | 'kT' | 'seed' | 'method' | 'start'
  message: string
}

export type FormResult =
  | { ok: true; setup: MoleculeSetup; descriptor: SystemDescriptor }
  | { ok: false; problem: FormProblem; descriptor: SystemDescriptor | null }

/** The descriptor the form names: a listed system, or the AB chain of the typed sequence (or its one message). */
export function formDescriptor(form: Pick<MoleculeForm, 'system' | 'sequence'>): SystemDescriptor | FormProblem {
  if (form.system !== TYPED_AB) return systemById(form.system) ?? { field: 'method', message: 'unknown system' }
  try {
    return abDescriptor(parseAbSequence(form.sequence))
  } catch (error) {
    if (error instanceof AbSequenceError) return { field: 'sequence', message: error.message }
    throw error
  }
}

/** Checks the form and makes the worker's setup; the first problem found otherwise. */
export function moleculeSetup(form: MoleculeForm): FormResult {
  const found = formDescriptor(form)
  if ('field' in found) return { ok: false, problem: found, descriptor: null }
  const descriptor = found
  const fail = (field: FormProblem['field'], message: string): FormResult => ({
    ok: false,
    problem: { field, message },
    descriptor,
  })
  if (!(Number.isInteger(form.walkers) && form.walkers >= 1 && form.walkers <= MAX_WALKERS))
    return fail('walkers', `walkers: a whole number from 1 to ${MAX_WALKERS}`)
  if (!(form.kT > 0 && Number.isFinite(form.kT))) return fail('kT', 'kT must be a positive number')
  if (!(Number.isInteger(form.seed) && form.seed >= 0 && form.seed < 2 ** 32))
    return fail('seed', 'the seed is a whole number from 0 to 4294967295')
  const method = methodById(form.method)
  if (!method) return fail('method', `unknown method '${form.method}'`)
  if (form.start !== 'random' && !descriptor.minima[form.start]?.start)
    return fail('start', `${descriptor.title} has no geometry for that minimum: start from random states`)
  const settings = systemRunSettings(method, descriptor, form.kT, form.walkers)
  const resolved = resolveLane(method.id, settings, form.walkers, descriptor.dim)
  if (!resolved.ok) {
    const e = resolved.errors[0]!
    return fail(e.field === 'walkers' ? 'walkers' : e.field === 'kT' ? 'kT' : 'method', e.message)
  }
  return {
    ok: true,
    descriptor,
    setup: {
      system: descriptor.id,
      method: method.id,
      settings,
      walkers: form.walkers,
      seed: form.seed,
      start: form.start === 'random' ? { kind: 'random' } : { kind: 'minimum', index: form.start },
      cvs: [0, 1],
    },
  }
}

/** The starts offered: random states, and each known minimum with a geometry. */
export function startChoices(descriptor: SystemDescriptor | null): { value: string; label: string }[] {
  const out = [{ value: 'random', label: 'random states' }]
  descriptor?.minima.forEach((m, k) => {
    if (m.start) out.push({ value: String(k), label: `${m.name} (E = ${formatValue(m.energy, 4)})` })
  })
  return out
}

/** Systems whose disconnectivity graph the page builds: the pipeline's cost grows fast with the coordinates. */
export const GRAPH_MAX_DIM = 40

/** Random starts quenched for the graph: enough to find LJ7-2D's four isomers; fewer on larger systems. */
export function graphStarts(descriptor: SystemDescriptor): number {
  return descriptor.dim <= 14 ? 200 : 50
}
