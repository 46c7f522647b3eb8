import { drawable } from './chart-scale'
import { formatCount, formatSignificant } from './numbers'

/**
 * A trace in words, for the chart's caption and screen readers: its latest
 * value with the step, and the range it has covered.
 */
export function describeTrace(name: string, step: ArrayLike<number>, values: ArrayLike<number>, log = false): string {
  let last = -1
  let min = Infinity
  let max = -Infinity
  for (let k = 0; k < values.length; k++) {
    const v = values[k]
    if (!drawable(v, log)) continue
    last = k
    if (v < min) min = v
    if (v > max) max = v
  }
  if (last < 0) return `${name}: nothing to show yet`
  const f = (v: number) => formatSignificant(v, 4)
  const range = min === max ? '' : ` (from ${f(min)} to ${f(max)})`
  return `${name} = ${f(values[last])} at step ${formatCount(step[last])}${range}`
}
