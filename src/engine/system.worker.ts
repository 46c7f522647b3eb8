import { MoleculeRun } from './system-run'
import { moleculeFrameBuffers, type MoleculeService } from './system-protocol'
import { serve } from './serve'

/**
 * Owns the molecule section's running walkers: a load builds the run, a frame request advances it
 * (within a time budget) and answers with one frame, its arrays transferred.
 */
let run: MoleculeRun | null = null

serve<MoleculeService>({
  load({ setup, load }) {
    run = null
    run = new MoleculeRun(setup, load)
    return run.loaded()
  },
  frame(request, context) {
    if (!run) throw new Error('no molecule run loaded')
    const frame = run.frame(request)
    context.transfer(moleculeFrameBuffers(frame))
    return frame
  },
})
