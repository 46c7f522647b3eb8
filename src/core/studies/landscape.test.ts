import { describe, expect, it } from 'vitest'
import { methodById } from '../dynamics/methods'
import { resolveSettings } from '../dynamics/params'
import { statusScales } from '../landscape/scales'
import { compileFormula } from '../formula'
import { RandomStream } from '../random'
import type { CompiledSurface } from '../surface'
import { atlasSurface } from '../surfaces'
import { compileAtlasSurface } from '../surfaces/compile'
import { attractionMap, OUTCOME, OUTCOMES } from './attraction'
import { integratedTime } from './autocorrelation'
import { basinAt, basinMap } from '../landscape/basins'
import { boltzmannDensity, exactBinProbabilities } from '../landscape/boltzmann'
import { criticalPoints } from '../landscape/critical'
import { Histogram2D } from './histogram'
import { RunObserver } from './observer'
import { basinPopulations, harmonicPopulations } from '../landscape/populations'
import {
  arrheniusFit,
  bottleneck,
  directSaddles,
  theoryAccuracy,
  theoryCaveat,
  transitionRate,
} from '../landscape/rates'
import { connectSaddles } from '../landscape/saddles'
import { temperatureSweep } from './sweep'
import { poissonInterval, TransitionCounter } from './transitions'

const atlas = (id: string) => compileAtlasSurface(atlasSurface(id)!)
function formula(text: string, domain = { xmin: -5, xmax: 5, ymin: -5, ymax: 5 }): CompiledSurface {
  const r = compileFormula(text, { domain })
  if (!r.ok) throw new Error(r.error.message)
  return r.surface
}

describe('basins, saddles and barriers', () => {
  it('Müller-Brown: MA->S1 106.0, MC->S1 40.1, MC->S2 8.5, MB->S2 35.9', () => {
    const s = atlas('muller-brown')
    const { minima, saddles } = connectSaddles(s, criticalPoints(s))
    expect(minima.map((m) => +m.value.toFixed(4))).toEqual([-146.6995, -108.1667, -80.7678])
    // Minima by value: 0 = MA, 1 = MB, 2 = MC. Saddles by value: S2 (-72.25) then S1 (-40.66).
    expect(saddles.map((c) => c.joins)).toEqual([
      [1, 2],
      [0, 2],
    ])
    expect(saddles.map((c) => c.barriers.map((b) => +b.toFixed(1)))).toEqual([
      [35.9, 8.5],
      [106.0, 40.1],
    ])
  })

  it(
    'three-hole: the upper route (two saddles through the shallow minimum) has the lower barrier, ' +
      '2.348 against 2.610',
    () => {
      const s = atlas('three-hole')
      const { minima, saddles } = connectSaddles(s, criticalPoints(s))
      expect(minima).toHaveLength(3)
      const direct = saddles.filter((c) => c.joins[0] === 0 && c.joins[1] === 1)
      const upper = saddles.filter((c) => c.joins[1] === 2)
      expect(direct).toHaveLength(1)
      expect(direct[0].barriers[0]).toBeCloseTo(2.61, 2)
      expect(upper).toHaveLength(2)
      for (const c of upper) expect(c.barriers[0]).toBeCloseTo(2.348, 2)
      expect(bottleneck({ minima, names: [], saddles }, 0, 1)!.saddle.value).toBeCloseTo(-1.6467, 3)
    },
  )

  it('labels every node of the map with the minimum steepest descent reaches', () => {
    const s = atlas('double-well')
    const map = basinMap(s, criticalPoints(s), 81)
    // The separatrix of (x^2-1)^2 + y^2 is x = 0: descent never changes the sign of x.
    expect(basinAt(map, -0.3, 1.2)).toBe(basinAt(map, -1, 0))
    expect(basinAt(map, 0.3, -1.2)).toBe(basinAt(map, 1, 0))
    expect(basinAt(map, -0.3, 1.2)).not.toBe(basinAt(map, 0.3, -1.2))
  })
})

describe('the exact Boltzmann reference', () => {
  it('integrates bins without overflow on Müller-Brown at kT = 0.1 (exp(1467))', () => {
    const s = atlas('muller-brown')
    const d = s.domain
    const h = Histogram2D.uniform(d.xmin, d.xmax, 30, d.ymin, d.ymax, 30)
    const p = exactBinProbabilities(s, 0.1, h.xEdges, h.yEdges)
    expect(p.every(Number.isFinite)).toBe(true)
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12)
    const map = basinMap(s, criticalPoints(s), 200)
    const density = boltzmannDensity(map.values, 0.1, ((d.xmax - d.xmin) / 199) * ((d.ymax - d.ymin) / 199))
    expect(density.every(Number.isFinite)).toBe(true)
  })

  it('harmonic populations follow exp(-U/kT)/sqrt(det H) and approach the exact ones as kT falls', () => {
    const s = atlas('muller-brown')
    const points = criticalPoints(s)
    const map = basinMap(s, points, 200)
    for (const kT of [1, 5]) {
      const pops = basinPopulations(s, map, kT)
      const minima = map.minima
      const harmonic = harmonicPopulations(s, minima, kT)
      pops.forEach((p, k) => expect(p.harmonic).toBe(harmonic[k]))
      // Relative gap of the second basin shrinks as the wells get more harmonic.
      expect(Math.abs(pops[1].exact / pops[1].harmonic - 1)).toBeLessThan(kT === 1 ? 0.02 : 0.06)
    }
  })
})

describe('statistics', () => {
  it('integrated autocorrelation time of AR(1) chains: (1 + phi) / (2 (1 - phi))', () => {
    const r = new RandomStream(3)
    for (const phi of [0, 0.5, 0.9]) {
      const chains = Array.from({ length: 20 }, () => {
        const series = new Float64Array(20_000)
        let v = 0
        for (let t = 0; t < series.length; t++) series[t] = v = phi * v + r.normal()
        return series
      })
      // 400,000 samples: the estimate's relative error is a few percent at phi = 0.9.
      expect(integratedTime(chains)).toBeCloseTo((1 + phi) / (2 * (1 - phi)), phi === 0.9 ? 0 : 1)
    }
  })

  it('Poisson intervals (Garwood): 0 -> [0, 3.689], 10 -> [4.795, 18.39]', () => {
    expect(poissonInterval(0)[1]).toBeCloseTo(3.689, 3)
    const [lo, hi] = poissonInterval(10)
    expect(lo).toBeCloseTo(4.795, 3)
    expect(hi).toBeCloseTo(18.39, 2)
  })
})

describe('transitions', () => {
  it('core sets do not count recrossings at the saddle; plain basin changes do', () => {
    const s = atlas('double-well')
    const points = criticalPoints(s)
    const landscape = connectSaddles(s, points)
    const map = basinMap(s, points, 101)
    // A constructed path: left well, recrossings of x = 0 near the saddle, right well, back left.
    const path = [-1, -0.5, -0.05, 0.05, -0.05, 0.05, -0.05, 0.05, 0.5, 1, 0.5, 0.05, -0.5, -1]
    const left = landscape.minima.findIndex((m) => m.x < 0)
    const right = 1 - left
    const run = (cores: boolean) => {
      const counter = new TransitionCounter(s, map, landscape, 1, { cores })
      for (const x of path) counter.observe(0, x, 0, s.value(x, 0))
      return counter
    }
    const withCores = run(true)
    expect(withCores.counts[left * 2 + right]).toBe(1)
    expect(withCores.counts[right * 2 + left]).toBe(1)
    // Without cores every change of sign counts: L->R at three steps, R->L at three.
    const plain = run(false)
    expect(plain.counts[left * 2 + right]).toBe(3)
    expect(plain.counts[right * 2 + left]).toBe(3)
    // Each transition is credited to the one saddle joining the wells.
    expect(withCores.rate(left, right).channels).toEqual([1])
  })
})

describe('sampled basin populations', () => {
  it('carry the error of their independent walkers when no batch has left a basin', () => {
    const s = atlas('double-well')
    const points = criticalPoints(s)
    const map = basinMap(s, points, 101)
    const n = 50
    // Fifty walkers that never leave the left well, observed 20 times: every batch has p = 1 in one basin and
    // p = 0 in the other, so the batches' spread is 0 and says nothing; the error is then that of 50 walkers
    // each drawing its basin once, sqrt(P (1 - P) / 50), the largest a correct run can have.
    const walkers = {
      n,
      x: new Float64Array(n).fill(-1),
      y: new Float64Array(n),
      u: new Float64Array(n).fill(s.value(-1, 0)),
    }
    const observer = new RunObserver(s, map, null, n, { transitions: false })
    for (let t = 0; t < 20; t++) observer.observe({ walkers, counts: () => true, unit: (i) => i })
    const kT = 0.5
    const populations = basinPopulations(s, map, kT)
    const summary = observer.summary(
      kT,
      exactBinProbabilities(s, kT, observer.histogram.xEdges, observer.histogram.yEdges),
    )
    for (const b of summary.basins) {
      expect([0, 1]).toContain(b.sampled)
      expect(b.exact).toBeCloseTo(populations[b.minimum].exact, 12)
      expect(b.sampledError).toBeCloseTo(Math.sqrt((b.exact * (1 - b.exact)) / n), 12)
    }
    // The check sees a basin holding all the samples against about half, 7 standard errors off: inconsistent.
    expect(summary.check.consistent).toBe(false)
    expect(summary.check.reasons[0]).toMatch(/holds 100% of the samples against 50.0% exactly|was never visited/)
  })
})

describe('first-passage times', () => {
  it(
    'are measured from the first arrival in i since the walker was last in j to its arrival in j, ' +
      'through any basin',
    () => {
      const s = atlas('muller-brown')
      const points = criticalPoints(s)
      const landscape = connectSaddles(s, points)
      const map = basinMap(s, points, 120)
      // Minima lowest first: 0 = MA, 1 = MB, 2 = MC. One walker sits at the minima in turn, one step each.
      const at = landscape.minima.map((m) => [m.x, m.y])
      const counter = new TransitionCounter(s, map, landscape, 1, { cores: true })
      for (const k of [0, 0, 1, 2, 0, 1]) counter.observe(0, at[k][0], at[k][1], s.value(at[k][0], at[k][1]))
      // Clock 1: in 0. 3: in 1 (0 -> 1 took 2). 4: in 2 (0 -> 2 took 3, 1 -> 2 took 1). 5: in 0 (1 -> 0: 2,
      // 2 -> 0: 1). 6: in 1 (0 -> 1: 1, from the new arrival in 0 at 5; 2 -> 1: 2, by way of 0).
      // Under way at clock 6: 0 -> 2 (since 5), 1 -> 0 and 1 -> 2 (since 6). Their time so far counts as time at
      // risk: 0 -> 2 has one completed passage of 3 and one of at least 1, so its estimate is (3 + 1) / 1.
      const mfpt = (i: number, j: number) => [
        counter.rate(i, j).passages,
        counter.rate(i, j).censored,
        counter.rate(i, j).mfpt,
      ]
      expect([mfpt(0, 1), mfpt(0, 2), mfpt(1, 2), mfpt(1, 0), mfpt(2, 0), mfpt(2, 1)]).toEqual([
        [2, 0, 1.5],
        [1, 1, 4],
        [1, 1, 1],
        [1, 1, 2],
        [1, 0, 1],
        [1, 0, 2],
      ])
      // The direct transitions are counted as before: 2 -> 1 never happened directly.
      expect(counter.rate(2, 1).transitions).toBe(0)
    },
  )
})

describe('rates', () => {
  it('Eyring-Kramers on the double well: mean exit time 1.1107 exp(1/kT)', () => {
    const s = atlas('double-well')
    const { minima, saddles } = connectSaddles(s, criticalPoints(s))
    const k = transitionRate(s, minima[0], saddles[0].saddle, 0.25, 1, 'eyring-kramers')
    expect(1 / k).toBeCloseTo(1.1107 * Math.exp(4), 1)
  })

  it('fits the Arrhenius barrier of overdamped Langevin on the double well within 15% of 1', () => {
    // kT = 0.2 to 0.5, where the exact rates give a fitted barrier of 0.96-0.99 (the prefactor's
    // curvature makes a list reaching kT = 2 give 1.19). Euler-Maruyama with dt = 0.005 biases
    // the effective temperature by about h lambda_max / 2 = 2%: a 2% tilt of the fitted barrier.
    const s = atlas('double-well')
    const points = criticalPoints(s)
    const method = methodById('overdamped')!
    const result = temperatureSweep({
      surface: s,
      landscape: connectSaddles(s, points),
      map: basinMap(s, points, 200),
      scales: statusScales(s, points),
      method,
      settings: { dt: 0.005, gamma: 1 },
      kTs: [0.2, 0.25, 1 / 3, 0.5],
      walkers: 100,
      steps: 20_000,
      burnin: 0,
      seed: 11,
      from: 0,
      to: 1,
    })
    if ('error' in result) throw new Error(result.error.message)
    console.log(
      'Arrhenius on the double well:',
      result.rates
        .map(
          (r) =>
            `kT ${r.kT.toFixed(3)}: ${r.transitions} transitions, ` +
            `k = ${r.rate.toPrecision(3)} (EK ${r.theory!.toPrecision(3)})`,
        )
        .join('; '),
      `fit ${result.fit!.barrier.toFixed(3)} ± ${result.fit!.stderr.toFixed(3)}`,
    )
    expect(result.rates.every((r) => r.transitions >= 30)).toBe(true)
    expect(Math.abs(result.fit!.barrier - 1)).toBeLessThan(0.15)
    expect(result.saddleBarrier).toBeCloseTo(1, 9)
    // Eyring-Kramers is harmonic: on the quartic wells the exact rate is lower (kT = 0.25: 60.64 / 69.26 = 0.88 of it,
    // lower still at 0.5). So the measured rate is under EK within three Poisson standard errors, and above 0.7 of it.
    for (const r of result.rates) {
      expect(r.rate / r.theory!).toBeGreaterThan(0.7)
      expect(r.rate / r.theory!).toBeLessThan(1 + 3 / Math.sqrt(r.transitions))
    }
  }, 120_000)

  it('adds the rates over parallel saddles: the dihedral surface has two passes between its two lowest minima', () => {
    const s = atlas('dihedral')
    const points = criticalPoints(s)
    const landscape = connectSaddles(s, points)
    const direct = directSaddles(landscape, 0, 1)
    expect(direct.length).toBe(2)
    const result = temperatureSweep({
      surface: s,
      landscape,
      map: basinMap(s, points, 60),
      scales: statusScales(s, points),
      method: methodById('overdamped')!,
      settings: { dt: 0.001, gamma: 1 },
      kTs: [1],
      walkers: 1,
      steps: 1,
      burnin: 0,
      seed: 1,
      from: 0,
      to: 1,
    })
    if ('error' in result) throw new Error(result.error.message)
    const each = direct.map((c) => transitionRate(s, landscape.minima[0], c.saddle, 1, 1, 'eyring-kramers'))
    expect(result.rates[0].theory).toBeCloseTo(each[0] + each[1], 12)
    // The barrier read from the saddle point stays the lower pass's.
    expect(result.saddleBarrier).toBeCloseTo(
      Math.min(...direct.map((c) => c.saddle.value)) - landscape.minima[0].value,
      12,
    )

    // Three-hole, 0 -> 1: a direct pass exists, but the lowest path goes round by way of minimum 2; the
    // prediction is over that path's highest saddle, the one the barrier is read from, not over the higher pass.
    const t = atlas('three-hole')
    const tPoints = criticalPoints(t)
    const tLandscape = connectSaddles(t, tPoints)
    const limiting = bottleneck(tLandscape, 0, 1)!
    expect(directSaddles(tLandscape, 0, 1).includes(limiting)).toBe(false)
    const round = temperatureSweep({
      surface: t,
      landscape: tLandscape,
      map: basinMap(t, tPoints, 60),
      scales: statusScales(t, tPoints),
      method: methodById('overdamped')!,
      settings: { dt: 0.001, gamma: 1 },
      kTs: [1],
      walkers: 1,
      steps: 1,
      burnin: 0,
      seed: 1,
      from: 0,
      to: 1,
    })
    if ('error' in round) throw new Error(round.error.message)
    expect(round.rates[0].theory).toBe(transitionRate(t, tLandscape.minima[0], limiting.saddle, 1, 1, 'eyring-kramers'))
    expect(round.saddleBarrier).toBeCloseTo(limiting.saddle.value - tLandscape.minima[0].value, 12)
  })

  it('gives no Eyring-Kramers rate where a curvature nearly vanishes, and says why', () => {
    // Nearly quartic wells: curvature 8e-4 along x at the minima (the y curvature is 2), where the harmonic
    // prefactor sqrt(det H_min) would be off by orders of magnitude.
    const s = formula('(x^2-1)^4 + 1e-4*(x^2-1)^2 + y^2', { xmin: -2, xmax: 2, ymin: -1.5, ymax: 1.5 })
    const points = criticalPoints(s)
    const landscape = connectSaddles(s, points)
    const scales = statusScales(s, points)
    expect(theoryCaveat(s, landscape.minima[0], landscape.saddles[0].saddle, scales.curvature)).toMatch(
      /curvature at the minimum \(0\.00080\) nearly vanishes/,
    )
    const r = temperatureSweep({
      surface: s,
      landscape,
      map: basinMap(s, points, 60),
      scales,
      method: methodById('overdamped')!,
      settings: { dt: 0.001, gamma: 1 },
      kTs: [0.2],
      walkers: 1,
      steps: 1,
      burnin: 0,
      seed: 1,
      from: 0,
      to: 1,
    })
    if ('error' in r) throw new Error(r.error.message)
    expect(r.rates[0].theory).toBeNull()
    expect(r.theoryCaveat).toMatch(/harmonic prefactor/)
    // The double well's curvatures (8 and 2 at the minima, -4 and 2 at the saddle) are far from vanishing.
    const dw = atlas('double-well')
    const dl = connectSaddles(dw, criticalPoints(dw))
    expect(theoryCaveat(dw, dl.minima[0], dl.saddles[0].saddle, statusScales(dw).curvature)).toBeNull()
  })

  it('says how far a rate theory can be trusted: about kT/barrier, not at all under 5 kT', () => {
    expect(theoryAccuracy(1, 0.1)).toEqual({ barrierOverKT: 10, relativeError: 0.1, holds: true })
    expect(theoryAccuracy(1, 0.25).holds).toBe(false)
    expect(theoryAccuracy(1, 0.2).holds).toBe(true)
  })

  it('refuses a sweep with a method that has no physical time', () => {
    const s = atlas('double-well')
    const points = criticalPoints(s)
    const r = temperatureSweep({
      surface: s,
      landscape: connectSaddles(s, points),
      map: basinMap(s, points, 50),
      scales: statusScales(s, points),
      method: methodById('metropolis')!,
      settings: {},
      kTs: [0.5],
      walkers: 1,
      steps: 1,
      burnin: 0,
      seed: 1,
      from: 0,
      to: 1,
    })
    expect('error' in r && r.error.message).toMatch(/no physical time/)
  })

  it('arrheniusFit recovers a barrier from exact rates', () => {
    const fit = arrheniusFit([0.2, 0.3, 0.5].map((kT) => ({ kT, rate: 2 * Math.exp(-1.5 / kT), transitions: 100 })))!
    expect(fit.barrier).toBeCloseTo(1.5, 12)
    expect(fit.prefactor).toBeCloseTo(2, 10)
  })
})

describe('basin-of-attraction maps', () => {
  it(
    'gradient descent on Müller-Brown: starts end in MA (global) or MB/MC (local); ' +
      'above the stability limit all diverge',
    () => {
      const s = atlas('muller-brown')
      const points = criticalPoints(s)
      const minima = points.filter((p) => p.kind === 'minimum').sort((a, b) => a.value - b.value)
      const gd = methodById('gd')!
      const settings = (lr: number) => {
        const r = resolveSettings(gd.params, { lr }, 'gd')
        if (!r.ok) throw new Error('settings')
        return r.settings
      }
      const scales = statusScales(s, points)
      const map = attractionMap({ surface: s, method: gd, settings: settings(1e-4), scales, minima, n: 30 })
      const at = (x: number, y: number) => {
        const i = Math.round(((x - s.domain.xmin) / (s.domain.xmax - s.domain.xmin)) * 30 - 0.5)
        const j = Math.round(((y - s.domain.ymin) / (s.domain.ymax - s.domain.ymin)) * 30 - 0.5)
        return j * 30 + i
      }
      expect(map.outcome[at(-0.56, 1.44)]).toBe(OUTCOME['global minimum'])
      expect(map.minimum[at(-0.56, 1.44)]).toBe(0)
      expect(map.outcome[at(0.62, 0.03)]).toBe(OUTCOME['local minimum'])
      expect(map.minimum[at(-0.05, 0.47)]).toBe(2)
      expect([...map.outcome].every((o) => o === OUTCOME['global minimum'] || o === OUTCOME['local minimum'])).toBe(
        true,
      )
      const unstable = attractionMap({ surface: s, method: gd, settings: settings(1e-2), scales, minima, n: 10 })
      expect([...unstable.outcome].every((o) => o === OUTCOME.diverged)).toBe(true)
    },
  )

  it('a well in flat ground: starts far out stop on a plateau, not at a saddle', () => {
    // U = -exp(-r^2) on [-6, 6]^2: at r = 4.5 |grad U| = 9 exp(-20) = 2e-8, under the converged threshold
    // from the start, and the Hessian is as flat. The one critical point is the minimum at the origin.
    const s = formula('-exp(-x^2 - y^2)', { xmin: -6, xmax: 6, ymin: -6, ymax: 6 })
    const points = criticalPoints(s)
    expect(points.map((p) => p.kind)).toEqual(['minimum'])
    const minima = points.filter((p) => p.kind === 'minimum')
    const gd = methodById('gd')!
    const r = resolveSettings(gd.params, { lr: 0.1 }, 'gd')
    if (!r.ok) throw new Error('settings')
    const map = attractionMap({
      surface: s,
      method: gd,
      settings: r.settings,
      scales: statusScales(s, points),
      minima,
      n: 12,
    })
    const outcome = (i: number, j: number) => OUTCOMES[map.outcome[j * 12 + i]]
    // Node (0, 0) is at (-5.5, -5.5), far out; node (5, 5) at (-0.5, -0.5), in the well.
    expect(outcome(0, 0)).toBe('plateau')
    expect(outcome(11, 11)).toBe('plateau')
    expect(outcome(5, 5)).toBe('global minimum')
    expect([...map.outcome].some((o) => OUTCOMES[o] === 'saddle')).toBe(false)
    // Starts at r >= 4 are all on the plateau (nearer ones still creep down a slope 1e-2 of the typical one).
    for (let j = 0; j < 12; j++) {
      for (let i = 0; i < 12; i++) {
        if (Math.hypot(map.xs[i], map.ys[j]) >= 4) expect(outcome(i, j), `(${map.xs[i]}, ${map.ys[j]})`).toBe('plateau')
      }
    }
  })
})
