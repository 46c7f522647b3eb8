import { resolveSystem } from '../core/systems/cvs'
import { atomLayoutOf, graphLines } from '../core/systems/draw'
import { buildLandscapeGraph } from '../core/systems/graph'
import type { LandscapeService } from './system-protocol'
import { serve } from './serve'

/**
 * Builds a system's disconnectivity graph on demand, off the page and off the running walkers:
 * quenches from seeded random starts, transition states between the lowest minima by CI-NEB, then
 * the graph and its lines. Cancelling terminates the worker.
 */
serve<LandscapeService>({
  graph({ system, starts, seed }, context) {
    const t0 = performance.now()
    context.progress(0)
    const descriptor = resolveSystem(system)
    const land = buildLandscapeGraph(descriptor, { starts, seed, layout: atomLayoutOf(descriptor) })
    const lines = graphLines(land.graph)
    return {
      minima: land.minima,
      saddles: land.saddles.map((s) => ({ energy: s.energy, from: s.from, to: s.to })),
      barriers: land.graph.barriers.map((b) => ({ a: b.a, b: b.b, saddleEnergy: b.saddleEnergy })),
      lines: { x: lines.x, y: lines.y, range: lines.range },
      leaves: lines.leaves,
      starts: land.starts,
      seconds: (performance.now() - t0) / 1000,
    }
  },
})
