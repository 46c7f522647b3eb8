/** A free parameter of the formula: its value and the bounds of its slider (the user may widen them). */
export interface ParameterSetting {
  name: string
  value: number
  min: number
  max: number
}

/**
 * A slider range around a parameter's starting value: two of its own sizes
 * either side (at least 2), so a = 1 slides over [-1, 3] and a = 100 over [-100, 300].
 */
export function parameterRange(value: number): { min: number; max: number } {
  const span = 2 * Math.max(Math.abs(value), 1)
  return { min: value - span, max: value + span }
}

/** Why a pair of slider bounds cannot be used, or null. */
export function boundsProblem(min: number, max: number): string | null {
  if (!(Number.isFinite(min) && Number.isFinite(max))) return 'bounds must be finite numbers'
  return min < max ? null : 'the lower bound must be below the upper one'
}
