import { methodById } from '../src/core/dynamics/methods'
import { Noise, STREAM } from '../src/core/dynamics/noise'
import { resolveLane } from '../src/core/dynamics/resolve'
import { SystemLane } from '../src/core/dynamics/system-lane'
import { exp } from '../src/core/portable-math'
import { descentFromRandomStarts, type DescentMethod } from '../src/core/systems/descent'
import type { SystemDescriptor } from '../src/core/systems/descriptor'
import { systemById } from '../src/core/systems/index'
import { LbfgsMinimiser } from '../src/core/systems/minimise'
import { searchMinima, type SearchMethod } from '../src/core/systems/search'
import { fmt, rates, table } from './measure'

const WALKERS = 100

/**
 * Where both routes start: the lowest known minimum's geometry, or (BLN-46, whose minima come
 * without one) a seeded random chain quenched with L-BFGS.
 */
function startOf(descriptor: SystemDescriptor): Float64Array {
  const known = descriptor.minima[0]?.start
  if (known) return known()
  const q = new Float64Array(descriptor.dim)
  let a = 12345
  descriptor.randomState(() => (a = (a * 16807) % 2147483647) / 2147483647, q)
  new LbfgsMinimiser(descriptor.system(), { gradientTolerance: 1e-6 }).minimise(q)
  return q
}

/** A BAOAB lane of 100 walkers on a system. */
function laneRound(descriptor: SystemDescriptor): (steps: number) => number {
  const { dt, kT, friction } = descriptor.defaults
  const r = resolveLane('baoab', { dt, kT, gamma: friction }, WALKERS, descriptor.dim)
  if (!r.ok) throw new Error(r.errors[0]!.message)
  const lane = new SystemLane({
    descriptor,
    method: methodById('baoab')!,
    settings: r.lane.settings,
    walkers: WALKERS,
    start: { kind: 'state', q: startOf(descriptor) },
    seed: 1,
  })
  return (steps) => {
    lane.advance(steps)
    return lane.walkers.u[0]!
  }
}

/**
 * The baseline: BAOAB written out in one loop over walkers and coordinates, calling the same
 * energy-and-gradient function and drawing the same counter-based normals, with nothing else
 * (no drift removal, no guard, no statuses): what the lane's structure costs on top of the
 * physics.
 */
function handRound(descriptor: SystemDescriptor): (steps: number) => number {
  const { dt, kT, friction } = descriptor.defaults
  const d = descriptor.dim
  const system = descriptor.system()
  const q = new Float64Array(WALKERS * d)
  const v = new Float64Array(WALKERS * d)
  const g = new Float64Array(WALKERS * d)
  const u = new Float64Array(WALKERS)
  const xi = new Float64Array(d)
  const noise = new Noise(1)
  const c = exp(-friction * dt)
  const kick = Math.sqrt((1 - c * c) * kT)
  const start = startOf(descriptor)
  const qs = Array.from({ length: WALKERS }, (_, i) => q.subarray(i * d, (i + 1) * d))
  const gs = Array.from({ length: WALKERS }, (_, i) => g.subarray(i * d, (i + 1) * d))
  for (let i = 0; i < WALKERS; i++) {
    qs[i]!.set(start)
    u[i] = system.gradient(qs[i]!, gs[i]!)
  }
  let t = 0
  return (steps) => {
    for (let s = 0; s < steps; s++, t++) {
      for (let i = 0; i < WALKERS; i++) {
        const o = i * d
        noise.normals(i, t, STREAM.kick, xi, 0, d)
        for (let k = 0; k < d; k++) {
          const vk = v[o + k]! - 0.5 * dt * g[o + k]!
          q[o + k] = q[o + k]! + 0.5 * dt * vk
          v[o + k] = c * vk + kick * xi[k]!
          q[o + k] = q[o + k]! + 0.5 * dt * v[o + k]!
        }
        u[i] = system.gradient(qs[i]!, gs[i]!)
        for (let k = 0; k < d; k++) v[o + k] = v[o + k]! - 0.5 * dt * g[o + k]!
      }
    }
    return u[0]!
  }
}

function speed(): void {
  const rows: Record<string, string | number>[] = []
  const ratios: string[] = []
  for (const id of ['lj13', 'bln-46']) {
    const descriptor = systemById(id)!
    const [hand, lane] = rates([handRound(descriptor), laneRound(descriptor)], [20, 20], 7)
    rows.push(
      {
        route: `${id} hand-written BAOAB loop`,
        'walker-steps/s': fmt(hand!.perSecond * WALKERS),
        'vs hand-written': 1,
      },
      {
        route: `${id} engine BAOAB (system lane)`,
        'walker-steps/s': fmt(lane!.perSecond * WALKERS),
        'vs hand-written': fmt(lane!.perSecond / hand!.perSecond),
      },
    )
    ratios.push(`${id} ${(lane!.perSecond / hand!.perSecond).toFixed(2)}x`)
  }
  table(`Systems, ${WALKERS} walkers, BAOAB: walker-steps per second`, rows)
  console.log(`engine system lane / hand-written loop: ${ratios.join(', ')} (target >= 0.6x)`)
}

/** Share of seeds whose search reaches the lowest known minimum within the budget. */
function shares(): void {
  const runs: {
    id: string
    method: SearchMethod
    budget: number
    seeds: number
    settings?: Record<string, unknown>
  }[] = [
    { id: 'lj13', method: 'basin-hopping', budget: 100, seeds: 50 },
    { id: 'lj13', method: 'parallel-tempering', budget: 20000, seeds: 10 },
    { id: 'lj13', method: 'annealing', budget: 20000, seeds: 10, settings: { kT: 0.5, kTEnd: 0.01 } },
    { id: 'ab-2d-13', method: 'basin-hopping', budget: 1000, seeds: 10 },
    { id: 'ab-2d-13', method: 'parallel-tempering', budget: 400000, seeds: 10 },
    { id: 'ab-2d-13', method: 'annealing', budget: 100000, seeds: 4 },
    { id: 'lj38', method: 'basin-hopping', budget: 1000, seeds: 10 },
  ]
  const rows: Record<string, string | number>[] = []
  for (const run of runs) {
    const descriptor = systemById(run.id)!
    let found = 0
    let steps = 0
    let best = Infinity
    const t0 = performance.now()
    for (let seed = 1; seed <= run.seeds; seed++) {
      const r = searchMinima(descriptor, {
        method: run.method,
        budget: run.budget,
        seed,
        settings: run.settings,
        stopAtGlobal: true,
      })
      if (r.globalAt !== null) {
        found++
        steps += r.globalAt
      }
      best = Math.min(best, r.best.energy)
    }
    rows.push({
      system: run.id,
      search: run.method,
      'budget (steps)': run.budget,
      seeds: run.seeds,
      'reached global': `${found}/${run.seeds} (${Math.round((100 * found) / run.seeds)}%)`,
      'mean steps when reached': found > 0 ? fmt(steps / found) : '-',
      'lowest found': fmt(best, 8),
      global: descriptor.minima[0]!.energy,
      's/seed': fmt((performance.now() - t0) / 1000 / run.seeds),
    })
  }
  table('Global minimum within a budget: share of seeds (seeds 1..n, stopping at the global minimum)', rows)
}

/** "Gradient descent ends up with a mess": where 1,000 random starts end. */
function mess(): void {
  const rows: Record<string, string | number>[] = []
  for (const id of ['lj13', 'ab-2d-13'])
    for (const method of ['gd', 'lbfgs', 'fire'] as DescentMethod[]) {
      const descriptor = systemById(id)!
      const t0 = performance.now()
      const r = descentFromRandomStarts(descriptor, {
        method,
        starts: 1000,
        seed: 1,
        settings: method === 'lbfgs' ? { gtol: 1e-7 } : method === 'gd' && id === 'ab-2d-13' ? { lr: 0.01 } : {},
      })
      const distinct = new Set(Array.from(r.energies, (e) => e.toFixed(3))).size
      rows.push({
        system: id,
        method,
        'at a minimum': r.minimum,
        'still moving': r.running,
        diverged: r.diverged,
        'at global': `${r.atGlobal} (${(r.atGlobal / 10).toFixed(1)}%)`,
        'distinct energies': distinct,
        'median final E': fmt(median(r.energies), 6),
        global: r.global ?? '-',
        steps: r.steps,
        s: fmt((performance.now() - t0) / 1000),
      })
    }
  table('Descent from 1,000 random starts (seed 1): where they end', rows)
}

function median(a: Float64Array): number {
  const s = Float64Array.from(a).sort()
  return s[Math.floor(s.length / 2)]!
}

export function systemBenchmarks(): void {
  speed()
  shares()
  mess()
}
