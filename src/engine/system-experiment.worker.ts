import { runDescent, runSystemExperiment } from './system-experiment-handlers'
import type { SystemExperimentService } from './system-experiment-protocol'
import { serve } from './serve'

/**
 * Runs a guided experiment on a molecule, or a local minimiser from many random starts, off the
 * page: each is seconds of computation in one call.
 */
serve<SystemExperimentService>({
  experiment: ({ id }) => runSystemExperiment(id),
  descent(request, context) {
    const answer = runDescent(request)
    context.transfer([answer.energies.buffer as ArrayBuffer])
    return answer
  },
})
