import { describe, expect, it } from 'vitest'
import { SampleBatches, type Batches } from './batches'
import { checkSampling, FALSE_ALARM, MIN_BATCHES } from './sampling-check'

/**
 * The check on batches made by hand: two basins (0, 1) plus the "no basin" slot (2), in
 * two coarse cells each, four pairs: (cell 0, basin 0), (cell 1, basin 0), (cell 2, basin 1),
 * (cell 3, basin 1). Exact: basin 0 holds 0.6 (0.4 + 0.2), basin 1 holds 0.4 (0.1 + 0.3).
 */
const cells = {
  blocks: 4,
  basins: 3,
  pairBlock: Int32Array.from([0, 1, 2, 3]),
  pairBasin: Int32Array.from([0, 0, 1, 1]),
}
const exact = Float64Array.from([0.4, 0.2, 0.1, 0.3])

function batches(rows: number[][], kind: Batches['kind'] = 'walkers', segmentLength = 100): Batches {
  return {
    n: Float64Array.from(rows, (r) => r.reduce((a, b) => a + b, 0)),
    counts: Float64Array.from(rows.flat()),
    count: rows.length,
    kind,
    segmentLength,
    from: 0,
    steps: 1000,
  }
}

describe('the sampler check', () => {
  it('finds batches that are the exact answer consistent, with TV 0', () => {
    const rows = Array.from({ length: 32 }, () => [400, 200, 100, 300])
    const check = checkSampling({ batches: batches(rows), cells, exact, notApplicable: null, tau: NaN })
    expect(check.consistent).toBe(true)
    expect(check.tv).toBeCloseTo(0, 12)
    expect(check.maxBasinZ).toBeCloseTo(0, 9)
    expect(check.falseAlarm).toBe(FALSE_ALARM)
  })

  it('measures a basin population in standard errors of its batches, floored at the binomial error', () => {
    // 32 batches of 1,000 samples; basin 0 holds 0.70 in half of them and 0.60 in the other half: 0.65 overall.
    // se^2 = B/(B-1) sum_b (n_b/N)^2 (f_b - 0.65)^2 = 32/31 * 32 * (1/32)^2 * 0.05^2, so se = 0.05/sqrt(31).
    const rows = Array.from({ length: 32 }, (_, b) => (b % 2 ? [500, 200, 100, 200] : [400, 200, 150, 250]))
    const check = checkSampling({ batches: batches(rows), cells, exact, notApplicable: null, tau: NaN })
    const [b0] = check.basins
    expect(b0.sampled).toBeCloseTo(0.65, 12)
    expect(b0.standardError).toBeCloseTo(0.05 / Math.sqrt(31), 12)
    expect(b0.z).toBeCloseTo(0.05 / (0.05 / Math.sqrt(31)), 9)
    // 5.6 standard errors: beyond t_31's Bonferroni bound for two basins (about 3.9).
    expect(check.consistent).toBe(false)
    // The two basins are mirror images (0.65 against 0.6, 0.35 against 0.4): either is the worst.
    expect(check.reasons[0]).toMatch(
      /^basin [01] holds (65\.0|35\.0)% of the samples against (60\.0|40\.0)% exactly: 5\.6 standard errors off/,
    )
    // Every batch alike: the spread is 0, and the binomial error of N = 32,000 samples takes over.
    const alike = checkSampling({
      batches: batches(Array.from({ length: 32 }, () => [402, 200, 99, 299])),
      cells,
      exact,
      notApplicable: null,
      tau: NaN,
    })
    expect(alike.basins[0].standardError).toBeCloseTo(Math.sqrt((0.6 * 0.4) / 32_000), 12)
  })

  it('tests the shapes within the basins apart from the populations', () => {
    // Populations exact (0.6 / 0.4), but inside basin 0 the split is 0.5 / 0.1 instead of 0.4 / 0.2, in every
    // batch but with noise: TV of the shapes 0.1. Under random signs the 32 batches' common shift mostly cancels
    // (its sum has sd sqrt(32) / 32 of it), so no draw of the 1,999 comes near 0.1: p = 1/2,000.
    const rows = Array.from({ length: 32 }, (_, b) => [500 + (b % 3) - 1, 100 - (b % 3) + 1, 100, 300])
    const check = checkSampling({ batches: batches(rows), cells, exact, notApplicable: null, tau: NaN })
    expect(check.maxBasinZ).toBeCloseTo(0, 9)
    expect(check.tv).toBeCloseTo(0.1, 3)
    expect(check.tvBound).toBeLessThan(0.07)
    expect(check.tvP).toBe(1 / 2000)
    expect(check.consistent).toBe(false)
    expect(check.reasons[0]).toMatch(/^within the basins the histogram is further from the exact density \(TV 0\.10\)/)
  })

  it(
    'cannot tell with too few batches, with batches over time shorter than ten autocorrelation times, ' +
      'or when the samples are not Boltzmann',
    () => {
      const few = checkSampling({
        batches: batches(Array.from({ length: MIN_BATCHES - 1 }, () => [400, 200, 100, 300])),
        cells,
        exact,
        notApplicable: null,
        tau: NaN,
      })
      expect(few.consistent).toBeNull()
      expect(few.reasons[0]).toMatch(/^too few batches yet/)
      const rows = Array.from({ length: 32 }, () => [400, 200, 100, 300])
      const short = checkSampling({ batches: batches(rows, 'time', 100), cells, exact, notApplicable: null, tau: 20 })
      expect(short.consistent).toBeNull()
      expect(short.reasons[0]).toMatch(
        /^batches of 100 steps are not yet 10 autocorrelation times long \(tau 20 steps\)/,
      )
      expect(
        checkSampling({ batches: batches(rows, 'time', 200), cells, exact, notApplicable: null, tau: 20 }).consistent,
      ).toBe(true)
      const metadynamics = checkSampling({
        batches: batches(rows),
        cells,
        exact,
        notApplicable: 'samples U plus its bias',
        tau: NaN,
      })
      expect(metadynamics.consistent).toBeNull()
      expect(metadynamics.reasons).toEqual(['samples U plus its bias'])
    },
  )
})

describe('sample batches', () => {
  it('deal walkers into groups and time into segments that merge when full, leaving out the burn-in', () => {
    const b = new SampleBatches(64, 2)
    expect(b.groups).toBe(32)
    // 100 steps, every walker one sample in pair (t < 50 ? 0 : 1): segments double from 1 step as they fill.
    for (let t = 0; t < 100; t++) {
      for (let w = 0; w < 64; w++) b.add(w, t < 50 ? 0 : 1)
      b.endStep()
    }
    const all = b.batches(0)
    expect(all.count).toBe(32)
    expect(all.n.every((n) => n === 200)).toBe(true)
    // 16 segments at most: after 100 steps they are 8 steps long, 12 whole (96 steps) and one of 4.
    expect(all.segmentLength).toBe(8)
    const kept = b.batches(0.25)
    expect(kept.from).toBe(3 * 8)
    expect(kept.steps).toBe(100 - 24)
    // Each group has two walkers: steps 24..49 in pair 0, 50..99 in pair 1.
    expect(kept.counts[0]).toBe(2 * 26)
    expect(kept.counts[1]).toBe(2 * 50)
  })

  it('batch by walkers and time when the walkers are too few', () => {
    const b = new SampleBatches(2, 1)
    for (let t = 0; t < 640; t++) {
      b.add(0, 0)
      b.add(1, 0)
      b.endStep()
    }
    const batches = b.batches(0.25)
    // 64 segments at most: 640 steps make 40 whole segments of 16 steps; 10 are burn-in; 2 groups x 30.
    expect(batches.kind).toBe('time')
    expect(batches.segmentLength).toBe(16)
    expect(batches.count).toBe(60)
    expect(batches.from).toBe(160)
  })
})
