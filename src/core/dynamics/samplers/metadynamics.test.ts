import { describe, expect, it } from 'vitest'
import { atlas, testLane } from '../../../testing/test-lane'
import { BiasGrid } from './bias-grid'
import { cacheError, positionBits, splitRuns } from '../../../testing/monte-carlo'

const doubleWell = atlas('double-well').surface
const dihedral = atlas('dihedral').surface

interface MetadynamicsExtras {
  xs: number[]
  ys: number[]
  bias: number[][]
  freeEnergy: number[][]
  hills: number
}

describe('metadynamics', () => {
  it('recovers the double well U up to a constant within a tenth of the barrier where U <= 1.5', () => {
    // kT = 0.25 (barrier 4 kT) and bias factor 8: the walkers see the wells as if at 8 kT = 2,
    // so the whole region U <= 1.5 is visited; hills of kT/5, half the well's x width sqrt(kT/8),
    // 64 walkers each dropping one every 10 steps: 320,000 hills in 50,000 steps (dt = 0.05).
    const settings = { kT: 0.25, biasFactor: 8, height: 0.05, sigma: 0.1, stride: 10, dt: 0.05, gamma: 1, grid: 100 }
    const lane = testLane({
      method: 'metadynamics',
      surface: doubleWell,
      settings,
      walkers: 64,
      start: { kind: 'point', x: -1, y: 0 },
      seed: 41,
    })
    lane.advance(50_000)
    const { xs, ys, freeEnergy, hills } = lane.extras() as unknown as MetadynamicsExtras
    const cells: { u: number; f: number }[] = []
    xs.forEach((x, i) =>
      ys.forEach((y, j) => {
        // U_min = 0 at (+-1, 0).
        const u = doubleWell.value(x, y)
        if (u <= 1.5) cells.push({ u, f: freeEnergy[i][j] })
      }),
    )
    const c = cells.reduce((s, { u, f }) => s + u - f, 0) / cells.length
    const error = Math.max(...cells.map(({ u, f }) => Math.abs(f + c - u)))
    console.log(
      `metadynamics on double-well: ${hills} hills in ${lane.t} steps, max |F + c - U| ${error.toFixed(4)} ` +
        `over ${cells.length} grid nodes with U <= 1.5 (c = ${c.toFixed(3)})`,
    )
    expect(hills).toBe(64 * 5000)
    expect(error).toBeLessThanOrEqual(0.1)
    // The cache is the unbiased U and its gradient.
    expect(cacheError(lane)).toBe(0)
  })

  it('stores hills with their exact gradient, wraps them on a periodic grid and is flat beyond a bounded one', () => {
    const sigma = 0.3
    const periodic = new BiasGrid(
      { xmin: -Math.PI, xmax: Math.PI, ymin: -Math.PI, ymax: Math.PI, periodic: true },
      100,
      100,
    )
    periodic.deposit(Math.PI - 0.1, 0, 1, sigma)
    // The hill centred 0.1 left of the seam reaches across it: V(-pi + 0.1) = V(pi - 0.3), up to
    // the bilinear interpolation error h^2 |V''| / 8 ~ 0.004 (spacing h = 0.063).
    expect(periodic.value(-Math.PI + 0.1, 0)).toBeCloseTo(Math.exp(-(0.2 ** 2) / (2 * sigma ** 2)), 2)
    expect(periodic.value(-Math.PI + 0.1, 0)).toBeCloseTo(periodic.value(Math.PI - 0.3, 0), 2)
    const g = new Float64Array(2)
    periodic.addGradient(-Math.PI + 0.1, 0.2, g)
    // dV/dx = -(x - c) V / sigma^2 with x - c = 0.2 across the seam, dV/dy likewise with y - c = 0.2;
    // bilinear interpolation of the node gradients is good to ~1.5% here.
    const slope = (-0.2 / sigma ** 2) * Math.exp(-(0.2 ** 2 + 0.2 ** 2) / (2 * sigma ** 2))
    expect(Math.abs(g[0] / slope - 1)).toBeLessThan(0.03)
    expect(Math.abs(g[1] / slope - 1)).toBeLessThan(0.03)

    const bounded = new BiasGrid({ xmin: 0, xmax: 1, ymin: 0, ymax: 1 }, 51, 51)
    bounded.deposit(0.9, 0.5, 1, 0.2)
    const edge = bounded.value(1, 0.6)
    expect(bounded.value(3, 0.6)).toBeCloseTo(edge, 12)
    g.fill(0)
    bounded.addGradient(3, 0.6, g)
    expect(g[0]).toBe(0)
    expect(g[1]).toBeLessThan(0)
  })

  it('reproduces positions and bias bit for bit whether advanced 1000 x 1 or 1 x 1000', () => {
    const settings = { kT: 0.5, biasFactor: 6, height: 0.1, sigma: 0.3, stride: 7, dt: 0.02, grid: 60 }
    const { stepwise, whole } = splitRuns(
      () =>
        testLane({
          method: 'metadynamics',
          surface: dihedral,
          settings,
          walkers: 4,
          start: { kind: 'uniform' },
          seed: 9,
        }),
      1000,
    )
    expect(positionBits(stepwise)).toEqual(positionBits(whole))
    expect(stepwise.extras()).toEqual(whole.extras())
  })
})
