import type { CompiledSurface } from '../surface'
import type { BasinMap } from './basins'
import { exactBinProbabilities, logSumExp } from './boltzmann'
import type { CriticalPoint } from './critical'

/** A basin's share of the Boltzmann distribution at kT, and its free energy -kT ln P. */
export interface BasinPopulation {
  minimum: number
  /** Integral of exp(-U/kT)/Z over the basin (within the domain). */
  exact: number
  /** The harmonic estimate exp(-U_A/kT) 2 pi kT / sqrt(det H_A), normalised over the minima. */
  harmonic: number
  freeEnergy: number
  harmonicFreeEnergy: number
}

/**
 * Exact and harmonic basin populations at kT. The exact one integrates the
 * density over each cell of the basin map (Gauss-Legendre, in log space: no
 * overflow at low kT) and sums the cells of each basin; cells are labelled by
 * their centre. The harmonic one needs only each minimum's value and Hessian
 * determinant; it is good when kT is small against the barriers and the wells
 * are near-quadratic, and the two side by side show when it is not.
 */
export function basinPopulations(surface: CompiledSurface, map: BasinMap, kT: number): BasinPopulation[] {
  if (!(kT > 0)) throw new RangeError(`kT must be positive, not ${kT}`)
  const { nx, ny, xs, ys, labels, minima } = map
  const edges = (nodes: Float64Array, n: number, lo: number, hi: number, periodic: boolean) =>
    Float64Array.from({ length: n + 1 }, (_, k) => {
      if (periodic) return lo + ((hi - lo) * k) / n
      if (k === 0) return lo
      if (k === n) return hi
      return 0.5 * (nodes[k - 1] + nodes[k])
    })
  const d = surface.domain
  const xEdges = edges(xs, nx, d.xmin, d.xmax, map.periodic)
  const yEdges = edges(ys, ny, d.ymin, d.ymax, map.periodic)
  // On a periodic grid node k sits at the left edge of cell k; shift cells by half a spacing to centre them.
  if (map.periodic) {
    const hx = (d.xmax - d.xmin) / (2 * nx)
    const hy = (d.ymax - d.ymin) / (2 * ny)
    for (let k = 0; k <= nx; k++) xEdges[k] -= hx
    for (let k = 0; k <= ny; k++) yEdges[k] -= hy
  }
  const cells = exactBinProbabilities(surface, kT, xEdges, yEdges, 1)
  const exact = new Float64Array(minima.length)
  for (let i = 0; i < nx; i++) {
    for (let j = 0; j < ny; j++) {
      const label = labels[j * nx + i]
      if (label >= 0) exact[label] += cells[i * ny + j]
    }
  }
  const harmonic = harmonicPopulations(surface, minima, kT)
  return minima.map((_, k) => ({
    minimum: k,
    exact: exact[k],
    harmonic: harmonic[k],
    freeEnergy: -kT * Math.log(exact[k]),
    harmonicFreeEnergy: -kT * Math.log(harmonic[k]),
  }))
}

/** P_A proportional to exp(-U_A/kT) 2 pi kT / sqrt(det H_A), normalised over the minima. */
export function harmonicPopulations(surface: CompiledSurface, minima: readonly CriticalPoint[], kT: number): number[] {
  const h = new Float64Array(3)
  const logWeights = minima.map((m) => {
    surface.hessian(m.x, m.y, h)
    const det = h[0] * h[2] - h[1] * h[1]
    return det > 0 ? -m.value / kT + Math.log((2 * Math.PI * kT) / Math.sqrt(det)) : -Infinity
  })
  const logZ = logSumExp(logWeights)
  return logWeights.map((w) => Math.exp(w - logZ))
}
