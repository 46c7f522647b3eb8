import type { TaskAnswer, TaskRequest } from './task-messages'

type Body<T> = T extends unknown ? Omit<T, 'id'> : never
type Result = Exclude<TaskAnswer, { type: 'progress' } | { type: 'failure' }>

/**
 * Runs one long task at a time in its own worker, with progress. cancel()
 * terminates the worker at once (a synchronous computation cannot be
 * interrupted any other way) and the next task starts a fresh one.
 */
export class TaskClient {
  #worker: Worker | null = null
  #nextId = 1
  #current: { id: number; reject: (e: Error) => void } | null = null

  run(task: Body<TaskRequest>, onProgress: (fraction: number) => void): Promise<Result> {
    this.cancel()
    const worker = (this.#worker ??= new Worker(new URL('./task.worker.ts', import.meta.url), { type: 'module' }))
    const id = this.#nextId++
    return new Promise<Result>((resolve, reject) => {
      this.#current = { id, reject }
      worker.onmessage = (event: MessageEvent<TaskAnswer>) => {
        const a = event.data
        if (a.id !== id) return
        if (a.type === 'progress') onProgress(a.fraction)
        else {
          this.#current = null
          if (a.type === 'failure') reject(new Error(a.message))
          else resolve(a)
        }
      }
      worker.onerror = (event: ErrorEvent) => {
        event.preventDefault()
        this.#current = null
        this.#worker?.terminate()
        this.#worker = null
        reject(new Error(event.message || 'the task worker stopped'))
      }
      worker.postMessage({ ...task, id })
    })
  }

  /** Stops the running task, if any; its promise rejects with 'cancelled'. */
  cancel(): void {
    if (!this.#current) return
    this.#current.reject(new Error('cancelled'))
    this.#current = null
    this.#worker?.terminate()
    this.#worker = null
  }

  get busy(): boolean {
    return this.#current !== null
  }

  dispose(): void {
    this.cancel()
    this.#worker?.terminate()
  }
}
