import { attractionMap } from '../src/core/analysis/attraction'
import { basinMap } from '../src/core/analysis/basins'
import { boltzmannDensity } from '../src/core/analysis/boltzmann'
import { criticalPoints } from '../src/core/analysis/critical'
import { methodById } from '../src/core/dynamics/methods'
import { resolveSettings } from '../src/core/dynamics/params'
import { statusScales } from '../src/core/dynamics/scales'
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
  }, 7)
  console.log(`\nMüller-Brown, 200 x 200 grid: basin map + exact Boltzmann density at kT = 20: ${densityMs.toFixed(1)} ms (target < 50 ms)`)
  const gd = methodById('gd')!
  const settings = resolveSettings(gd.params, { lr: 1e-4 }, 'gd')
  if (!settings.ok) throw new Error('settings')
  const scales = statusScales(surface, points)
  const minima = points.filter((p) => p.kind === 'minimum').sort((a, b) => a.value - b.value)
  let steps = 0
  const mapMs = time(() => (steps = attractionMap({ surface, method: gd, settings: settings.settings, scales, minima, n: 100 }).steps), 3)
  console.log(`gradient descent (lr 1e-4) basin-of-attraction map, 100 x 100 starts: ${mapMs.toFixed(0)} ms, ${steps} steps until every start settled (target < 1 s)`)
}
