/** Small timing helpers for the benchmarks: figures to print, never pass/fail. */

export interface Rate {
  /** Operations per second (median of the rounds). */
  perSecond: number
  /** Nanoseconds per operation. */
  ns: number
}

/**
 * Runs `round(n)` (which performs n operations) for several rounds after a
 * warm-up and reports the median rate. `round` returns a number that is
 * accumulated so the work cannot be optimised away.
 */
export function rate(round: (n: number) => number, n: number, rounds = 7): Rate {
  let sink = 0
  for (let k = 0; k < 2; k++) sink += round(n)
  const rates: number[] = []
  for (let k = 0; k < rounds; k++) {
    const t0 = performance.now()
    sink += round(n)
    const seconds = (performance.now() - t0) / 1000
    rates.push(n / seconds)
  }
  if (Number.isNaN(sink)) console.log('(sink NaN)')
  rates.sort((a, b) => a - b)
  const perSecond = rates[Math.floor(rates.length / 2)]
  return { perSecond, ns: 1e9 / perSecond }
}

/**
 * Rates of several routes measured in interleaved rounds (A B C A B C ...), so a
 * burst of load from elsewhere on the machine hits every route alike.
 */
export function rates(routes: ((n: number) => number)[], n: number[], rounds = 9): Rate[] {
  let sink = 0
  routes.forEach((round, i) => (sink += round(n[i]) + round(n[i])))
  const samples: number[][] = routes.map(() => [])
  for (let k = 0; k < rounds; k++) {
    routes.forEach((round, i) => {
      const t0 = performance.now()
      sink += round(n[i])
      samples[i].push(n[i] / ((performance.now() - t0) / 1000))
    })
  }
  if (Number.isNaN(sink)) console.log('(sink NaN)')
  return samples.map((s) => {
    s.sort((a, b) => a - b)
    const perSecond = s[Math.floor(s.length / 2)]
    return { perSecond, ns: 1e9 / perSecond }
  })
}

/** Median wall time of `task` in milliseconds. */
export function time(task: () => unknown, rounds = 5): number {
  const ms: number[] = []
  for (let k = 0; k < rounds; k++) {
    const t0 = performance.now()
    task()
    ms.push(performance.now() - t0)
  }
  ms.sort((a, b) => a - b)
  return ms[Math.floor(ms.length / 2)]
}

export function table(title: string, rows: Record<string, string | number>[]): void {
  console.log(`\n${title}`)
  console.table(rows)
}

export const fmt = (v: number, digits = 3) => Number(v.toPrecision(digits))
