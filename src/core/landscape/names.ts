import type { Domain } from '../surface'
import type { CriticalKind, KnownPoint } from '../surfaces/types'

/**
 * One name per critical point, used by every view of it: the map's labels, the
 * tables, the status lines, the CSV and the captions. A point that matches a
 * published one (same kind, within 1% of the domain's diagonal) takes the
 * literature's name (Müller-Brown's MA and S1, Müller & Brown 1979); the others
 * are numbered by kind, lowest value first and, among equal values (the wells of
 * Himmelblau's function or of a symmetric double well), left to right, then
 * bottom to top: M1, M2... for minima, S1... for saddles, X1... for maxima and
 * D1... for degenerate points. A number a published name uses is skipped.
 */
export const KIND_PREFIX: Record<CriticalKind, string> = { minimum: 'M', saddle: 'S', maximum: 'X', degenerate: 'D' }

interface Located {
  kind: CriticalKind
  x: number
  y: number
  value: number
}

export function nameCriticalPoints(points: readonly Located[], known: readonly KnownPoint[], domain: Domain): string[] {
  const near = 0.01 * Math.hypot(domain.xmax - domain.xmin, domain.ymax - domain.ymin)
  const names: (string | null)[] = points.map(() => null)
  // Published names first, each to the nearest matching point only; a published name no point takes (its point
  // lies off the domain, or was not found) is not given to another point either.
  const used = new Set<string>(known.flatMap((k) => (k.label ? [k.label] : [])))
  const given = new Set<string>()
  for (const k of known) {
    if (!k.label || given.has(k.label)) continue
    let best = -1
    let bestDistance = near
    points.forEach((p, i) => {
      const d = Math.hypot(k.x - p.x, k.y - p.y)
      if (names[i] === null && p.kind === k.kind && d <= bestDistance) {
        best = i
        bestDistance = d
      }
    })
    if (best >= 0) {
      names[best] = k.label
      given.add(k.label)
    }
  }
  // Values equal to a billionth of the largest |U| among the points count as equal (Himmelblau's four zeros
  // come out of Newton's method as different specks of 1e-20).
  const unit = 1e-9 * Math.max(1, ...points.map((p) => (Number.isFinite(p.value) ? Math.abs(p.value) : 0)))
  const level = (v: number) => Math.round(v / unit)
  const order = points
    .map((p, i) => ({ p, i }))
    .filter(({ i }) => names[i] === null)
    .sort((a, b) => level(a.p.value) - level(b.p.value) || a.p.x - b.p.x || a.p.y - b.p.y)
  const next: Record<CriticalKind, number> = { minimum: 1, saddle: 1, maximum: 1, degenerate: 1 }
  for (const { p, i } of order) {
    let name: string
    do name = `${KIND_PREFIX[p.kind]}${next[p.kind]++}`
    while (used.has(name))
    names[i] = name
    used.add(name)
  }
  return names as string[]
}

/**
 * The name of each basin: `minima` are a map's or a landscape's minima (lowest
 * first, the basin indices), `points` the named critical points; each minimum
 * takes the name of the named minimum nearest to it.
 */
export function basinNames(
  minima: readonly { x: number; y: number }[],
  points: readonly { kind: CriticalKind; x: number; y: number; name: string }[],
): string[] {
  const named = points.filter((p) => p.kind === 'minimum')
  return minima.map((m, k) => {
    let best: string | undefined
    let bestDistance = Infinity
    for (const p of named) {
      const d = Math.hypot(p.x - m.x, p.y - m.y)
      if (d < bestDistance) {
        best = p.name
        bestDistance = d
      }
    }
    return best ?? `M${k + 1}`
  })
}
