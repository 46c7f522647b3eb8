import { runTrainingExperiment } from './training-experiment-handlers'
import type { TrainingExperimentService } from './training-experiment-protocol'
import { serve } from './serve'

/** Runs a guided experiment on training off the page: a second or so of computation in one call. */
serve<TrainingExperimentService>({
  experiment: ({ id }, context) => runTrainingExperiment(id, (fraction) => context.progress(fraction)),
})
