import type { SurfaceAnswer, SurfaceRequest, WorkerAnswer } from './messages'

type Job = Omit<SurfaceRequest, 'type' | 'id'>

interface Waiting {
  resolve: (answer: SurfaceAnswer | null) => void
  reject: (error: Error) => void
}

/**
 * The page's side of the surface worker. Every request gets a new id; when a
 * newer request is sent, the older one settles with null and its answer, if it
 * still comes, is dropped, so a stale surface never replaces a newer one.
 */
export class SurfaceClient {
  readonly #worker: Worker
  #nextId = 1
  readonly #waiting = new Map<number, Waiting>()

  constructor() {
    this.#worker = new Worker(new URL('./surface.worker.ts', import.meta.url), { type: 'module' })
    this.#worker.onmessage = (event: MessageEvent<WorkerAnswer>) => this.#receive(event.data)
    this.#worker.onerror = (event: ErrorEvent) => {
      event.preventDefault()
      this.#failAll(new Error(`surface worker: ${event.message || 'failed to start'}`))
    }
  }

  /** Resolves with the answer, or with null when a newer request made this one stale. */
  compute(job: Job): Promise<SurfaceAnswer | null> {
    for (const waiting of this.#waiting.values()) waiting.resolve(null)
    this.#waiting.clear()
    const id = this.#nextId++
    const request: SurfaceRequest = { type: 'surface', id, ...job }
    return new Promise((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject })
      this.#worker.postMessage(request)
    })
  }

  dispose(): void {
    this.#worker.terminate()
    this.#failAll(new Error('surface worker stopped'))
  }

  #receive(answer: WorkerAnswer): void {
    const waiting = this.#waiting.get(answer.id)
    if (!waiting) return
    this.#waiting.delete(answer.id)
    if (answer.type === 'surface') waiting.resolve(answer)
    else waiting.reject(new Error(`surface worker: ${answer.message}`))
  }

  #failAll(error: Error): void {
    for (const waiting of this.#waiting.values()) waiting.reject(error)
    this.#waiting.clear()
  }
}
