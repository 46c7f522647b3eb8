import { attractionMap } from '../src/core/studies/attraction'
import { basinMap } from '../src/core/landscape/basins'
import { boltzmannDensity, exactBinProbabilities } from '../src/core/landscape/boltzmann'
import { Histogram2D } from '../src/core/studies/histogram'
import { basinPopulations } from '../src/core/landscape/populations'
import { SAMPLING_BINS } from '../src/core/run/simulation'
import { criticalPoints } from '../src/core/landscape/critical'
import { methodById } from '../src/core/dynamics/methods'
import { resolveSettings } from '../src/core/dynamics/params'
import { statusScales } from '../src/core/landscape/scales'
import { atlasSurface } from '../src/core/surfaces'
import { compileAtlasSurface } from '../src/core/surfaces/compile'
import { time } from './measure'

/** The landscape analysis figures: exact density with the basin map, and an optimizer's basins of attraction. */
export function analysisBenchmarks(): void {
  const entry = atlasSurface('muller-brown')!
  const surface = compileAtlasSurface(entry)
  const points = criticalPoints(surface)
  const d = surface.domain
  const area = ((d.xmax - d.xmin) / 199) * ((d.ymax - d.ymin) / 199)
  const densityMs = time(() => {
    const map = basinMap(surface, points, 200)
    boltzmannDensity(map.values, 20, area)
  }, 5)
  console.log(
    `\nMüller-Brown, 200 x 200 grid: basin map by the gradient flow (ridges traced, cells split) + ` +
      `exact Boltzmann density at kT = 20: ${densityMs.toFixed(1)} ms`,
  )
  const nodesMs = time(() => basinMap(surface, points, 200, 200, { ridges: false }), 5)
  console.log(`  the nodes' labels alone (what the map's overlay draws): ${nodesMs.toFixed(1)} ms`)
  for (const id of ['rastrigin', 'dihedral']) {
    const other = compileAtlasSurface(atlasSurface(id)!)
    const otherPoints = criticalPoints(other)
    console.log(`  ${id}, 150 x 150 with ridges: ${time(() => basinMap(other, otherPoints, 150), 3).toFixed(0)} ms`)
  }
  // What a sampler lane compares with, made once per run and temperature in the worker (src/engine/simulation.ts):
  // probabilities integrated over each histogram bin (Gauss-Legendre) and basin populations by quadrature.
  const map150 = basinMap(surface, points, 150)
  const h = Histogram2D.uniform(d.xmin, d.xmax, SAMPLING_BINS, d.ymin, d.ymax, SAMPLING_BINS)
  const referenceMs = time(() => {
    exactBinProbabilities(surface, 20, h.xEdges, h.yEdges, 2)
    basinPopulations(surface, map150, 20)
  }, 5)
  console.log(
    `the page's exact reference at kT = 20 (${SAMPLING_BINS} x ${SAMPLING_BINS} bins integrated, ` +
      `populations of the 150 x 150 basin map): ${referenceMs.toFixed(0)} ms, once per run and temperature`,
  )
  const gd = methodById('gd')!
  const settings = resolveSettings(gd.params, { lr: 1e-4 }, 'gd')
  if (!settings.ok) throw new Error('settings')
  const scales = statusScales(surface, points)
  const minima = points.filter((p) => p.kind === 'minimum').sort((a, b) => a.value - b.value)
  let steps = 0
  const mapMs = time(
    () => (steps = attractionMap({ surface, method: gd, settings: settings.settings, scales, minima, n: 100 }).steps),
    3,
  )
  console.log(
    `gradient descent (lr 1e-4) basin-of-attraction map, 100 x 100 starts: ${mapMs.toFixed(0)} ms, ` +
      `${steps} steps until every start settled (target < 1 s)`,
  )
}
