import { describe, expect, it } from 'vitest'
import { BiasGrid } from '../dynamics/samplers/bias-grid'
import { cvsFor } from './cvs'
import { lj7TwoD } from './lj7-2d'
import { cvBiasedSystem } from './cv-bias'
import { alignedDifference, binnedFreeEnergy, populatedBins, surfaceAgreement } from './metadynamics'
import type { FreeEnergySurface } from './free-energy'

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

// The whole comparison on LJ7-2D (well-tempered metadynamics against parallel tempering, its bound
// and its negative controls) is asserted once, in the guided experiment's test
// (experiments/systems/lj7-metadynamics.test.ts), which runs checkMetadynamics at the same settings.
