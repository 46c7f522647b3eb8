import { resolveLane } from '../dynamics/resolve'
import { SystemLane } from '../dynamics/system-lane'
import type { CollectiveVariable } from './cvs'
import type { SystemDescriptor } from './descriptor'
import { FreeEnergyHistogram, type FreeEnergySurface, type GridAxis } from './free-energy'

/** An unbiased free-energy surface over two variables by parallel tempering. */
export interface TemperingReferenceConfig {
  readonly descriptor: SystemDescriptor
  readonly cvs: readonly [CollectiveVariable, CollectiveVariable]
  readonly s1: GridAxis
  readonly s2: GridAxis
  /** The temperature of the surface (the coldest rung) and of the hottest rung. */
  readonly kT: number
  readonly kTMax: number
  readonly replicas: number
  /** Independent ensembles of `replicas` walkers each. */
  readonly ensembles: number
  /** BAOAB time step and friction; default the descriptor's. */
  readonly dt?: number
  readonly friction?: number
  readonly swapEvery: number
  /** Steps run before sampling starts, then steps sampled. */
  readonly burnin: number
  readonly steps: number
  /** Steps between samples of the rung-0 walkers. */
  readonly every: number
  /** Samples per block of the histogram's error estimate. */
  readonly blockSize: number
  /** The known minimum every walker starts in. */
  readonly start: number
  readonly seed: number
}

/**
 * Runs parallel tempering (BAOAB replicas on a geometric ladder, see parallel-tempering.ts) and
 * histograms the two variables of the walkers at the coldest rung, which sample exp(-U/kT)
 * without bias: the reference a biased estimate is compared with.
 */
export function temperingReference(config: TemperingReferenceConfig): FreeEnergySurface {
  const { descriptor, kT, replicas, ensembles, every } = config
  const n = replicas * ensembles
  const settings = {
    kT,
    kTMax: config.kTMax,
    replicas,
    dt: config.dt ?? descriptor.defaults.dt,
    gamma: config.friction ?? descriptor.defaults.friction,
    swapEvery: config.swapEvery,
  }
  const r = resolveLane('parallel-tempering', settings, n, descriptor.dim)
  if (!r.ok) throw new RangeError(`tempering reference: ${r.errors.map((e) => e.message).join('; ')}`)
  const lane = new SystemLane({
    descriptor,
    method: r.lane.method,
    settings: r.lane.settings,
    walkers: n,
    start: { kind: 'minimum', index: config.start },
    seed: config.seed,
  })
  const [a, b] = config.cvs
  const histogram = new FreeEnergyHistogram({ s1: config.s1, s2: config.s2, kT, blockSize: config.blockSize })
  lane.advance(config.burnin)
  for (let t = 0; t < config.steps; t += every) {
    lane.advance(every)
    for (let i = 0; i < n; i++) {
      if (!lane.counts(i)) continue
      const q = lane.walkers.qs[i]!
      histogram.add(a.value(q), b.value(q))
    }
  }
  return histogram.result()
}
