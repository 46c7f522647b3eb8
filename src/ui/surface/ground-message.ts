import type { BrokenGround, NonFiniteGround } from '../../core/landscape/ground'
import type { Domain } from '../../core/surface'

/** A share of the domain in words: 50%, 46.7%, 0.04%, "under 0.01%". */
export function formatShare(share: number): string {
  const percent = 100 * share
  if (percent >= 99.995 && share < 1) return 'over 99.99%'
  if (percent < 0.01) return 'under 0.01%'
  return `${Number(percent.toPrecision(percent >= 10 ? 3 : 2))}%`
}

/** A position on an axis of width `width`, to about a ten-thousandth of it (−0 reads 0), with a true minus sign. */
function formatAt(at: number, width: number): string {
  const decimals = Math.max(0, 4 - Math.floor(Math.log10(width)))
  const rounded = Number(at.toFixed(Math.min(decimals, 20)))
  const text = String(rounded === 0 ? 0 : rounded)
  return text.replace('-', '−')
}

function where(ground: BrokenGround, domain: Domain, axes: [string, string]): string {
  const r = ground.region
  if (r === null) return ''
  if (r === 'all') return ' (all of it)'
  const width = r.axis === 'x' ? domain.xmax - domain.xmin : domain.ymax - domain.ymin
  const name = r.axis === 'x' ? axes[0] : axes[1]
  return ` (${name} ${r.side === 'below' ? '≤' : '≥'} ${formatAt(r.at, width)})`
}

/** 1.3×10¹⁵⁴ for 2^512. */
function formatBound(bound: number): string {
  const exponent = Math.floor(Math.log10(bound))
  const digits = String(exponent).replace(/\d/g, (d) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[Number(d)]!)
  return `${(bound / 10 ** exponent).toFixed(1)}×10${digits}`
}

/**
 * What the page says about where U is undefined or overflows, true to what was measured
 * (core/landscape/ground.ts): one sentence per kind, none for a surface that is usable everywhere.
 */
export function groundMessages(ground: NonFiniteGround, domain: Domain, axes: [string, string] = ['x', 'y']): string[] {
  const lines: string[] = []
  const { nan, overflow } = ground
  if (nan.share > 0) {
    const cause = nan.cause ? ` (${nan.cause})` : ''
    lines.push(`U is undefined${cause} on ${formatShare(nan.share)} of the domain${where(nan, domain, axes)}.`)
  }
  if (overflow.share > 0) {
    const cause = overflow.cause ? `${overflow.cause}: ` : ''
    lines.push(
      `U overflows (${cause}|U| > ${formatBound(ground.bound)}) on ${formatShare(overflow.share)} of the domain` +
        `${where(overflow, domain, axes)}.`,
    )
  }
  if (lines.length > 0)
    lines.push(
      'The map leaves that ground blank, its colours span only the finite values, ' +
        'and no critical point is sought there.',
    )
  return lines
}
