import { describe, expect, it } from 'vitest'
import { integratedTime } from '../../studies/autocorrelation'
import type { CompiledSurface } from '../../surface'
import { atlas, testLane } from '../../../testing/test-lane'
import { cacheError, positionBits, splitRuns } from '../../../testing/monte-carlo'

const doubleWell = atlas('double-well').surface
const rastrigin = atlas('rastrigin').surface

interface PtExtras {
  temperatures: number[]
  swapAcceptance: (number | null)[]
  swapsAccepted: number[]
  swapsAttempted: number[]
  rungs: number[]
}

/**
 * The exact swap acceptance of rungs (T_i, T_j), E[min(1, exp((beta_i - beta_j)(U_i - U_j)))] with
 * U_i, U_j drawn independently from exp(-U/T) on the plane. Only the distribution of U at each
 * temperature matters: U on a fine midpoint grid covering the mass, sorted once; then for each
 * pair, with beta_i > beta_j, E = sum_a p_i(a) [P_j(U <= U_a) + exp(db U_a) sum_{b: U_b > U_a} p_j(b) exp(-db U_b)],
 * a single pass with cumulative sums instead of a double integral.
 */
function exactSwapAcceptance(
  surface: CompiledSurface,
  ladder: readonly number[],
  box: { x: [number, number]; y: [number, number]; h: number },
): number[] {
  const nx = Math.round((box.x[1] - box.x[0]) / box.h)
  const ny = Math.round((box.y[1] - box.y[0]) / box.h)
  const u = new Float64Array(nx * ny)
  for (let a = 0; a < nx; a++)
    for (let b = 0; b < ny; b++)
      u[a * ny + b] = surface.value(box.x[0] + (a + 0.5) * box.h, box.y[0] + (b + 0.5) * box.h)
  u.sort()
  const n = u.length
  const weights = (T: number) => {
    const p = new Float64Array(n)
    let z = 0
    for (let k = 0; k < n; k++) z += p[k] = Math.exp(-(u[k] - u[0]) / T)
    for (let k = 0; k < n; k++) p[k] /= z
    return p
  }
  const p = ladder.map(weights)
  const tail = new Float64Array(n + 1)
  return ladder.slice(0, -1).map((_, k) => {
    const [pi, pj] = [p[k], p[k + 1]]
    const db = 1 / ladder[k] - 1 / ladder[k + 1]
    tail[n] = 0
    for (let b = n - 1; b >= 0; b--) tail[b] = tail[b + 1] + pj[b] * Math.exp(-db * (u[b] - u[0]))
    let below = 0
    let b = 0
    let e = 0
    for (let a = 0; a < n; a++) {
      while (b < n && u[b] <= u[a]) below += pj[b++]
      e += pi[a] * (below + Math.exp(db * (u[a] - u[0])) * tail[b])
    }
    return e
  })
}

describe('parallel-tempering', () => {
  it('swaps each pair at the exact rate, and rescaled velocities keep the coldest rung at kT', () => {
    // Ladder 0.25 -> 2 (R = 4, ratio 2), 16 ensembles, a swap attempt every 10 steps: each pair is
    // tried on every other attempt, 16 x 2,000 = 32,000 times in 40,000 steps.
    const settings = { kT: 0.25, kTMax: 2, replicas: 4, swapEvery: 10, dt: 0.02, gamma: 1 }
    const E = 16
    const lane = testLane({
      method: 'parallel-tempering',
      surface: doubleWell,
      settings,
      walkers: 4 * E,
      start: { kind: 'uniform' },
      seed: 7,
    })
    lane.advance(2000)
    lane.stats.kinetic = lane.stats.kineticSquared = lane.stats.kineticCount = 0
    const start = lane.extras() as unknown as PtExtras
    // One value per attempt of each pair: the fraction of the E ensembles that swapped.
    const series: number[][] = [[], [], []]
    let before = start.swapsAccepted
    for (let attempt = 0; attempt < 4000; attempt++) {
      lane.advance(settings.swapEvery)
      const now = (lane.extras() as unknown as PtExtras).swapsAccepted
      for (let k = (lane.t / settings.swapEvery - 1) % 2; k < 3; k += 2) series[k].push((now[k] - before[k]) / E)
      before = now
    }
    const end = lane.extras() as unknown as PtExtras
    // The walkers leave the domain at kT = 2 (y has sd 1): the grid covers the plane's mass.
    const exact = exactSwapAcceptance(doubleWell, end.temperatures, { x: [-3, 3], y: [-7, 7], h: 0.005 })
    for (let k = 0; k < 3; k++) {
      const attempts = end.swapsAttempted[k] - start.swapsAttempted[k]
      const rate = (end.swapsAccepted[k] - start.swapsAccepted[k]) / attempts
      // Binomial variance p(1 - p) per attempt, inflated by 2 tau of the per-attempt series:
      // successive attempts of one ensemble share configurations only 20 steps apart.
      const tau = integratedTime([Float64Array.from(series[k])])
      const se = Math.sqrt(((exact[k] * (1 - exact[k])) / attempts) * 2 * tau)
      console.log(
        `parallel-tempering pair ${k} (kT ${end.temperatures[k].toFixed(3)}, ${end.temperatures[k + 1].toFixed(3)}): ` +
          `swap acceptance ${rate.toFixed(4)}, exact ${exact[k].toFixed(4)}, se ${se.toFixed(4)} ` +
          `(tau ${tau.toFixed(2)}, ${attempts} attempts), z ${((rate - exact[k]) / se).toFixed(2)}`,
      )
      expect(Math.abs(rate - exact[k])).toBeLessThan(3 * se)
    }
    // Rung 0's kinetic temperature: 16 walkers x 40,000 steps, tau ~ 1/(2 gamma dt) = 25 steps, so
    // ~13,000 independent K values of relative sd 1: se 0.9%. Without the sqrt(T_new/T_old)
    // rescaling, replicas arriving from above read 0.458 instead of 0.25.
    const kinetic = lane.report().kineticTemperature ?? 0
    console.log(`parallel-tempering rung 0 kinetic temperature ${kinetic.toFixed(4)} (kT 0.25)`)
    expect(Math.abs(kinetic / 0.25 - 1)).toBeLessThan(0.03)
    expect(cacheError(lane)).toBe(0)
  })

  it("brings the coldest replica to Rastrigin's global basin, which plain BAOAB at that kT never reaches", () => {
    // From the far local minimum near (4, 4), at kT = 1 every ripple is a barrier of ~16 kT.
    const steps = 20_000
    const start = { kind: 'point', x: 3.979836, y: 3.979836 } as const
    const pt = testLane({
      method: 'parallel-tempering',
      surface: rastrigin,
      settings: { kT: 1, kTMax: 30, replicas: 8, swapEvery: 10, dt: 0.01, gamma: 1 },
      walkers: 8,
      start,
      seed: 3,
    })
    const baoab = testLane({
      method: 'baoab',
      surface: rastrigin,
      settings: { kT: 1, dt: 0.01, gamma: 1 },
      walkers: 8,
      start,
      seed: 3,
    })
    let first = -1
    let closest = Infinity
    for (let t = 1; t <= steps; t++) {
      pt.advance(1)
      baoab.advance(1)
      for (let i = 0; i < 8; i++) {
        const w = pt.walkers
        if (first < 0 && pt.counts(i) && Math.hypot(w.x[i], w.y[i]) < 0.5) first = t
        closest = Math.min(closest, Math.hypot(baoab.walkers.x[i], baoab.walkers.y[i]))
      }
    }
    console.log(
      `parallel-tempering on rastrigin: coldest replica within 0.5 of (0, 0) first at step ${first} of ${steps}; ` +
        `BAOAB at kT = 1 (8 walkers) came no closer than ${closest.toFixed(2)}`,
    )
    expect(first).toBeGreaterThan(0)
    expect(closest).toBeGreaterThan(0.5)
  })

  it('reports its ladder, swap rates and rungs, and refuses a walker count that is not a multiple of R', () => {
    const settings = {
      kT: 0.5,
      kTMax: 4,
      replicas: 4,
      swapEvery: 5,
      dt: 0.05,
      anneal: 'geometric',
      alpha: 0.5,
      annealSteps: 100,
      kTEnd: 0.1,
    }
    const lane = testLane({
      method: 'parallel-tempering',
      surface: doubleWell,
      settings,
      walkers: 8,
      start: { kind: 'uniform' },
      seed: 1,
    })
    lane.advance(150)
    const x = lane.extras() as unknown as PtExtras
    // Annealed: rung 0 follows the schedule (0.5 -> 0.25 after 100 steps), the ladder keeps its ratios.
    expect(x.temperatures).toHaveLength(4)
    x.temperatures.forEach((T, k) => expect(T).toBeCloseTo(0.25 * 2 ** k, 12))
    expect(x.swapAcceptance).toHaveLength(3)
    expect(x.rungs).toHaveLength(8)
    for (const e of [0, 1]) expect([...x.rungs.slice(4 * e, 4 * e + 4)].sort()).toEqual([0, 1, 2, 3])
    for (let i = 0; i < 8; i++) expect(lane.counts(i)).toBe(x.rungs[i] === 0)
    expect(() =>
      testLane({
        method: 'parallel-tempering',
        surface: doubleWell,
        settings,
        walkers: 10,
        start: { kind: 'uniform' },
        seed: 1,
      }),
    ).toThrow(/multiple of 4/)
  })

  it('reproduces positions bit for bit whether advanced 1000 x 1 or 1 x 1000', () => {
    const settings = { kT: 0.25, kTMax: 2, replicas: 4, swapEvery: 7, dt: 0.05 }
    const { stepwise, whole } = splitRuns(
      () =>
        testLane({
          method: 'parallel-tempering',
          surface: doubleWell,
          settings,
          walkers: 8,
          start: { kind: 'uniform' },
          seed: 9,
        }),
      1000,
    )
    expect(positionBits(stepwise)).toEqual(positionBits(whole))
    expect(stepwise.extras()).toEqual(whole.extras())
  })
})
