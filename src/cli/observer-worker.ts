import { parentPort } from 'node:worker_threads'
import type { ObservedWalkers } from '../core/studies/observer'
// compile.ts directly, not the formula index, which also checks formulas with mathjs: the worker starts quickly.
import { compileProgram } from '../core/formula/compile'
import {
  CONTROL,
  MESSAGE_BYTES,
  ringViews,
  SampleObserver,
  wakeEvery,
  type AsideAnswer,
  type AsideFinish,
  type AsideStart,
} from './observe-aside'

/**
 * The worker of observe-aside.ts: makes the basin map, then observes every step
 * the main thread copies into the shared ring, and at the end answers with the
 * histogram and the summary. Bundled as dist-cli/observer-worker.mjs.
 */
const port = parentPort

let control: Int32Array | null = null
let message: Uint8Array | null = null
let finished: Promise<AsideFinish> | null = null
let resolveFinish: (f: AsideFinish) => void = () => {}

/** Writes the error where the main thread, busy in its loop, can read it, and raises the flag it checks. */
function fail(e: unknown): void {
  const text = e instanceof Error ? e.message : String(e)
  if (control && message) {
    const bytes = new TextEncoder().encode(text).subarray(0, MESSAGE_BYTES - 1)
    message.set(bytes)
    message[bytes.length] = 0
    Atomics.store(control, CONTROL.failed, 1)
    Atomics.notify(control, CONTROL.read)
  }
  const answer: AsideAnswer = { kind: 'error', message: text }
  port!.postMessage(answer)
}

async function run(start: AsideStart): Promise<void> {
  const views = ringViews(start.buffer, start.layout)
  control = views.control
  message = views.message
  const { n, slots } = start.layout
  const { values, units, counts } = views
  const surface = compileProgram(start.program, new Map(start.parameters), start.domain)
  const sample = new SampleObserver(surface, n, start.options, start.known)
  const observer = sample.observer
  // The exact probabilities for the summary are made when the worker has caught up and would otherwise wait.
  let prepared = false
  // One view per slot, made once: observing a step allocates nothing.
  const slotViews = Array.from({ length: slots }, (_, s) => ({
    x: values.subarray(s * 3 * n, s * 3 * n + n),
    y: values.subarray(s * 3 * n + n, s * 3 * n + 2 * n),
    u: values.subarray(s * 3 * n + 2 * n, s * 3 * n + 3 * n),
  }))
  let slot = 0
  const wake = wakeEvery(slots)
  const walkers = { n, x: slotViews[0]!.x, y: slotViews[0]!.y, u: slotViews[0]!.u }
  const run: ObservedWalkers = {
    walkers,
    counts: counts ? (i) => counts[slot * n + i] === 1 : () => true,
    unit: units ? (i) => units[slot * n + i]! : (i) => i,
    countsEvery: counts === null,
    unitIsWalker: units === null,
  }
  for (let k = 0; k < start.steps; k++) {
    if (!prepared && Atomics.load(control, CONTROL.written) <= k) {
      sample.prepare(start.kT)
      prepared = true
    }
    // Wait for step k, having woken the main thread to the slots freed so far; with a timeout, so that
    // terminate() ends a worker whose main thread gave up.
    if (Atomics.load(control, CONTROL.written) <= k) Atomics.notify(control, CONTROL.read)
    while (Atomics.load(control, CONTROL.written) <= k) Atomics.wait(control, CONTROL.written, k, 200)
    slot = k % slots
    const v = slotViews[slot]!
    walkers.x = v.x
    walkers.y = v.y
    walkers.u = v.u
    observer.observe(run)
    Atomics.store(control, CONTROL.read, k + 1)
    if ((k + 1) % wake === 0) Atomics.notify(control, CONTROL.read)
  }
  if (!prepared) sample.prepare(start.kT)
  const { kT, seed } = await finished!
  const answer: AsideAnswer = { kind: 'result', run: sample.run(kT, seed) }
  port!.postMessage(answer)
}

// Imported outside a worker thread (a test that imports every file of cli/), it does nothing.
port?.on('message', (m: AsideStart | AsideFinish) => {
  if (m.kind === 'finish') {
    resolveFinish(m)
    return
  }
  finished = new Promise((resolve) => (resolveFinish = resolve))
  // The loop runs to its end in this turn; the finish message is handled when run() awaits it.
  run(m).catch(fail)
})
