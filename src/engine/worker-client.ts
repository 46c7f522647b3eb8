import type { Answer, Params, Request, Result } from './protocol'

/** A call that was cancelled, or that a newer one of the same kind made stale. */
export class Cancelled extends Error {
  constructor(reason = 'cancelled') {
    super(reason)
    this.name = 'Cancelled'
  }
}

interface Pending {
  method: string
  resolve: (value: unknown) => void
  reject: (error: Error) => void
  onProgress?: (fraction: number) => void
}

export interface CallOptions {
  /** Progress reports of a long call, 0 to 1. */
  onProgress?: (fraction: number) => void
  /** Buffers handed over to the worker (they are empty here afterwards). */
  transfer?: Transferable[]
  /** Earlier calls of the same method still waiting are cancelled (their answers, if they come, are dropped). */
  supersede?: boolean
}

/**
 * The page's side of any worker: typed calls with request ids, progress,
 * cancelling, and errors with their cause. Calls are answered in order. If the
 * worker dies (a bug, or the browser killed it) every pending call fails,
 * `crashed` is set and `onCrash` is called; `restart` starts a new one. `cancel`
 * terminates the worker (a synchronous computation cannot be interrupted any
 * other way) and the next call starts a fresh one.
 */
export class WorkerClient<S> {
  #worker: Worker | null = null
  #nextId = 1
  readonly #pending = new Map<number, Pending>()
  crashed: string | null = null
  onCrash: (message: string) => void = () => {}

  constructor(
    private readonly name: string,
    private readonly start: () => Worker,
  ) {}

  call<M extends keyof S & string>(method: M, params: Params<S, M>, options: CallOptions = {}): Promise<Result<S, M>> {
    if (this.crashed) return Promise.reject(new Error(this.crashed))
    if (options.supersede) {
      for (const [id, p] of this.#pending) {
        if (p.method !== method) continue
        this.#pending.delete(id)
        p.reject(new Cancelled('superseded by a newer call'))
      }
    }
    const worker = (this.#worker ??= this.#open())
    const id = this.#nextId++
    const request = { id, method, params } as Request<S>
    return new Promise((resolve, reject) => {
      this.#pending.set(id, {
        method,
        resolve: resolve as (value: unknown) => void,
        reject,
        onProgress: options.onProgress,
      })
      worker.postMessage(request, { transfer: options.transfer ?? [] })
    })
  }

  /** Whether a call is waiting for its answer. */
  get busy(): boolean {
    return this.#pending.size > 0
  }

  /** Stops the worker and every call waiting on it; they reject with Cancelled. */
  cancel(): void {
    this.#worker?.terminate()
    this.#worker = null
    this.#rejectAll(new Cancelled())
  }

  /** After a crash: a fresh worker. */
  restart(): void {
    this.#worker?.terminate()
    this.#worker = null
    this.crashed = null
    this.#pending.clear()
  }

  /** For tests and the crash path: terminate as a crash would. */
  simulateCrash(message = `the ${this.name} worker stopped`): void {
    this.#worker?.terminate()
    this.#worker = null
    this.#crash(message)
  }

  dispose(): void {
    this.#worker?.terminate()
    this.#worker = null
    this.#rejectAll(new Cancelled(`the ${this.name} worker was closed`))
  }

  #open(): Worker {
    const worker = this.start()
    worker.onmessage = (event: MessageEvent<Answer>) => this.#receive(event.data)
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault()
      this.#worker = null
      this.#crash(event.message || `the ${this.name} worker stopped`)
    }
    return worker
  }

  #receive(answer: Answer): void {
    const pending = this.#pending.get(answer.id)
    if (!pending) return
    if (answer.kind === 'progress') {
      pending.onProgress?.(answer.fraction)
      return
    }
    this.#pending.delete(answer.id)
    if (answer.kind === 'result') pending.resolve(answer.value)
    else pending.reject(new Error(`${this.name} worker: ${answer.message}`, { cause: answer.cause ?? undefined }))
  }

  #crash(message: string): void {
    this.crashed = message
    this.#rejectAll(new Error(message))
    this.onCrash(message)
  }

  #rejectAll(error: Error): void {
    const pending = [...this.#pending.values()]
    this.#pending.clear()
    for (const p of pending) p.reject(error)
  }
}
