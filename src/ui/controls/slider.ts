/**
 * The mapping between a slider's integer positions and a number setting.
 * A 'log' setting moves by equal ratios (lr, kT and dt span decades); a setting
 * whose valid range starts at 0 on a log scale (gradient clipping, where 0 means
 * off) keeps position 0 for exactly 0.
 */

export const SLIDER_STEPS = 1000

export interface SliderBounds {
  min: number
  max: number
  scale: 'linear' | 'log'
  integer?: boolean
}

export interface SliderScale {
  scale: 'linear' | 'log'
  /** The value at the first and last position (at position 1 when `zero`). */
  lo: number
  hi: number
  /** Position 0 is exactly 0. */
  zero: boolean
  integer: boolean
}

/** Decades a log slider spans on either side of its anchor, at most. */
const DECADES = 4

/**
 * The slider for a setting: a linear one spans the valid range; a log one spans
 * up to DECADES decades either side of the default (the full valid range of a
 * learning rate is 18 decades, too many to aim at), widened to reach `value`.
 * Values beyond the slider's ends are still typed in the text box.
 */
export function sliderScale(bounds: SliderBounds, fallback: number, value: number): SliderScale {
  const integer = bounds.integer === true
  if (bounds.scale === 'linear' || bounds.max <= 0) {
    return { scale: 'linear', lo: Math.min(bounds.min, value), hi: Math.max(bounds.max, value), zero: false, integer }
  }
  const anchor = fallback > 0 ? fallback : bounds.min > 0 ? bounds.min : Math.min(1, bounds.max)
  let lo = Math.max(bounds.min, anchor / 10 ** DECADES)
  let hi = Math.min(bounds.max, anchor * 10 ** DECADES)
  if (value > 0) {
    lo = Math.min(lo, value)
    hi = Math.max(hi, value)
  }
  if (lo <= 0) lo = Math.min(hi / 10 ** (2 * DECADES), anchor)
  return { scale: 'log', lo, hi, zero: bounds.min <= 0, integer }
}

/** The slider position (0..SLIDER_STEPS) nearest `value`. */
export function toPosition(s: SliderScale, value: number): number {
  if (s.zero && value <= 0) return 0
  const first = s.zero ? 1 : 0
  const span = SLIDER_STEPS - first
  let f: number
  if (s.scale === 'log') f = s.hi > s.lo ? Math.log(value / s.lo) / Math.log(s.hi / s.lo) : 0
  else f = s.hi > s.lo ? (value - s.lo) / (s.hi - s.lo) : 0
  return first + Math.round(Math.min(1, Math.max(0, f)) * span)
}

/**
 * The value at a slider position, rounded so it reads well: 3 significant digits
 * on a log scale, the slider's step on a linear one.
 */
export function fromPosition(s: SliderScale, position: number): number {
  if (s.zero && position <= 0) return 0
  const first = s.zero ? 1 : 0
  const f = Math.min(1, Math.max(0, (position - first) / (SLIDER_STEPS - first)))
  let value = s.scale === 'log' ? s.lo * (s.hi / s.lo) ** f : s.lo + f * (s.hi - s.lo)
  if (s.scale === 'log') value = Number(value.toPrecision(3))
  else if (s.hi > s.lo) value = roundTo(value, (s.hi - s.lo) / (SLIDER_STEPS - first))
  if (s.integer) value = Math.round(value)
  return Math.min(s.hi, Math.max(s.zero ? 0 : s.lo, value))
}

/** `value` rounded to the decimal place of `step`. */
function roundTo(value: number, step: number): number {
  const decimals = Math.min(12, Math.max(0, -Math.floor(Math.log10(step))))
  return Number(value.toFixed(decimals))
}

/** A log slider's arrow-key step: a twentieth of a decade (a ratio of 10^(1/20) ≈ 1.122). */
export const LOG_KEY_STEPS_PER_DECADE = 20

/** A linear slider's arrow-key step: about a hundredth of its span, rounded to 1, 2 or 5 times a power of 10. */
const LINEAR_KEY_STEPS = 100

/** PageUp and PageDown move this many arrow-key steps. */
const PAGE_STEPS = 10

/** The nearest of 1, 2 or 5 times a power of ten to `x` (> 0), on a log scale. */
export function niceStep(x: number): number {
  const power = 10 ** Math.floor(Math.log10(x))
  const m = x / power
  return (m < Math.sqrt(2) ? 1 : m < Math.sqrt(10) ? 2 : m < Math.sqrt(50) ? 5 : 10) * power
}

/**
 * The value after `key` on a focused slider, or null for a key the slider leaves to the browser.
 * The range input has SLIDER_STEPS positions, too fine for a key: the arrows move a log slider by
 * 1/LOG_KEY_STEPS_PER_DECADE of a decade (3 significant digits), a linear one by a round step near
 * 1/LINEAR_KEY_STEPS of its span (landing on a multiple of it), and a whole-number setting (steps per frame)
 * by exactly 1. PageUp and PageDown move PAGE_STEPS of those steps (half a decade on a log slider, at least
 * 1 on a whole-number one). A log slider with a zero position goes from its first value to 0 and back.
 * The value stays within the slider's ends.
 */
export function keyStep(s: SliderScale, value: number, key: string): number | null {
  const sign = key === 'ArrowUp' || key === 'ArrowRight' || key === 'PageUp' ? 1 : -1
  const steps = key === 'PageUp' || key === 'PageDown' ? PAGE_STEPS : 1
  if (!['ArrowUp', 'ArrowRight', 'ArrowDown', 'ArrowLeft', 'PageUp', 'PageDown'].includes(key)) return null
  const bottom = s.zero ? 0 : s.lo
  let next: number
  if (s.integer && steps === 1) next = Math.round(value) + sign
  else if (s.scale === 'log') {
    if (s.zero && value <= 0) return sign > 0 ? s.lo : 0
    next = value * 10 ** ((sign * steps) / LOG_KEY_STEPS_PER_DECADE)
    next = s.integer ? Math.round(next) : Number(next.toPrecision(3))
    if (s.integer && next === value) next = value + sign * steps
    if (s.zero && next < s.lo) next = sign > 0 ? s.lo : 0
  } else {
    let step = niceStep((s.hi - s.lo) / LINEAR_KEY_STEPS || 1)
    if (s.integer) step = Math.max(1, Math.round(step))
    const from = sign > 0 ? Math.floor(value / step + 1e-9) : Math.ceil(value / step - 1e-9)
    next = roundTo((from + sign * steps) * step, step)
  }
  return Math.min(s.hi, Math.max(bottom, next))
}
