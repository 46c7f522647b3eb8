import { describe, expect, it } from 'vitest'
import { atlas } from '../../../testing/test-lane'
import { planeSystem, type BiasVariable } from '../../system'
import type { SystemDescriptor } from '../../systems/descriptor'
import { cvsFor } from '../../systems/cvs'
import { cvBiasedSystem } from '../../systems/cv-bias'
import { lj7TwoD } from '../../systems/lj7-2d'
import { BiasGrid } from './bias-grid'
import { resolveLane } from '../resolve'
import { SystemLane } from '../system-lane'

const doubleWell = atlas('double-well').surface
const { xmin, xmax, ymin, ymax } = doubleWell.domain

/** The double well as a system of two coordinates, its own x and y as the biased variables. */
const plane: SystemDescriptor = {
  id: 'double-well-plane',
  title: 'double well',
  dim: 2,
  units: 'none',
  note: '',
  defaults: { dt: 0.05, kT: 0.25, friction: 1 },
  minima: [],
  atoms: null,
  randomState: (_u, out) => out.fill(0),
  system: () => planeSystem(doubleWell),
}
const coordinate = (k: 0 | 1, range: [number, number]): BiasVariable => ({
  label: k === 0 ? 'x' : 'y',
  dim: 2,
  range,
  value: (q) => q[k]!,
  gradient(q, g) {
    g[0] = k === 0 ? 1 : 0
    g[1] = k === 1 ? 1 : 0
    return q[k]!
  },
})
const XY: [BiasVariable, BiasVariable] = [coordinate(0, [xmin, xmax]), coordinate(1, [ymin, ymax])]

function lane(settings: Record<string, unknown>, walkers: number, variables?: [BiasVariable, BiasVariable]) {
  const r = resolveLane('metadynamics', settings, walkers, 2)
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '))
  return new SystemLane({
    descriptor: plane,
    method: r.lane.method,
    settings: r.lane.settings,
    walkers,
    start: { kind: 'state', q: [-1, 0] },
    seed: 41,
    variables,
  })
}

interface Extras {
  xs: number[]
  ys: number[]
  bias: number[][]
  freeEnergy: number[][]
  hills: number
}

describe('metadynamics on a system, through two variables', () => {
  it('recovers the double well U up to a constant within a tenth of the barrier where U <= 1.5', () => {
    // The planar test's run (kT 0.25, bias factor 8, hills of kT/5 every 10 steps by 64 walkers),
    // seen as a system: x and y are the variables, each scaled by its range (4 and 3) onto the
    // bias grid, so a hill 0.1 wide in x and y is sigma 0.025 along x; along y it is 0.075 wide.
    const run = lane({ kT: 0.25, biasFactor: 8, height: 0.05, sigma: 0.025, stride: 10, dt: 0.05, gamma: 1 }, 64, XY)
    run.advance(50_000)
    const { xs, ys, freeEnergy, hills } = run.extras() as unknown as Extras
    expect(xs[0]).toBe(xmin)
    expect(xs.at(-1)).toBeCloseTo(xmax, 12)
    expect(ys[0]).toBe(ymin)
    const cells: { u: number; f: number }[] = []
    xs.forEach((x, i) =>
      ys.forEach((y, j) => {
        const u = doubleWell.value(x, y)
        if (u <= 1.5) cells.push({ u, f: freeEnergy[i]![j]! })
      }),
    )
    const c = cells.reduce((s, { u, f }) => s + u - f, 0) / cells.length
    const error = Math.max(...cells.map(({ u, f }) => Math.abs(f + c - u)))
    expect(hills).toBe(64 * 5000)
    expect(cells.length).toBeGreaterThan(1000)
    expect(error).toBeLessThanOrEqual(0.1)
    // The walkers' energies stay U, the bias taken back out (to rounding).
    const s = planeSystem(doubleWell)
    const g = new Float64Array(2)
    for (let i = 0; i < 64; i++) {
      const u = s.gradient(run.walkers.qs[i]!, g)
      expect(Math.abs(run.walkers.u[i]! - u)).toBeLessThan(1e-12 * (1 + Math.abs(u)))
    }
  })

  it('is a negative control for itself: a run one fiftieth as long has not filled the wells', () => {
    const run = lane({ kT: 0.25, biasFactor: 8, height: 0.05, sigma: 0.025, stride: 10, dt: 0.05, gamma: 1 }, 64, XY)
    run.advance(1000)
    const { xs, ys, freeEnergy } = run.extras() as unknown as Extras
    const cells: { u: number; f: number }[] = []
    xs.forEach((x, i) =>
      ys.forEach(
        (y, j) => doubleWell.value(x, y) <= 1.5 && cells.push({ u: doubleWell.value(x, y), f: freeEnergy[i]![j]! }),
      ),
    )
    const c = cells.reduce((s, { u, f }) => s + u - f, 0) / cells.length
    expect(Math.max(...cells.map(({ u, f }) => Math.abs(f + c - u)))).toBeGreaterThan(0.1)
  })

  it('says what is missing when no variables are given', () => {
    expect(() => lane({ kT: 0.25 }, 2)).toThrow(/biases two collective variables: none were given/)
  })

  it('pushes with the chain-rule gradient of the scaled bias, as central differences say', () => {
    const cvs = cvsFor(lj7TwoD)
    const pair: [BiasVariable, BiasVariable] = [cvs[0]!, cvs[1]!]
    // A bias linear in the scaled variables, V = 0.3 u1 - 0.2 u2 + 0.1, which the bilinear grid
    // holds exactly (value and gradient agree between nodes): the only error left is that of the
    // central differences, as in the unscaled test.
    const bias = new BiasGrid({ xmin: 0, xmax: 1, ymin: 0, ymax: 1 }, 41, 41)
    for (let i = 0; i < 41; i++)
      for (let j = 0; j < 41; j++) {
        bias.values[i * 41 + j] = 0.3 * bias.xs[i]! - 0.2 * bias.ys[j]! + 0.1
        bias.gradX[i * 41 + j] = 0.3
        bias.gradY[i * 41 + j] = -0.2
      }
    const q = lj7TwoD.minima[1]!.start!()
    const biased = cvBiasedSystem(lj7TwoD.system(), pair, bias, true)
    const plain = lj7TwoD.system()
    const [w1, w2] = pair.map((v) => v.range[1] - v.range[0]) as [number, number]
    const u1 = (pair[0].value(q) - pair[0].range[0]) / w1
    const u2 = (pair[1].value(q) - pair[1].range[0]) / w2
    const g = new Float64Array(14)
    const u = biased.gradient(q, g)
    expect(biased.lastBias).toBeCloseTo(0.3 * u1 - 0.2 * u2 + 0.1, 12)
    expect(u).toBeCloseTo(plain.energy(q) + biased.lastBias, 12)
    const h = 1e-5
    for (let k = 0; k < 14; k++) {
      const p = Float64Array.from(q)
      p[k] = q[k]! + h
      const up = biased.energy(p)
      p[k] = q[k]! - h
      const down = biased.energy(p)
      // Truncation h^2 U'''/6 plus rounding 1e-16 |U| / h: both below 1e-6 (as the unscaled test).
      expect(Math.abs((up - down) / (2 * h) - g[k]!)).toBeLessThan(1e-6)
    }
    // The bias does push: its part of the gradient, 0.3/w1 ds1/dq - 0.2/w2 ds2/dq, is not zero.
    const g0 = new Float64Array(14)
    plain.gradient(q, g0)
    expect(Math.max(...g.map((x, k) => Math.abs(x - g0[k]!)))).toBeGreaterThan(1e-3)
  })
})
