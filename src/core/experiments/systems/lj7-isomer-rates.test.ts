import { describe, expect, it } from 'vitest'
import { lj7IsomerRates } from './lj7-isomer-rates'
import { checkSystemExperiment } from './types'

/**
 * The experiment at its preset: 3.8e6 walker-steps and 38,400 quenches (about 9 s here); the
 * control runs a twentieth of the steps.
 */
describe('LJ7 isomer rates against temperature (guided experiment)', () => {
  it('holds its claim at the preset, and its check refuses a sweep too short to count transitions', () => {
    const r = checkSystemExperiment(lj7IsomerRates)
    expect(r.failures, JSON.stringify(r.numbers)).toEqual([])
    expect(lj7IsomerRates.prediction.choices).toContain(lj7IsomerRates.prediction.outcome(r))
    const short = checkSystemExperiment(lj7IsomerRates, { steps: 2000 })
    expect(short.failures.length).toBeGreaterThan(0)
  })
})
