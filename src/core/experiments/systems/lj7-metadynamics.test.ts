import { describe, expect, it } from 'vitest'
import { lj7Metadynamics } from './lj7-metadynamics'
import { checkSystemExperiment, SystemReading } from './types'

/**
 * The experiment at its preset: 1.6e6 walker-steps of metadynamics and 1.1e6 of parallel
 * tempering (about 7 s here); the core's comparison, asserted here once.
 *
 * Claim: F_WT(s) = -[gamma/(gamma - 1)] V(s) and the parallel-tempering histogram agree over the
 * bins where the reference has F < 6 kT, both aligned by their mean there.
 *
 * Bound. The difference d in a bin has two parts: the reference's block error sigma_ref (measured
 * per bin) and the bias's own error. A well-tempered bias approaches its limit as 1/t once the
 * hills have shrunk (Dama, Parrinello & Voth, PRL 112, 240602, 2014): then the error left at t
 * equals the change of the estimate from t/2 to t, which is measured (sigma_wt, the rms of that
 * change over the same bins). With the two independent, z = d / sqrt(sigma_ref^2 + sigma_wt^2) is
 * about standard normal, and the rms of z over n bins is sqrt(chi^2_n / n). The test asks
 * rms z < 2, chi^2_n < 4n. The ~50 bins are not independent (hills 0.05 wide, bins 0.1 x 0.2, errors
 * correlated over a few hill widths), but the region, about 1.0 x 1.6, holds at least 6 independent
 * patches 0.3 across: chi^2_6 > 24 has probability 5e-4, and more independent bins make it smaller
 * (chi^2_12 > 48: 6e-6). False-alarm rate below 1e-3.
 *
 * Negative controls, against the same bound: the same run read after 2,000 steps (1% of it, 16
 * hills per walker: the hexagon partly filled, the rest not), and a flat estimate (no hills).
 *
 * Cost: 1.1e6 walker-steps of parallel tempering and 1.6e6 of metadynamics (about 7 s here).
 * Measured (seed 1): 48 bins, rms difference 0.27 kT, sigma_ref 0.23 kT, sigma_wt 0.25 kT, rms z
 * 0.79; after 2,000 steps rms z 3.5; flat 4.6 (a whole run of 4,000 steps: 2.9).
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
