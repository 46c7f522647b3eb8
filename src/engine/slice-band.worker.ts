import { serve } from './serve'
import { sliceBandHandlers, type SliceBandService } from './slice-band'

/** Computes bands of a loss slice's rows (slice-band.ts). */
serve<SliceBandService>(sliceBandHandlers())
