import { basinMap } from '../core/analysis/basins'
import { criticalPoints } from '../core/analysis/critical'
// compile.ts directly, not the formula index: the index also exports checkFormula, which needs mathjs.
import { compileProgram } from '../core/formula/compile'
import { sampleGrid } from './grid'
import { basinBuffers, gridBuffers, type SurfaceRequest, type WorkerAnswer, type WorkerRequest } from './messages'

/**
 * Samples a checked surface for the plots and finds its critical points and the
 * basins of its minima, off the page's thread. Only the newest waiting request
 * is worked on: the page drops answers to older ones anyway.
 */

let latest: SurfaceRequest | null = null

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const pending = latest !== null
  latest = event.data
  // Let requests already queued behind this one arrive first, then serve the newest.
  if (!pending) setTimeout(serveLatest, 0)
}

function serveLatest(): void {
  const request = latest
  latest = null
  if (request) answer(request)
}

function answer(request: SurfaceRequest): void {
  let reply: WorkerAnswer
  let transfer: ArrayBuffer[] = []
  try {
    // Only drawn and analysed here: the engine's own Math is faster, and nothing here moves walkers.
    const surface = compileProgram(request.program, new Map(request.parameters), request.domain, { math: 'native' })
    const contour = sampleGrid(surface, request.domain, request.grids.contour)
    const mesh = sampleGrid(surface, request.domain, request.grids.mesh)
    const points = criticalPoints(surface)
    // The overlay draws the nodes' labels: the ridges through the cells are not needed here.
    const { nx, ny, xs, ys, labels } = basinMap(surface, points, request.grids.contour.nx, request.grids.contour.ny, { ridges: false })
    const basins = { nx, ny, xs, ys, labels }
    reply = { type: 'surface', id: request.id, contour, mesh, points, basins }
    transfer = [...gridBuffers(contour), ...gridBuffers(mesh), ...basinBuffers(basins)]
  } catch (e) {
    reply = { type: 'failure', id: request.id, message: e instanceof Error ? e.message : String(e) }
  }
  self.postMessage(reply, { transfer })
}
