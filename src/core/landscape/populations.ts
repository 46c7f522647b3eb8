import type { CompiledSurface } from '../surface'
import { cellSize, LINE_POSITIONS, QUADRATURE, SPLIT, type BasinMap } from './basins'
import { GL_NODES, GL_WEIGHTS, logSumExp } from './boltzmann'
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
 * density over the basins of the map (Gauss-Legendre, in log space: no overflow
 * at low kT): a cell inside one basin with 6 x 6 points, a cell crossed by a ridge
 * along each of its lines, on each side of the ridge's crossing (see BasinMap).
 * The harmonic one needs only each minimum's value and Hessian determinant; it is
 * good when kT is small against the barriers and the wells are near-quadratic, and
 * the two side by side show when it is not.
 */
export function basinPopulations(surface: CompiledSurface, map: BasinMap, kT: number): BasinPopulation[] {
  if (!(kT > 0)) throw new RangeError(`kT must be positive, not ${kT}`)
  const { minima } = map
  const basins: number[][] = minima.map(() => [])
  const total: number[] = []
  cellMasses(surface, map, kT, (_, label, logW) => {
    total.push(logW)
    if (label >= 0) basins[label]!.push(logW)
  })
  const logZ = logSumExp(total)
  const harmonic = harmonicPopulations(surface, minima, kT)
  return basins.map((logs, k) => {
    const exact = Math.exp(logSumExp(logs) - logZ)
    const share = harmonic[k]!
    return {
      minimum: k,
      exact,
      harmonic: share,
      freeEnergy: -kT * Math.log(exact),
      harmonicFreeEnergy: -kT * Math.log(share),
    }
  })
}

/**
 * Visits the log of the integral of exp(-U/kT) over each map cell's part in each
 * basin (label -1: in none): a cell inside one basin once, by 6 x 6 Gauss-Legendre
 * points; a cell crossed by a ridge along each of its lines, once per piece of line
 * between crossings (so a cell is visited several times, a piece at a time).
 */
export function cellMasses(
  surface: CompiledSurface,
  map: BasinMap,
  kT: number,
  visit: (cell: number, label: number, logW: number) => void,
): void {
  const { xs, ys, cells } = map
  const { cx, cy } = cells
  const [hx, hy] = cellSize(map)
  const q = GL_NODES.length
  const terms = new Float64Array(q * q)
  // log of the integral of the density over [a, b] along a line, by q-point Gauss-Legendre (weights scaled by w).
  const lineTerms = new Float64Array(q)
  const alongLine = (point: (t: number) => [number, number], a: number, b: number, logScale: number): number => {
    if (b <= a) return -Infinity
    for (let r = 0; r < q; r++) {
      const t = a + (b - a) * 0.5 * (1 + GL_NODES[r]!)
      const u = surface.value(...point(t))
      lineTerms[r] = Number.isFinite(u) ? Math.log(GL_WEIGHTS[r]! * 0.5 * (b - a)) + logScale - u / kT : -Infinity
    }
    return logSumExp(lineTerms)
  }
  for (let j = 0; j < cy; j++) {
    for (let i = 0; i < cx; i++) {
      const cell = j * cx + i
      const x0 = xs[0]! + i * hx
      const y0 = ys[0]! + j * hy
      const label = cells.label[cell]!
      if (label !== SPLIT) {
        let k = 0
        for (let s = 0; s < q; s++) {
          for (let r = 0; r < q; r++) {
            const u = surface.value(x0 + 0.5 * hx * (1 + GL_NODES[s]!), y0 + 0.5 * hy * (1 + GL_NODES[r]!))
            terms[k++] = Number.isFinite(u)
              ? Math.log(GL_WEIGHTS[s]! * GL_WEIGHTS[r]! * 0.25 * hx * hy) - u / kT
              : -Infinity
          }
        }
        visit(cell, label, logSumExp(terms))
        continue
      }
      const split = cells.split[cell]!
      const alongX = cells.axis[split] === 0
      for (let line = 0; line < QUADRATURE; line++) {
        const s = LINE_POSITIONS[line]!
        const point = (t: number): [number, number] =>
          alongX ? [x0 + t * hx, y0 + s * hy] : [x0 + s * hx, y0 + t * hy]
        // The line's weight across the cell: a Gauss-Legendre weight on [0, 1] times the cell's area.
        const logScale = Math.log(0.5 * GL_WEIGHTS[line]! * hx * hy)
        const at = split * QUADRATURE + line
        visit(cell, cells.before[at]!, alongLine(point, 0, cells.first[at]!, logScale))
        visit(cell, cells.between[at]!, alongLine(point, cells.first[at]!, cells.second[at]!, logScale))
        visit(cell, cells.after[at]!, alongLine(point, cells.second[at]!, 1, logScale))
      }
    }
  }
}

/** P_A proportional to exp(-U_A/kT) 2 pi kT / sqrt(det H_A), normalised over the minima. */
export function harmonicPopulations(surface: CompiledSurface, minima: readonly CriticalPoint[], kT: number): number[] {
  const h = new Float64Array(3)
  const logWeights = minima.map((m) => {
    surface.hessian(m.x, m.y, h)
    const det = h[0]! * h[2]! - h[1]! * h[1]!
    return det > 0 ? -m.value / kT + Math.log((2 * Math.PI * kT) / Math.sqrt(det)) : -Infinity
  })
  const logZ = logSumExp(logWeights)
  return logWeights.map((w) => Math.exp(w - logZ))
}
