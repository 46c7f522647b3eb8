import { firstPassageTime, poissonInterval } from '../../core/studies/transitions'
import type { SamplingFrame } from '../../core/run/frame'

export interface ObservedRate {
  from: number
  to: number
  count: number
  /** Time committed to `from`, summed over walkers. */
  time: number
  /** count / time: transitions per walker per unit time, with its 95% Poisson interval (Garwood). */
  rate: number
  low: number
  high: number
}

/**
 * Rates between basins from the sampler's transition counts: k_ij = n_ij / T_i,
 * with T_i the time the walkers spent committed to basin i. Only pairs seen at
 * least once, the most frequent first (a surface with dozens of minima has
 * hundreds of empty pairs).
 */
export function transitionRates(
  transitions: Pick<SamplingFrame['transitions'], 'minima' | 'counts' | 'time'>,
): ObservedRate[] {
  const { minima: m, counts, time } = transitions
  const rates: ObservedRate[] = []
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      const count = counts[i * m + j] ?? 0
      if (i === j || count === 0) continue
      const t = time[i] ?? 0
      const [low, high] = poissonInterval(count)
      rates.push({
        from: i,
        to: j,
        count,
        time: t,
        rate: t > 0 ? count / t : NaN,
        low: t > 0 ? low / t : NaN,
        high: t > 0 ? high / t : NaN,
      })
    }
  }
  return rates.sort((a, b) => b.count - a.count || a.from - b.from || a.to - b.to)
}

export interface ObservedPassage {
  from: number
  to: number
  /** First passages completed, and those still under way (censored). */
  count: number
  open: number
  /** Mean time with its 95% interval, the passages under way counted (firstPassageTime). */
  mean: number
  low: number
  high: number
}

/**
 * Mean first-passage times between basins as the sampler measured them (the
 * clock of i -> j runs from the first arrival in i since the walker was last in
 * j to its arrival in j): the pairs with at least one completed passage, the
 * most measured first. Passages still under way count as time at risk, so long
 * ones are not left out. Empty when the surface has too many minima for them to be tracked.
 */
export function firstPassages(
  transitions: Pick<SamplingFrame['transitions'], 'minima' | 'passages' | 'passagesOpen' | 'passageExposure'>,
): ObservedPassage[] {
  const { minima: m, passages, passagesOpen, passageExposure } = transitions
  const out: ObservedPassage[] = []
  if (passages.length !== m * m) return out
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      const n = passages[i * m + j]
      if (i === j || !(n > 0)) continue
      const { mean, low, high } = firstPassageTime(n, passageExposure[i * m + j])
      out.push({ from: i, to: j, count: n, open: passagesOpen[i * m + j], mean, low, high })
    }
  }
  return out.sort((a, b) => b.count - a.count || a.from - b.from || a.to - b.to)
}
