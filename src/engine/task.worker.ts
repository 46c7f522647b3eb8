import { attractionMap } from '../core/analysis/attraction'
import { basinMap } from '../core/analysis/basins'
import { criticalPoints } from '../core/analysis/critical'
import { connectSaddles } from '../core/analysis/saddles'
import { temperatureSweep } from '../core/analysis/sweep'
import { methodById } from '../core/dynamics/methods'
import { resolveSettings } from '../core/dynamics/params'
import { statusScales } from '../core/dynamics/scales'
import { compileProgram } from '../core/formula/compile'
import type { TaskAnswer, TaskRequest } from './task-messages'

/**
 * Long work started from the page (a basin-of-attraction map, a temperature
 * sweep), off both the page and the running simulation. It reports progress;
 * cancelling terminates the worker (the client starts a fresh one).
 */
self.onmessage = (event: MessageEvent<TaskRequest>) => {
  const r = event.data
  const post = (answer: TaskAnswer) => self.postMessage(answer)
  try {
    const surface = compileProgram(r.surface.program, new Map(r.surface.parameters), r.surface.domain)
    const method = methodById(r.method)
    if (!method) throw new Error(`unknown method ${r.method}`)
    const points = criticalPoints(surface)
    const scales = statusScales(surface, points)
    let last = 0
    const progress = (fraction: number) => {
      if (fraction - last >= 0.01 || fraction === 1) {
        last = fraction
        post({ type: 'progress', id: r.id, fraction })
      }
      return true
    }
    if (r.type === 'attraction') {
      const settings = resolveSettings(method.params, r.settings, method.name)
      if (!settings.ok) throw new Error(settings.errors[0].message)
      const minima = points.filter((p) => p.kind === 'minimum').sort((a, b) => a.value - b.value)
      const map = attractionMap({ surface, method, settings: settings.settings, scales, minima, n: r.n, maxSteps: r.maxSteps, seed: r.seed, progress })
      self.postMessage({ type: 'attraction', id: r.id, map } satisfies TaskAnswer, { transfer: [map.outcome.buffer, map.minimum.buffer, map.xs.buffer, map.ys.buffer] as ArrayBuffer[] })
    } else {
      const result = temperatureSweep({
        surface,
        landscape: connectSaddles(surface, points),
        map: basinMap(surface, points, 200),
        scales,
        method,
        settings: r.settings,
        kTs: r.kTs,
        walkers: r.walkers,
        steps: r.steps,
        burnin: r.burnin,
        seed: r.seed,
        from: r.from,
        to: r.to,
        progress,
      })
      if ('error' in result) throw new Error(result.error.message)
      post({ type: 'sweep', id: r.id, result })
    }
  } catch (e) {
    post({ type: 'failure', id: r.id, message: e instanceof Error ? e.message : String(e) })
  }
}
