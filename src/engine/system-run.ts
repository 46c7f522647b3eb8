import { resolveLane } from '../core/dynamics/resolve'
import { SystemLane } from '../core/dynamics/system-lane'
import { MinimaCatalogue, QUENCH_TOLERANCE } from '../core/systems/catalogue'
import { CvHistogram } from '../core/systems/cv-histogram'
import { cvsFor, resolveSystem, type CollectiveVariable } from '../core/systems/cvs'
import type { SystemDescriptor } from '../core/systems/descriptor'
import { atomLayoutOf } from '../core/systems/draw'
import type { FreeEnergySurface } from '../core/systems/free-energy'
import { LbfgsMinimiser } from '../core/systems/minimise'
import {
  WALKER_KIND,
  type FrameRequest,
  type FreeEnergyGrid,
  type MoleculeFrame,
  type MoleculeLoaded,
  type MoleculeSetup,
} from './system-protocol'

/**
 * Steps between two snapshots of the collective variables: each adds the walkers to the free-energy
 * surface (for a method with a temperature) and gives the points a frame draws on the map, which
 * so trail the walkers by fewer than this many steps (Q4 of LJ38's 100 walkers costs as much as
 * four steps).
 */
export const SAMPLE_EVERY = 10
/** The surface is recomputed for a frame at most this often (ms): the page draws it no faster. */
const SURFACE_INTERVAL_MS = 250
/** Quenches take at most about this share of the worker's time, and come at least this far apart (ms). */
const QUENCH_SHARE = 0.1
const QUENCH_INTERVAL_MS = 300
/** L-BFGS iterations per quench on the page: a quench that needs more counts as failed. */
const QUENCH_STEPS = 20000
/**
 * A metadynamics estimate is drawn where the bias is at least this share of one hill's height: a
 * lone hill's value 2.4 widths from its centre.
 */
const REACHED = 0.05
/** Minima sent to the page, lowest first. */
const LISTED_MINIMA = 30

/**
 * One method on one many-coordinate system, as the system worker runs it: the lane, the free-energy
 * surface over two collective variables accumulated from the walkers that count as samples, and a
 * catalogue of minima filled by quenching one walker at a time, round robin, now and then. Plain
 * TypeScript (no worker API), so that it runs in tests as in the worker.
 */
export class MoleculeRun {
  readonly descriptor: SystemDescriptor
  readonly lane: SystemLane
  readonly cvs: CollectiveVariable[]
  readonly thermal: boolean
  /**
   * The method biases the map's two variables and estimates F itself (metadynamics): the surface is
   * its estimate, and its walkers, pushed by the bias, are not samples.
   */
  readonly biased: boolean
  private readonly kT: number
  private histogram: CvHistogram
  private pair: [number, number]
  private readonly catalogue: MinimaCatalogue
  private quenches = 0
  private failedQuenches = 0
  /**
   * The quench: L-BFGS as basin hopping uses it (tens of ms where FIRE takes hundreds on the stiff
   * bonds of BLN), to the catalogue's gradient tolerance; the catalogue then files the minimum.
   */
  private readonly minimiser: LbfgsMinimiser
  private readonly quenched: Float64Array
  private nextQuench = 0
  private quenchWalker = 0
  private catalogueChanged = true
  private surfaceAt = -Infinity
  private sampledSince = false
  /** The chosen variables of every walker at the last snapshot. */
  private cv1: Float64Array
  private cv2: Float64Array

  constructor(
    readonly setup: MoleculeSetup,
    readonly load: number,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.descriptor = resolveSystem(setup.system)
    const resolved = resolveLane(setup.method, setup.settings, setup.walkers, this.descriptor.dim)
    if (!resolved.ok) throw new RangeError(resolved.errors.map((e) => e.message).join('; '))
    const { method, settings, capabilities } = resolved.lane
    this.cvs = cvsFor(this.descriptor)
    this.pair = this.checkedPair(setup.cvs)
    this.lane = new SystemLane({
      descriptor: this.descriptor,
      method,
      settings,
      walkers: setup.walkers,
      start: setup.start,
      seed: setup.seed,
      variables: [this.cvs[this.pair[0]]!, this.cvs[this.pair[1]]!],
    })
    this.biased = 'freeEnergy' in this.lane.extras()
    this.thermal = capabilities.thermal
    this.kT = typeof settings['kT'] === 'number' ? settings['kT'] : this.descriptor.defaults.kT
    this.histogram = new CvHistogram({ kT: this.kT })
    this.cv1 = new Float64Array(setup.walkers)
    this.cv2 = new Float64Array(setup.walkers)
    this.catalogue = new MinimaCatalogue(this.lane.system, atomLayoutOf(this.descriptor))
    this.minimiser = new LbfgsMinimiser(this.lane.system, {
      gradientTolerance: QUENCH_TOLERANCE,
      maxSteps: QUENCH_STEPS,
    })
    this.quenched = new Float64Array(this.descriptor.dim)
    this.snapshot()
  }

  loaded(): MoleculeLoaded {
    return {
      dim: this.descriptor.dim,
      cvs: this.cvs.map((c) => ({ id: c.id, label: c.label, description: c.description })),
      settings: { ...this.lane.config.settings },
      thermal: this.thermal,
      biased: this.biased,
    }
  }

  /** Advances up to request.advance steps (stopping when the time budget is spent) and makes the frame. */
  frame(request: FrameRequest): MoleculeFrame {
    const start = this.clock()
    const pair = this.checkedPair(request.cvs)
    if (pair[0] !== this.pair[0] || pair[1] !== this.pair[1]) {
      if (this.biased)
        throw new RangeError('the bias is built on the variables the run started with: load the run again for others')
      this.pair = pair
      this.histogram = new CvHistogram({ kT: this.kT })
      this.surfaceAt = -Infinity
      this.snapshot()
    }
    const lane = this.lane
    let done = 0
    // Step by step within the budget (at least one step when any is asked for).
    while (done < request.advance && (done === 0 || this.clock() - start < request.budgetMs)) {
      lane.advance(1)
      done++
      if (lane.t % SAMPLE_EVERY === 0) this.snapshot()
    }
    if (start >= this.nextQuench) {
      const t0 = this.clock()
      this.quench()
      const cost = this.clock() - t0
      this.nextQuench = this.clock() + Math.max(QUENCH_INTERVAL_MS, cost / QUENCH_SHARE - cost)
    }
    return this.makeFrame(request.chosen, start)
  }

  /** Reads the chosen variables of every walker; with a temperature, adds those that count as samples. */
  private snapshot(): void {
    const w = this.lane.walkers
    const [a, b] = this.pair
    const cvA = this.cvs[a]!
    const cvB = this.cvs[b]!
    for (let i = 0; i < w.n; i++) {
      const q = w.qs[i]!
      this.cv1[i] = cvA.value(q)
      this.cv2[i] = cvB.value(q)
      if (this.thermal && !this.biased && this.lane.counts(i) && this.lane.status(i).kind !== 'diverged')
        this.histogram.add(this.cv1[i]!, this.cv2[i]!)
    }
    this.sampledSince = this.thermal
  }

  private quench(): void {
    const w = this.lane.walkers
    for (let tries = 0; tries < w.n; tries++) {
      const i = this.quenchWalker
      this.quenchWalker = (i + 1) % w.n
      if (this.lane.status(i).kind === 'diverged') continue
      this.quenched.set(w.qs[i]!)
      const energy = this.minimiser.minimise(this.quenched)
      if (this.minimiser.converged) this.catalogue.insert(this.quenched, energy)
      else this.failedQuenches++
      this.quenches++
      this.catalogueChanged = true
      return
    }
  }

  private makeFrame(chosenAsked: number, start: number): MoleculeFrame {
    const lane = this.lane
    const w = lane.walkers
    const n = w.n
    const chosen = Math.min(Math.max(0, Math.floor(chosenAsked)), n - 1)
    const energies = new Float64Array(n)
    const kinds = new Uint8Array(n)
    const divergedAt = new Int32Array(n)
    for (let i = 0; i < n; i++) {
      const s = lane.status(i)
      energies[i] = s.energy
      kinds[i] = WALKER_KIND[s.kind]
      divergedAt[i] = s.divergedAt ?? -1
    }
    let surface: FreeEnergyGrid | null = null
    const now = this.clock()
    if (this.sampledSince && now - this.surfaceAt >= SURFACE_INTERVAL_MS) {
      if (this.biased) {
        const height = this.lane.config.settings['height']
        surface = estimateGrid(this.lane.extras(), this.kT, typeof height === 'number' ? height : 0)
      } else {
        const f = this.histogram.surface()
        if (f) surface = gridOf(f)
      }
      this.surfaceAt = now
      this.sampledSince = false
    }
    let catalogue: MoleculeFrame['catalogue'] = null
    if (this.catalogueChanged) {
      catalogue = {
        rows: this.catalogue.entries.slice(0, LISTED_MINIMA).map((e) => ({
          id: e.id,
          energy: e.energy,
          hits: e.hits,
          q: Float64Array.from(e.q),
        })),
        quenches: this.quenches,
        failed: this.failedQuenches,
      }
      this.catalogueChanged = false
    }
    const report = lane.report()
    return {
      load: this.load,
      step: lane.t,
      settings: { ...lane.config.settings },
      energies,
      kinds,
      divergedAt,
      cv1: Float64Array.from(this.cv1),
      cv2: Float64Array.from(this.cv2),
      chosen,
      q: Float64Array.from(w.qs[chosen]!),
      surface,
      catalogue,
      kineticTemperature: report.kineticTemperature,
      acceptance: report.acceptance,
      cost: this.clock() - start,
    }
  }

  private checkedPair(pair: [number, number]): [number, number] {
    const ok = (k: number) => Number.isInteger(k) && k >= 0 && k < this.cvs.length
    if (!ok(pair[0]) || !ok(pair[1]) || pair[0] === pair[1])
      throw new RangeError(`collective variables ${pair.join(', ')}: two different ones of 0..${this.cvs.length - 1}`)
    return pair
  }
}

/** A surface as typed arrays (NaN where a bin is empty or has no error yet). */
function gridOf(f: FreeEnergySurface): FreeEnergyGrid {
  const n1 = f.s1.centres.length
  const n2 = f.s2.centres.length
  const F = new Float64Array(n1 * n2)
  const error = new Float64Array(n1 * n2)
  const counts = new Float64Array(n1 * n2)
  for (let i = 0; i < n1; i++)
    for (let j = 0; j < n2; j++) {
      F[i * n2 + j] = f.F[i]![j] ?? NaN
      error[i * n2 + j] = f.error[i]![j] ?? NaN
      counts[i * n2 + j] = f.counts[i]![j]!
    }
  return {
    s1: Float64Array.from(f.s1.centres),
    s2: Float64Array.from(f.s2.centres),
    F,
    error,
    counts,
    samples: f.samples,
    blocks: f.blocks,
    kT: f.kT,
    source: 'samples',
  }
}

/**
 * A metadynamics estimate (extras xs, ys, freeEnergy rows [i][j], hills) as a grid: F at the bias
 * grid's nodes, NaN where the bias is below REACHED of one hill's height (only the tails of hills
 * dropped elsewhere reach there, so F says nothing of the place), no error (the estimate's error
 * is not known while the bias still grows) and `samples` the hills dropped so far.
 */
function estimateGrid(extras: Record<string, unknown>, kT: number, height: number): FreeEnergyGrid | null {
  const xs = extras['xs'] as number[] | undefined
  const ys = extras['ys'] as number[] | undefined
  const rows = extras['freeEnergy'] as number[][] | undefined
  const bias = extras['bias'] as number[][] | undefined
  const hills = extras['hills'] as number | undefined
  if (!xs || !ys || !rows || !bias || !hills) return null
  const n1 = xs.length
  const n2 = ys.length
  const F = new Float64Array(n1 * n2)
  const reached = REACHED * height
  for (let i = 0; i < n1; i++) for (let j = 0; j < n2; j++) F[i * n2 + j] = bias[i]![j]! < reached ? NaN : rows[i]![j]!
  return {
    s1: Float64Array.from(xs),
    s2: Float64Array.from(ys),
    F,
    error: new Float64Array(n1 * n2).fill(NaN),
    counts: new Float64Array(n1 * n2),
    samples: hills,
    blocks: 0,
    kT,
    source: 'metadynamics',
  }
}
