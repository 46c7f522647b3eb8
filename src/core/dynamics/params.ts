/**
 * Method parameters: each described once (default, valid range, unit, one-line
 * help), so the page builds its controls and the CLI its options and messages
 * from the same description.
 */

export interface NumberParam {
  kind: 'number'
  name: string
  label: string
  default: number
  /** Inclusive bounds. */
  min: number
  max: number
  /** How a slider should move: 'log' for quantities spanning decades (lr, kT, dt). */
  scale: 'linear' | 'log'
  integer?: boolean
  /** Units in the playground's reduced units (k_B = 1, m = 1): 'energy', 'time', 'length', '1/time', '' for none. */
  unit: string
  help: string
}

export interface ChoiceParam {
  kind: 'choice'
  name: string
  label: string
  default: string
  choices: readonly { value: string; label: string }[]
  help: string
}

export type ParamSpec = NumberParam | ChoiceParam

/** Values by parameter name; keys only ever come from a descriptor. */
export type Settings = Readonly<Record<string, number | string>>

export interface SettingError {
  field: string
  message: string
}

export function describeRange(p: NumberParam): string {
  return `${p.integer ? 'an integer ' : ''}from ${p.min} to ${p.max}`
}

/** Why `value` is not valid for p, or null. */
export function settingProblem(p: ParamSpec, value: unknown): string | null {
  if (p.kind === 'choice') {
    if (typeof value === 'string' && p.choices.some((c) => c.value === value)) return null
    return `${p.name} must be one of ${p.choices.map((c) => c.value).join(', ')}`
  }
  if (typeof value !== 'number' || !Number.isFinite(value))
    return `${p.name} must be a finite number, ${describeRange(p)}`
  if (p.integer && !Number.isInteger(value)) return `${p.name} must be an integer, ${describeRange(p)}`
  if (value < p.min || value > p.max) return `${p.name} = ${value} is out of range: ${describeRange(p)}`
  return null
}

/**
 * The full settings of a method: defaults overridden by `given`. Unknown names
 * and bad values are errors, each naming its field; nothing is half-applied.
 */
export function resolveSettings(
  params: readonly ParamSpec[],
  given: Readonly<Record<string, unknown>>,
  owner: string,
): { ok: true; settings: Settings } | { ok: false; errors: SettingError[] } {
  const errors: SettingError[] = []
  const known = new Set(params.map((p) => p.name))
  for (const name of Object.keys(given)) {
    if (!known.has(name)) {
      errors.push({
        field: name,
        message: `unknown setting '${name}' for ${owner}; its settings are ${[...known].join(', ') || 'none'}`,
      })
    }
  }
  const settings: Record<string, number | string> = {}
  for (const p of params) {
    const value = Object.hasOwn(given, p.name) ? given[p.name] : p.default
    const problem = settingProblem(p, value)
    if (problem) errors.push({ field: p.name, message: problem })
    else settings[p.name] = value as number | string
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, settings }
}

/** Reads a number setting that resolveSettings has checked. */
export function num(settings: Settings, name: string): number {
  const v = settings[name]
  if (typeof v !== 'number') throw new Error(`setting ${name} is not a number`)
  return v
}

export function choice(settings: Settings, name: string): string {
  const v = settings[name]
  if (typeof v !== 'string') throw new Error(`setting ${name} is not a choice`)
  return v
}
