import { describe, expect, it } from 'vitest'
import { BiasGrid } from '../dynamics/samplers/bias-grid'
import { resolveLane } from '../dynamics/resolve'
import { SystemLane } from '../dynamics/system-lane'
import { cvsFor } from './cvs'
import { FreeEnergyHistogram, type FreeEnergySurface, type GridAxis } from './free-energy'
import { lj7TwoD } from './lj7-2d'
import {
  alignedDifference,
  binnedFreeEnergy,
  CvMetadynamics,
  cvBiasedSystem,
  populatedBins,
  surfaceAgreement,
} from './metadynamics'

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
 */
function reference(): FreeEnergySurface {
  const ensembles = 4
  const replicas = 5
  const r = resolveLane(
    'parallel-tempering',
    { kT, kTMax: 0.5, replicas, dt: 0.005, gamma: 1, swapEvery: 10 },
    ensembles * replicas,
    lj7TwoD.dim,
  )
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '))
  const n = ensembles * replicas
  const lane = new SystemLane({
    descriptor: lj7TwoD,
    method: r.lane.method,
    settings: r.lane.settings,
    walkers: n,
    start: { kind: 'minimum', index: 0 },
    seed: 1,
  })
  const [mu2, mu3] = cvsFor(lj7TwoD)
  const histogram = new FreeEnergyHistogram({ s1: S1, s2: S2, kT, blockSize: 2000 })
  lane.advance(5000)
  for (let t = 0; t < 50_000; t += 10) {
    lane.advance(10)
    for (let i = 0; i < n; i++)
      if (lane.counts(i)) histogram.add(mu2!.value(lane.walkers.qs[i]!), mu3!.value(lane.walkers.qs[i]!))
  }
  return histogram.result()
}

/**
 * Well-tempered metadynamics on (mu2, mu3): 8 walkers sharing one bias from the hexagon, BAOAB
 * dt 0.005, gamma 1; a hill from each walker every 100 steps, h0 = 0.02 (kT/10), sigma = 0.05
 * (the hexagon's patch is about that wide in mu3; four grid spacings in mu2, two in mu3), bias
 * factor 8 (the walkers see the 6 kT region as under 1 kT); 121 x 121 nodes. 200,000 steps,
 * 1.6e6 walker-steps.
 */
function wellTempered(steps: number, snapshots: readonly number[]) {
  const cvs = cvsFor(lj7TwoD)
  const meta = new CvMetadynamics({
    descriptor: lj7TwoD,
    cvs: [cvs[0]!, cvs[1]!],
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
  })
  const at = new Map<number, number[][]>()
  for (const t of [...snapshots, steps].sort((a, b) => a - b)) {
    meta.advance(t - meta.t)
    at.set(
      t,
      binnedFreeEnergy((a, b) => meta.freeEnergyAt(a, b), S1, S2, kT),
    )
  }
  return { meta, at }
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
   * rms z < 3: chi^2_n > 9n has probability below 1e-5 for every n >= 3, so even if the ~50 bins
   * were as correlated as only 3 independent ones the false-alarm rate stays below 1e-5.
   *
   * Negative controls, against the same bound: the same run read after 2,000 steps (1% of it, 16
   * hills per walker: the hexagon partly filled, the rest not), and a flat estimate (no hills).
   *
   * Cost: 1.1e6 walker-steps of parallel tempering and 1.6e6 of metadynamics (about 7 s here).
   * Measured (seed 1): 48 bins, rms difference 0.27 kT, sigma_ref 0.23 kT, sigma_wt 0.25 kT, rms z
   * 0.79; after 2,000 steps rms z 3.5; flat 4.6.
   */
  it('agrees within the combined standard errors in the populated region, and an unconverged bias does not', () => {
    const ref = reference()
    const steps = 200_000
    const early = 2000
    const { meta, at } = wellTempered(steps, [early, steps / 2])
    const final = at.get(steps)!
    expect(meta.hills).toBe(8 * (steps / 100))
    const bins = populatedBins(ref, WITHIN)
    expect(bins.length).toBeGreaterThanOrEqual(20)
    const sigmaWt = alignedDifference(final, at.get(steps / 2)!, bins).rms
    const agreement = surfaceAgreement(ref, final, WITHIN, sigmaWt)
    expect(agreement.z, `rms z ${agreement.z}, rms difference ${agreement.rms / kT} kT`).toBeLessThan(3)
    const unconverged = surfaceAgreement(ref, at.get(early)!, WITHIN, sigmaWt)
    expect(unconverged.z, `after ${early} steps`).toBeGreaterThan(3)
    const flat = surfaceAgreement(
      ref,
      final.map((row) => row.map(() => 0)),
      WITHIN,
      sigmaWt,
    )
    expect(flat.z, 'flat').toBeGreaterThan(3)
  })
})
