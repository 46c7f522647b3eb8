import { frameBuffers } from '../core/run/frame'
import type { SimulationService } from './protocol'
import { serve } from './serve'
import { Simulation } from '../core/run/simulation'

/**
 * Owns the running walkers. Answers each request in order: a load builds the
 * simulation, a frame request advances it and sends one frame per lane with its
 * arrays transferred, a positions request sends exact float64 positions.
 */
let simulation: Simulation | null = null

function loaded(): Simulation {
  if (!simulation) throw new Error('no simulation loaded')
  return simulation
}

serve<SimulationService>({
  load({ setup }) {
    simulation = new Simulation(setup)
    return {
      landscape: simulation.landscape,
      lanes: simulation.runs.map((r) => ({
        method: r.lane.config.method.id,
        family: r.lane.config.method.family,
        walkers: r.lane.walkers.n,
      })),
    }
  },
  frame({ advance, sampling }, context) {
    const sim = loaded()
    sim.advance(advance)
    const frames = sim.frames(sampling)
    context.transfer(frames.flatMap(frameBuffers))
    return { step: sim.step, frames }
  },
  positions({ lane }, context) {
    const { dim, coords } = loaded().positions(lane)
    context.transfer(coords.map((c) => c.buffer as ArrayBuffer))
    return { lane, dim, coords }
  },
})
