import type { Domain } from '../surface'

/** Puts v back into [min, min + period). */
export function wrap(v: number, min: number, period: number): number {
  const t = (v - min) % period
  return min + (t < 0 ? t + period : t)
}

/**
 * Whether (x, y) lies more than margin (plus round-off) outside a non-periodic domain;
 * a negative margin asks for a point that far inside.
 */
export function outside(d: Domain, x: number, y: number, margin: number): boolean {
  if (d.periodic) return false
  const mx = margin + 1e-12 * (d.xmax - d.xmin)
  const my = margin + 1e-12 * (d.ymax - d.ymin)
  return x < d.xmin - mx || x > d.xmax + mx || y < d.ymin - my || y > d.ymax + my
}

/** Distance in the plane, or on the torus when the domain is periodic. */
export function distance(d: Domain, ax: number, ay: number, bx: number, by: number): number {
  let dx = Math.abs(ax - bx)
  let dy = Math.abs(ay - by)
  if (d.periodic) {
    dx = Math.min(dx, d.xmax - d.xmin - dx)
    dy = Math.min(dy, d.ymax - d.ymin - dy)
  }
  return Math.hypot(dx, dy)
}

/**
 * The index of the point of `points` nearest (x, y) (on the torus when the domain is periodic), or -1 when there is
 * none.
 */
export function nearestIndex(d: Domain, points: readonly { x: number; y: number }[], x: number, y: number): number {
  let best = -1
  let bestDistance = Infinity
  for (let k = 0; k < points.length; k++) {
    const p = points[k]!
    const r = distance(d, x, y, p.x, p.y)
    if (r < bestDistance) {
      bestDistance = r
      best = k
    }
  }
  return best
}
