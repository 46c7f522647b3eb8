import { describe, expect, it } from 'vitest'
import { lj7Metadynamics } from './lj7-metadynamics'
import { checkSystemExperiment, SystemReading } from './types'

/**
 * The experiment at its preset: 1.6e6 walker-steps of metadynamics and 1.1e6 of parallel
 * tempering (about 7 s here).
 */
describe('metadynamics builds the free energy of LJ7 (guided experiment)', () => {
  it('holds its claim at the preset, and its check refuses a map with no hills', () => {
    const r = checkSystemExperiment(lj7Metadynamics)
    expect(r.failures, JSON.stringify(r.numbers)).toEqual([])
    const outcome = lj7Metadynamics.prediction.outcome(r)
    expect(lj7Metadynamics.prediction.choices).toContain(outcome)
    // The free energy puts the other shapes far closer to the hexagon than their 5 kT energy gap.
    expect(r.numbers['F(other shapes) - F(hexagon) / kT']).toBeLessThan(4)
    // Negative control: the same run's flat estimate (no hills), measured against the same reference
    // and errors, read as the final map.
    const flat = new SystemReading()
    Object.assign(flat.numbers, r.numbers, { 'rms z': r.numbers['rms z flat'] })
    lj7Metadynamics.check(flat)
    expect(flat.failures.length).toBeGreaterThan(0)
  })
})
