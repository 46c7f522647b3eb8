import type { RateTheory } from '../../core/landscape/rates'
import type { SweepResult } from '../../core/studies/sweep'
import { formatSignificant } from './numbers'

export const THEORY_NAMES: Record<RateTheory, string> = {
  'eyring-kramers': 'Eyring–Kramers',
  'kramers-langer': 'Kramers–Langer',
}

const f = (v: number) => formatSignificant(v, 3)
/** Three significant figures with their trailing zeros, so 1 reads as 1.00 beside 0.966. */
const barrier = (v: number) =>
  Math.abs(v) >= 1e-2 && Math.abs(v) < 1e5 ? v.toPrecision(3).replace('-', '\u2212') : f(v)

/** The fitted barrier beside the one read from the saddle point, in words. */
export function barrierSentence(result: Pick<SweepResult, 'fit' | 'saddleBarrier'>): string {
  const saddle = `the saddle point gives ${barrier(result.saddleBarrier)}`
  const { fit } = result
  if (!fit) return `No Arrhenius fit: the slope needs crossings at two temperatures at least; ${saddle}.`
  return (
    `Fitted barrier ${barrier(fit.barrier)} ± ${formatSignificant(fit.stderr, 2)} ` +
    `from the slope of ln k against 1/kT; ${saddle}.`
  )
}

/** The plot in words, for readers who do not see it. */
export function plotWords(result: Pick<SweepResult, 'rates'>): string {
  const seen = result.rates.filter((r) => r.transitions > 0)
  const none = result.rates.filter((r) => r.transitions === 0).map((r) => f(r.kT))
  const parts = seen.map((r) => `ln k = ${f(Math.log(r.rate))} at kT = ${f(r.kT)}`)
  if (none.length > 0) parts.push(`no crossing at kT = ${none.join(', ')}`)
  return parts.join('; ')
}
