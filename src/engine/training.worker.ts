import { TrainingRun } from './training-run'
import { sliceBuffers, trainingFrameBuffers, type TrainingService } from './training-protocol'
import { serve } from './serve'

/**
 * Owns the training section's networks: a load builds the run, a frame request advances it (within
 * a time budget) and answers with one frame, a slice request builds a loss slice through the chosen
 * network's weights; the arrays are transferred.
 */
let run: TrainingRun | null = null

serve<TrainingService>({
  load({ setup, load }) {
    run = null
    run = new TrainingRun(setup, load)
    const loaded = run.loaded()
    return loaded
  },
  frame(request, context) {
    if (!run) throw new Error('no training run loaded')
    const frame = run.frame(request)
    context.transfer(trainingFrameBuffers(frame))
    return frame
  },
  slice(request, context) {
    if (!run) throw new Error('no training run loaded')
    const answer = run.slice(request)
    context.transfer(sliceBuffers(answer))
    return answer
  },
})
