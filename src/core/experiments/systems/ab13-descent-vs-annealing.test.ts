import { describe, expect, it } from 'vitest'
import { ab13DescentVsAnnealing } from './ab13-descent-vs-annealing'
import { checkSystemExperiment } from './types'

/**
 * 200 L-BFGS descents and 8e5 annealing walker-steps (a few seconds); the control cools 500 times
 * faster. Seeds 1, 2 and 3 each put all 8 annealed chains below the descents' median.
 */
describe('AB-13: descent against annealing (guided experiment)', () => {
  it('holds its claim at the preset, and its check refuses a quench disguised as annealing', () => {
    const r = checkSystemExperiment(ab13DescentVsAnnealing)
    expect(r.failures, JSON.stringify(r.numbers)).toEqual([])
    expect(ab13DescentVsAnnealing.prediction.outcome(r)).toBe('none or almost none')
    const quench = checkSystemExperiment(ab13DescentVsAnnealing, { steps: 200 })
    expect(quench.failures.length).toBeGreaterThan(0)
  })
})
