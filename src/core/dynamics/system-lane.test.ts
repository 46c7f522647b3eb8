import { describe, expect, it } from 'vitest'
import { bits, systemLane, wrapSystem } from '../../testing/system-lane'
import { expectStateRepeatsPlanar } from '../../testing/state-repeats-planar'
import type { System } from '../system'
import { systemById } from '../systems'
import { cvsFor } from '../systems/cvs'
import { METHODS } from './methods'
import { resolveLane } from './resolve'
import { STATUS } from './status'
import { SystemLane } from './system-lane'

/**
 * A method's step on a state vector does, coordinate by coordinate, the arithmetic of its
 * planar step in the same order, with the same random numbers: on a surface taken as a system
 * of two coordinates it must give the planar lane's numbers bit for bit. Müller-Brown, from
 * near MA, 300 steps, 3 walkers. Metropolis is left out on purpose: on a state its coin is a
 * draw of its own (the planar step takes a spare word of the proposal's draw).
 */
describe('methods on states of d coordinates', () => {
  const SAME: Record<string, Record<string, unknown>> = {
    gd: { lr: 1e-4 },
    lbfgs: {},
    momentum: { lr: 1e-4 },
    nesterov: { lr: 1e-4 },
    adam: { lr: 0.01 },
    adamw: { lr: 0.01 },
    baoab: { kT: 10, dt: 0.002 },
    overdamped: { kT: 10, dt: 0.0005 },
    'parallel-tempering': { kT: 10, kTMax: 40, replicas: 3, dt: 0.002, swapEvery: 5 },
  }
  for (const [id, settings] of Object.entries(SAME))
    it(`${id}: the state stepper repeats the planar one bit for bit`, () => {
      expectStateRepeatsPlanar(id, settings)
    })

  it('lists which methods run on systems, and every one of them takes a step on LJ13', () => {
    const lj13 = systemById('lj13')!
    const onSystems = METHODS.filter((m) => m.createSystem).map((m) => m.id)
    expect(onSystems).toEqual(
      expect.arrayContaining([
        'gd',
        'lbfgs',
        'momentum',
        'nesterov',
        'adam',
        'fire',
        'basin-hopping',
        'baoab',
        'overdamped',
        'metropolis',
        'parallel-tempering',
        'metadynamics',
      ]),
    )
    for (const id of onSystems) {
      const settings = id === 'parallel-tempering' ? { replicas: 2, kT: 0.1, kTMax: 0.3, dt: 0.005 } : {}
      const r = resolveLane(id, settings, 2, lj13.dim)
      if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '))
      const [a, b] = cvsFor(lj13)
      const lane = new SystemLane({
        descriptor: lj13,
        method: r.lane.method,
        settings: r.lane.settings,
        walkers: 2,
        start: { kind: 'minimum', index: 0 },
        seed: 3,
        // Metadynamics biases the map's two variables; the others ignore them.
        variables: [a!, b!],
      })
      lane.advance(3)
      for (let i = 0; i < 2; i++) expect(Number.isFinite(lane.walkers.u[i]), id).toBe(true)
      expect(lane.t).toBe(3)
    }
  })
})

describe('a system lane', () => {
  const lj13 = systemById('lj13')!

  it('repeats a seeded run bit for bit however it is chunked, and another seed differs', () => {
    const run = (seed: number, chunks: number) => {
      const lane = systemLane(lj13, 'baoab', { kT: 0.3, dt: 0.005 }, { kind: 'random' }, 4, seed)
      for (let k = 0; k < chunks; k++) lane.advance(200 / chunks)
      return bits(lane.walkers.q)
    }
    const once = run(11, 1)
    expect(run(11, 20)).toEqual(once)
    expect(run(12, 1)).not.toEqual(once)
  })

  it('starts random walkers apart from one another, each inside the wall and with no overlapping pair', () => {
    const lane = systemLane(lj13, 'gd', {}, { kind: 'random' }, 5, 2)
    const w = lane.walkers
    for (let i = 0; i < 5; i++) {
      const q = w.qs[i]!
      for (let a = 0; a < 13; a++)
        for (let b = a + 1; b < 13; b++) {
          const r = Math.hypot(q[3 * a]! - q[3 * b]!, q[3 * a + 1]! - q[3 * b + 1]!, q[3 * a + 2]! - q[3 * b + 2]!)
          expect(r).toBeGreaterThanOrEqual(0.9)
        }
    }
    expect(bits(w.qs[0]!.slice())).not.toEqual(bits(w.qs[1]!.slice()))
  })

  it('keeps the centre of mass at rest at the origin when it removes drift', () => {
    const lane = systemLane(lj13, 'baoab', { kT: 0.5, dt: 0.005 }, { kind: 'minimum', index: 0 }, 2, 5)
    lane.advance(500)
    for (let i = 0; i < 2; i++)
      for (let c = 0; c < 3; c++) {
        let q = 0
        let v = 0
        for (let a = 0; a < 13; a++) {
          q += lane.walkers.qs[i]![3 * a + c]!
          v += lane.walkers.vs[i]![3 * a + c]!
        }
        expect(Math.abs(q / 13)).toBeLessThan(1e-12)
        expect(Math.abs(v / 13)).toBeLessThan(1e-12)
      }
  })

  it('stops a walker whose energy turns non-finite where it last was, and says when', () => {
    // U = -|q|^2/2, undefined beyond q0 = 3: gradient descent runs outward until it is.
    const edge: System = {
      dim: 3,
      coordinate: (k) => `q${k}`,
      energy: (q) => (q[0]! > 3 ? NaN : -0.5 * (q[0]! ** 2 + q[1]! ** 2 + q[2]! ** 2)),
      gradient(q, g) {
        for (let k = 0; k < 3; k++) g[k] = -q[k]!
        return this.energy(q)
      },
    }
    const lane = systemLane(
      wrapSystem(() => edge, 3),
      'gd',
      { lr: 0.1 },
      { kind: 'state', q: [1, 0, 0] },
      1,
    )
    lane.advance(50)
    const w = lane.walkers
    expect(w.status[0]).toBe(STATUS.diverged)
    // 1.1^12 = 3.14 > 3: the walker left the defined region at step 11 (0-based) and stays at 1.1^11.
    expect(w.divergedAt[0]).toBe(11)
    expect(w.q[0]).toBeCloseTo(1.1 ** 11, 12)
    expect(lane.status(0)).toMatchObject({ kind: 'diverged', divergedAt: 11 })
  })

  it('stops a dynamics walker that one step flings further than a unit, though its energy stays finite', () => {
    // AB-13 folded so tightly that bead 3 sits 0.2 from bead 0 (turning angles of 0.94 x 120
    // degrees): a pair energy of 4e8, whose force flings the angles by far more than a radian in
    // the first step. The turning angles are periodic, so the energy there is finite: only the
    // size of the move tells the explosion (left unchecked, an angle went to 1e60 and stayed).
    const ab13 = systemById('ab-2d-13')!
    const folded = Array.from({ length: 11 }, (_, k) => (k < 2 ? 0.94 * ((2 * Math.PI) / 3) : 0.4))
    const lane = systemLane(ab13, 'baoab', { kT: 0.1, dt: 0.005 }, { kind: 'state', q: folded }, 1)
    expect(Number.isFinite(lane.walkers.u[0])).toBe(true)
    lane.advance(20)
    expect(lane.status(0)).toMatchObject({ kind: 'diverged', divergedAt: 0 })
    expect(Array.from(lane.walkers.q)).toEqual(folded)
    // The ground state runs on at the same settings: the check is not set off by thermal motion.
    const calm = systemLane(ab13, 'baoab', { kT: 1, dt: 0.005 }, { kind: 'minimum', index: 0 }, 4)
    calm.advance(20_000)
    for (let i = 0; i < 4; i++) expect(calm.status(i).kind).toBe('running')
  })

  it('names a converged optimizer walker a minimum, global or not, with the global energy beside it', () => {
    const fire = systemLane(lj13, 'fire', {}, { kind: 'random' }, 8, 4)
    fire.advance(3000)
    const statuses = Array.from({ length: 8 }, (_, i) => fire.status(i))
    for (const s of statuses) {
      expect(s.kind).toBe('minimum')
      expect(s.global).toBe(-44.326801)
      expect(s.energy).toBeGreaterThanOrEqual(-44.326801 - 1e-6)
      expect(s.atGlobal).toBe(Math.abs(s.energy + 44.326801) <= 1e-4)
    }
    // A sampler's walkers are never "at a minimum", however low they are.
    const cold = systemLane(lj13, 'baoab', { kT: 1e-4 }, { kind: 'minimum', index: 0 }, 1)
    cold.advance(10)
    expect(cold.status(0).kind).toBe('running')
  })
})

describe('equipartition on LJ13 (BAOAB, drift removed)', () => {
  /**
   * The velocity right after BAOAB's O step is Maxwell-Boltzmann at kT in each of the 36
   * internal coordinates. The centre of mass's velocity is zeroed after every step, and the O
   * step's kick gives it back c^2 of nothing plus (1 - c^2) kT per coordinate, c = exp(-gamma dt):
   * so 2<K>/36 has mean kT (1 + 3 (1 - c^2)/36). 64 walkers from the icosahedron, 2000 steps
   * recorded after 1000 of burn-in; each walker's time average is one sample, the walkers
   * independent, so the mean of 64 has standard error s/8, s their spread (estimated from
   * on-step velocities, which read a little low: the bound is a little tight, not loose).
   * |mean - expected| < 5 standard errors: a false alarm about once in 1.7 million runs (normal
   * tail); a kT off by 5% is caught (negative control: the same data against 1.05 kT).
   */
  it('shows the thermostat temperature within five standard errors, and not 5% above it', () => {
    const kT = 0.2
    const lj13 = systemById('lj13')!
    const walkers = 64
    const lane = systemLane(lj13, 'baoab', { kT, dt: 0.005, gamma: 1 }, { kind: 'minimum', index: 0 }, walkers, 9)
    lane.stats.recording = false
    lane.advance(1000)
    lane.stats.recording = true
    const perWalker = new Float64Array(walkers)
    const w = lane.walkers
    const steps = 2000
    // The recorded K sums all walkers: read each walker's own from its post-O velocity the same way.
    for (let t = 0; t < steps; t++) {
      lane.advance(1)
      for (let i = 0; i < walkers; i++) {
        let k = 0
        const v = w.vs[i]!
        for (let c = 0; c < 39; c++) k += v[c]! * v[c]!
        perWalker[i]! += k / 36 / steps
      }
    }
    // On-step velocities read low by (1 - omega^2 dt^2 / 4) (Leimkuhler & Matthews): use the recorded post-O ones.
    const report = lane.report()
    expect(report.kineticTemperature).not.toBeNull()
    const mean = perWalker.reduce((a, b) => a + b, 0) / walkers
    const sd = Math.sqrt(perWalker.reduce((a, b) => a + (b - mean) ** 2, 0) / (walkers - 1))
    const se = sd / Math.sqrt(walkers)
    const c = Math.exp(-1 * 0.005)
    const expected = kT * (1 + (3 * (1 - c * c)) / 36)
    expect(Math.abs(report.kineticTemperature! - expected)).toBeLessThan(5 * se)
    expect(Math.abs(report.kineticTemperature! - 1.05 * expected)).toBeGreaterThan(5 * se)
  })
})
