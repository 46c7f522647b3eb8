import { resolveLane } from '../dynamics/resolve'
import { BiasGrid } from '../dynamics/samplers/bias-grid'
import { SystemLane, type SystemStart } from '../dynamics/system-lane'
import { STATUS } from '../dynamics/status'
import { portableMath as pm } from '../portable-math'
import type { CollectiveVariable } from './cvs'
import { cvBiasedSystem } from './cv-bias'
import type { SystemDescriptor } from './descriptor'
import type { FreeEnergySurface, GridAxis } from './free-energy'

/**
 * Well-tempered metadynamics on two collective variables of a many-coordinate system
 * (Laio & Parrinello, PNAS 99, 12562, 2002; Barducci, Bussi & Parrinello, PRL 100, 020603,
 * 2008), with several walkers sharing one bias (Raiteri, Laio, Gervasio, Micheletti &
 * Parrinello, J. Phys. Chem. B 110, 3533, 2006).
 *
 * The bias V(s1, s2) lives on a grid over the two variables (BiasGrid: Gaussian hills, bilinear
 * between nodes, constant beyond the edges). It enters the dynamics through a System that adds
 * V(s(q)) to the energy and, by the chain rule,
 *   dV/dq = dV/ds1 ds1/dq + dV/ds2 ds2/dq
 * to the gradient: every sampler then runs on U + V unchanged. Here the walkers move by BAOAB
 * Langevin dynamics. Every `stride` steps each walker, in walker order, drops a hill of width
 * sigma and height h0 exp(-V(s)/((gamma - 1) kT)) at its own s; at convergence
 * V = -(1 - 1/gamma) F + const, so the free-energy estimate is F(s) = -[gamma/(gamma - 1)] V(s).
 */

/** The grid the bias is stored on: `nodes` nodes per axis from min to max of each variable. */
export interface BiasGridSpec {
  readonly s1: { readonly min: number; readonly max: number }
  readonly s2: { readonly min: number; readonly max: number }
  readonly nodes: number
}

export interface CvMetadynamicsConfig {
  readonly descriptor: SystemDescriptor
  readonly cvs: readonly [CollectiveVariable, CollectiveVariable]
  readonly grid: BiasGridSpec
  readonly kT: number
  readonly dt: number
  /** Langevin friction gamma (1/time). */
  readonly friction: number
  /** Height h0 of a hill dropped where the bias is still zero. */
  readonly height: number
  /** Width of every hill, in the units of both variables. */
  readonly sigma: number
  /** Steps between hills (each walker drops one). */
  readonly stride: number
  /** Well-tempering factor gamma > 1 (the walkers see the variables as if at gamma kT). */
  readonly biasFactor: number
  readonly walkers: number
  readonly start: SystemStart
  readonly seed: number
}

/** Metadynamics on a system: a SystemLane running BAOAB on the biased system, and the hills. */
export class CvMetadynamics {
  readonly bias: BiasGrid
  readonly lane: SystemLane
  /** Hills dropped so far. */
  hills = 0
  private readonly s = new Float64Array(2)

  constructor(readonly config: CvMetadynamicsConfig) {
    const { descriptor, cvs, grid, biasFactor } = config
    if (!(biasFactor > 1)) throw new RangeError(`metadynamics: the bias factor must exceed 1, not ${biasFactor}`)
    if (!(Number.isInteger(config.stride) && config.stride >= 1))
      throw new RangeError(`metadynamics: the stride must be a positive integer, not ${config.stride}`)
    this.bias = new BiasGrid(
      { xmin: grid.s1.min, xmax: grid.s1.max, ymin: grid.s2.min, ymax: grid.s2.max },
      grid.nodes,
      grid.nodes,
    )
    const bias = this.bias
    const biased: SystemDescriptor = { ...descriptor, system: () => cvBiasedSystem(descriptor.system(), cvs, bias) }
    const r = resolveLane(
      'baoab',
      { kT: config.kT, dt: config.dt, gamma: config.friction },
      config.walkers,
      descriptor.dim,
    )
    if (!r.ok) throw new RangeError(`metadynamics: ${r.errors.map((e) => e.message).join('; ')}`)
    this.lane = new SystemLane({
      descriptor: biased,
      method: r.lane.method,
      settings: r.lane.settings,
      walkers: config.walkers,
      start: config.start,
      seed: config.seed,
    })
  }

  /** Steps done so far. */
  get t(): number {
    return this.lane.t
  }

  /** The variables of state q into out[0], out[1]. */
  project(q: Float64Array, out: Float64Array): void {
    out[0] = this.config.cvs[0].value(q)
    out[1] = this.config.cvs[1].value(q)
  }

  /** Advances `steps` steps, dropping hills every `stride` steps. */
  advance(steps: number): void {
    const { stride } = this.config
    let left = steps
    while (left > 0) {
      const chunk = Math.min(left, stride - (this.lane.t % stride))
      this.lane.advance(chunk)
      left -= chunk
      if (this.lane.t % stride === 0) this.deposit()
    }
  }

  /** Each walker drops its hill; the walkers' cached energies and gradients are then those of the new bias. */
  private deposit(): void {
    const { kT, biasFactor, height, sigma } = this.config
    const w = this.lane.walkers
    const s = this.s
    const deltaT = (biasFactor - 1) * kT
    for (let i = 0; i < w.n; i++) {
      if (w.status[i] === STATUS.diverged) continue
      this.project(w.qs[i]!, s)
      this.bias.deposit(s[0]!, s[1]!, height * pm.exp(-this.bias.value(s[0]!, s[1]!) / deltaT), sigma)
      this.hills++
    }
    for (let i = 0; i < w.n; i++)
      if (w.status[i] !== STATUS.diverged) w.u[i] = this.lane.system.gradient(w.qs[i]!, w.gs[i]!)
  }

  /** The bias now at (s1, s2). */
  biasAt(s1: number, s2: number): number {
    return this.bias.value(s1, s2)
  }

  /** The well-tempered estimate F(s) = -[gamma/(gamma - 1)] V(s) (up to a constant). */
  freeEnergyAt(s1: number, s2: number): number {
    const g = this.config.biasFactor
    return (-g / (g - 1)) * this.bias.value(s1, s2)
  }
}

/**
 * The estimate as a free energy per bin of a histogram grid, F_bin = -kT ln integral over the bin
 * of exp(-F(s)/kT) (up to a constant), the quantity FreeEnergyHistogram estimates from samples:
 * the integral by the midpoint rule on sub x sub points per bin.
 */
export function binnedFreeEnergy(
  freeEnergyAt: (s1: number, s2: number) => number,
  s1: GridAxis,
  s2: GridAxis,
  kT: number,
  sub = 5,
): number[][] {
  const h1 = (s1.max - s1.min) / s1.bins
  const h2 = (s2.max - s2.min) / s2.bins
  const logs = new Float64Array(sub * sub)
  const out: number[][] = []
  for (let i = 0; i < s1.bins; i++) {
    const row: number[] = []
    for (let j = 0; j < s2.bins; j++) {
      let k = 0
      for (let a = 0; a < sub; a++)
        for (let b = 0; b < sub; b++)
          logs[k++] = -freeEnergyAt(s1.min + (i + (a + 0.5) / sub) * h1, s2.min + (j + (b + 0.5) / sub) * h2) / kT
      let top = -Infinity
      for (const v of logs) top = Math.max(top, v)
      let sum = 0
      for (const v of logs) sum += pm.exp(v - top)
      row.push(-kT * (top + pm.log(sum / (sub * sub))))
    }
    out.push(row)
  }
  return out
}

/** How an estimate of F compares with a reference surface over the reference's populated bins. */
export interface SurfaceAgreement {
  /** Bins compared: the reference's with F below `within` above its lowest bin. */
  readonly bins: number
  /** Root-mean-square and largest |difference| after both are shifted to zero mean over those bins. */
  readonly rms: number
  readonly max: number
  /** Root-mean-square of the reference's block errors over those bins. */
  readonly referenceError: number
  /**
   * Root-mean-square of the standardised differences d / sqrt(sigma_ref^2 + sigma_est^2), sigma_ref
   * each bin's block error and sigma_est the estimate's error: about 1 when the two agree within
   * their errors.
   */
  readonly z: number
}

/** The bins (i, j) where a reference surface has F below `within` above its lowest bin. */
export function populatedBins(reference: FreeEnergySurface, within: number): [number, number][] {
  const cells: [number, number][] = []
  reference.F.forEach((row, i) =>
    row.forEach((f, j) => {
      if (f !== null && f < within) cells.push([i, j])
    }),
  )
  return cells
}

/**
 * Root-mean-square and largest |a - b| over the bins, after each is shifted to zero mean over
 * them (a free energy is known up to a constant). NaN when a bin is missing from either.
 */
export function alignedDifference(
  a: readonly (readonly (number | null)[])[],
  b: readonly (readonly (number | null)[])[],
  bins: readonly (readonly [number, number])[],
): { rms: number; max: number } {
  const n = bins.length
  const at = (m: readonly (readonly (number | null)[])[], i: number, j: number) => m[i]?.[j] ?? NaN
  let meanA = 0
  let meanB = 0
  for (const [i, j] of bins) {
    meanA += at(a, i, j)
    meanB += at(b, i, j)
  }
  meanA /= n
  meanB /= n
  let squares = 0
  let max = 0
  for (const [i, j] of bins) {
    const d = at(a, i, j) - meanA - (at(b, i, j) - meanB)
    squares += d * d
    max = Math.max(max, Math.abs(d))
  }
  return { rms: Math.sqrt(squares / n), max: Number.isNaN(squares) ? NaN : max }
}

/**
 * Compares an estimate with a reference surface over the reference's bins with F below `within`,
 * both aligned by their mean there; `estimateError` is the estimate's own standard error, one
 * value for every bin. A bin without a block error makes z NaN.
 */
export function surfaceAgreement(
  reference: FreeEnergySurface,
  estimate: readonly (readonly number[])[],
  within: number,
  estimateError = 0,
): SurfaceAgreement {
  const bins = populatedBins(reference, within)
  const n = bins.length
  let meanRef = 0
  let meanEst = 0
  for (const [i, j] of bins) {
    meanRef += reference.F[i]![j]!
    meanEst += estimate[i]?.[j] ?? NaN
  }
  meanRef /= n
  meanEst /= n
  let squares = 0
  let max = 0
  let errors = 0
  let z = 0
  for (const [i, j] of bins) {
    const d = (estimate[i]?.[j] ?? NaN) - meanEst - (reference.F[i]![j]! - meanRef)
    const e = reference.error[i]![j] ?? NaN
    squares += d * d
    max = Math.max(max, Math.abs(d))
    errors += e * e
    z += (d * d) / (e * e + estimateError * estimateError)
  }
  return {
    bins: n,
    rms: Math.sqrt(squares / n),
    max: Number.isNaN(squares) ? NaN : max,
    referenceError: Math.sqrt(errors / n),
    z: Math.sqrt(z / n),
  }
}
