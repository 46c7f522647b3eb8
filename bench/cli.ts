import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { buildSync } from 'esbuild'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { ANALYSIS_GRID } from '../src/core/landscape/surface-analysis'
import { SampleObserver } from '../src/cli/observe-aside'
import { Noise, STREAM } from '../src/core/dynamics/noise'
import { temperature } from '../src/core/dynamics/schedules'
import { parseNumber } from '../src/cli/inputs'
import { buildRunLane, parseInteger, parseSettings, runInput, startOption } from '../src/cli/run-options'
import { fmt, table } from './measure'

/**
 * The `landscape` command as whole processes (spawnSync, the median of several
 * interleaved runs): its start against `node -e 0`, and `landscape sample`
 * against a hand-written BAOAB loop (bench/baoab-hand.mjs) run the same way.
 * Then, in this process, the parts of the sample command, to show where its
 * time goes. Run alone with `npx tsx bench/cli.ts`.
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url))
const BIN = 'bin/landscape.mjs'
const WALKERS = 1000
const STEPS = 10_000
const DT = 0.002
const GAMMA = 5
const KT = 20
const SAMPLE = [
  'sample',
  '--surface',
  'muller-brown',
  '--method',
  'baoab',
  '--kT',
  String(KT),
  '--set',
  `dt=${DT}`,
  '--set',
  `gamma=${GAMMA}`,
  '--walkers',
  String(WALKERS),
  '--steps',
  String(STEPS),
  '--json',
]
const HAND = [
  'bench/baoab-hand.mjs',
  '--walkers',
  String(WALKERS),
  '--steps',
  String(STEPS),
  '--dt',
  String(DT),
  '--gamma',
  String(GAMMA),
  '--kT',
  String(KT),
]

/** `node args...` in the project root: wall milliseconds and stdout. Throws when it fails. */
function run(args: string[]): { ms: number; stdout: string } {
  const t0 = performance.now()
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 })
  const ms = performance.now() - t0
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited with ${r.status}: ${r.stderr}`)
  return { ms, stdout: r.stdout }
}

/** Median wall times of whole processes, run in interleaved rounds (A B C A B C ...) after one warm-up each. */
function processTimes(commands: string[][], rounds: number): number[] {
  commands.forEach((args) => run(args))
  const samples: number[][] = commands.map(() => [])
  for (let k = 0; k < rounds; k++) commands.forEach((args, i) => samples[i].push(run(args).ms))
  return samples.map((s) => {
    s.sort((a, b) => a - b)
    return s[Math.floor(s.length / 2)]
  })
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

/** The ES-module one-liner `node --input-type=module -e code`. */
const esm = (code: string) => ['--input-type=module', '-e', code]

function startup(): void {
  // A stale bundle is rebuilt by the first run; the warm-up in processTimes takes that run.
  const fresh = esm("const m = await import('./scripts/build-cli.mjs'); console.log(m.isFresh())")
  const wasFresh = run(fresh).stdout.trim() === 'true'
  const direct = esm(
    "const { main } = await import('./dist-cli/landscape.mjs'); " +
      "process.exitCode = await main(['methods', '--json'], process.stdout, process.stderr)",
  )
  const [node, cli, bundle] = processTimes([['-e', '0'], [BIN, 'methods', '--json'], direct], 11)
  // The check bin/landscape.mjs makes on every run (read dist-cli/stamp.json, stat src/core and src/cli),
  // timed in fresh processes.
  const check = esm(
    "const m = await import('./scripts/build-cli.mjs'); " +
      'const t0 = performance.now(); const fresh = m.isFresh(); const ms = performance.now() - t0; ' +
      'const t1 = performance.now(); const { entries } = m.newestSourceMtime(); ' +
      'console.log(JSON.stringify({ fresh, ms, walk: performance.now() - t1, entries }))',
  )
  const checks = Array.from(
    { length: 7 },
    () => JSON.parse(run(check).stdout) as { fresh: boolean; ms: number; walk: number; entries: number },
  )
  // The route bin/landscape.mjs falls back to without a bundle: the sources through tsx, timed once.
  const tsx = esm(
    "import { register } from 'tsx/esm/api'; register(); const { main } = await import('./src/cli/main.ts'); " +
      "process.exitCode = await main(['methods', '--json'], process.stdout, process.stderr)",
  )
  const fallback = run(tsx).ms
  table(
    `CLI start: whole processes, median of 11 ` +
      `(bundle ${wasFresh ? 'was fresh' : 'was stale and rebuilt by the warm-up run'})`,
    [
      { process: 'node -e 0', ms: fmt(node), 'vs node -e 0': 1 },
      { process: `node ${BIN} methods --json`, ms: fmt(cli), 'vs node -e 0': fmt(cli / node) },
      {
        process: 'the bundle imported directly (no staleness check), methods --json',
        ms: fmt(bundle),
        'vs node -e 0': fmt(bundle / node),
      },
      {
        process: 'the tsx fallback (sources through tsx), methods --json, once',
        ms: fmt(fallback),
        'vs node -e 0': fmt(fallback / node),
      },
    ],
  )
  console.log(
    `staleness check in a fresh process (median of ${checks.length}): ` +
      `${median(checks.map((c) => c.ms)).toFixed(2)} ms (the stat walk alone, run again: ` +
      `${median(checks.map((c) => c.walk)).toFixed(2)} ms over ${checks[0].entries} files and directories)`,
  )
  console.log(`landscape methods / node -e 0 = ${(cli / node).toFixed(2)}x (goal within 4x)`)
}

/** bench/hand-baoab.ts bundled into one module (it imports the engine's portable exp and noise), for node to run. */
function portableHandBundle(): string {
  const out = join(ROOT, 'dist-cli', 'hand-baoab.mjs')
  buildSync({
    entryPoints: [join(ROOT, 'bench', 'hand-baoab.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: out,
    logLevel: 'silent',
  })
  return out
}

function sampling(): void {
  const portable = [portableHandBundle(), ...HAND.slice(1)]
  const [hand, handFast, cli] = processTimes([portable, HAND, [BIN, ...SAMPLE]], 5)
  table(
    `Müller-Brown BAOAB, ${WALKERS} walkers x ${STEPS} steps, dt ${DT}, gamma ${GAMMA}, kT ${KT}: ` +
      'whole processes, median of 5',
    [
      {
        process: 'node bench/hand-baoab.ts (bundled): hand-written, portable exp and counter-based normals',
        ms: fmt(hand),
        'walker-steps/s': fmt((WALKERS * STEPS) / (hand / 1000)),
      },
      {
        process: `node ${HAND.join(' ')} (Math.exp, xorshift: not reproducible across engines)`,
        ms: fmt(handFast),
        'walker-steps/s': fmt((WALKERS * STEPS) / (handFast / 1000)),
      },
      {
        process: `node ${BIN} ${SAMPLE.join(' ')}`,
        ms: fmt(cli),
        'walker-steps/s': fmt((WALKERS * STEPS) / (cli / 1000)),
      },
    ],
  )
  console.log(
    `hand-written BAOAB (the same arithmetic) / landscape sample = ${(hand / cli).toFixed(2)}x (goal >= 0.7x); ` +
      `the Math.exp and xorshift loop / landscape sample = ${(handFast / cli).toFixed(2)}x`,
  )
  sampleParts(cli, hand)
}

/**
 * The sample command's run (src/cli/sample.ts) step by step, with the CLI's
 * own helpers, timing each part once: where a whole-process run goes.
 */
function sampleParts(wholeMs: number, handMs: number): void {
  const values: Record<string, unknown> = {
    surface: 'muller-brown',
    method: 'baoab',
    kT: String(KT),
    set: [`dt=${DT}`, `gamma=${GAMMA}`],
    walkers: String(WALKERS),
    steps: String(STEPS),
    json: true,
  }
  const parts: { part: string; ms: number }[] = []
  const timed = <T>(part: string, task: () => T): T => {
    const t0 = performance.now()
    const result = task()
    parts.push({ part, ms: performance.now() - t0 })
    return result
  }
  const input = timed('inputs and surface compile', () =>
    runInput(
      values,
      () => null,
      (method, surface) => ({
        settings: parseSettings(values.set as string[], method, { kT: parseNumber(values.kT as string, '--kT') }),
        walkers: parseInteger(values.walkers as string, '--walkers', 1, 100_000),
        start: startOption(values, surface),
      }),
    ),
  )
  const surface = input.surface.compiled
  const lane = timed('the lane', () => buildRunLane(input))
  // The worker thread's share (src/cli/observe-aside.ts), run here in turn: the critical points and the basin
  // map, the exact probabilities at kT, then every step.
  const aside: { part: string; ms: number }[] = []
  let t0 = performance.now()
  const sample = new SampleObserver(surface, lane.walkers.n, {
    bins: [30, 30],
    transitions: false,
    units: lane.units,
    notBoltzmann: lane.capabilities.notBoltzmann,
    firstStep: 0,
  })
  const observer = sample.observer
  aside.push({
    part: `the critical points, the ${ANALYSIS_GRID} x ${ANALYSIS_GRID} basin map and the observer`,
    ms: performance.now() - t0,
  })
  t0 = performance.now()
  sample.prepare(KT)
  aside.push({ part: "exact probabilities of the bins and the check's cells at kT", ms: performance.now() - t0 })
  // The main thread's copy of x, y and U into the ring, per step.
  const n = lane.walkers.n
  const ring = new Float64Array(64 * 3 * n)
  let stepping = 0
  let copying = 0
  let observing = 0
  for (let t = 0; t < STEPS; t++) {
    const t0 = performance.now()
    lane.advance(1)
    const t1 = performance.now()
    const at = (t % 64) * 3 * n
    ring.set(lane.walkers.x, at)
    ring.set(lane.walkers.y, at + n)
    ring.set(lane.walkers.u, at + 2 * n)
    const t2 = performance.now()
    observer.observe(lane)
    observing += performance.now() - t2
    copying += t2 - t1
    stepping += t1 - t0
  }
  parts.push({ part: 'integration (lane.advance)', ms: stepping })
  parts.push({ part: 'copying x, y, U into the shared ring, every step', ms: copying })
  aside.push({ part: 'observing every step (histogram, basin label, batches, series)', ms: observing })
  const kT = temperature(lane.config.settings, Math.max(0, lane.t - 1))
  timed('summary and sampling check (in the observer thread, after the last step)', () =>
    sample.run(kT, input.scenario.seed),
  )
  const total = parts.reduce((a, p) => a + p.ms, 0)
  // What one integration step is made of: the engine's counter-based normals
  // and the compiled surface's gradient (portable exp), each timed over a tenth
  // of the run's calls and scaled up.
  const calls = (WALKERS * STEPS) / 10
  const noise = new Noise(1)
  const xi = new Float64Array(2)
  const g = new Float64Array(2)
  let sink = 0
  t0 = performance.now()
  for (let k = 0; k < calls; k++) {
    noise.normal2(k % WALKERS, Math.floor(k / WALKERS), STREAM.kick, xi)
    sink += xi[0]
  }
  const normals = (performance.now() - t0) * 10
  t0 = performance.now()
  for (let k = 0; k < calls; k++) sink += surface.gradient(-0.56 + 1e-6 * (k % 1000), 1.44, g)
  const gradients = (performance.now() - t0) * 10
  if (Number.isNaN(sink)) console.log('(sink NaN)')
  const share = (ms: number) => fmt(ms / total, 2)
  table(
    "Where landscape sample's time goes: the same run in this process, part by part (once each), " +
      `beside the whole process's ${fmt(wholeMs)} ms. The main thread's parts, in order:`,
    [
      ...parts.flatMap((p) => [
        { part: p.part, ms: fmt(p.ms), share: share(p.ms) },
        ...(p.part.startsWith('integration')
          ? [
              {
                part: '  of which (estimated): counter-based normals, Noise.normal2, a pair per walker-step',
                ms: fmt(normals),
                share: share(normals),
              },
              {
                part: '  of which (estimated): the compiled gradient (portable exp), one per walker-step',
                ms: fmt(gradients),
                share: share(gradients),
              },
            ]
          : []),
      ]),
      { part: 'sum of the main thread parts (this process)', ms: fmt(total), share: 1 },
    ],
  )
  const asideTotal = aside.reduce((a, p) => a + p.ms, 0)
  table('Beside them, in the observer thread (src/cli/observe-aside.ts) while the main thread integrates:', [
    ...aside.map((p) => ({ part: p.part, ms: fmt(p.ms), 'vs the integration': fmt(p.ms / stepping, 2) })),
    { part: 'sum', ms: fmt(asideTotal), 'vs the integration': fmt(asideTotal / stepping, 2) },
  ])
  console.log(
    `the integration alone takes ${fmt(stepping)} ms: ` +
      `the whole hand-written process over it is ${(handMs / stepping).toFixed(2)}x; ` +
      'everything else on the critical path (inputs and compile, the lane, copies, summary) ' +
      `adds ${fmt(total - stepping)} ms, and the observer thread's ${fmt(asideTotal)} ms run beside it`,
  )
}

export function cliBenchmarks(): void {
  startup()
  sampling()
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) cliBenchmarks()
