import { describe, expect, it } from 'vitest'
import { lj7Metadynamics } from './lj7-metadynamics'
import { checkSystemExperiment } from './types'

/**
 * The experiment at its preset: 1.6e6 walker-steps of metadynamics and 1.1e6 of parallel
 * tempering (about 7 s here); the control adds another reference and 8 x 4,000 steps (about 2 s).
 */
describe('metadynamics builds the free energy of LJ7 (guided experiment)', () => {
  it('holds its claim at the preset, and its check refuses a run too short to fill the map', () => {
    const r = checkSystemExperiment(lj7Metadynamics)
    expect(r.failures, JSON.stringify(r.numbers)).toEqual([])
    const outcome = lj7Metadynamics.prediction.outcome(r)
    expect(lj7Metadynamics.prediction.choices).toContain(outcome)
    // The free energy puts the other shapes far closer to the hexagon than their 5 kT energy gap.
    expect(r.numbers['F(other shapes) - F(hexagon) / kT']).toBeLessThan(4)
    const short = checkSystemExperiment(lj7Metadynamics, { steps: 4000, early: 1000 })
    expect(short.failures.length, JSON.stringify(short.numbers)).toBeGreaterThan(0)
  })
})
