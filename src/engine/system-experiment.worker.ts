import { checkSystemExperiment, systemExperimentById } from '../core/experiments/systems'
import { descentFromRandomStarts } from '../core/systems/descent'
import { systemById } from '../core/systems'
import { chartedHistogram } from './descent-histogram'
import type { SystemExperimentService } from './system-experiment-protocol'
import { serve } from './serve'

/**
 * Runs a guided experiment on a molecule, or a local minimiser from many random starts, off the
 * page: each is seconds of computation in one call.
 */
serve<SystemExperimentService>({
  experiment({ id }) {
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
  },
  descent(request, context) {
    const t0 = performance.now()
    const descriptor = systemById(request.system)
    if (!descriptor) throw new RangeError(`unknown system '${request.system}'`)
    const out = descentFromRandomStarts(descriptor, {
      method: request.method,
      starts: request.starts,
      seed: request.seed,
      maxSteps: request.maxSteps,
    })
    context.transfer([out.energies.buffer as ArrayBuffer])
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
  },
})
