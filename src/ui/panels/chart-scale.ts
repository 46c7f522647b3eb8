import { formatSignificant } from './numbers'

/** A y (or x) axis of a small chart: data range to pixels, with its ticks. */
export interface AxisScale {
  log: boolean
  min: number
  max: number
  /** Data value to pixel. */
  at(value: number): number
  ticks: { value: number; label: string }[]
}

/** Whether a value can be drawn on an axis (a log axis has no place for 0 or below). */
export function drawable(value: number, log: boolean): boolean {
  return Number.isFinite(value) && (!log || value > 0)
}

/**
 * The range of the drawable values of every series (and of `include`, such as
 * a reference line), widened when it is a single value so the axis has length.
 * Null when nothing can be drawn.
 */
export function dataRange(
  series: readonly ArrayLike<number>[],
  log: boolean,
  include: readonly number[] = [],
): [number, number] | null {
  let min = Infinity
  let max = -Infinity
  const take = (v: number) => {
    if (!drawable(v, log)) return
    if (v < min) min = v
    if (v > max) max = v
  }
  for (const s of series) for (let i = 0; i < s.length; i++) take(s[i])
  include.forEach(take)
  if (min > max) return null
  if (min === max)
    return log ? [min / 2, max * 2] : min === 0 ? [-1, 1] : [min - 0.05 * Math.abs(min), max + 0.05 * Math.abs(max)]
  return [min, max]
}

/** Maps [min, max] to [from, to] pixels (to < from for a y axis drawn downwards), linear or in log10. */
export function axisScale(range: [number, number], pixels: [number, number], log: boolean, tickCount = 4): AxisScale {
  const [min, max] = range
  const f = log ? Math.log10 : (v: number) => v
  const a = f(min)
  const b = f(max)
  const [from, to] = pixels
  const at = (value: number) => from + ((f(value) - a) / (b - a)) * (to - from)
  const values = log ? logTicks(min, max) : linearTicks(min, max, tickCount)
  return {
    log,
    min,
    max,
    at,
    ticks: values.map((value) => ({ value, label: log ? powerLabel(value) : formatSignificant(value, 3) })),
  }
}

/** A log tick in the same form all along the axis: 0.01 to 1,000 as they are, beyond as 1e-5 or 1e14. */
function powerLabel(value: number): string {
  const k = Math.log10(value)
  if (!Number.isInteger(k) || (k >= -2 && k <= 3)) return formatSignificant(value, 3)
  return `1e${k}`
}

/** Ticks at 1, 2 or 5 times a power of ten, about `count` of them, inside [min, max]. */
export function linearTicks(min: number, max: number, count = 4): number[] {
  if (!(max > min)) return [min]
  const rough = (max - min) / Math.max(1, count)
  const power = 10 ** Math.floor(Math.log10(rough))
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power
  const ticks: number[] = []
  for (let k = Math.ceil(min / step); k * step <= max + 1e-9 * step; k++) {
    // k * step, not a running sum, so 0.1 + 0.2 never shows as 0.30000000000000004.
    ticks.push(Number((k * step).toPrecision(12)))
  }
  return ticks
}

/**
 * Powers of ten inside [min, max], thinned to at most five; when the range
 * holds fewer than two, its two ends.
 */
export function logTicks(min: number, max: number): number[] {
  const lo = Math.ceil(Math.log10(min) - 1e-9)
  const hi = Math.floor(Math.log10(max) + 1e-9)
  if (hi - lo < 1) return [min, max]
  const stride = Math.ceil((hi - lo + 1) / 5)
  const ticks: number[] = []
  for (let k = lo; k <= hi; k += stride) ticks.push(Number(`1e${k}`))
  return ticks
}
