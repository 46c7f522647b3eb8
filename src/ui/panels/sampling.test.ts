import { beforeAll, describe, expect, it } from 'vitest'
import type { BasinComparison, RunSummary } from '../../core/studies/observer'
import type { SamplingCheck } from '../../core/studies/sampling-check'
import { defaultScenario } from '../../core/scenario/defaults'
import type { LaneFrame } from '../../core/run/frame'
import { paintDensity, peakBin, probabilities, sharedMaximum, viridis } from './density-image'
import { firstPassages, transitionRates } from './rates'
import { reportFigures } from './report-figures'
import { basinDeviation, mixingText, samplingVerdict } from './sampling-verdict'
import { simulate, type SimulatedRun } from '../../testing/simulated'

/** The default scenario after 20,000 steps: gradient descent in MC, BAOAB at kT = 20 with 500 walkers. */
let run: SimulatedRun
let sampler: LaneFrame
beforeAll(() => {
  const scenario = defaultScenario()
  run = simulate(scenario.surface, scenario.lanes, 20_000, scenario.seed)
  sampler = run.frames[1]
}, 120_000)

const CHECK: SamplingCheck = {
  consistent: true,
  tv: 0.012,
  tvBound: 0.018,
  tvP: 0.3,
  maxBasinZ: 1.2,
  basinZBound: 4.03,
  basins: [],
  batchKind: 'walkers',
  batches: 32,
  from: 5000,
  steps: 15000,
  falseAlarm: 0.002,
  reasons: [
    "within the basins TV 0.012 is inside the run's own noise (bound 0.018), " +
      'and every basin population within 4.03 standard errors (largest 1.2)',
  ],
}

function summary(overrides: Partial<RunSummary>): RunSummary {
  return {
    samples: 1e6,
    tau: { energy: 10, x: 20, y: 25, basin: 30, slowest: 30 },
    nEff: 2300,
    tv: 0.031,
    kl: 0.01,
    basins: [],
    check: CHECK,
    ...overrides,
  }
}

describe('the verdict in words', () => {
  it('says consistent, and on what: steps, batches, false-alarm rate', () => {
    const v = samplingVerdict(CHECK, true)
    expect(v.consistent).toBe(true)
    expect(v.text).toBe('Consistent with exact sampling of exp(\u2212U/kT)')
    expect(v.reasons).toEqual(CHECK.reasons)
    expect(v.basis).toBe(
      'Steps 5,001 to 20,000 (the first quarter is burn-in), 32 batches of walkers; ' +
        'a correct sampler is called wrong 0.2% of the time by design (0.4% measured on short runs of 64 walkers).',
    )
  })

  it('says not consistent with what can cause it: a discretized dynamics names its time step', () => {
    const off = {
      ...CHECK,
      consistent: false,
      reasons: ['basin 1 holds 33.5% of the samples against 25.5% exactly: 10.6 standard errors off (bound 3.89)'],
    }
    expect(samplingVerdict(off, true).text).toMatch(
      /^Not consistent with exact sampling \(a wrong sampler, a run not yet mixed, or a time step too long/,
    )
    expect(samplingVerdict(off, false).text).toBe(
      'Not consistent with exact sampling (a wrong sampler, or a run not yet mixed)',
    )
    expect(samplingVerdict(off, false).reasons).toEqual(off.reasons)
  })

  it('says nothing it cannot know', () => {
    const unknown = {
      ...CHECK,
      consistent: null,
      reasons: ['too few batches yet to compare with (3 of the 16 needed): the run has just begun'],
    }
    expect(samplingVerdict(unknown, true)).toMatchObject({
      consistent: null,
      text: 'Cannot tell yet: too few batches yet to compare with (3 of the 16 needed): the run has just begun',
    })
  })

  it('on the real run: the default BAOAB lane is consistent, by 32 batches of walkers', () => {
    const s = sampler.sampling!.summary
    expect(s.check.batchKind).toBe('walkers')
    expect(s.check.batches).toBe(32)
    expect(s.check.consistent).toBe(true)
    expect(samplingVerdict(s.check, true).text).toBe('Consistent with exact sampling of exp(\u2212U/kT)')
    expect(mixingText(s)).toMatch(
      /^N_eff = [\d,]+ of [\d,]+ samples; slowest autocorrelation time [\d,]+ steps \((U|x|y|the basin label)\)$/,
    )
  })
})

describe('mixing in words', () => {
  it('names the slowest observable', () => {
    expect(mixingText(summary({}))).toBe(
      'N_eff = 2,300 of 1,000,000 samples; slowest autocorrelation time 30 steps (the basin label)',
    )
    expect(mixingText(summary({ tau: { energy: NaN, x: NaN, y: NaN, basin: NaN, slowest: NaN } }))).toBe(
      'N_eff = 2,300 of 1,000,000 samples; autocorrelation time not known yet',
    )
  })
})

describe('basin deviation', () => {
  const basin = (sampled: number, sampledError: number, exact: number): BasinComparison => ({
    minimum: 0,
    sampled,
    sampledError,
    exact,
    freeEnergy: 0,
    freeEnergyError: 0,
    exactFreeEnergy: 0,
  })
  it('is the distance in standard errors', () => {
    expect(basinDeviation(basin(0.7, 0.01, 0.8))).toBeCloseTo(10, 12)
    expect(basinDeviation(basin(0.5, 0, 0.5))).toBe(0)
    expect(basinDeviation(basin(0, 0, 0.1))).toBe(Infinity)
  })
})

describe('rates from transitions', () => {
  it('are counts over the time committed to the basin left, most frequent first, with Poisson intervals', () => {
    const rates = transitionRates({ minima: 3, counts: [0, 2, 0, 5, 0, 0, 0, 1, 0], time: [100, 50, 0] })
    expect(rates.map((r) => [r.from, r.to, r.count, r.rate])).toEqual([
      [1, 0, 5, 0.1],
      [0, 1, 2, 0.02],
      [2, 1, 1, NaN],
    ])
    // Garwood's 95% interval for 5 events: 1.6235 to 11.6683.
    expect(rates[0].low).toBeCloseTo(1.6235 / 50, 4)
    expect(rates[0].high).toBeCloseTo(11.6683 / 50, 4)
  })

  it('on the real run: first-passage times for the pairs with passages, each mean inside its interval', () => {
    const t = sampler.sampling!.transitions
    const passages = firstPassages(t)
    expect(passages.length).toBeGreaterThan(0)
    expect(passages.reduce((a, p) => a + p.count, 0)).toBe(t.passages.reduce((a, b) => a + b, 0))
    for (const p of passages) {
      // Time at risk over completed passages; the passages under way add to the time, never to the count.
      expect(p.mean).toBe(t.passageExposure[p.from * 3 + p.to] / p.count)
      expect(p.open).toBe(t.passagesOpen[p.from * 3 + p.to])
      expect(p.low).toBeLessThanOrEqual(p.mean)
      expect(p.high).toBeGreaterThanOrEqual(p.mean)
    }
    // Every direct transition out of i into j is also a first passage unless the walker was already on its way
    // from an earlier arrival: passages i -> j never outnumber arrivals in j.
    for (let j = 0; j < 3; j++) {
      const arrivals = [0, 1, 2].reduce((a, i) => a + (t.counts[i * 3 + j] ?? 0), 0)
      for (let i = 0; i < 3; i++) if (i !== j) expect(t.passages[i * 3 + j]).toBeLessThanOrEqual(arrivals)
    }
  })

  it('on the real run: every transition is counted once, and k = n / T', () => {
    const t = sampler.sampling!.transitions
    const rates = transitionRates(t)
    expect(t.minima).toBe(3)
    expect(rates.reduce((a, r) => a + r.count, 0)).toBe(t.counts.reduce((a, b) => a + b, 0))
    for (const r of rates) {
      expect(r.rate).toBe(t.counts[r.from * 3 + r.to] / t.time[r.from])
      expect(r.low).toBeLessThanOrEqual(r.rate)
      expect(r.high).toBeGreaterThanOrEqual(r.rate)
    }
  })
})

describe('report figures', () => {
  it('put the kinetic figures beside their canonical values; acceptance only where there is one', () => {
    const figures = reportFigures(sampler.report, 20, 'baoab')
    expect(figures.map((f) => f.term)).toEqual([
      'mean kinetic energy \u27e8K\u27e9',
      'kinetic temperature 2\u27e8K\u27e9/N_f',
      'variance of K',
    ])
    expect(figures[0].note).toBe('canonical: kT = 20')
    expect(figures[2].note).toBe('canonical: (kT)\u00b2 = 400')
    // BAOAB's on-step kinetic energy is close to kT at this step.
    expect(Number(figures[0].value)).toBeCloseTo(20, 0)
    const mala = reportFigures(
      { steps: 10, acceptance: 0.5743, meanKinetic: null, kineticTemperature: null, kineticVariance: null },
      1,
      'mala',
    )
    expect(mala).toEqual([{ term: 'acceptance', value: '57.4%', note: 'about 57% is optimal (Roberts & Rosenthal)' }])
    expect(reportFigures(run.frames[0].report, 1, 'gd')).toEqual([])
  })
})

describe('density images', () => {
  it('normalise counts, share one colour scale and paint y upwards', () => {
    // 2 x-bins by 3 y-bins, index i * ny + j.
    const p = probabilities([1, 0, 0, 0, 0, 3])
    expect([...p]).toEqual([0.25, 0, 0, 0, 0, 0.75])
    expect(sharedMaximum(p, [0.9])).toBe(0.9)
    const out = new Uint8ClampedArray(2 * 3 * 4)
    paintDensity(p, 2, 3, 0.75, out)
    // Top row is y-bin 2: x-bin 1 there is the maximum (viridis yellow); bottom-left is x-bin 0, y-bin 0.
    expect([...out.subarray(4, 8)]).toEqual([0xfd, 0xe7, 0x25, 255])
    expect([...out.subarray(0, 4)]).toEqual([0x44, 0x01, 0x54, 255])
    const bottomLeft = out.subarray(4 * 4, 4 * 4 + 4)
    const expected = new Uint8ClampedArray(4)
    viridis(1 / 3, expected, 0)
    expect([...bottomLeft.subarray(0, 3)]).toEqual([...expected.subarray(0, 3)])
  })

  it('find the peak bin and its centre', () => {
    expect(peakBin([0, 0, 0, 0, 0, 1], 2, 3, { xmin: 0, xmax: 2, ymin: 0, ymax: 3 })).toEqual({ x: 1.5, y: 2.5, p: 1 })
  })

  it('on the real run: the visited histogram and the exact density are both distributions over the same bins', () => {
    const s = sampler.sampling!
    const visited = probabilities(s.counts)
    expect(visited.length).toBe(s.nx * s.ny)
    expect(visited.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9)
    expect(s.exact.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6)
    // Both peak in the deepest well, MA at (-0.558, 1.442).
    for (const p of [visited, s.exact]) {
      const peak = peakBin(p, s.nx, s.ny, run.domain)
      expect(Math.hypot(peak.x + 0.558, peak.y - 1.442)).toBeLessThan(0.15)
    }
  })
})
