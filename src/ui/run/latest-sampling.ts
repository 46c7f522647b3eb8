import type { LaneFrame, SamplingFrame } from '../../core/run/frame'

/** A lane's latest comparison with the exact answer, the step it was made at, and the method's extras. */
export interface KeptSampling {
  sampling: SamplingFrame | null
  /** The step of the frame that carried `sampling` (null without one). */
  sampledAt: number | null
  extras: Record<string, unknown> | null
}

/**
 * Frames carry the comparison with the exact answer (and a method's extras)
 * about once a second: this keeps each lane's latest, and forgets them when the
 * run starts over (the step goes back) or the lanes change.
 */
export class LatestSampling {
  #kept: (KeptSampling & { method: string })[] = []
  #step = 0

  update(frames: readonly LaneFrame[]): readonly KeptSampling[] {
    const step = frames[0]?.step ?? 0
    if (step < this.#step || frames.length !== this.#kept.length) this.#kept = []
    this.#step = step
    this.#kept = frames.map((f, k) => {
      const before = this.#kept[k]?.method === f.method ? this.#kept[k] : null
      return {
        sampling: f.sampling ?? before?.sampling ?? null,
        sampledAt: f.sampling ? f.step : (before?.sampledAt ?? null),
        extras: f.extras ?? before?.extras ?? null,
        method: f.method,
      }
    })
    return this.#kept
  }
}
