import type { CriticalPoint } from '../core/landscape/critical'
import type { Domain } from '../core/surface'
import type { CriticalKind, KnownPoint } from '../core/surfaces/types'
import { nameCriticalPoints } from '../core/landscape/names'
import { formatValue } from './format'

/** A critical point with the name the page gives it ("MA −146.70", "M1 0.00"). */
export interface NamedPoint extends CriticalPoint {
  /** The literature's short name (MA, S1...) when an atlas point matches, else M1, S1... (names.ts). */
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
 * Names found critical points as every view names them (core/landscape/names.ts): the published name of a
 * known point of the same kind within 1% of the domain's diagonal, else M1, S1, X1... by kind and value.
 */
export function namePoints(
  points: readonly CriticalPoint[],
  known: readonly KnownPoint[],
  domain: Domain,
): NamedPoint[] {
  const names = nameCriticalPoints(points, known, domain)
  return points.map((p, i) => ({ ...p, name: names[i]!, label: `${names[i]!} ${formatValue(p.value)}` }))
}
