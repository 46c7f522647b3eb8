import type { Domain } from '../../core/surface'

export const DOMAIN_KEYS = ['xmin', 'xmax', 'ymin', 'ymax'] as const
export type DomainKey = (typeof DOMAIN_KEYS)[number]

/** Why a domain cannot be drawn, naming the bound at fault, or null. */
export function domainProblem(
  d: Domain,
  axes: [string, string] = ['x', 'y'],
): { key: DomainKey; message: string } | null {
  for (const key of DOMAIN_KEYS) if (!Number.isFinite(d[key])) return { key, message: `${key} must be a finite number` }
  if (!(d.xmin < d.xmax)) return { key: 'xmax', message: `${axes[0]} max must be above ${axes[0]} min (${d.xmin})` }
  if (!(d.ymin < d.ymax)) return { key: 'ymax', message: `${axes[1]} max must be above ${axes[1]} min (${d.ymin})` }
  // A domain narrower than this relative to its position is below double precision's resolution for plotting.
  const tiny = (a: number, b: number) => b - a < 1e-9 * Math.max(Math.abs(a), Math.abs(b), 1)
  if (tiny(d.xmin, d.xmax)) return { key: 'xmax', message: `the ${axes[0]} range is too narrow to draw` }
  if (tiny(d.ymin, d.ymax)) return { key: 'ymax', message: `the ${axes[1]} range is too narrow to draw` }
  return null
}
