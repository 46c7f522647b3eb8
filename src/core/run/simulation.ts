import type { BasinMap } from '../landscape/basins'
import { exactBinProbabilities } from '../landscape/boltzmann'
import type { CriticalPoint } from '../landscape/critical'
import { symmetricEigenvalues } from '../landscape/eigen'
import { RunObserver, type RunSummary } from '../studies/observer'
import type { Landscape } from '../landscape/saddles'
import { analyseSurface, type SurfaceAnalysis } from '../landscape/surface-analysis'
import type { Lane } from '../dynamics/lane'
import { STATUS, WALKER_STATUSES } from '../dynamics/status'
import { compileProgram } from '../formula/compile'
import type { FormulaProgram } from '../formula/types'
import { buildLane } from '../scenario/build'
import { defaultTrailMode, TRAIL_WALKERS, type LaneSpec, type TrailMode } from '../scenario/types'
import type { CompiledSurface, Domain } from '../surface'
import { identityProjection, type Projection } from '../system'
import type { Walkers } from '../dynamics/walkers'
import { KINETIC_BINS, type LaneFrame, type LeadWalker, type SamplingFrame } from './frame'
import { DecimatingRecord, Trails } from './history'

/** Everything a simulation is built from: plain data, as the page posts it. */
export interface SimulationSetup {
  program: FormulaProgram
  parameters: [string, number][]
  domain: Domain
  seed: number
  lanes: LaneSpec[]
  /** The surface's analysis, made once in the surface worker; made here when not given (Node, the CLI's checks). */
  analysis?: SurfaceAnalysis
}

/** Histogram bins per axis of a sampler lane's comparison with the exact density. */
export const SAMPLING_BINS = 40

/**
 * The lanes of a scenario on its surface, with what the views need recorded as
 * they run: traces, trails and, for samplers, the comparison with the exact
 * Boltzmann density. Pure TypeScript (no DOM, no worker API): the worker wraps
 * it, and tests run it in Node, where it must give the CLI's positions bit for bit.
 */
export class Simulation {
  readonly surface: CompiledSurface
  readonly points: CriticalPoint[]
  readonly landscape: Landscape
  readonly map: BasinMap
  readonly runs: LaneRun[]
  /** How the frames' positions see each walker's state: on a surface, x and y as they are. */
  readonly projection: Projection = identityProjection()

  constructor(readonly setup: SimulationSetup) {
    this.surface = compileProgram(setup.program, new Map(setup.parameters), setup.domain)
    const analysis = setup.analysis ?? analyseSurface(this.surface)
    this.points = analysis.points
    this.landscape = analysis.landscape
    this.map = analysis.map
    this.runs = setup.lanes.map(
      (spec, k) => new LaneRun(this, k, buildLane(this.surface, spec, setup.seed, analysis.scales), spec.trail),
    )
  }

  get step(): number {
    return this.runs[0]?.lane.t ?? 0
  }

  /** Advances every lane by `steps` steps. */
  advance(steps: number): void {
    for (const run of this.runs) run.advance(steps)
  }

  /** One frame per lane; `withSampling` also refreshes the (slower) comparison with the exact answer. */
  frames(withSampling: boolean): LaneFrame[] {
    return this.runs.map((run) => run.frame(withSampling))
  }

  /** Exact states (float64) of a lane's walkers: coordinate k of walker i at coords[k][i]. */
  positions(lane: number): { dim: number; coords: Float64Array[] } {
    const run = this.runs[lane]
    if (!run) throw new RangeError(`positions: no lane ${lane}`)
    const w = run.lane.walkers
    return { dim: w.dim, coords: w.coords.map((c) => Float64Array.from(c)) }
  }
}

/**
 * Writes the two drawn coordinates of every walker into out (x0, y0, x1, y1...): x and y
 * themselves through the identity on a surface (the loop every frame of the page runs),
 * otherwise each walker's state vector through the projection, gathered into `scratch`.
 */
export function projectWalkers(w: Walkers, projection: Projection, out: Float32Array, scratch: Float64Array): void {
  if (projection.id === 'identity' && w.dim === 2) {
    const { x, y } = w
    for (let i = 0; i < w.n; i++) {
      out[2 * i] = x[i]!
      out[2 * i + 1] = y[i]!
    }
    return
  }
  const p = new Float64Array(2)
  for (let i = 0; i < w.n; i++) {
    projection.project(w.state(i, scratch), p)
    out[2 * i] = p[0]!
    out[2 * i + 1] = p[1]!
  }
}

class LaneRun {
  readonly observer: RunObserver | undefined
  readonly record: DecimatingRecord
  readonly trails: Trails | null
  private readonly startCurvature: number | null
  private exact: { kT: number; probabilities: Float64Array } | undefined
  private lastSummary: RunSummary | null = null
  /** Kinetic-energy histogram over [0, kineticMax), for methods with velocities. */
  private readonly kinetic: Float64Array | null
  private readonly kineticMax: number
  private kineticAbove = 0
  private readonly h = new Float64Array(3)
  private readonly eigen = new Float64Array(4)
  /** One walker's state vector, gathered for the projection and the lead walker. */
  private readonly state: Float64Array

  constructor(
    private readonly sim: Simulation,
    readonly index: number,
    readonly lane: Lane,
    trail?: TrailMode,
  ) {
    this.state = new Float64Array(lane.walkers.dim)
    const family = lane.config.method.family
    const { thermal, velocities, notBoltzmann } = lane.capabilities
    const dt = lane.live().dt
    this.observer = thermal
      ? new RunObserver(sim.surface, sim.map, sim.landscape, lane.walkers.n, {
          bins: [SAMPLING_BINS, SAMPLING_BINS],
          transitions: { timeStep: dt ?? 1 },
          units: lane.units,
          notBoltzmann,
        })
      : undefined
    this.record = new DecimatingRecord(
      family === 'optimizer' && !thermal ? ['energy', 'gradNorm'] : ['potential', 'kinetic', 'total', 'temperature'],
    )
    const mode = trail ?? defaultTrailMode(family, lane.walkers.n)
    const w = lane.walkers
    this.trails = mode === 'none' ? null : new Trails(Math.min(TRAIL_WALKERS, w.n), mode)
    this.trails?.push(0, w.x, w.y)
    sim.surface.hessian(w.x[0]!, w.y[0]!, this.h)
    symmetricEigenvalues(this.h[0]!, this.h[1]!, this.h[2]!, this.eigen)
    this.startCurvature = this.eigen[1]! > 0 ? this.eigen[1]! : null
    const kT = lane.live().kT
    this.kinetic = velocities ? new Float64Array(KINETIC_BINS) : null
    // Eight kT: the exponential leaves 3e-4 of its mass beyond.
    this.kineticMax = kT !== null ? 8 * kT : 1
    this.recordStep()
  }

  advance(steps: number): void {
    const lane = this.lane
    const w = lane.walkers
    for (let k = 0; k < steps; k++) {
      lane.advance(1)
      this.observer?.observe(lane)
      if (this.kinetic) this.countKinetic()
      this.trails?.push(lane.t, w.x, w.y)
      if (this.record.wants(lane.t)) this.recordStep()
    }
  }

  private countKinetic(): void {
    const w = this.lane.walkers
    const scale = KINETIC_BINS / this.kineticMax
    for (let i = 0; i < w.n; i++) {
      if (w.status[i] === STATUS.diverged || !this.lane.counts(i)) continue
      const bin = Math.floor(0.5 * (w.vx[i]! * w.vx[i]! + w.vy[i]! * w.vy[i]!) * scale)
      if (bin < KINETIC_BINS) this.kinetic![bin]!++
      else this.kineticAbove++
    }
  }

  private recordStep(): void {
    const w = this.lane.walkers
    if (this.record.names.length === 2) {
      this.record.push(this.lane.t, [w.u[0]!, Math.hypot(w.gx[0]!, w.gy[0]!)])
      return
    }
    let u = 0
    let k = 0
    let n = 0
    for (let i = 0; i < w.n; i++) {
      if (w.status[i] === STATUS.diverged || !this.lane.counts(i)) continue
      u += w.u[i]!
      k += 0.5 * (w.vx[i]! * w.vx[i]! + w.vy[i]! * w.vy[i]!)
      n++
    }
    const potential = n > 0 ? u / n : NaN
    const kinetic = n > 0 ? k / n : NaN
    // N_f = 2 per walker: K = kT on average.
    this.record.push(this.lane.t, [potential, kinetic, potential + kinetic, kinetic])
  }

  frame(withSampling: boolean): LaneFrame {
    const lane = this.lane
    const w = lane.walkers
    const positions = new Float32Array(2 * w.n)
    const energies = new Float32Array(w.n)
    const statusCounts = WALKER_STATUSES.map(() => 0)
    const minimumLabels = { global: 0, local: 0 }
    const projection = this.sim.projection
    projectWalkers(w, projection, positions, this.state)
    for (let i = 0; i < w.n; i++) {
      energies[i] = w.u[i]!
      statusCounts[w.status[i]!]!++
      const label = w.status[i] === STATUS.minimum ? lane.label(i) : null
      if (label) minimumLabels[label]++
    }
    return {
      lane: this.index,
      method: lane.config.method.id,
      family: lane.config.method.family,
      step: lane.t,
      live: lane.live(),
      walkers: w.n,
      dim: w.dim,
      projection: { id: projection.id, axes: projection.axes },
      positions,
      energies,
      statuses: Uint8Array.from(w.status),
      statusCounts,
      minimumLabels,
      ...this.trailFrame(),
      lead: this.lead(),
      traces: this.record.snapshot(),
      report: lane.report(),
      sampling: withSampling ? this.sampling() : null,
      extras: withSampling ? lane.extras() : null,
    }
  }

  private trailFrame(): Pick<LaneFrame, 'trailMode' | 'trails' | 'trailSteps' | 'trailWalkers' | 'trailLength'> {
    const t = this.trails
    if (!t)
      return {
        trailMode: 'none',
        trails: new Float32Array(),
        trailSteps: new Float64Array(),
        trailWalkers: 0,
        trailLength: 0,
      }
    const { points, steps } = t.snapshot()
    return { trailMode: t.mode, trails: points, trailSteps: steps, trailWalkers: t.walkers, trailLength: t.length }
  }

  private lead(): LeadWalker {
    const w = this.lane.walkers
    this.sim.surface.hessian(w.x[0]!, w.y[0]!, this.h)
    symmetricEigenvalues(this.h[0]!, this.h[1]!, this.h[2]!, this.eigen)
    return {
      x: w.x[0]!,
      y: w.y[0]!,
      state: Array.from(w.state(0, this.state)),
      u: w.u[0]!,
      gradNorm: Math.hypot(w.gx[0]!, w.gy[0]!),
      status: WALKER_STATUSES[w.status[0]!]!,
      label: this.lane.label(0),
      eigenvalues: [this.eigen[0]!, this.eigen[1]!],
      divergedAt: w.status[0] === STATUS.diverged ? w.divergedAt[0]! : null,
      divergedWith: w.status[0] === STATUS.diverged ? this.lane.live(w.divergedAt[0]) : null,
      startCurvature: this.startCurvature,
      typicalGradient: this.lane.scales.gradient,
      lowestOnDomain: this.lane.scales.lowestValue ?? NaN,
      rangeOnDomain: this.lane.scales.valueRange,
      degenerate: this.lane.tracker?.degenerate[0] === 1,
    }
  }

  private sampling(): SamplingFrame | null {
    const observer = this.observer
    if (!observer) return null
    const kT = this.lane.live().kT
    if (kT === null) return null
    if (!this.exact || this.exact.kT !== kT) {
      const h = observer.histogram
      this.exact = { kT, probabilities: exactBinProbabilities(this.sim.surface, kT, h.xEdges, h.yEdges, 2) }
    }
    if (observer.histogram.total > 0)
      this.lastSummary = observer.summary(kT, this.exact.probabilities, this.sim.setup.seed, (k) =>
        // The check's reasons name basins as the map does; the last of its basins is the ground that flows nowhere.
        k < this.sim.landscape.names.length
          ? `basin ${this.sim.landscape.names[k]}`
          : 'the ground that flows to no minimum',
      )
    if (!this.lastSummary) return null
    const t = observer.transitions
    const open = t?.underWay()
    const m = this.sim.landscape.minima.length
    return {
      kT,
      nx: observer.histogram.nx,
      ny: observer.histogram.ny,
      counts: Float64Array.from(observer.histogram.counts),
      exact: Float64Array.from(this.exact.probabilities),
      summary: this.lastSummary,
      transitions: {
        minima: m,
        saddles: this.sim.landscape.saddles.length,
        counts: t ? Array.from(t.counts) : [],
        time: t ? Array.from(t.time) : [],
        channels: t ? Array.from(t.channels) : [],
        passages: t ? Array.from(t.passages) : [],
        passagesOpen: open ? Array.from(open.count) : [],
        passageExposure: t && open ? Array.from(t.passageTime, (time, k) => time + open.time[k]!) : [],
      },
      kinetic: this.kinetic
        ? { max: this.kineticMax, counts: Array.from(this.kinetic), above: this.kineticAbove }
        : null,
    }
  }
}
