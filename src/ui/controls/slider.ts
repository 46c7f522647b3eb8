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
