import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { lj7TwoD } from '../core/systems/lj7-2d'
import { parseXyz } from '../core/systems/xyz'
import { expectGolden } from './golden-files'
import { runInProcess as run } from './in-process'

/** The commands on many-coordinate systems: systems, minima, graph, quench, and --system in the run commands. */

const scratch = mkdtempSync(join(tmpdir(), 'landscape-systems-'))

describe('landscape systems', () => {
  it('lists every system with its dimension, defaults and known minima', async () => {
    const r = await run('systems', '--json')
    expect(r.code).toBe(0)
    const doc = JSON.parse(r.stdout)
    const ids = doc.systems.map((s: { id: string }) => s.id)
    for (const id of ['lj7-2d', 'lj13', 'lj38', 'ab-2d-13', 'bln-46']) expect(ids).toContain(id)
    const lj13 = doc.systems.find((s: { id: string }) => s.id === 'lj13')
    expect(lj13).toMatchObject({ dim: 39, atoms: { count: 13, perAtom: 3 }, defaults: { dt: expect.any(Number) } })
    expect(lj13.minima[0]).toMatchObject({ energy: -44.326801, source: expect.any(String) })
    const ab13 = doc.systems.find((s: { id: string }) => s.id === 'ab-2d-13')
    expect(ab13).toMatchObject({ dim: 11, atoms: null, beads: 13, sequence: 'ABBABBABABBAB' })
    expect((await run('systems')).stdout).toMatch(/lj7-2d\s+LJ7 in two dimensions\s+14/)
  })
})

describe('landscape minima', () => {
  it('finds the LJ13 icosahedron by basin hopping and writes the catalogue as XYZ', async () => {
    const file = join(scratch, 'lj13-minima.xyz')
    const r = await run(
      ...['minima', '--system', 'lj13', '--method', 'basin-hopping', '--budget', '60', '--seed', '1'],
      ...['--xyz', file, '--json'],
    )
    expect(r.code).toBe(0)
    expect(r.stderr).toBe('')
    const doc = JSON.parse(r.stdout)
    expect(Math.abs(doc.best.energy - -44.326801)).toBeLessThan(1e-4)
    expect(doc.best.positions).toHaveLength(13)
    for (const row of doc.best.positions) expect(row).toHaveLength(3)
    expect(doc.minima[0]).toEqual({ energy: doc.best.energy, count: expect.any(Number) })
    expect(doc).toMatchObject({ system: 'lj13', method: 'basin-hopping', budget: 60, seed: 1, global: -44.326801 })
    const frames = parseXyz(readFileSync(file, 'utf8'))
    expect(frames).toHaveLength(doc.minima.length)
    expect(frames[0]!.symbols).toEqual(Array(13).fill('Ar'))
    expect(frames[0]!.properties).toMatchObject({ system: 'lj13', energy: doc.best.energy })
    // The frame's atoms are the best minimum's positions.
    expect(Array.from(frames[0]!.positions)).toEqual(doc.best.positions.flat().map((v: number) => +v.toFixed(12)))
  })

  it('prints the planar rows of LJ7-2D and of a typed AB chain, and a table without --json', async () => {
    const lj7 = JSON.parse(
      (await run('minima', '--system', 'lj7-2d', '--method', 'annealing', '--budget', '50', '--json')).stdout,
    )
    expect(lj7.best.positions).toHaveLength(7)
    expect(lj7.best.positions[0]).toHaveLength(2)
    const chain = await run('minima', '--sequence', 'ab-ba-ab', '--method', 'basin-hopping', '--budget', '5', '--json')
    expect(chain.code).toBe(0)
    const doc = JSON.parse(chain.stdout)
    expect(doc.system).toBe('ab-2d-abbaab')
    expect(doc.best.positions).toHaveLength(6)
    const table = await run('minima', '--system', 'lj13', '--method', 'basin-hopping', '--budget', '5')
    expect(table.stdout).toMatch(/^lj13, basin-hopping: 1 walker x 5 steps/)
    expect(table.stdout).toMatch(/rank\s+energy\s+count/)
  })
})

describe('landscape graph', () => {
  it("recovers LJ7-2D's four isomers to 1e-4, the saddles joining them and the graph's lines", async () => {
    const file = join(scratch, 'lj7-graph.xyz')
    const r = await run('graph', '--system', 'lj7-2d', '--xyz', file, '--json')
    expect(r.code).toBe(0)
    const doc = JSON.parse(r.stdout)
    expect(doc.minima).toHaveLength(4)
    doc.minima.forEach((m: { energy: number; known: string }, i: number) => {
      expect(Math.abs(m.energy - lj7TwoD.minima[i]!.energy)).toBeLessThan(1e-4)
      expect(m.known).toBe(lj7TwoD.minima[i]!.name)
    })
    expect(doc.saddles.length).toBeGreaterThanOrEqual(3)
    for (const s of doc.saddles) {
      expect(s.index).toBe(1)
      expect(s.energy).toBeGreaterThan(Math.max(doc.minima[s.from].energy, doc.minima[s.to].energy))
    }
    // Every pair of the four is joined through some path: six barriers, one root.
    expect(doc.barriers).toHaveLength(6)
    expect(doc.graph.roots).toHaveLength(1)
    expect(doc.graph.lines.x.length).toBe(doc.graph.lines.y.length)
    expect(parseXyz(readFileSync(file, 'utf8')).map((f) => f.properties.energy)).toEqual(
      doc.minima.map((m: { energy: number }) => m.energy),
    )
    const { version: _version, xyz: _xyz, ...figure } = doc
    expectGolden('graph-lj7-2d', figure)
  })
})

describe('landscape quench', () => {
  it('counts where L-BFGS ends from random starts on LJ13 and draws the histogram as bars', async () => {
    const argv = ['quench', '--system', 'lj13', '--method', 'lbfgs', '--starts', '40', '--seed', '3']
    const doc = JSON.parse((await run(...argv, '--json')).stdout)
    expect(doc.minimum + doc.running + doc.diverged).toBe(40)
    expect(doc.histogram.counts.reduce((a: number, b: number) => a + b, 0)).toBe(doc.minimum)
    expect(doc.globalShare).toBe(doc.atGlobal / 40)
    expect(doc.energies).toHaveLength(40)
    const table = (await run(...argv)).stdout
    expect(table).toMatch(/at the global minimum -44\.326801/)
    expect(table).toMatch(/#+/)
  })
})

describe('landscape optimize and sample on a system', () => {
  it('says where each optimizer walker stopped, in words, and writes its trajectory as XYZ', async () => {
    const file = join(scratch, 'lj13-fire.xyz')
    const r = await run(
      ...['optimize', '--system', 'lj13', '--method', 'fire', '--walkers', '3', '--steps', '3000'],
      ...['--seed', '2', '--xyz', file, '--every', '500', '--json'],
    )
    expect(r.code).toBe(0)
    const doc = JSON.parse(r.stdout)
    expect(doc.ends).toHaveLength(3)
    for (const end of doc.ends) {
      expect(end.kind).toBe('minimum')
      expect(end.words).toMatch(/^quenched to (a local minimum E = -\d+\.\d\d \(global -44\.33\)|the global minimum)/)
    }
    expect(doc.lowest.positions).toHaveLength(13)
    const frames = parseXyz(readFileSync(file, 'utf8'))
    expect(frames.map((f) => f.properties.step)).toEqual([0, 500, 1000, 1500, 2000, 2500, 3000])
    expect(frames[6]!.properties.energy).toBe(doc.ends[0].energy)
  })

  it('stays at the global minimum from it, and reports a learning rate too large as diverged', async () => {
    const at = JSON.parse(
      (
        await run(
          'optimize',
          '--system',
          'lj13',
          '--method',
          'lbfgs',
          '--start',
          'minimum:0',
          '--steps',
          '50',
          '--json',
        )
      ).stdout,
    )
    expect(at.ends[0].words).toBe('quenched to the global minimum E = -44.33')
    const table = await run(
      ...['optimize', '--system', 'lj13', '--method', 'gd', '--set', 'lr=0.1', '--start', 'minimum:0'],
      ...['--steps', '300'],
    )
    expect(table.stdout).toMatch(/diverged at step \d+/)
    const hops = await run('optimize', '--system', 'lj7-2d', '--method', 'basin-hopping', '--steps', '20', '--json')
    expect(JSON.parse(hops.stdout).ends[0].words).toMatch(/^hopping, in (the global|a) minimum E = -\d+\.\d\d/)
  })

  it('samples LJ7-2D at its kT: the kinetic temperature, the mean energy and the final frames', async () => {
    const file = join(scratch, 'lj7-final.xyz')
    const r = await run(
      ...['sample', '--system', 'lj7-2d', '--method', 'baoab', '--walkers', '10', '--steps', '3000'],
      ...['--burnin', '3000', '--final-xyz', file, '--json'],
    )
    expect(r.code).toBe(0)
    const doc = JSON.parse(r.stdout)
    expect(doc.settings).toMatchObject({ kT: 0.1, dt: 0.005, gamma: 1 })
    expect(Math.abs(doc.kineticTemperature - 0.1)).toBeLessThan(0.01)
    expect(doc.meanEnergy).toBeGreaterThan(-12.6)
    expect(doc.meanEnergy).toBeLessThan(-10)
    const frames = parseXyz(readFileSync(file, 'utf8'))
    expect(frames).toHaveLength(10)
    for (const f of frames) {
      expect(f.symbols).toHaveLength(7)
      expect(f.properties.system).toBe('lj7-2d')
    }
    expect((await run('sample', '--system', 'lj7-2d', '--method', 'baoab', '--steps', '10')).stdout).toMatch(
      /kinetic temperature: .* \(kT 0\.1\)/,
    )
    const pt = await run('sample', '--system', 'lj7-2d', '--method', 'parallel-tempering', '--steps', '50')
    expect(pt.stdout).toMatch(/rungs at kT 0\.1, .*; swap acceptance per neighbouring pair: /)
  })
})

describe('landscape sweep on a system', () => {
  it("counts LJ7-2D's transitions out of the hexagon at each kT, beside the landscape graph's barrier", async () => {
    const r = await run(
      ...['sweep', '--system', 'lj7-2d', '--kT', '0.2,0.25', '--walkers', '4', '--steps', '2000'],
      ...['--graph', '--json'],
    )
    expect(r.code).toBe(0)
    const doc = JSON.parse(r.stdout)
    expect(doc.from).toMatchObject({ index: 0, name: 'hexagon' })
    expect(doc.to.map((m: { index: number }) => m.index)).toEqual([1, 2, 3])
    expect(doc.rates.map((p: { kT: number }) => p.kT)).toEqual([0.2, 0.25])
    for (const p of doc.rates) expect(p.looks).toBe(4 * 20)
    // The lowest pass out of the hexagon, to capped B (graph.test.ts).
    expect(Math.abs(doc.graphBarrier - 1.4946)).toBeLessThan(1e-3)
  })
})

describe('help on the commands for systems', () => {
  it.each(['systems', 'minima', 'graph', 'quench', 'optimize', 'sample', 'sweep'])('%s --help', async (name) => {
    const r = await run(name, '--help')
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/usage: landscape/)
    if (name !== 'systems') expect(r.stdout).toMatch(/--system ID/)
  })

  it('lists the new commands in the overview', async () => {
    const r = await run('--help')
    for (const name of ['systems', 'minima', 'graph', 'quench']) expect(r.stdout).toMatch(new RegExp(`\\n  ${name}\\s`))
  })
})

describe('bad input on systems: exit code 2, one line on stderr naming the option, nothing on stdout', () => {
  it.each([
    [['minima', '--system', 'lj99', '--method', 'basin-hopping', '--budget', '5'], /--system: unknown system 'lj99'/],
    [['minima', '--system', 'lj13', '--method', 'gd', '--budget', '5'], /--method: 'gd' is not a global search/],
    [['minima', '--system', 'lj13', '--budget', '5'], /--method is required/],
    [['minima', '--system', 'lj13', '--method', 'annealing', '--budget', '0'], /--budget/],
    [['minima', '--system', 'lj13', '--method', 'annealing', '--budget', '-3'], /--budget/],
    [['minima', '--method', 'annealing', '--budget', '5'], /--system is required/],
    [['minima', '--sequence', 'ABXB', '--method', 'annealing', '--budget', '5'], /--sequence: character 3 .* 'X'/],
    [['minima', '--sequence', 'AB', '--method', 'annealing', '--budget', '5'], /--sequence: .*at least 3/],
    [['minima', '--sequence', 'A'.repeat(201), '--method', 'annealing', '--budget', '5'], /--sequence: .*at most 200/],
    [['minima', '--system', 'lj13', '--sequence', 'ABBA', '--method', 'annealing', '--budget', '5'], /give one of/],
    [['graph', '--system', 'lj13', '--surface', 'muller-brown'], /unknown option '--surface'/],
    [['graph', '--system', 'lj7-2d', '--starts', '0'], /--starts/],
    [
      ['quench', '--system', 'lj13', '--method', 'baoab', '--starts', '5'],
      /--method: 'baoab' is not a local minimiser/,
    ],
    [['quench', '--system', 'lj13', '--method', 'fire', '--starts', '5', '--bin-width', '0'], /--bin-width/],
    [
      ['minima', '--system', 'lj13', '--method', 'basin-hopping', '--budget', '1', '--xyz', '/nowhere/x.xyz'],
      /--xyz: cannot write/,
    ],
    [
      ['optimize', '--system', 'lj13', '--surface', 'muller-brown', '--method', 'gd', '--steps', '3'],
      /--system cannot be combined with --surface/,
    ],
    [
      ['sample', '--sequence', 'ABBA', '--formula', 'x^2', '--method', 'baoab', '--steps', '3'],
      /--sequence cannot be combined with --formula/,
    ],
    [
      ['optimize', '--system', 'lj13', '--method', 'newton', '--steps', '3'],
      /--method: .*runs on surfaces of 2 coordinates only/,
    ],
    [
      ['sample', '--system', 'lj13', '--method', 'hmc', '--steps', '3'],
      /--method: .*runs on surfaces of 2 coordinates only/,
    ],
    [['optimize', '--system', 'lj13', '--method', 'baoab', '--steps', '3'], /--method: baoab is a sampler/],
    [['sample', '--system', 'lj13', '--method', 'fire', '--steps', '3'], /--method: fire has no temperature/],
    [['optimize', '--system', 'lj99', '--method', 'gd', '--steps', '3'], /--system: unknown system 'lj99'/],
    [['optimize', '--sequence', 'ABC', '--method', 'gd', '--steps', '3'], /--sequence: character 3/],
    [['optimize', '--system', 'lj13', '--method', 'gd', '--steps', '3', '--start', '0,0'], /--start: on a system/],
    [
      ['optimize', '--system', 'bln-46', '--method', 'gd', '--steps', '3', '--start', 'minimum:0'],
      /--start: bln-46 has no geometry/,
    ],
    [
      ['sample', '--system', 'lj13', '--method', 'baoab', '--steps', '3', '--bins', '3,3'],
      /cannot be combined with --bins/,
    ],
    [['sample', '--system', 'lj13', '--method', 'baoab', '--steps', '3', '--kT', '-1'], /--kT/],
    [
      ['optimize', '--surface', 'muller-brown', '--method', 'gd', '--steps', '3', '--xyz', 'out.xyz'],
      /--xyz applies to a run on a system/,
    ],
    [
      ['optimize', '--surface', 'muller-brown', '--method', 'gd', '--steps', '3', '--walkers', '2'],
      /--walkers applies to a run on a system/,
    ],
    [['sweep', '--system', 'lj13', '--kT', '0.2', '--walkers', '2', '--steps', '100'], /fewer than two known minima/],
    [
      ['sweep', '--system', 'lj7-2d', '--kT', '0.2', '--walkers', '2', '--steps', '1000', '--interval', '300'],
      /--interval: 300 does not divide/,
    ],
    [
      ['sweep', '--system', 'lj7-2d', '--method', 'gd', '--kT', '0.2', '--walkers', '2', '--steps', '100'],
      /--method: on a system, sweep runs baoab/,
    ],
    [
      ['sweep', '--system', 'lj7-2d', '--kT', '0.2', '--walkers', '2', '--steps', '100', '--to', '0'],
      /must be different/,
    ],
    [
      [
        'sweep',
        '--surface',
        'double-well',
        '--method',
        'baoab',
        '--kT',
        '0.5',
        '--walkers',
        '5',
        '--steps',
        '5',
        '--graph',
      ],
      /--graph applies to a run on a system/,
    ],
    [
      ['minima', '--system', 'lj13', '--method', 'parallel-tempering', '--budget', '5', '--walkers', '5'],
      /^landscape minima: --walkers: 5 walkers cannot form ensembles of 8 replicas/,
    ],
    [
      ['quench', '--system', 'lj13', '--method', 'gd', '--starts', '5', '--set', 'foo=1'],
      /--set: gd has no setting 'foo'/,
    ],
  ])('%j', async (argv, message) => {
    const r = await run(...argv)
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(message)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
  })
})
