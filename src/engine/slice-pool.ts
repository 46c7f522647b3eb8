import { bandRows, joinSlice, type SliceBandService } from './slice-band'
import type { TrainingClient } from './training-client'
import type { LossSliceAnswer, SliceRequest, TrainingSetup } from './training-protocol'
import { WorkerClient } from './worker-client'

/** Band workers at most: a slice's rows are shared among them. */
export const MAX_BAND_WORKERS = 4

/** One band worker per core the browser reports, at least 1 and at most MAX_BAND_WORKERS. */
export function bandWorkerCount(cores: number | undefined): number {
  if (cores === undefined || !Number.isFinite(cores)) return 2
  return Math.max(1, Math.min(MAX_BAND_WORKERS, Math.floor(cores)))
}

/**
 * The page's band workers: a slice's plane comes from the training worker, then its grid's rows
 * are split among the band workers, which run at once (a 60 × 60 slice of a 2-16-16-1 network on
 * 500 points is 3,600 full-batch losses, about 2 s on one core of a slow machine). They start at
 * the first slice and stay for the next.
 */
export class SlicePool {
  readonly #clients: WorkerClient<SliceBandService>[]

  constructor(
    size: number,
    start: () => Worker = () => new Worker(new URL('./slice-band.worker.ts', import.meta.url), { type: 'module' }),
  ) {
    this.#clients = Array.from({ length: Math.max(1, size) }, (_, k) => new WorkerClient(`slice band ${k + 1}`, start))
  }

  get size(): number {
    return this.#clients.length
  }

  /**
   * Starts the band workers and has each build the setup's network, so that the first slice does not
   * wait for them (a failure here is left for the slice to report).
   */
  prepare(setup: TrainingSetup): void {
    for (const c of this.#clients) {
      if (c.crashed) c.restart()
      c.call('prepare', { setup }).catch(() => {})
    }
  }

  /** The plane from the training worker, then the grid's bands from the band workers at once. */
  async slice(
    training: TrainingClient,
    setup: TrainingSetup,
    request: SliceRequest,
    clock: () => number = () => performance.now(),
  ): Promise<LossSliceAnswer> {
    const t0 = clock()
    const plane = await training.call('slicePlane', request)
    const { na, nb, a, b, origin, d, e } = plane
    const bands = bandRows(nb, this.#clients.length)
    // A band worker that crashed on an earlier slice gets a fresh start: this slice is a new request.
    for (const c of this.#clients) if (c.crashed) c.restart()
    const answers = await Promise.all(
      bands.map((rows, k) => this.#clients[k]!.call('rows', { setup, plane: { na, nb, a, b, origin, d, e }, rows })),
    )
    return joinSlice(
      plane,
      answers.map((x) => x.values),
      clock() - t0,
    )
  }

  dispose(): void {
    for (const c of this.#clients) c.dispose()
  }
}
