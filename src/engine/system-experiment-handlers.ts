import { checkSystemExperiment, systemExperimentById } from '../core/experiments/systems'
import { systemById } from '../core/systems'
import { descentFromRandomStarts } from '../core/systems/descent'
import { chartedHistogram } from './descent-histogram'
import type { DescentAnswer, DescentRequest, SystemExperimentAnswer } from './system-experiment-protocol'

/** What the experiment worker answers, as plain functions (the worker only serves them). */

/** Runs guided experiment `id` and checks its claim; throws a RangeError for an unknown id. */
export function runSystemExperiment(id: string): SystemExperimentAnswer {
  const t0 = performance.now()
  const e = systemExperimentById(id)
  if (!e) throw new RangeError(`unknown experiment '${id}'`)
  const r = checkSystemExperiment(e)
  return {
    id,
    numbers: { ...r.numbers },
    failures: [...r.failures],
    outcome: e.prediction.outcome(r),
    seconds: (performance.now() - t0) / 1000,
  }
}

/** Runs a local minimiser from the request's random starts; throws a RangeError for an unknown system. */
export function runDescent(request: DescentRequest): DescentAnswer {
  const t0 = performance.now()
  const descriptor = systemById(request.system)
  if (!descriptor) throw new RangeError(`unknown system '${request.system}'`)
  const out = descentFromRandomStarts(descriptor, {
    method: request.method,
    starts: request.starts,
    seed: request.seed,
    maxSteps: request.maxSteps,
  })
  return {
    ...request,
    energies: out.energies,
    minimum: out.minimum,
    running: out.running,
    diverged: out.diverged,
    atGlobal: out.atGlobal,
    global: out.global,
    steps: out.steps,
    // Starts still moving at the cap are drawn too: gradient descent on a chain rarely finishes.
    ...chartedHistogram(out.energies, out.global),
    seconds: (performance.now() - t0) / 1000,
  }
}
