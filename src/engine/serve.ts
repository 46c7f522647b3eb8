import type { Answer, Params, Request, Result } from './protocol'

/** What a handler can do beyond returning its result. */
export interface CallContext {
  /** Reports progress, 0 to 1 (at most about a hundred times a call: it throttles itself). */
  progress(fraction: number): void
  /** Buffers of the result to hand over instead of copying. */
  transfer(buffers: ArrayBuffer[]): void
}

export type Handlers<S> = { [M in keyof S]: (params: Params<S, M>, context: CallContext) => Result<S, M> }

/**
 * The worker's side of a service: answers each request with its handler's
 * result, or with the error and its cause. Methods named in `newestOnly` serve
 * only the newest of the requests waiting (the page drops older answers
 * anyway): a surface dragged through many values is computed for the last one.
 */
export function serve<S>(handlers: Handlers<S>, options: { newestOnly?: (keyof S & string)[] } = {}): void {
  const newestOnly = new Set(options.newestOnly ?? [])
  const waiting = new Map<string, Request<S>>()
  self.onmessage = (event: MessageEvent<Request<S>>) => {
    const request = event.data
    if (!newestOnly.has(request.method)) return answer(request)
    const queued = waiting.has(request.method)
    waiting.set(request.method, request)
    // Let requests already queued behind this one arrive first, then serve the newest.
    if (!queued)
      setTimeout(() => {
        const newest = waiting.get(request.method)
        waiting.delete(request.method)
        if (newest) answer(newest)
      }, 0)
  }

  function answer(request: Request<S>): void {
    const transfer: ArrayBuffer[] = []
    let last = -1
    const context: CallContext = {
      progress(fraction) {
        if (fraction - last < 0.01 && fraction < 1) return
        last = fraction
        post({ id: request.id, kind: 'progress', fraction })
      },
      transfer(buffers) {
        transfer.push(...buffers)
      },
    }
    try {
      const handler = handlers[request.method as keyof S]
      const value = handler(request.params as Params<S, keyof S>, context)
      post({ id: request.id, kind: 'result', value }, transfer)
    } catch (e) {
      post({
        id: request.id,
        kind: 'error',
        message: e instanceof Error ? e.message : String(e),
        cause: e instanceof Error ? (e.stack ?? null) : null,
      })
    }
  }
}

function post(answer: Answer, transfer: ArrayBuffer[] = []): void {
  self.postMessage(answer, { transfer })
}
