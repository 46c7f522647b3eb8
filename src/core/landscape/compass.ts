import type { CompiledSurface } from '../surface'
import { outside, wrap } from './domain'

const DIRECTIONS = [1, 0, -1, 0, 0, 1, 0, -1]
const MAX_EVALUATIONS = 2000

/**
 * Compass search (Kolda, Lewis & Torczon, SIAM Review 45:385, 2003): it compares values
 * only, so it settles on a minimum where the gradient is undefined, such as a cone tip.
 * Starts at (x0, y0) with the given step, halves it until it is below minStep, and
 * writes x, y, U into out. NaN counts as higher than anything.
 */
export function compassMinimum(
  surface: CompiledSurface,
  x0: number,
  y0: number,
  step: number,
  minStep: number,
  out: Float64Array,
): void {
  const d = surface.domain
  let x = x0
  let y = y0
  let best = surface.value(x, y)
  if (Number.isNaN(best)) best = Infinity
  for (let n = 0; step >= minStep && n < MAX_EVALUATIONS;) {
    let moved = false
    for (let k = 0; k < 8 && !moved; k += 2, n++) {
      let tx = x + step * DIRECTIONS[k]!
      let ty = y + step * DIRECTIONS[k + 1]!
      if (d.periodic) {
        tx = wrap(tx, d.xmin, d.xmax - d.xmin)
        ty = wrap(ty, d.ymin, d.ymax - d.ymin)
      } else if (outside(d, tx, ty, 0)) {
        continue
      }
      const v = surface.value(tx, ty)
      if (v < best) {
        x = tx
        y = ty
        best = v
        moved = true
      }
    }
    if (!moved) step *= 0.5
  }
  out[0] = x
  out[1] = y
  out[2] = best
}

/**
 * Whether the end of a compass search is a true minimum where the gradient fails,
 * such as a cone tip. Rejects two impostors: a stall in a narrow valley (Rosenbrock),
 * where a short step down the gradient still lowers U, and a pole (tan x), where U
 * jumps by far more than the surface's typical slope allows across a tiny circle.
 */
export function isRoughMinimum(
  surface: CompiledSurface,
  x: number,
  y: number,
  extent: number,
  gradientScale: number,
  g: Float64Array,
): boolean {
  const u = surface.gradient(x, y, g)
  const norm = Math.hypot(g[0]!, g[1]!)
  if (norm > 0 && Number.isFinite(norm)) {
    for (let t = 1e-10 * extent; t <= 1e-3 * extent; t *= 10) {
      if (surface.value(x - (t * g[0]!) / norm, y - (t * g[1]!) / norm) < u) return false
    }
  }
  const r = 1e-6 * extent
  for (let k = 0; k < 8; k++) {
    const v = surface.value(x + r * Math.cos((k * Math.PI) / 4), y + r * Math.sin((k * Math.PI) / 4))
    if (!(v - u <= 1e3 * gradientScale * r)) return false
  }
  return true
}
