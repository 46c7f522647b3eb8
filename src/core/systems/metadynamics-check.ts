import type { FreeEnergySurface } from './free-energy'
import {
  alignedDifference,
  binnedFreeEnergy,
  CvMetadynamics,
  populatedBins,
  surfaceAgreement,
  type CvMetadynamicsConfig,
  type SurfaceAgreement,
} from './metadynamics'
import { temperingReference, type TemperingReferenceConfig } from './tempering-reference'

/**
 * A well-tempered estimate of F over two variables held against an unbiased parallel-tempering
 * reference on the reference's grid, over the bins where the reference has F below `within`
 * (energy units; both aligned by their mean there).
 *
 * The estimate's own error is measured as the rms change of the estimate from t/2 to t: once the
 * hills have shrunk, a well-tempered bias approaches its limit as 1/t (Dama, Parrinello & Voth,
 * PRL 112, 240602, 2014), so the error left at t equals that change. With the reference's block
 * errors it makes z = difference / sqrt(sigma_ref^2 + sigma_wt^2) per bin, about standard normal
 * when the two agree.
 */
export interface MetadynamicsCheckConfig {
  readonly metadynamics: CvMetadynamicsConfig
  readonly reference: TemperingReferenceConfig
  /** Steps of metadynamics, and an early step count at which the estimate is also read. */
  readonly steps: number
  readonly early: number
  readonly within: number
}

export interface MetadynamicsCheck {
  readonly reference: FreeEnergySurface
  /** The estimate per bin of the reference's grid at the end, and at `early` steps. */
  readonly estimate: number[][]
  readonly earlyEstimate: number[][]
  /** rms change of the estimate over the run's second half, over the compared bins. */
  readonly estimateError: number
  readonly final: SurfaceAgreement
  readonly early: SurfaceAgreement
  /** A flat estimate (no hills) against the same reference and errors. */
  readonly flat: SurfaceAgreement
  readonly hills: number
  readonly walkerSteps: number
}

export function checkMetadynamics(config: MetadynamicsCheckConfig): MetadynamicsCheck {
  const { steps, early, within } = config
  if (!(early > 0 && early < steps / 2 && steps % 2 === 0))
    throw new RangeError(`metadynamics check: need 0 < early < steps/2 and even steps (${early}, ${steps})`)
  const reference = temperingReference(config.reference)
  const { s1, s2, kT } = config.reference
  const meta = new CvMetadynamics(config.metadynamics)
  const read = () => binnedFreeEnergy((a, b) => meta.freeEnergyAt(a, b), s1, s2, kT)
  meta.advance(early)
  const earlyEstimate = read()
  meta.advance(steps / 2 - early)
  const half = read()
  meta.advance(steps / 2)
  const estimate = read()
  const bins = populatedBins(reference, within)
  const estimateError = alignedDifference(estimate, half, bins).rms
  return {
    reference,
    estimate,
    earlyEstimate,
    estimateError,
    final: surfaceAgreement(reference, estimate, within, estimateError),
    early: surfaceAgreement(reference, earlyEstimate, within, estimateError),
    flat: surfaceAgreement(
      reference,
      estimate.map((row) => row.map(() => 0)),
      within,
      estimateError,
    ),
    hills: meta.hills,
    walkerSteps: steps * config.metadynamics.walkers,
  }
}
