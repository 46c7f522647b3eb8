import { describe, expect, it } from 'vitest'
import { BiasGrid } from '../dynamics/samplers/bias-grid'
import { cvsFor, type CollectiveVariable } from './cvs'
import type { GridAxis } from './free-energy'
import { lj7TwoD } from './lj7-2d'
import { checkMetadynamics, type MetadynamicsCheckConfig } from './metadynamics-check'
import { alignedDifference, binnedFreeEnergy, cvBiasedSystem, populatedBins, surfaceAgreement } from './metadynamics'
import type { FreeEnergySurface } from './free-energy'

/**
 * LJ7-2D at kT = 0.2 in the (mu2, mu3) plane. At the tutorials' kT = 0.1 the hexagon fills a
 * patch of (mu2, mu3) about 0.05 across (narrower than a useful hill) and the other three
 * isomers sit 7-10 kT above it: a reference histogram would need some 1e7 samples to resolve
 * them. At kT = 0.2 the hexagon holds about 40% of the time and the other isomers spread over a
 * region of F within 6 kT, which a test-sized reference resolves to about 0.2 kT per bin (rms).
 */
const kT = 0.2
const S1: GridAxis = { min: 0.2, max: 1.4, bins: 12 }
const S2: GridAxis = { min: -0.8, max: 1.6, bins: 12 }
/** The populated region: reference F within 6 kT of its lowest bin. */
const WITHIN = 6 * kT

/**
 * Unbiased reference by parallel tempering: 4 ensembles of 5 replicas from kT = 0.2 to 0.5
 * (swap acceptance 0.5-0.6), BAOAB dt 0.005, gamma 1, swaps every 10 steps; 5,000 steps of
 * burn-in, then the rung-0 walkers' (mu2, mu3) every 10 steps for 50,000 steps (20,000
 * samples), in 10 blocks of 5,000 steps for the errors. 1.1e6 walker-steps.
 *
 * Well-tempered metadynamics on (mu2, mu3): 8 walkers sharing one bias from the hexagon, BAOAB
 * dt 0.005, gamma 1; a hill from each walker every 100 steps, h0 = 0.02 (kT/10), sigma = 0.05
 * (the hexagon's patch is about that wide in mu3; four grid spacings in mu2, two in mu3), bias
 * factor 8 (the walkers see the 6 kT region as under 1 kT); 121 x 121 nodes. 200,000 steps,
 * 1.6e6 walker-steps.
 */
function lj7Check(): MetadynamicsCheckConfig {
  const pair = (): [CollectiveVariable, CollectiveVariable] => {
    const cvs = cvsFor(lj7TwoD)
    return [cvs[0]!, cvs[1]!]
  }
  return {
    reference: {
      descriptor: lj7TwoD,
      cvs: pair(),
      s1: S1,
      s2: S2,
      kT,
      kTMax: 0.5,
      replicas: 5,
      ensembles: 4,
      swapEvery: 10,
      burnin: 5000,
      steps: 50_000,
      every: 10,
      blockSize: 2000,
      start: 0,
      seed: 1,
    },
    metadynamics: {
      descriptor: lj7TwoD,
      cvs: pair(),
      grid: { s1: { min: 0, max: 1.6 }, s2: { min: -1, max: 1.8 }, nodes: 121 },
      kT,
      dt: 0.005,
      friction: 1,
      height: 0.02,
      sigma: 0.05,
      stride: 100,
      biasFactor: 8,
      walkers: 8,
      start: { kind: 'minimum', index: 0 },
      seed: 1,
    },
    steps: 200_000,
    early: 2000,
    within: WITHIN,
  }
}

describe('a bias on two collective variables', () => {
  it('adds V(s(q)) to the energy and its chain-rule gradient, as central differences say', () => {
    const cvs = cvsFor(lj7TwoD)
    // A bias linear in s, V = 0.3 s1 - 0.2 s2 + 0.1, which the bilinear grid holds exactly (value and
    // gradient agree between nodes): the only error left is that of the central differences.
    const bias = new BiasGrid({ xmin: 0, xmax: 1.6, ymin: -1, ymax: 1.8 }, 41, 41)
    for (let i = 0; i < 41; i++)
      for (let j = 0; j < 41; j++) {
        bias.values[i * 41 + j] = 0.3 * bias.xs[i]! - 0.2 * bias.ys[j]! + 0.1
        bias.gradX[i * 41 + j] = 0.3
        bias.gradY[i * 41 + j] = -0.2
      }
    const plain = lj7TwoD.system()
    const biased = cvBiasedSystem(lj7TwoD.system(), [cvs[0]!, cvs[1]!], bias)
    // The capped A starting geometry (lattice spacing 1.12, not relaxed): every term has a gradient.
    const q = lj7TwoD.minima[1]!.start!()
    const g = new Float64Array(14)
    const g0 = new Float64Array(14)
    const u = biased.gradient(q, g)
    plain.gradient(q, g0)
    const v = 0.3 * cvs[0]!.value(q) - 0.2 * cvs[1]!.value(q) + 0.1
    expect(u).toBeCloseTo(plain.energy(q) + v, 12)
    let biasForce = 0
    const h = 1e-5
    for (let k = 0; k < 14; k++) {
      const p = Float64Array.from(q)
      p[k] = q[k]! + h
      const up = biased.energy(p)
      p[k] = q[k]! - h
      const down = biased.energy(p)
      // Central differences: truncation h^2 U'''/6 (U''' of LJ near r = 1.12 is a few hundred) plus
      // rounding 1e-16 |U| / h: both below 1e-6.
      expect(Math.abs((up - down) / (2 * h) - g[k]!)).toBeLessThan(1e-6)
      biasForce += Math.abs(g[k]! - g0[k]!)
    }
    // The bias changes the gradient: the comparison is not the plain system's against itself.
    expect(biasForce).toBeGreaterThan(1e-2)
  })
})

describe('comparing free-energy surfaces', () => {
  const surface = (F: (number | null)[][], error: (number | null)[][]) => ({ F, error }) as FreeEnergySurface

  it('compares over the populated bins only, aligned by the mean, with z from both errors', () => {
    const ref = surface(
      [
        [0, 1],
        [2, 9],
      ],
      [
        [0.1, 0.1],
        [0.2, 1],
      ],
    )
    expect(populatedBins(ref, 3)).toEqual([
      [0, 0],
      [0, 1],
      [1, 0],
    ])
    // The same surface shifted by 5, but for one bin 0.3 off: after alignment the differences are
    // 0.3 - 0.1, -0.1, -0.1.
    const estimate = [
      [5.3, 6],
      [7, 100],
    ]
    expect(alignedDifference(estimate, ref.F, populatedBins(ref, 3)).rms).toBeCloseTo(Math.sqrt(0.06 / 3), 12)
    const a = surfaceAgreement(ref, estimate, 3, 0.1)
    expect(a.bins).toBe(3)
    expect(a.max).toBeCloseTo(0.2, 12)
    expect(a.z).toBeCloseTo(Math.sqrt((0.04 / 0.02 + 0.01 / 0.02 + 0.01 / 0.05) / 3), 12)
  })

  it('bins an estimate as -kT ln of its integral over each bin: a constant F gives the log of the bin area', () => {
    const F = binnedFreeEnergy(() => 1, { min: 0, max: 1, bins: 2 }, { min: 0, max: 1, bins: 3 }, 0.5)
    for (const row of F) for (const f of row) expect(f).toBeCloseTo(1, 12)
  })
})

describe('well-tempered metadynamics on LJ7-2D against parallel tempering (kT = 0.2, mu2 and mu3)', () => {
  /**
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
  it('agrees within the combined standard errors in the populated region, and an unconverged bias does not', () => {
    const check = checkMetadynamics(lj7Check())
    expect(check.hills).toBe(8 * (200_000 / 100))
    expect(check.final.bins).toBeGreaterThanOrEqual(20)
    const { z, rms } = check.final
    expect(z, `rms z ${z}, rms difference ${rms / kT} kT`).toBeLessThan(2)
    expect(check.early.z, 'after 2,000 steps').toBeGreaterThan(2)
    expect(check.flat.z, 'flat').toBeGreaterThan(2)
  })
})
