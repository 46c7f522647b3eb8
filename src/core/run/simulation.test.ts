import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../../cli/main'
import { defaultScenario } from '../scenario/defaults'
import { resolveSurface } from '../scenario/surface'
import { DecimatingRecord, Trails } from './history'
import { Simulation } from './simulation'

function defaultSimulation(): { sim: Simulation; scenario: ReturnType<typeof defaultScenario> } {
  const scenario = defaultScenario()
  const r = resolveSurface(scenario.surface)
  if (!r.ok) throw new Error(r.message)
  const { program, parameters, domain } = r.surface
  return {
    sim: new Simulation({ program, parameters: [...parameters], domain, seed: scenario.seed, lanes: scenario.lanes }),
    scenario,
  }
}

describe('Simulation', () => {
  it(
    'gives the positions `landscape sample` gives for the same scenario and seed, ' + 'bit for bit, after 10,000 steps',
    async () => {
      const { sim, scenario } = defaultSimulation()
      for (let k = 0; k < 100; k++) sim.advance(100)
      const file = join(mkdtempSync(join(tmpdir(), 'landscape-')), 'scenario.json')
      writeFileSync(file, JSON.stringify(scenario))
      let out = ''
      const code = await main(
        ['sample', '--scenario', file, '--lane', '1', '--steps', '10000', '--json'],
        { write: (t: string) => (out += t) },
        { write: () => 0 },
      )
      expect(code).toBe(0)
      const cli: [number, number][] = JSON.parse(out).positions
      const {
        coords: [x = new Float64Array(), y = new Float64Array()],
      } = sim.positions(1)
      expect(cli).toHaveLength(x.length)
      cli.forEach(([cx, cy], i) => {
        expect(Object.is(cx, x[i]) && Object.is(cy, y[i]), `walker ${i}`).toBe(true)
      })
    },
    120_000,
  )

  it('shows gradient descent stuck in MC and the sampler visiting MA and MB', () => {
    const { sim } = defaultSimulation()
    sim.advance(20_000)
    const [gd, langevin] = sim.frames(true)
    expect(gd.lead).toMatchObject({ status: 'minimum', label: 'local' })
    expect(gd.lead.u).toBeCloseTo(-80.7678, 3)
    const visited = langevin.sampling!.summary.basins.map((b) => b.sampled)
    // Minima by value: 0 = MA, 1 = MB, 2 = MC.
    expect(visited[0]).toBeGreaterThan(0)
    expect(visited[1]).toBeGreaterThan(0)
    expect(langevin.traces.step.length).toBeLessThanOrEqual(1024)
  }, 120_000)
})

describe('trails', () => {
  it('keep the mode a lane chose, else its default: the optimizer’s path, none for the cloud', () => {
    const { sim: defaults } = defaultSimulation()
    defaults.advance(20)
    expect(defaults.frames(false).map((f) => [f.trailMode, f.trailWalkers])).toEqual([
      ['path', 1],
      ['none', 0],
    ])
    const scenario = defaultScenario()
    const r = resolveSurface(scenario.surface)
    if (!r.ok) throw new Error(r.message)
    const { program, parameters, domain } = r.surface
    const [gd, baoab] = scenario.lanes
    const lanes = [
      { ...gd!, trail: 'none' as const },
      { ...baoab!, trail: 'recent' as const },
    ]
    const sim = new Simulation({ program, parameters: [...parameters], domain, seed: 1, lanes })
    sim.advance(20)
    const [a, b] = sim.frames(false)
    expect([a!.trailMode, a!.trailWalkers, b!.trailMode, b!.trailWalkers]).toEqual(['none', 0, 'recent', 8])
    // The cloud's first walkers, from their start (step 0) to step 20, the last 21 of the ring's points.
    expect([...b!.trailSteps].filter(Number.isFinite)).toEqual(Array.from({ length: 21 }, (_, t) => t))
  })
})

describe('bounded histories', () => {
  it('keep a fixed size however long the run', () => {
    const record = new DecimatingRecord(['a'], 8)
    for (let t = 0; t < 1000; t++) if (record.wants(t)) record.push(t, [t])
    expect(record.length).toBeLessThanOrEqual(8)
    expect(record.stride).toBe(128)
    const snap = record.snapshot()
    expect([...snap.step]).toEqual([...snap.series.a])
  })

  it('keep the last steps of a few walkers in a ring', () => {
    const trails = new Trails(2, 'recent', 4)
    for (let t = 0; t < 10; t++) trails.push(t, Float64Array.of(t, -t), Float64Array.of(2 * t, -2 * t))
    const { points, steps } = trails.snapshot()
    expect([...points.subarray(0, 8)]).toEqual([6, 12, 7, 14, 8, 16, 9, 18])
    expect([...points.subarray(8)]).toEqual([-6, -12, -7, -14, -8, -16, -9, -18])
    expect([...steps]).toEqual([6, 7, 8, 9])
  })

  it('keep a whole path from its start, decimated and never cut, ending where the walker is', () => {
    const trails = new Trails(1, 'path', 8)
    const at = (t: number) => [Math.sqrt(t), -t] as const
    for (let t = 0; t <= 100; t++) {
      const [x, y] = at(t)
      trails.push(t, Float64Array.of(x), Float64Array.of(y))
    }
    const { points, steps } = trails.snapshot()
    // 101 steps through 8 slots: the stride doubled to 16, so 0, 16, ..., 96, then the latest, step 100.
    expect(trails.stride).toBe(16)
    expect([...steps]).toEqual([NaN, NaN, 0, 16, 32, 48, 64, 80, 96, 100].slice(-trails.length))
    const drawn = [...steps].map((t, k) => [t, points[2 * k], points[2 * k + 1]])
    for (const [t, x, y] of drawn)
      if (Number.isFinite(t)) expect([x, y]).toEqual([Math.fround(at(t!)[0]), Math.fround(at(t!)[1])])
    // Memory stays bounded: the snapshot's length is fixed however long the run.
    for (let t = 101; t <= 100_000; t++) trails.push(t, Float64Array.of(0), Float64Array.of(0))
    expect([...trails.snapshot().steps].find(Number.isFinite)).toBe(0)
    expect(trails.snapshot().points.length).toBe(2 * trails.length)
  })
})
