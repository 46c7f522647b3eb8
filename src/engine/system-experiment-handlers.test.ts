import { describe, expect, test } from 'vitest'
import { runDescent, runSystemExperiment } from './system-experiment-handlers'

describe('the experiment worker answers', () => {
  test('a descent: every start counted, the histogram holding those charted', () => {
    const a = runDescent({ system: 'lj13', method: 'lbfgs', starts: 20, seed: 1, maxSteps: 20_000 })
    expect(a.energies).toHaveLength(20)
    expect(a.minimum + a.running + a.diverged).toBe(20)
    expect(a.global).toBeCloseTo(-44.326801, 5)
    expect(a.histogram.counts.reduce((s, c) => s + c, 0) + a.offChart).toBe(20)
    expect(a.seed).toBe(1)
  })

  test('names an unknown experiment or system', () => {
    expect(() => runSystemExperiment('no-such-experiment')).toThrow("unknown experiment 'no-such-experiment'")
    expect(() => runDescent({ system: 'lj14' as 'lj13', method: 'lbfgs', starts: 1, seed: 1, maxSteps: 10 })).toThrow(
      "unknown system 'lj14'",
    )
  })
})
