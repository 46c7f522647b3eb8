import type { BiasVariable, System } from '../system'
import type { SystemDescriptor } from '../systems/descriptor'
import type { LaneReport } from './lane'
import { emptyStats, MASS, type MethodDescriptor, type RunStats, type Stepper } from './method'
import { Noise, STREAM, uniformOpen } from './noise'
import type { Settings } from './params'
import { capabilities, liveValues, type Capabilities, type LiveValues } from './resolve'
import { temperature } from './schedules'
import { squaredNorm } from './state-steps'
import { StateWalkers } from './state-walkers'
import { STATUS } from './status'

/** Where a system's walkers start. */
export type SystemStart =
  /** Every walker at the geometry of known minimum `index` of the descriptor. */
  | { kind: 'minimum'; index: number }
  /** Each walker at its own random state (the descriptor's randomState, seeded by walker). */
  | { kind: 'random' }
  /** Every walker at this state. */
  | { kind: 'state'; q: ArrayLike<number> }

export interface SystemLaneConfig {
  descriptor: SystemDescriptor
  method: MethodDescriptor
  /** Validated by resolveLane against method.params, with dim = descriptor.dim. */
  settings: Settings
  walkers: number
  start: SystemStart
  seed: number
  /**
   * Remove the centre-of-mass velocity after every step and keep the centre of mass at the
   * origin (translation-invariant systems only: those with atoms). Default: on when the
   * descriptor has atoms.
   */
  removeDrift?: boolean
  /**
   * The two variables the run is seen through, handed to a method that biases them
   * (metadynamics); other methods ignore them.
   */
  variables?: readonly [BiasVariable, BiasVariable]
}

/**
 * An optimizer walker has converged when its root-mean-square gradient component is below
 * this (reduced units; FIRE's quench tolerance is 1e-8 in norm).
 */
export const SYSTEM_CONVERGED = 1e-6
/** Energies this close to the lowest known minimum count as the global minimum. */
export const GLOBAL_TOLERANCE = 1e-4

/** What one walker of a system is doing, for the status words. */
export interface SystemWalkerStatus {
  kind: 'running' | 'minimum' | 'diverged'
  energy: number
  /** The lowest known minimum of the system, or null. */
  global: number | null
  /** At the global minimum (within GLOBAL_TOLERANCE). */
  atGlobal: boolean
  /** The step it diverged at, or null. */
  divergedAt: number | null
}

/**
 * One method on one many-coordinate system with N walkers: the system's counterpart of Lane.
 * Starts the walkers (a known minimum, random states, or a given state), draws velocities from
 * Maxwell-Boltzmann at kT, advances them, removes centre-of-mass drift, stops walkers whose
 * energy or gradient turns non-finite (restored to their last state, marked diverged), and says
 * what each optimizer walker has reached.
 */
export class SystemLane {
  readonly walkers: StateWalkers
  readonly noise: Noise
  readonly stats: RunStats = emptyStats()
  readonly capabilities: Capabilities
  readonly system: System
  /** Steps done so far. */
  t = 0
  private readonly stepper: Stepper
  private readonly previous: Float64Array
  private readonly drift: { readonly count: number; readonly perAtom: number } | null
  private readonly gtol: number | null
  /** A dynamics step that moves a coordinate further than this has exploded (descriptor.jump); null for optimizers. */
  private readonly jump: number | null

  constructor(readonly config: SystemLaneConfig) {
    const { descriptor, method, settings, seed } = config
    if (!method.createSystem) throw new RangeError(`${method.name} runs on surfaces only`)
    this.system = descriptor.system()
    const d = descriptor.dim
    this.walkers = new StateWalkers(config.walkers, d)
    this.noise = new Noise(seed)
    const removeDrift = config.removeDrift ?? descriptor.atoms !== null
    if (removeDrift && descriptor.atoms === null)
      throw new RangeError(`${descriptor.title}: its coordinates are not positions, so it has no drift to remove`)
    this.drift = removeDrift ? descriptor.atoms : null
    this.place(config.start)
    const w = this.walkers
    if (method.velocities) this.drawVelocities(temperature(settings, 0))
    this.removeDrift()
    for (let i = 0; i < w.n; i++) w.u[i] = this.system.gradient(w.qs[i]!, w.gs[i]!)
    this.previous = Float64Array.from(w.q)
    this.stepper = method.createSystem({
      system: this.system,
      walkers: w,
      settings,
      noise: this.noise,
      stats: this.stats,
      variables: config.variables,
    })
    this.capabilities = capabilities(method, settings)
    this.gtol = method.params.some((p) => p.name === 'gtol') && typeof settings.gtol === 'number' ? settings.gtol : null
    this.jump = method.velocities ? (descriptor.jump ?? 1) : null
    this.guard(-1)
  }

  get descriptor(): SystemDescriptor {
    return this.config.descriptor
  }

  /** Advances `steps` steps. */
  advance(steps: number): void {
    const w = this.walkers
    for (let k = 0; k < steps; k++) {
      this.previous.set(w.q)
      this.stepper.step(this.t)
      this.removeDrift()
      this.guard(this.t)
      this.t++
    }
  }

  /** kT, lr and dt as they were for the step just done, or at step `at`. */
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

  extras(): Record<string, unknown> {
    return this.stepper.extras?.() ?? {}
  }

  /** What walker i is doing: an optimizer's walker reaches a minimum when its gradient vanishes. */
  status(i: number): SystemWalkerStatus {
    const w = this.walkers
    const global = this.descriptor.minima[0]?.energy ?? null
    const energy = w.u[i]!
    const atGlobal = global !== null && Math.abs(energy - global) <= GLOBAL_TOLERANCE
    if (w.status[i] === STATUS.diverged)
      return { kind: 'diverged', energy, global, atGlobal: false, divergedAt: w.divergedAt[i]! }
    const optimizer = this.config.method.family === 'optimizer' && !this.capabilities.thermal
    const kind = optimizer && this.converged(w.gs[i]!) ? 'minimum' : 'running'
    return { kind, energy, global, atGlobal, divergedAt: null }
  }

  /**
   * An optimizer's walker has stopped at a minimum when its rms gradient is below
   * SYSTEM_CONVERGED, or when every component is within the method's own tolerance (L-BFGS's
   * gtol: it stays put there).
   */
  private converged(g: Float64Array): boolean {
    const d = this.walkers.dim
    if (Math.sqrt(squaredNorm(g, d) / d) < SYSTEM_CONVERGED) return true
    if (this.gtol === null) return false
    for (let k = 0; k < d; k++) if (!(Math.abs(g[k]!) <= this.gtol)) return false
    return true
  }

  report(): LaneReport {
    const s = this.stats
    const mean = s.kineticCount > 0 ? s.kinetic / s.kineticCount : null
    // Equipartition over the degrees of freedom left: dim, less the centre of mass's when the
    // drift is removed (its velocity is zeroed after every step; a thermostat's kick gives it
    // back only the small share (1 - c^2) kT/2 per coordinate before the recorded K is read).
    const freedom = this.walkers.dim - (this.drift?.perAtom ?? 0)
    return {
      steps: this.t,
      acceptance: s.proposed > 0 ? s.accepted / s.proposed : null,
      meanKinetic: mean,
      kineticTemperature: mean === null ? null : (2 * mean) / freedom,
      kineticVariance: mean === null ? null : s.kineticSquared / s.kineticCount - mean * mean,
    }
  }

  private place(start: SystemStart): void {
    const w = this.walkers
    const d = w.dim
    if (start.kind === 'state') {
      if (start.q.length !== d) throw new RangeError(`start: a state of ${start.q.length} coordinates for ${d}`)
      for (let i = 0; i < w.n; i++) w.qs[i]!.set(start.q)
      return
    }
    if (start.kind === 'minimum') {
      const m = this.descriptor.minima[start.index]
      if (!m?.start)
        throw new RangeError(`start: ${this.descriptor.title} has no geometry for known minimum ${start.index}`)
      const q = m.start()
      for (let i = 0; i < w.n; i++) w.qs[i]!.set(q)
      return
    }
    for (let i = 0; i < w.n; i++) {
      // Walker i's uniforms: the words of draws (i, j, STREAM.start), j = 0, 1, ...
      let j = 0
      let used = 4
      const words = this.noise.words
      const uniform = () => {
        if (used === 4) {
          this.noise.draw(i, j++, STREAM.start)
          used = 0
        }
        return uniformOpen(words[used++]!)
      }
      this.descriptor.randomState(uniform, w.qs[i]!)
    }
  }

  /** Maxwell-Boltzmann at kT: each component N(0, kT/m). */
  private drawVelocities(kT: number): void {
    const w = this.walkers
    const sigma = Math.sqrt(kT / MASS)
    for (let i = 0; i < w.n; i++) {
      const v = w.vs[i]!
      this.noise.normals(i, 0, STREAM.velocity, v, 0, w.dim)
      for (let k = 0; k < w.dim; k++) v[k] = sigma * v[k]!
    }
  }

  /** Sets every walker's centre-of-mass velocity to zero and moves its centre of mass to the origin. */
  private removeDrift(): void {
    const a = this.drift
    if (a === null) return
    const w = this.walkers
    const { count, perAtom } = a
    for (let i = 0; i < w.n; i++) {
      if (w.status[i] === STATUS.diverged) continue
      const q = w.qs[i]!
      const v = w.vs[i]!
      for (let c = 0; c < perAtom; c++) {
        let mq = 0
        let mv = 0
        for (let j = 0; j < count; j++) {
          mq += q[j * perAtom + c]!
          mv += v[j * perAtom + c]!
        }
        mq /= count
        mv /= count
        for (let j = 0; j < count; j++) {
          q[j * perAtom + c] = q[j * perAtom + c]! - mq
          v[j * perAtom + c] = v[j * perAtom + c]! - mv
        }
      }
    }
  }

  /**
   * Stops walkers whose energy or gradient turned non-finite at step t, or (dynamics) that one
   * step moved by more than the system's jump, where they last were.
   */
  private guard(t: number): void {
    const w = this.walkers
    const d = w.dim
    const jump = t >= 0 ? this.jump : null
    for (let i = 0; i < w.n; i++) {
      if (w.status[i] === STATUS.diverged) continue
      // Written so that NaN fails the comparison: u - u is 0 only for a finite u.
      let fine = w.u[i]! - w.u[i]! === 0
      const g = w.gs[i]!
      for (let k = 0; k < d && fine; k++) fine = g[k]! - g[k]! === 0
      if (fine && jump !== null) {
        const q = w.qs[i]!
        const base = i * d
        for (let k = 0; k < d && fine; k++) fine = Math.abs(q[k]! - this.previous[base + k]!) <= jump
      }
      if (fine) continue
      const q = w.qs[i]!
      if (t >= 0) for (let k = 0; k < d; k++) q[k] = this.previous[i * d + k]!
      w.vs[i]!.fill(0)
      w.u[i] = this.system.gradient(q, g)
      w.status[i] = STATUS.diverged
      w.divergedAt[i] = Math.max(t, 0)
    }
  }
}
