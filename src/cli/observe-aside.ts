import { existsSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import { exactBinProbabilities } from '../core/landscape/boltzmann'
import { basinMap } from '../core/landscape/basins'
import { criticalPoints } from '../core/landscape/critical'
import { basinNames, nameCriticalPoints } from '../core/landscape/names'
import type { KnownPoint } from '../core/surfaces/types'
import { ANALYSIS_GRID } from '../core/landscape/surface-analysis'
import type { FormulaProgram } from '../core/formula/types'
import type { CompiledSurface, Domain } from '../core/surface'
import { RunObserver, type ObservedWalkers, type ObserverOptions, type RunSummary } from '../core/studies/observer'

/**
 * Observing a sampler's run for `landscape sample`: the histogram, the basin
 * counts and batches, and at the end the summary against the exact density
 * (RunObserver). Two ways that give the same numbers, bit for bit:
 *
 * - inline: the basin map is made first, then every step is observed in the
 *   thread that integrates;
 * - aside: a worker thread (observer-worker.ts) finds the critical points,
 *   makes the 150 x 150 basin map and the exact probabilities at the run's kT
 *   while the main thread already integrates, and observes each step from a
 *   ring of copies of the walkers' x, y and U in shared memory. The main thread
 *   then only integrates and copies; it waits only when the ring is full.
 *
 * The worker runs from the bundle (dist-cli/observer-worker.mjs, built beside
 * dist-cli/landscape.mjs), on a machine with a second core, and for runs long
 * enough to repay its start; otherwise the run is observed inline.
 */

export interface ObservedRun {
  /** The basins' names, by index (the names the page gives their minima: core/landscape/names.ts). */
  names: string[]
  histogram: { xEdges: number[]; yEdges: number[]; counts: number[][]; outside: number }
  summary: RunSummary
}

export interface Observing {
  /** Records the walkers after a step. */
  observe(run: ObservedWalkers): void
  /** The histogram and the summary at the final kT (the seed drives the check's randomization). */
  finish(kT: number, seed: number): Promise<ObservedRun>
  /** Stops observing after a failure elsewhere (ends the worker, if any). */
  cancel(): void
  /** 'inline' or 'aside': where the steps were observed. */
  readonly where: 'inline' | 'aside'
}

export interface ObservingInput {
  /** The surface: the worker compiles its program again (without mathjs, so that it starts quickly). */
  surface: CompiledSurface
  walkers: number
  /** The surface's published critical points, whose names the found ones take. */
  known: KnownPoint[]
  /** The temperature at the first step: the exact probabilities are made for it while the steps arrive. */
  kT: number
  steps: number
  /** What the lane is: whether every walker counts and is its own unit (constant over a run). */
  countsEvery: boolean
  unitIsWalker: boolean
  options: ObserverOptions
}

/** Walker-steps below which a worker's start costs more than it saves. */
const ASIDE_MIN_WALKER_STEPS = 1_000_000
/**
 * Memory the ring of copies may take: the steps the worker may lag behind while it starts and makes the basin
 * map (about 0.4 s, 1,500 steps of 1,000 walkers), with room to spare. A slot is touched only when used, but its
 * first use costs the system's page faults: a much bigger ring is slower (measured: 24, 48, 64 and 96 MB gave
 * 1.34, 1.26, 1.25 and 1.30 times the hand-written loop's wall time on Müller-Brown).
 */
const RING_BYTES = 64 << 20
const MAX_SLOTS = 4096

/** The slots of the control words in the ring's Int32Array. */
export const CONTROL = { written: 0, read: 1, failed: 2 } as const
/** Three used, four kept: the message bytes and the doubles after them stay aligned to 8 bytes. */
const CONTROL_WORDS = 4
/** Bytes for the worker's error message, UTF-8. */
export const MESSAGE_BYTES = 4096

export interface RingLayout {
  n: number
  slots: number
  countsEvery: boolean
  unitIsWalker: boolean
}

/** The views of the ring: control words, message bytes, and per slot x, y, U (and counts, units when needed). */
export function ringViews(buffer: SharedArrayBuffer, layout: RingLayout) {
  const { n, slots } = layout
  let at = 0
  const control = new Int32Array(buffer, at, CONTROL_WORDS)
  at += CONTROL_WORDS * 4
  const message = new Uint8Array(buffer, at, MESSAGE_BYTES)
  at += MESSAGE_BYTES
  const values = new Float64Array(buffer, at, slots * 3 * n)
  at += slots * 3 * n * 8
  const units = layout.unitIsWalker ? null : new Int32Array(buffer, at, slots * n)
  if (units) at += slots * n * 4
  const counts = layout.countsEvery ? null : new Uint8Array(buffer, at, slots * n)
  return { control, message, values, units, counts }
}

/**
 * How many steps pass between wake-ups: each side stores its count every step but wakes the other only every
 * few steps (and before it waits itself), since a wake-up costs a system call and a thread switch, more than
 * observing a step of a thousand walkers.
 */
export function wakeEvery(slots: number): number {
  return Math.max(1, Math.min(32, Math.floor(slots / 2)))
}

export function ringBytes(layout: RingLayout): number {
  const { n, slots } = layout
  return (
    CONTROL_WORDS * 4 + MESSAGE_BYTES + slots * n * (24 + (layout.unitIsWalker ? 0 : 4) + (layout.countsEvery ? 0 : 1))
  )
}

/**
 * The run's observer, in a worker thread when that pays, else inline. `where`
 * forces one way (tests); 'aside' then needs `worker`, the bundled worker file.
 */
export function startObserving(
  input: ObservingInput,
  force?: { where: 'inline' } | { where: 'aside'; worker: URL; slots?: number },
): Observing {
  if (force)
    return force.where === 'aside' ? new AsideObserving(input, force.worker, force.slots) : new InlineObserving(input)
  const worker = workerFile()
  const aside = worker !== null && input.walkers * input.steps >= ASIDE_MIN_WALKER_STEPS && availableParallelism() >= 2
  return aside ? new AsideObserving(input, worker) : new InlineObserving(input)
}

/** dist-cli/observer-worker.mjs beside the running bundle, or null when this module runs from its sources. */
function workerFile(): URL | null {
  if (!new URL(import.meta.url).pathname.endsWith('.mjs')) return null
  const url = new URL('./observer-worker.mjs', import.meta.url)
  return existsSync(fileURLToPath(url)) ? url : null
}

/**
 * The observer and its summary: the same code whichever thread runs it. The
 * basins the samples are counted in are the page's: the gradient flow's to the
 * critical points' minima on the page's grid (as analyseSurface makes them).
 */
export class SampleObserver {
  readonly observer: RunObserver
  readonly names: string[]
  private exactBins: { kT: number; p: Float64Array } | null = null

  constructor(
    private readonly surface: CompiledSurface,
    walkers: number,
    options: ObserverOptions,
    known: readonly KnownPoint[] = [],
  ) {
    const points = criticalPoints(surface)
    const map = basinMap(surface, points, ANALYSIS_GRID)
    const named = nameCriticalPoints(points, known, surface.domain)
    this.names = basinNames(
      map.minima,
      points.map((p, i) => ({ ...p, name: named[i]! })),
    )
    this.observer = new RunObserver(surface, map, null, walkers, options)
  }

  /** Makes the exact probabilities of the bins and of the check's cells at kT ahead of the summary. */
  prepare(kT: number): void {
    const h = this.observer.histogram
    // 2 x 2 cells of 6 x 6 Gauss-Legendre points per bin, as the page's comparison does.
    this.exactBins = { kT, p: exactBinProbabilities(this.surface, kT, h.xEdges, h.yEdges, 2) }
    this.observer.cells.exact(this.surface, kT)
  }

  run(kT: number, seed: number): ObservedRun {
    if (this.exactBins?.kT !== kT) this.prepare(kT)
    const h = this.observer.histogram
    // The check's reasons name basins as the page does; its last basin is the ground that flows to no minimum.
    const summary = this.observer.summary(kT, this.exactBins!.p, seed, (k) =>
      k < this.names.length ? `basin ${this.names[k]}` : 'the ground that flows to no minimum',
    )
    return {
      names: this.names,
      histogram: { xEdges: [...h.xEdges], yEdges: [...h.yEdges], counts: h.rows(), outside: h.outside },
      summary,
    }
  }
}

class InlineObserving implements Observing {
  readonly where = 'inline'
  private readonly sample: SampleObserver

  constructor(input: ObservingInput) {
    this.sample = new SampleObserver(input.surface, input.walkers, input.options, input.known)
  }

  observe(run: ObservedWalkers): void {
    this.sample.observer.observe(run)
  }

  cancel(): void {}

  finish(kT: number, seed: number): Promise<ObservedRun> {
    return Promise.resolve(this.sample.run(kT, seed))
  }
}

/** What the main thread sends the worker to begin, and after the last step. */
export interface AsideStart {
  kind: 'start'
  program: FormulaProgram
  parameters: [string, number][]
  domain: Domain
  known: KnownPoint[]
  kT: number
  steps: number
  options: ObserverOptions
  layout: RingLayout
  buffer: SharedArrayBuffer
}
export interface AsideFinish {
  kind: 'finish'
  kT: number
  seed: number
}
export type AsideAnswer = { kind: 'result'; run: ObservedRun } | { kind: 'error'; message: string }

class AsideObserving implements Observing {
  readonly where = 'aside'
  private readonly worker: Worker
  private readonly views: ReturnType<typeof ringViews>
  private readonly layout: RingLayout
  private readonly answer: Promise<AsideAnswer>
  private readonly steps: number
  private readonly wake: number
  private step = 0

  constructor(input: ObservingInput, file: URL, ringSlots?: number) {
    const n = input.walkers
    const perSlot = ringBytes({ n, slots: 1, countsEvery: input.countsEvery, unitIsWalker: input.unitIsWalker })
    const slots = ringSlots ?? Math.max(2, Math.min(MAX_SLOTS, input.steps, Math.floor(RING_BYTES / perSlot)))
    this.layout = { n, slots, countsEvery: input.countsEvery, unitIsWalker: input.unitIsWalker }
    this.steps = input.steps
    this.wake = wakeEvery(slots)
    const buffer = new SharedArrayBuffer(ringBytes(this.layout))
    this.views = ringViews(buffer, this.layout)
    this.worker = new Worker(file)
    this.answer = new Promise<AsideAnswer>((resolve) => {
      this.worker.on('message', (a: AsideAnswer) => resolve(a))
      this.worker.on('error', (e: Error) => resolve({ kind: 'error', message: e.message }))
      this.worker.on('exit', (code) => resolve({ kind: 'error', message: `it stopped with exit code ${code}` }))
    })
    const start: AsideStart = {
      kind: 'start',
      program: input.surface.program,
      parameters: [...input.surface.parameters()],
      domain: input.surface.domain,
      known: input.known,
      kT: input.kT,
      steps: input.steps,
      options: input.options,
      layout: this.layout,
      buffer,
    }
    this.worker.postMessage(start)
  }

  observe(run: ObservedWalkers): void {
    const { control, values, units, counts } = this.views
    const { n, slots } = this.layout
    const k = this.step
    // Wait for a free slot, having woken the worker to the steps written so far.
    for (;;) {
      const read = Atomics.load(control, CONTROL.read)
      if (k - read < slots) break
      if (Atomics.load(control, CONTROL.failed) !== 0) throw new Error(this.failure())
      Atomics.notify(control, CONTROL.written)
      Atomics.wait(control, CONTROL.read, read, 1000)
    }
    if (Atomics.load(control, CONTROL.failed) !== 0) throw new Error(this.failure())
    const slot = k % slots
    const w = run.walkers
    const at = slot * 3 * n
    values.set(w.x.length === n ? w.x : w.x.subarray(0, n), at)
    values.set(w.y.length === n ? w.y : w.y.subarray(0, n), at + n)
    values.set(w.u.length === n ? w.u : w.u.subarray(0, n), at + 2 * n)
    if (units) for (let i = 0; i < n; i++) units[slot * n + i] = run.unit(i)
    if (counts) for (let i = 0; i < n; i++) counts[slot * n + i] = run.counts(i) ? 1 : 0
    this.step = k + 1
    Atomics.store(control, CONTROL.written, k + 1)
    if ((k + 1) % this.wake === 0 || k + 1 === this.steps) Atomics.notify(control, CONTROL.written)
  }

  /** The worker's message from shared memory (its 'error' event cannot arrive while this thread loops). */
  private failure(): string {
    const bytes = this.views.message.slice()
    const end = bytes.indexOf(0)
    return `observing the run failed: ${new TextDecoder().decode(end < 0 ? bytes : bytes.subarray(0, end))}`
  }

  cancel(): void {
    void this.worker.terminate()
  }

  async finish(kT: number, seed: number): Promise<ObservedRun> {
    const done: AsideFinish = { kind: 'finish', kT, seed }
    this.worker.postMessage(done)
    const answer = await this.answer
    await this.worker.terminate()
    if (answer.kind === 'error') throw new Error(`observing the run failed: ${answer.message}`)
    return answer.run
  }
}
