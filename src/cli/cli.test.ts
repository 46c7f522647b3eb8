import { execFile } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { isFresh } from '../../scripts/build-cli.mjs'
import { VERSION } from '../core/version'
import { expectGolden } from './golden-files'
import { runInProcess as run } from './in-process'

describe('landscape critical', () => {
  it.each(['muller-brown', 'three-hole'])('matches the golden JSON for %s', async (id) => {
    const r = await run('critical', '--surface', id, '--json')
    expect(r.code).toBe(0)
    expect(r.stderr).toBe('')
    expectGolden(`critical-${id}`, JSON.parse(r.stdout))
  })

  it('echoes the version and the resolved inputs of a formula', async () => {
    const r = await run('critical', '--formula', 'a*x^2 - y^2', '--param', 'a=2', '--domain', '-1,1,-2,2', '--json')
    const doc = JSON.parse(r.stdout)
    expect(doc.version).toMatch(/^\d+\.\d+\.\d+/)
    expect(doc).toMatchObject({
      surface: null,
      formula: 'a*x^2 - y^2',
      domain: { xmin: -1, xmax: 1, ymin: -2, ymax: 2 },
      parameters: { a: 2 },
    })
    expect(doc.points).toEqual([{ name: 'S1', x: 0, y: 0, value: 0, kind: 'saddle', eigenvalues: [-2, 4] }])
  })

  it('reads a formula that starts with a minus sign as the value of --formula', async () => {
    const r = await run('critical', '--formula', '-exp(-x^2 - y^2)', '--json')
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout).points.map((p: { kind: string; value: number }) => [p.kind, p.value])).toEqual([
      ['minimum', -1],
    ])
  })

  it('uses [-5, 5]^2 for a formula without --domain and prints a table without --json', async () => {
    const r = await run('critical', '--formula', '(x^2-1)^2 + y^2')
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^name\s+kind\s+x\s+y\s+value\s+eigenvalues/)
    expect(r.stdout.match(/minimum/g)).toHaveLength(2)
    // The two wells by name, left (M1) to right (M2), as the page names them.
    expect(r.stdout).toMatch(/M1\s+minimum\s+-1\b/)
    expect(r.stdout).toMatch(/M2\s+minimum\s+1\b/)
    const json = JSON.parse((await run('critical', '--formula', '(x^2-1)^2 + y^2', '--json')).stdout)
    expect(json.domain).toEqual({ xmin: -5, xmax: 5, ymin: -5, ymax: 5 })
  })

  it('warns on stderr about a name made of x and y', async () => {
    const r = await run('critical', '--formula', 'x^2 + xy', '--json')
    expect(r.code).toBe(0)
    expect(r.stderr).toMatch(/warning: 'xy' is read as one parameter/)
  })
})

describe('landscape surfaces', () => {
  it('lists the atlas as JSON and as a table', async () => {
    const doc = JSON.parse((await run('surfaces', '--json')).stdout)
    expect(doc.surfaces.length).toBeGreaterThanOrEqual(16)
    expect(doc.surfaces[0].id).toBe('muller-brown')
    expect(doc.version).toBe(VERSION)
    expect((await run('surfaces')).stdout).toMatch(/muller-brown\s+Müller-Brown/)
  })
})

describe('landscape methods', () => {
  it('lists every method with its parameters, defaults and ranges', async () => {
    const doc = JSON.parse((await run('methods', '--json')).stdout)
    const gd = doc.methods.find((m: { id: string }) => m.id === 'gd')
    expect(gd.family).toBe('optimizer')
    expect(gd.params.find((p: { name: string }) => p.name === 'lr')).toMatchObject({
      default: 0.001,
      min: expect.any(Number),
      max: expect.any(Number),
    })
    expect(doc.methods.some((m: { id: string }) => m.id === 'baoab')).toBe(true)
  })
})

describe('landscape optimize', () => {
  it('ends gradient descent on Müller-Brown from (0, 0.5) at MC, labelled local', async () => {
    const r = await run(
      'optimize',
      '--surface',
      'muller-brown',
      '--method',
      'gd',
      '--set',
      'lr=1e-4',
      '--start',
      '0,0.5',
      '--steps',
      '3000',
      '--every',
      '100',
      '--json',
    )
    const doc = JSON.parse(r.stdout)
    expect(doc.end).toMatchObject({ status: 'minimum', label: 'local' })
    expect(doc.end.x).toBeCloseTo(-0.050011, 5)
    expect(doc.path[0]).toEqual([0, 0.5, expect.any(Number)])
    expect(doc.path).toHaveLength(31)
    expect(doc.seed).toBe(1)
    expect(doc.scenario.lanes[0].settings).toMatchObject({ lr: 1e-4, schedule: 'constant' })
  })

  it('reports a learning rate above the stability limit as diverged, with its step', async () => {
    const doc = JSON.parse(
      (
        await run(
          'optimize',
          '--surface',
          'muller-brown',
          '--method',
          'gd',
          '--set',
          'lr=1e-2',
          '--start',
          '0,0.5',
          '--steps',
          '50',
          '--json',
        )
      ).stdout,
    )
    expect(doc.end.status).toBe('diverged')
    expect(doc.end.divergedAt).toBeLessThanOrEqual(10)
    expect(doc.path.flat().every(Number.isFinite)).toBe(true)
  })
})

describe('landscape sample', () => {
  it('is found consistent with exact sampling once mixed, with the kinetic temperature at kT', async () => {
    // BAOAB on the double well at kT = 0.5 (dt 0.05, gamma 1): its slowest autocorrelation time is ~200 steps
    // (samplers/histogram.test.ts), so 2,000 steps of burn-in from one minimum leave both wells filled.
    const r = await run(
      'sample',
      '--surface',
      'double-well',
      '--method',
      'baoab',
      '--kT',
      '0.5',
      '--set',
      'gamma=1',
      '--walkers',
      '200',
      '--steps',
      '2000',
      '--burnin',
      '2000',
      '--dt',
      '0.05',
      '--json',
    )
    const doc = JSON.parse(r.stdout)
    // 2,000 recorded steps end in segments of 128 steps, 15 whole and one partly filled: round(15 / 4) = 4 whole
    // segments, 512 steps, are left out as burn-in.
    expect(doc.check).toMatchObject({
      consistent: true,
      batchKind: 'walkers',
      batches: 32,
      falseAlarm: 0.002,
      from: 2000 + 512,
      steps: 2000 - 512,
    })
    expect(doc.check.tv).toBeLessThanOrEqual(doc.check.tvBound)
    expect(doc.check.maxBasinZ).toBeLessThanOrEqual(doc.check.basinZBound)
    expect(doc.check.reasons).toHaveLength(1)
    expect(doc).not.toHaveProperty('tvPerfect')
    // 400,000 correlated samples of K: the mean within 5% of kT (BAOAB's on-step velocities read low by
    // omega^2 dt^2 / 4 = 0.5%), the variance of K within 15% of kT^2.
    expect(Math.abs(doc.kineticTemperature / 0.5 - 1)).toBeLessThan(0.05)
    expect(Math.abs(doc.kineticVariance / 0.25 - 1)).toBeLessThan(0.15)
    expect(doc.method).toEqual({})
  })

  it("reports parallel tempering's swap acceptance per pair of neighbouring rungs", async () => {
    const r = await run(
      'sample',
      '--surface',
      'double-well',
      '--method',
      'parallel-tempering',
      '--kT',
      '0.25',
      '--set',
      'replicas=4',
      '--walkers',
      '8',
      '--steps',
      '500',
      '--json',
    )
    const doc = JSON.parse(r.stdout)
    expect(doc.method.temperatures).toHaveLength(4)
    expect(doc.method.swapAcceptance).toHaveLength(3)
    for (const a of doc.method.swapAcceptance) expect(a).toBeGreaterThan(0)
  })

  it('histograms every walker at every step after burn-in, inside the domain', async () => {
    const r = await run(
      'sample',
      '--surface',
      'double-well',
      '--method',
      'baoab',
      '--kT',
      '0.5',
      '--walkers',
      '20',
      '--steps',
      '200',
      '--burnin',
      '50',
      '--dt',
      '0.05',
      '--bins',
      '8,6',
      '--json',
    )
    const doc = JSON.parse(r.stdout)
    const counted = doc.histogram.counts.flat().reduce((a: number, b: number) => a + b, 0)
    expect(counted + doc.histogram.outside).toBe(20 * 200)
    expect(doc.histogram.counts).toHaveLength(8)
    expect(doc.histogram.counts[0]).toHaveLength(6)
    expect(doc.histogram.xEdges).toHaveLength(9)
    expect(doc.positions).toHaveLength(20)
    expect(doc.meanKinetic).toBeGreaterThan(0)
    expect(doc.acceptance).toBeNull()
    expect(doc.tv).toBeGreaterThanOrEqual(0)
    expect(doc.kl).toBeGreaterThanOrEqual(0)
    expect(doc.basins.map((b: { minimum: number }) => b.minimum)).toEqual([0, 1])
    expect(doc.basins[0].exact).toBeCloseTo(0.5, 6)
    // The default start is the surface's (first) global minimum: (-1, 0) or (1, 0) here.
    expect(doc.scenario.lanes[0]).toMatchObject({ method: 'baoab', walkers: 20, start: { kind: 'point', y: 0 } })
    expect(Math.abs(doc.scenario.lanes[0].start.x)).toBe(1)
  })

  it('runs a saved scenario and gives the same positions as the same run from options', async () => {
    const direct = JSON.parse(
      (
        await run(
          'sample',
          '--surface',
          'double-well',
          '--method',
          'baoab',
          '--kT',
          '0.5',
          '--walkers',
          '5',
          '--steps',
          '100',
          '--seed',
          '9',
          '--json',
        )
      ).stdout,
    )
    const file = join(mkdtempSync(join(tmpdir(), 'landscape-')), 'scenario.json')
    writeFileSync(file, JSON.stringify(direct.scenario))
    const saved = JSON.parse((await run('sample', '--scenario', file, '--steps', '100', '--json')).stdout)
    expect(saved.positions).toEqual(direct.positions)
    expect(saved.seed).toBe(9)
    // A scenario of another version is refused whole, with exit code 2 and the reason.
    writeFileSync(file, JSON.stringify({ ...direct.scenario, version: 2 }))
    const newer = await run('sample', '--scenario', file, '--steps', '100', '--json')
    expect([newer.code, newer.stdout]).toEqual([2, ''])
    expect(newer.stderr).toBe(
      'landscape sample: --scenario: version: this landscape reads scenarios of version 1 only, ' +
        'and runs none in part (2 given)\n',
    )
  })
})

describe('landscape basins', () => {
  it('gives the Müller-Brown minima lowest first, the saddles with their barriers, and populations at kT', async () => {
    const doc = JSON.parse(
      (await run('basins', '--surface', 'muller-brown', '--kT', '20', '--grid', '120', '--json')).stdout,
    )
    expect(doc.minima.map((m: { value: number }) => +m.value.toFixed(2))).toEqual([-146.7, -108.17, -80.77])
    expect(
      doc.saddles.map((s: { joins: number[]; barriers: number[] }) => [s.joins, s.barriers.map((b) => +b.toFixed(1))]),
    ).toEqual([
      [
        [1, 2],
        [35.9, 8.5],
      ],
      [
        [0, 2],
        [106.0, 40.1],
      ],
    ])
    const total = doc.minima.reduce((a: number, m: { population: { exact: number } }) => a + m.population.exact, 0)
    expect(total).toBeCloseTo(1, 6)
    expect(doc.minima[0].population).toMatchObject({ kT: 20, exact: expect.any(Number), harmonic: expect.any(Number) })
    expect(
      JSON.parse((await run('basins', '--surface', 'double-well', '--json')).stdout).minima[0].population,
    ).toBeUndefined()
  })
})

describe('landscape sample check', () => {
  it('calls Berendsen inconsistent and says why, in the table too; does not judge NVE', async () => {
    // Berendsen's rescaling, a negative control of the calibration (samplers/calibration-double-well.test.ts):
    // no kinetic fluctuations, so the wells' shapes are off. NVE keeps each walker's energy: nothing to judge.
    const args = [
      '--surface',
      'double-well',
      '--kT',
      '0.5',
      '--walkers',
      '64',
      '--steps',
      '1500',
      '--burnin',
      '200',
      '--dt',
      '0.05',
    ]
    const doc = JSON.parse((await run('sample', '--method', 'berendsen', ...args, '--json')).stdout)
    expect(doc.check.consistent).toBe(false)
    expect(doc.check.tv).toBeGreaterThan(doc.check.tvBound)
    expect(doc.check.from).toBe(200 + 384)
    const table = (await run('sample', '--method', 'berendsen', ...args)).stdout
    expect(table).toMatch(
      new RegExp(
        '^Check against exact sampling \\(steps 585 to 1700, the first quarter of the recorded ones left out ' +
          'as burn-in; 32 batches of walkers; .*\\): not consistent with exact sampling: ',
        'm',
      ),
    )
    const nve = JSON.parse((await run('sample', '--method', 'nve', ...args, '--json')).stdout)
    expect(nve.check.consistent).toBeNull()
    expect(nve.check.reasons[0]).toMatch(/keeps the energy each walker starts with/)
  })
})

describe('landscape sweep', () => {
  it('measures rates beside the rate theory and fits Arrhenius', async () => {
    const r = await run(
      'sweep',
      '--surface',
      'double-well',
      '--method',
      'baoab',
      '--kT',
      '0.4,0.6',
      '--walkers',
      '40',
      '--steps',
      '3000',
      '--dt',
      '0.05',
      '--json',
    )
    const doc = JSON.parse(r.stdout)
    expect(doc.rates).toHaveLength(2)
    expect(doc.theoryName).toBe('kramers-langer')
    expect(doc.theoryCaveat).toBeNull()
    expect(doc.mfptEstimator.id).toBe('exponential-mle')
    for (const p of doc.rates) {
      expect(p.transitions).toBeGreaterThan(0)
      expect(p).not.toHaveProperty('kramers')
      expect(p.theory).toBeGreaterThan(0)
      // Two basins: the time at risk of 0 -> 1 is the time committed to 0, so the MFPT is 1/rate.
      expect(p.mfpt).toBeCloseTo(1 / p.rate, 6)
      expect(p.barrierOverKT).toBeCloseTo(1 / p.kT, 12)
      expect(p.theoryHolds).toBe(false)
    }
    expect(doc.fit.barrier).toBeGreaterThan(0)
    expect(doc.saddleBarrier).toBeCloseTo(1, 9)
    // The echo says where the walkers really started: the left minimum.
    expect(doc.scenario.lanes[0].start).toEqual({ kind: 'point', x: doc.scenario.lanes[0].start.x, y: 0 })
    expect(Math.abs(doc.scenario.lanes[0].start.x)).toBeCloseTo(1, 6)
  })

  it('prints the MFPT with its interval, and says when the rate theory is not expected to hold', async () => {
    const r = await run(
      'sweep',
      '--surface',
      'double-well',
      '--method',
      'overdamped',
      '--kT',
      '0.15,0.4',
      '--walkers',
      '40',
      '--steps',
      '3000',
      '--dt',
      '0.01',
    )
    expect(r.code).toBe(0)
    const [header, , cold, hot] = r.stdout.split('\n')
    expect(header).toMatch(/MFPT +95% interval +eyring-kramers +measured\/theory \(95%\) +barrier\/kT +theory accuracy/)
    // barrier/kT = 6.67 at kT 0.15: an expected accuracy of kT/barrier = 15%; at 0.4 it is 2.5, under 5.
    expect(cold).toMatch(/6\.67 +about ±15%$/)
    expect(hot).toMatch(/2\.5 +not expected to hold \(under 5 kT\)$/)
    expect(hot).toMatch(/^0\.4 +\S+ +\S+ - \S+ +\d+ +\S+ +\S+ - \S+ /)
    expect(r.stdout).toMatch(/MFPT: exponential maximum likelihood/)
  })
})

describe('help', () => {
  it.each([[], ['--help'], ['critical', '--help'], ['surfaces', '-h']])(
    '%j prints help and exits 0',
    async (...argv) => {
      const r = await run(...argv)
      expect(r.code).toBe(0)
      expect(r.stdout).toMatch(/usage: landscape/)
    },
  )
})

describe('bad input: exit code 2, one line on stderr, nothing on stdout', () => {
  it.each([
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['critical', '--surface', 'nowhere'], /unknown surface 'nowhere'; known: muller-brown/],
    [['critical', '--surface', 'constructor'], /unknown surface 'constructor'/],
    [['critical', '--formula', 'x^2 + sin('], /--formula: '\(' is never closed at column 10/],
    [['critical', '--formula', 'import("fs")'], /unknown function 'import' at column 1/],
    [['critical', '--formula', ''], /formula is empty/],
    [['critical', '--surface', 'ring', '--formula', 'x'], /exactly one of --surface/],
    [['critical'], /exactly one of --surface/],
    [['critical', '--surface', 'ring', '--domain', '1,0,0,1'], /xmin \(1\) must be less than xmax \(0\)/],
    [['critical', '--surface', 'ring', '--domain', '0,1,0'], /expected xmin,xmax,ymin,ymax/],
    [['critical', '--surface', 'ring', '--domain', '0,1,0,abc'], /'abc' is not a finite number/],
    [['critical', '--surface', 'ring', '--domain', '0,1e999,0,1'], /is not a finite number/],
    [['critical', '--surface', 'dihedral', '--domain', '0,1,0,1'], /periodic/],
    [
      ['critical', '--formula', 'a*x', '--param', 'b=1'],
      /--param: the formula has no parameter 'b' \(its parameters: a\)/,
    ],
    [['critical', '--formula', 'a*x', '--param', 'a=NaN'], /'NaN' is not a finite number/],
    [['critical', '--formula', 'a*x', '--param', 'a'], /expected NAME=VALUE/],
    [['critical', '--surface', 'ring', '--frobnicate'], /unknown option '--frobnicate'/],
    [['critical', '--surface', 'ring', 'extra'], /unexpected argument 'extra'/],
    [['critical', '--surface'], /--surface/],
    [['optimize', '--surface', 'ring', '--method', 'baoab', '--steps', '5'], /baoab is a sampler/],
    [
      ['optimize', '--surface', 'ring', '--method', 'gd', '--set', 'lr=-1', '--steps', '5'],
      /lr = -1 is out of range: from/,
    ],
    [
      ['optimize', '--surface', 'ring', '--method', 'gd', '--set', 'speed=1', '--steps', '5'],
      /gd has no setting 'speed'/,
    ],
    [['optimize', '--surface', 'ring', '--method', 'gd', '--steps', '-5'], /--steps/],
    [['optimize', '--surface', 'ring', '--method', 'warp', '--steps', '5'], /unknown method 'warp'/],
    [
      ['optimize', '--surface', 'ring', '--method', 'sgd', '--steps', '5'],
      /sgd needs a training set: .*landscape train/,
    ],
    [['optimize', '--system', 'lj13', '--method', 'sgd', '--steps', '5'], /sgd needs a training set/],
    [['optimize', '--surface', 'ring', '--method', 'gd', '--start', '1', '--steps', '5'], /--start: expected X,Y/],
    [
      ['sample', '--surface', 'ring', '--method', 'baoab', '--kT', '0', '--walkers', '5', '--steps', '5'],
      /--kT: kT = 0 is out of range/,
    ],
    [['sample', '--surface', 'ring', '--method', 'baoab', '--walkers', '5', '--steps', '5'], /--kT is required/],
    [
      ['sample', '--surface', 'ring', '--method', 'baoab', '--kT', '1', '--walkers', '1000000', '--steps', '5'],
      /--walkers/,
    ],
    [
      [
        'sample',
        '--surface',
        'ring',
        '--method',
        'baoab',
        '--kT',
        '1',
        '--dt',
        '-0.1',
        '--walkers',
        '5',
        '--steps',
        '5',
      ],
      /--dt: dt = -0.1 is out of range/,
    ],
    [
      ['sample', '--surface', 'ring', '--method', 'gd', '--kT', '1', '--walkers', '5', '--steps', '5'],
      /gd has no temperature/,
    ],
    [['sample', '--scenario', '/nonexistent/file.json', '--steps', '5'], /cannot read/],
    [
      ['sweep', '--surface', 'double-well', '--method', 'metropolis', '--kT', '0.5', '--walkers', '5', '--steps', '5'],
      /has no physical time/,
    ],
    [
      [
        'sample',
        '--surface',
        'double-well',
        '--method',
        'baoab',
        '--kT',
        '1',
        '--set',
        'kT=2',
        '--walkers',
        '5',
        '--steps',
        '5',
      ],
      /--kT and --set kT both give kT/,
    ],
    [
      [
        'optimize',
        '--surface',
        'ring',
        '--method',
        'gd',
        '--set',
        'lr=0.1',
        '--set',
        'lr=0.2',
        '--start',
        '1,1',
        '--steps',
        '5',
      ],
      /'lr' is given twice/,
    ],
    [['critical', '--formula', 'a*x', '--param', 'a=1', '--param', 'a=2'], /'a' is given twice/],
    [
      [
        'sweep',
        '--surface',
        'double-well',
        '--method',
        'parallel-tempering',
        '--kT',
        '0.5',
        '--walkers',
        '5',
        '--steps',
        '5',
      ],
      /no walker stays at one kT/,
    ],
    [
      [
        'sweep',
        '--surface',
        'double-well',
        '--method',
        'metadynamics',
        '--kT',
        '0.5',
        '--walkers',
        '5',
        '--steps',
        '5',
      ],
      /biased surface/,
    ],
    [
      ['sweep', '--surface', 'double-well', '--method', 'nve', '--kT', '0.5', '--walkers', '5', '--steps', '5'],
      /no thermostat/,
    ],
    [
      ['sweep', '--surface', 'double-well', '--method', 'baoab', '--kT', '0.5,-1', '--walkers', '5', '--steps', '5'],
      /every temperature must be positive/,
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
        '--from',
        '0',
        '--to',
        '0',
      ],
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
        '--to',
        '7',
      ],
      /--to/,
    ],
    [
      ['sweep', '--formula', 'x^2 + y^2', '--method', 'baoab', '--kT', '0.5', '--walkers', '5', '--steps', '5'],
      /fewer than two minima/,
    ],
    [['basins', '--surface', 'ring', '--kT', '-1'], /--kT/],
    [['basins', '--surface', 'ring', '--grid', '3'], /--grid/],
    [['sample', '--scenario', '/dev/null', '--surface', 'ring', '--steps', '5'], /cannot be combined with --scenario/],
  ])('%j', async (argv, message) => {
    const r = await run(...argv)
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(message)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
  })
})

describe('the installed command', () => {
  const bin = new URL('../../bin/landscape.mjs', import.meta.url).pathname
  const exec = promisify(execFile)

  it('runs from a bundle as new as the sources, and prints what main() prints in this process', async () => {
    const argv = ['critical', '--surface', 'muller-brown', '--json']
    const { stdout, stderr } = await exec(process.execPath, [bin, ...argv])
    // The bin rebuilds a stale bundle before it runs, so after any run the bundle is fresh.
    expect(isFresh()).toBe(true)
    expect(stderr).toBe('')
    const here = await run(...argv)
    expect(JSON.parse(stdout)).toEqual(JSON.parse(here.stdout))
    expect(JSON.parse(stdout).points).toHaveLength(5)
  })

  it('samples a long run as main() does in this process, with the observer in its own thread', async () => {
    // 1000 walkers x 1000 steps: long enough for the bundle to observe in a worker thread
    // (src/cli/observe-aside.ts); main() here runs from the sources and observes inline.
    const argv = [
      'sample',
      ...['--surface', 'muller-brown', '--method', 'baoab', '--kT', '20', '--set', 'dt=0.002'],
      ...['--walkers', '1000', '--steps', '1000', '--seed', '5', '--json'],
    ]
    const { stdout, stderr } = await exec(process.execPath, [bin, ...argv], { maxBuffer: 64 << 20 })
    expect(stderr).toBe('')
    expect(stdout).toBe((await run(...argv)).stdout)
  })

  it('exits with code 2 on bad input', async () => {
    const failure = await exec(process.execPath, [bin, 'critical', '--surface', 'nowhere']).catch(
      (e: { code: number; stdout: string; stderr: string }) => e,
    )
    expect(failure).toMatchObject({ code: 2, stdout: '' })
    expect((failure as { stderr: string }).stderr).toMatch(/unknown surface/)
  })
})
