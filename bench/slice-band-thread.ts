import { parentPort } from 'node:worker_threads'
import { sliceBandHandlers, type SliceBandRequest } from '../src/engine/slice-band'

/** A band worker of the page (engine/slice-band.ts) in a Node thread, for `npm run bench`. */
const handlers = sliceBandHandlers()
const port = parentPort!
port.on('message', (request: SliceBandRequest) => {
  const transfer: ArrayBuffer[] = []
  const answer = handlers.rows(request, { progress: () => {}, transfer: (b) => transfer.push(...b) })
  port.postMessage(answer, transfer)
})
port.postMessage('ready')
