import type { FrameAnswer, LoadedAnswer, PositionsAnswer, SimulationAnswer, SimulationRequest } from './simulation-messages'
import type { SimulationSetup } from './simulation'

type Pending = { resolve: (answer: SimulationAnswer) => void; reject: (error: Error) => void }

/** Distributes Omit over the members of a union. */
type Body<T> = T extends unknown ? Omit<T, 'id'> : never

/**
 * The page's side of the simulation worker. Requests are answered in order.
 * If the worker dies (a bug, or the browser killed it), every pending request
 * fails, `crashed` is set and `onCrash` is called; `restart` starts a new worker,
 * and the page loads its scenario again: nothing of the page's own state is lost.
 */
export class SimulationClient {
  #worker: Worker
  #nextId = 1
  readonly #pending = new Map<number, Pending>()
  crashed: string | null = null
  onCrash: (message: string) => void = () => {}

  constructor() {
    this.#worker = this.#start()
  }

  #start(): Worker {
    const worker = new Worker(new URL('./simulation.worker.ts', import.meta.url), { type: 'module' })
    worker.onmessage = (event: MessageEvent<SimulationAnswer>) => {
      const pending = this.#pending.get(event.data.id)
      if (!pending) return
      this.#pending.delete(event.data.id)
      pending.resolve(event.data)
    }
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault()
      this.#crash(event.message || 'the simulation worker stopped')
    }
    return worker
  }

  #crash(message: string): void {
    this.crashed = message
    for (const p of this.#pending.values()) p.reject(new Error(message))
    this.#pending.clear()
    this.onCrash(message)
  }

  restart(): void {
    this.#worker.terminate()
    this.crashed = null
    this.#pending.clear()
    this.#worker = this.#start()
  }

  #send<T extends SimulationAnswer>(request: Body<SimulationRequest>): Promise<T> {
    if (this.crashed) return Promise.reject(new Error(this.crashed))
    const id = this.#nextId++
    return new Promise<SimulationAnswer>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject })
      this.#worker.postMessage({ ...request, id })
    }).then((answer) => {
      if (answer.type === 'failure') throw new Error(answer.message)
      return answer as T
    })
  }

  load(setup: SimulationSetup): Promise<LoadedAnswer> {
    return this.#send({ type: 'load', setup })
  }

  frame(advance: number, sampling: boolean): Promise<FrameAnswer> {
    return this.#send({ type: 'frame', advance, sampling })
  }

  positions(lane: number): Promise<PositionsAnswer> {
    return this.#send({ type: 'positions', lane })
  }

  /** For tests and the crash path: terminate as a crash would. */
  simulateCrash(message = 'the simulation worker stopped'): void {
    this.#worker.terminate()
    this.#crash(message)
  }

  dispose(): void {
    this.#worker.terminate()
  }
}
