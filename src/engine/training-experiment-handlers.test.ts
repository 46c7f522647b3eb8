import { describe, expect, test } from 'vitest'
import { TRAINING_EXPERIMENTS } from '../core/experiments/training'
import { runTrainingExperiment } from './training-experiment-handlers'

describe('the training experiments worker answers', () => {
  test.each(TRAINING_EXPERIMENTS.map((e) => [e.id, e] as const))(
    '%s: the numbers, failures and outcome of calling the experiment directly',
    (id, e) => {
      const fractions: number[] = []
      const a = runTrainingExperiment(id, (f) => fractions.push(f))
      const numbers = e.run()
      expect(a.id).toBe(id)
      expect(a.numbers).toEqual(numbers)
      expect(a.failures).toEqual(e.verdict(numbers).failures)
      expect(a.failures).toEqual([])
      expect(a.outcome).toBe(e.prediction.outcome(numbers))
      expect(a.outcome).not.toBeNull()
      expect(a.seconds).toBeGreaterThanOrEqual(0)
      // Progress rises to the end.
      expect(fractions.length).toBeGreaterThan(0)
      expect(fractions.at(-1)).toBe(1)
      expect([...fractions].sort((x, y) => x - y)).toEqual(fractions)
    },
  )

  test('names an unknown experiment', () => {
    expect(() => runTrainingExperiment('no-such-experiment')).toThrow("unknown experiment 'no-such-experiment'")
    expect(() => runTrainingExperiment('constructor')).toThrow("unknown experiment 'constructor'")
  })
})
