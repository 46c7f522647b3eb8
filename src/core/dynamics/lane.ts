import { wrap } from '../landscape/domain'
import { statusScales } from '../landscape/scales'
import type { CompiledSurface } from '../surface'
import { emptyStats, MASS, type MethodDescriptor, type RunStats, type Stepper } from './method'
import { Noise, STREAM } from './noise'
import type { Settings } from './params'
import { capabilities, liveValues, type Capabilities, type LiveValues } from './resolve'
import { temperature } from './schedules'
import { STATUS, StatusTracker, type MinimumLabel, type StatusScales } from './status'
import { Walkers } from './walkers'

/** Where the walkers start. */
export type Start =
  | { kind: 'point'; x: number; y: number }
  | { kind: 'uniform' }
  | { kind: 'gaussian'; x: number; y: number; sigma: number }
  /** One position per walker (its arrays have the lane's walker count). */
  | { kind: 'points'; xs: ArrayLike<number>; ys: ArrayLike<number> }

export interface LaneConfig {
  surface: CompiledSurface
  method: MethodDescriptor
  /** Validated by resolveSettings against method.params. */
  settings: Settings
  walkers: number
  start: Start
  seed: number
  /**
   * The scales an optimizer's statuses are judged on; measured from the surface
   * when a lane that tracks statuses is given none (a sampler's lane never needs them).
   */
  scales?: StatusScales
}

/** A walker this far outside the domain (in domain widths) has diverged. */
export const DIVERGENCE_FACTOR = 10

export interface LaneReport {
  steps: number
  acceptance: number | null
  meanKinetic: number | null
  /** 2<K>/N_f with N_f = 2: the temperature the velocities show. */
  kineticTemperature: number | null
  kineticVariance: number | null
}

/**
 * One method on one surface with N walkers: starts them, advances them, keeps
 * positions finite (a walker that produces a non-finite value or runs far off
 * stops where it last was, marked diverged with its step), wraps them on a
 * periodic surface, and names each optimizer walker's status.
 */
export class Lane {
  readonly walkers: Walkers
  readonly noise: Noise
  readonly stats: RunStats = emptyStats()
  readonly tracker: StatusTracker | undefined
  readonly capabilities: Capabilities
  /** Steps done so far. */
  t = 0
  private readonly stepper: Stepper
  private readonly prevX: Float64Array
  private readonly prevY: Float64Array
  private readonly g = new Float64Array(2)

  constructor(readonly config: LaneConfig) {
    const { surface, method, settings, seed } = config
    this.walkers = new Walkers(config.walkers)
    this.noise = new Noise(seed)
    this.place(config.start)
    if (method.velocities) this.drawVelocities(temperature(settings, 0))
    const w = this.walkers
    for (let i = 0; i < w.n; i++) this.refresh(i)
    this.prevX = Float64Array.from(w.x)
    this.prevY = Float64Array.from(w.y)
    this.stepper = method.create({ surface, walkers: w, settings, noise: this.noise, stats: this.stats })
    // Statuses describe where a deterministic optimizer gets stuck; a noisy one at a
    // temperature (SGLD) samples, and its walkers are simply running.
    this.capabilities = capabilities(method, settings)
    this.tracker =
      method.family === 'optimizer' && !this.capabilities.thermal
        ? new StatusTracker(surface, w, this.scales)
        : undefined
    this.guard(-1)
  }

  get surface(): CompiledSurface {
    return this.config.surface
  }

  private measuredScales: StatusScales | undefined

  /** The status scales given, or measured from the surface the first time they are asked for. */
  get scales(): StatusScales {
    return (this.measuredScales ??= this.config.scales ?? statusScales(this.config.surface))
  }

  /** Advances `steps` steps. */
  advance(steps: number): void {
    const w = this.walkers
    for (let k = 0; k < steps; k++) {
      this.prevX.set(w.x)
      this.prevY.set(w.y)
      this.stepper.step(this.t)
      this.guard(this.t)
      this.tracker?.update(this.t)
      this.t++
    }
  }

  label(i: number): MinimumLabel {
    return this.tracker?.label(i) ?? null
  }

  /**
   * kT, lr and dt as they were for the step just done (the schedules' values at t - 1; at t = 0, the first ones), or at
   * step `at`.
   */
  live(at = this.t - 1): LiveValues {
    return liveValues(
      { method: this.config.method, settings: this.config.settings, capabilities: this.capabilities },
      Math.max(0, at),
    )
  }

  /** Whether walker i is a sample of the target distribution now (see Stepper.counts). */
  counts(i: number): boolean {
    return this.stepper.counts?.(i) ?? true
  }

  /** Every walker is a sample at every step (the stepper has no counts()). */
  get countsEvery(): boolean {
    return this.stepper.counts === undefined
  }

  /** Each walker is its own independent unit (the stepper has no unit()). */
  get unitIsWalker(): boolean {
    return this.stepper.unit === undefined
  }

  /** How many independent units the walkers form, and walker i's (see Stepper.units). */
  get units(): number {
    return this.stepper.units ?? this.walkers.n
  }

  unit(i: number): number {
    return this.stepper.unit?.(i) ?? i
  }

  extras(): Record<string, unknown> {
    return this.stepper.extras?.() ?? {}
  }

  report(): LaneReport {
    const s = this.stats
    const mean = s.kineticCount > 0 ? s.kinetic / s.kineticCount : null
    return {
      steps: this.t,
      acceptance: s.proposed > 0 ? s.accepted / s.proposed : null,
      meanKinetic: mean,
      kineticTemperature: mean,
      kineticVariance: mean === null ? null : s.kineticSquared / s.kineticCount - mean * mean,
    }
  }

  private place(start: Start): void {
    const w = this.walkers
    if (start.kind === 'points' && (start.xs.length !== w.n || start.ys.length !== w.n)) {
      throw new RangeError(`start: ${start.xs.length} points for ${w.n} walkers`)
    }
    const d = this.config.surface.domain
    const r = new Float64Array(2)
    for (let i = 0; i < w.n; i++) {
      if (start.kind === 'point') {
        w.x[i] = start.x
        w.y[i] = start.y
      } else if (start.kind === 'points') {
        w.x[i] = start.xs[i]!
        w.y[i] = start.ys[i]!
      } else if (start.kind === 'uniform') {
        const words = this.noise.draw(i, 0, STREAM.start)
        w.x[i] = d.xmin + (d.xmax - d.xmin) * ((words[0]! + 0.5) / 0x100000000)
        w.y[i] = d.ymin + (d.ymax - d.ymin) * ((words[1]! + 0.5) / 0x100000000)
      } else {
        this.noise.normal2(i, 0, STREAM.start, r)
        w.x[i] = start.x + start.sigma * r[0]!
        w.y[i] = start.y + start.sigma * r[1]!
      }
    }
  }

  /** Maxwell-Boltzmann at kT: each component N(0, kT/m). */
  private drawVelocities(kT: number): void {
    const w = this.walkers
    const r = new Float64Array(2)
    const sigma = Math.sqrt(kT / MASS)
    for (let i = 0; i < w.n; i++) {
      this.noise.normal2(i, 0, STREAM.velocity, r)
      w.vx[i] = sigma * r[0]!
      w.vy[i] = sigma * r[1]!
    }
  }

  private refresh(i: number): void {
    const w = this.walkers
    w.u[i] = this.config.surface.gradient(w.x[i]!, w.y[i]!, this.g)
    w.gx[i] = this.g[0]!
    w.gy[i] = this.g[1]!
  }

  /** Wraps periodic positions and stops walkers that diverged at step t, where they last were. */
  private guard(t: number): void {
    const w = this.walkers
    const d = this.config.surface.domain
    const width = d.xmax - d.xmin
    const height = d.ymax - d.ymin
    const x0 = d.xmin - DIVERGENCE_FACTOR * width
    const x1 = d.xmax + DIVERGENCE_FACTOR * width
    const y0 = d.ymin - DIVERGENCE_FACTOR * height
    const y1 = d.ymax + DIVERGENCE_FACTOR * height
    for (let i = 0; i < w.n; i++) {
      if (w.status[i] === STATUS.diverged) continue
      if (d.periodic) {
        w.x[i] = wrap(w.x[i]!, d.xmin, width)
        w.y[i] = wrap(w.y[i]!, d.ymin, height)
      }
      const x = w.x[i]!
      const y = w.y[i]!
      // Written so that NaN fails every comparison and lands in the diverged branch.
      const fine =
        x >= x0 &&
        x <= x1 &&
        y >= y0 &&
        y <= y1 &&
        w.u[i]! - w.u[i]! === 0 &&
        w.gx[i]! - w.gx[i]! === 0 &&
        w.gy[i]! - w.gy[i]! === 0
      if (fine) continue
      if (t >= 0) {
        w.x[i] = this.prevX[i]!
        w.y[i] = this.prevY[i]!
      }
      w.vx[i] = 0
      w.vy[i] = 0
      this.refresh(i)
      w.status[i] = STATUS.diverged
      w.divergedAt[i] = Math.max(t, 0)
    }
  }
}
