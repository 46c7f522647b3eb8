import { describe, expect, it } from 'vitest'
import { lj38DoubleFunnel } from './lj38-double-funnel'
import { checkSystemExperiment } from './types'

/** Eight basin-hopping runs of 300 quenches (about 6 s here); the control: runs too short to settle. */
describe('LJ38 double funnel (guided experiment)', () => {
  it('holds its claim at the preset, and its check refuses runs too short to settle', () => {
    const r = checkSystemExperiment(lj38DoubleFunnel)
    expect(r.failures, JSON.stringify(r.numbers)).toEqual([])
    expect(lj38DoubleFunnel.prediction.outcome(r)).toBe('none of them')
    const short = checkSystemExperiment(lj38DoubleFunnel, { steps: 2 })
    expect(short.failures.length).toBeGreaterThan(0)
  })
})
