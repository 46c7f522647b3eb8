import { attractionMap } from '../core/studies/attraction'
import { temperatureSweep } from '../core/studies/sweep'
import { resolveLane } from '../core/dynamics/resolve'
import { compileProgram } from '../core/formula/compile'
import type { TaskService } from './protocol'
import { serve } from './serve'

/**
 * Long work started from the page (a basin-of-attraction map, a temperature
 * sweep), off both the page and the running simulation, on the surface's
 * analysis made once in the surface worker. It reports progress; cancelling
 * terminates the worker (the client starts a fresh one).
 */
serve<TaskService>({
  attraction(task, context) {
    const { surface, analysis, lane } = prepare(task)
    const map = attractionMap({
      surface,
      method: lane.method,
      settings: lane.settings,
      scales: analysis.scales,
      minima: analysis.landscape.minima,
      n: task.n,
      maxSteps: task.maxSteps,
      seed: task.seed,
      progress: report(context),
    })
    context.transfer([map.outcome.buffer, map.minimum.buffer, map.xs.buffer, map.ys.buffer] as ArrayBuffer[])
    return map
  },
  sweep(task, context) {
    const { surface, analysis, lane } = prepare(task)
    const { kTs, walkers, steps, burnin, seed, from, to } = task
    const result = temperatureSweep({
      surface,
      landscape: analysis.landscape,
      map: analysis.map,
      scales: analysis.scales,
      method: lane.method,
      settings: task.settings,
      kTs,
      walkers,
      steps,
      burnin,
      seed,
      from,
      to,
      progress: report(context),
    })
    if ('error' in result) throw new Error(result.error.message)
    return result
  },
})

function prepare(task: {
  surface: TaskService['sweep']['params']['surface']
  method: string
  settings: Record<string, number | string>
}) {
  const { program, parameters, domain, analysis } = task.surface
  const resolved = resolveLane(task.method, task.settings)
  if (!resolved.ok) throw new Error(resolved.errors[0]!.message)
  return { surface: compileProgram(program, new Map(parameters), domain), analysis, lane: resolved.lane }
}

function report(context: { progress(fraction: number): void }): (fraction: number) => boolean {
  return (fraction) => {
    context.progress(fraction)
    return true
  }
}
