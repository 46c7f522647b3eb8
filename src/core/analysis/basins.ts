import type { CompiledSurface } from '../surface'
import type { CriticalPoint } from './critical'
import { distance } from './domain'

/**
 * Basin map on a grid: each node labelled with the minimum that steepest descent
 * from it reaches. Descent follows the grid itself: from each node to its lowest
 * of 8 neighbours while that is lower, until a node lower than all its
 * neighbours (a discrete minimum), which takes the label of the nearest known
 * minimum. Every node is visited once (labels are memoised along each path), so
 * a 200 x 200 map costs about one surface evaluation per node.
 */
export interface BasinMap {
  nx: number
  ny: number
  xs: Float64Array
  ys: Float64Array
  /** U at node (i, j), stored at j * nx + i. */
  values: Float64Array
  /** Index into `minima` of the basin of node (i, j), or -1 (a node where U is not finite). */
  labels: Int32Array
  /** The minima, sorted by value (lowest first): the indices used everywhere. */
  minima: CriticalPoint[]
  periodic: boolean
}

export function basinMap(surface: CompiledSurface, points: readonly CriticalPoint[], nx = 200, ny = nx): BasinMap {
  const d = surface.domain
  const minima = points.filter((p) => p.kind === 'minimum').sort((a, b) => a.value - b.value)
  // A periodic axis leaves out its last node, which is the first one again.
  const axis = (min: number, max: number, n: number) =>
    Float64Array.from({ length: n }, (_, i) => (d.periodic ? min + ((max - min) * i) / n : min + ((max - min) * i) / (n - 1)))
  const xs = axis(d.xmin, d.xmax, nx)
  const ys = axis(d.ymin, d.ymax, ny)
  const values = new Float64Array(nx * ny)
  for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) values[j * nx + i] = surface.value(xs[i], ys[j])
  const labels = new Int32Array(nx * ny).fill(-2)
  const path: number[] = []
  for (let start = 0; start < labels.length; start++) {
    let node = start
    path.length = 0
    while (labels[node] === -2) {
      path.push(node)
      const next = lowestNeighbour(values, nx, ny, node, d.periodic === true)
      if (next === node) {
        labels[node] = Number.isFinite(values[node]) ? nearestMinimum(minima, xs[node % nx], ys[Math.floor(node / nx)], surface) : -1
        break
      }
      node = next
    }
    const label = labels[node]
    for (const p of path) labels[p] = label
  }
  return { nx, ny, xs, ys, values, labels, minima, periodic: d.periodic === true }
}

/** The neighbour (of 8) with the lowest value if it is lower than the node, else the node. */
function lowestNeighbour(values: Float64Array, nx: number, ny: number, node: number, periodic: boolean): number {
  const i = node % nx
  const j = Math.floor(node / nx)
  let best = node
  let bestValue = Number.isFinite(values[node]) ? values[node] : Infinity
  for (let dj = -1; dj <= 1; dj++) {
    for (let di = -1; di <= 1; di++) {
      if (di === 0 && dj === 0) continue
      let a = i + di
      let b = j + dj
      if (periodic) {
        a = (a + nx) % nx
        b = (b + ny) % ny
      } else if (a < 0 || a >= nx || b < 0 || b >= ny) continue
      const k = b * nx + a
      if (values[k] < bestValue) {
        bestValue = values[k]
        best = k
      }
    }
  }
  return best
}

function nearestMinimum(minima: readonly CriticalPoint[], x: number, y: number, surface: CompiledSurface): number {
  let best = -1
  let bestDistance = Infinity
  minima.forEach((m, k) => {
    const r = distance(surface.domain, x, y, m.x, m.y)
    if (r < bestDistance) {
      bestDistance = r
      best = k
    }
  })
  return best
}

/** The basin label of any point: the label of the nearest grid node. */
export function basinAt(map: BasinMap, x: number, y: number): number {
  const { nx, ny, xs, ys } = map
  const fx = ((x - xs[0]) / (xs[nx - 1] - xs[0])) * (nx - 1)
  const fy = ((y - ys[0]) / (ys[ny - 1] - ys[0])) * (ny - 1)
  let i = Math.round(fx)
  let j = Math.round(fy)
  if (map.periodic) {
    i = ((i % nx) + nx) % nx
    j = ((j % ny) + ny) % ny
  }
  if (!(i >= 0 && i < nx && j >= 0 && j < ny)) return -1
  return map.labels[j * nx + i]
}
