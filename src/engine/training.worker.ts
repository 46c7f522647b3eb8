import { TrainingRun } from './training-run'
import { slicePlaneBuffers, trainingFrameBuffers, type TrainingService } from './training-protocol'
import { serve } from './serve'

/**
 * Owns the training section's networks: a load builds the run, a frame request advances it (within
 * a time budget) and answers with one frame, a slice request builds the plane of a loss slice
 * through the chosen network's weights (its grid is shared among band workers, slice-pool.ts); the
 * arrays are transferred.
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
  slicePlane(request, context) {
    if (!run) throw new Error('no training run loaded')
    const answer = run.slicePlane(request)
    context.transfer(slicePlaneBuffers(answer))
    return answer
  },
})
