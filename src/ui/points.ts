import type { CriticalPoint } from '../core/landscape/critical'
import type { Domain } from '../core/surface'
import type { CriticalKind, KnownPoint } from '../core/surfaces/types'
import { formatValue } from './format'

/** A critical point with the name the page gives it ("MA −146.70", "min 0.00"). */
export interface NamedPoint extends CriticalPoint {
  /** The literature's short name (MA, S1...) when an atlas point matches, else the kind's. */
  name: string
  label: string
}

export const KIND_NAMES: Record<CriticalKind, string> = {
  minimum: 'min',
  saddle: 'saddle',
  maximum: 'max',
  degenerate: 'degen',
}

/**
 * Names found critical points after the published ones: a found point takes
 * the label of a known point of the same kind within 1% of the domain's
 * diagonal.
 */
export function namePoints(
  points: readonly CriticalPoint[],
  known: readonly KnownPoint[],
  domain: Domain,
): NamedPoint[] {
  const near = 0.01 * Math.hypot(domain.xmax - domain.xmin, domain.ymax - domain.ymin)
  return points.map((p) => {
    const match = known.find((k) => k.label && k.kind === p.kind && Math.hypot(k.x - p.x, k.y - p.y) <= near)
    const name = match?.label ?? KIND_NAMES[p.kind]
    return { ...p, name, label: `${name} ${formatValue(p.value)}` }
  })
}
