import { frameBuffers } from './frame'
import { Simulation } from './simulation'
import type { SimulationAnswer, SimulationRequest } from './simulation-messages'

/**
 * Owns the running walkers. Answers each request in order: a load builds the
 * simulation, a frame request advances it and sends one frame per lane with its
 * arrays transferred, a positions request sends exact float64 positions.
 */
let simulation: Simulation | null = null

self.onmessage = (event: MessageEvent<SimulationRequest>) => {
  const request = event.data
  let answer: SimulationAnswer
  let transfer: ArrayBuffer[] = []
  try {
    if (request.type === 'load') {
      simulation = new Simulation(request.setup)
      answer = {
        type: 'loaded',
        id: request.id,
        landscape: simulation.landscape,
        lanes: simulation.runs.map((r) => ({ method: r.lane.config.method.id, family: r.lane.config.method.family, walkers: r.lane.walkers.n })),
      }
    } else if (!simulation) {
      answer = { type: 'failure', id: request.id, message: 'no simulation loaded' }
    } else if (request.type === 'frame') {
      simulation.advance(request.advance)
      const frames = simulation.frames(request.sampling)
      answer = { type: 'frame', id: request.id, step: simulation.step, frames }
      transfer = frames.flatMap(frameBuffers)
    } else {
      const { x, y } = simulation.positions(request.lane)
      answer = { type: 'positions', id: request.id, lane: request.lane, x, y }
      transfer = [x.buffer as ArrayBuffer, y.buffer as ArrayBuffer]
    }
  } catch (e) {
    answer = { type: 'failure', id: request.id, message: e instanceof Error ? e.message : String(e) }
  }
  self.postMessage(answer, { transfer })
}
