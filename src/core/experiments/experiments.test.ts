import { readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { basinMap } from '../landscape/basins'
import { temperatureSweep, type SweepResult } from '../studies/sweep'
import { methodById } from '../dynamics/methods'
import { statusScales } from '../landscape/scales'
import { EXPERIMENTS, experimentById, type Experiment } from './index'
import { resolveSurface } from '../scenario/surface'
import { decodeState, encodeState } from '../scenario/url'
import { validateScenario } from '../scenario/validate'
import { checkExperiment, readExperiment } from './reading'
import type { LaneFrame } from '../run/frame'
import { Simulation } from '../run/simulation'

/** Builds the experiment's Simulation as the page's worker does, runs its steps and takes frames with sampling. */
function simulate(experiment: Experiment): { sim: Simulation; frames: LaneFrame[] } {
  const { scenario } = experiment.state
  const r = resolveSurface(scenario.surface)
  if (!r.ok) throw new Error(`${experiment.id}: ${r.message}`)
  const { program, parameters, domain } = r.surface
  const sim = new Simulation({
    program,
    parameters: [...parameters],
    domain,
    seed: scenario.seed,
    lanes: scenario.lanes,
  })
  sim.advance(experiment.steps)
  return { sim, frames: sim.frames(true) }
}

/** The experiment's Arrhenius sweep, built as the page's task worker builds it (src/engine/task.worker.ts). */
function sweepOf(experiment: Experiment, sim: Simulation): SweepResult | null {
  const sweep = experiment.sweep
  if (!sweep) return null
  const lane = experiment.state.scenario.lanes[sweep.lane]
  const result = temperatureSweep({
    surface: sim.surface,
    landscape: sim.landscape,
    map: basinMap(sim.surface, sim.points, 200),
    scales: statusScales(sim.surface, sim.points),
    method: methodById(lane.method)!,
    settings: lane.settings,
    kTs: sweep.kTs,
    walkers: sweep.walkers,
    steps: sweep.steps,
    burnin: 0,
    seed: experiment.state.scenario.seed,
    from: 0,
    to: 1,
  })
  if ('error' in result) throw new Error(`${experiment.id}: ${result.error.message}`)
  return result
}

const runs = new Map<string, { frames: LaneFrame[]; sweep: SweepResult | null }>()

function run(experiment: Experiment): { frames: LaneFrame[]; sweep: SweepResult | null } {
  const cached = runs.get(experiment.id)
  if (cached) return cached
  const { sim, frames } = simulate(experiment)
  const result = { frames, sweep: sweepOf(experiment, sim) }
  runs.set(experiment.id, result)
  return result
}

/** The experiment with lanes changed: a contrasting setting the same check must refuse. */
function variant(
  experiment: Experiment,
  change: (lanes: Experiment['state']['scenario']['lanes']) => void,
): Experiment {
  // The state is data and is copied; the check is the experiment's own function and is kept.
  const copy = { ...experiment, state: structuredClone(experiment.state) }
  change(copy.state.scenario.lanes)
  return copy
}

const byId = (id: string) => experimentById(id)!
const fmt = (v: number) => (Number.isInteger(v) ? String(v) : Number(v.toPrecision(4)).toString())

/** The files of this folder that are not experiments: the list, the type, the shared reading. */
const NOT_EXPERIMENTS = new Set(['index.ts', 'types.ts', 'reading.ts'])

describe('the guided experiments', () => {
  it('are numbered in order, with unique kebab-case ids that experimentById finds, each with its check', () => {
    // Numbered 1, 2, 3... in list order: a new experiment takes the next number.
    expect(EXPERIMENTS.map((e) => e.number)).toEqual(EXPERIMENTS.map((_, k) => k + 1))
    for (const e of EXPERIMENTS) {
      expect(e.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/)
      expect(experimentById(e.id)).toBe(e)
      expect(typeof e.check, e.id).toBe('function')
    }
    expect(new Set(EXPERIMENTS.map((e) => e.id)).size).toBe(EXPERIMENTS.length)
    expect(experimentById('constructor')).toBeUndefined()
  })

  it('are one file each, named by its id, and every experiment file is in the list', async () => {
    const folder = fileURLToPath(new URL('.', import.meta.url))
    const files = readdirSync(folder).filter(
      (f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !NOT_EXPERIMENTS.has(f),
    )
    const listed = new Set<Experiment>(EXPERIMENTS)
    for (const file of files) {
      const module = (await import(`./${file.slice(0, -'.ts'.length)}`)) as Record<string, unknown>
      const exported = Object.values(module).filter(
        (v): v is Experiment => typeof v === 'object' && v !== null && 'check' in v,
      )
      expect(
        exported.map((e) => e.id),
        file,
      ).toEqual([file.slice(0, -'.ts'.length)])
      expect(listed.has(exported[0]), `${file} is not in EXPERIMENTS (src/core/experiments/index.ts)`).toBe(true)
      listed.delete(exported[0])
    }
    expect(
      [...listed].map((e) => e.id),
      'listed experiments without a file of their own',
    ).toEqual([])
  })

  it('have valid states that survive a link unchanged, and play in at most 1,500 frames', () => {
    for (const e of EXPERIMENTS) {
      const { state } = e
      expect(validateScenario(state.scenario).problems, e.id).toEqual([])
      const { state: back, problems } = decodeState(encodeState(state))
      expect(problems, e.id).toEqual([])
      // A view without statusLines shows them (src/core/scenario/view.ts): the link reads it back as shown.
      const shown = (s: typeof state) => ({ ...s, view: { ...s.view, statusLines: s.view.statusLines ?? true } })
      expect(shown(back), e.id).toEqual(shown(state))
      expect(state.scenario.lanes.length, e.id).toBeLessThanOrEqual(4)
      // Played at `speed` steps a frame, the page lands exactly on `steps` in at most 1,500 frames.
      expect(e.steps % state.view.speed, e.id).toBe(0)
      expect(e.steps / state.view.speed, e.id).toBeLessThanOrEqual(1500)
      // Two to four sentences; one question.
      const sentences = e.explanation.split(/[.!?](?:\s|$)/).filter((s) => s.trim() !== '').length
      expect(sentences, e.id).toBeGreaterThanOrEqual(2)
      expect(sentences, e.id).toBeLessThanOrEqual(4)
      expect(e.question.trim().endsWith('?'), e.id).toBe(true)
      if (e.sweep) expect(e.sweep.lane, e.id).toBeLessThan(state.scenario.lanes.length)
    }
  })

  it('each ask one prediction: a question, distinct choices, and lanes named as the page names its own', () => {
    for (const e of EXPERIMENTS) {
      const p = e.prediction
      expect(p, `${e.id} asks no prediction`).toBeDefined()
      if (!p) continue
      expect(p.question.trim().endsWith('?'), e.id).toBe(true)
      expect(p.choices.length, e.id).toBeGreaterThanOrEqual(2)
      expect(
        p.choices.every((c) => c.trim() !== ''),
        e.id,
      ).toBe(true)
      expect(new Set(p.choices).size, e.id).toBe(p.choices.length)
      // 'Lane B, Langevin (BAOAB)' names lane B of the preset, with its method.
      for (const c of p.choices) {
        const lane = /^Lane ([A-D]), (.+)$/.exec(c)
        if (!lane) continue
        const spec = e.state.scenario.lanes[lane[1]!.charCodeAt(0) - 65]
        expect(spec && methodById(spec.method)?.name, `${e.id}: ${c}`).toBe(lane[2])
      }
    }
  })

  for (const experiment of EXPERIMENTS) {
    it(`#${experiment.number} ${experiment.id}: ${experiment.claim}`, () => {
      const started = performance.now()
      const { frames, sweep } = run(experiment)
      const { failures, numbers, outcome } = readExperiment(experiment, frames, sweep)
      const seconds = ((performance.now() - started) / 1000).toFixed(1)
      console.log(
        `#${experiment.number} ${experiment.id} (${experiment.steps} steps, ${seconds} s): ${Object.entries(numbers)
          .map(([k, v]) => `${k} ${fmt(v)}`)
          .join('; ')}; outcome: ${outcome}`,
      )
      expect(failures).toEqual([])
      // The run the claim describes answers its prediction with one of the choices.
      expect(experiment.prediction?.choices).toContain(outcome)
    }, 120_000)
  }
})

describe('the experiment checks are not trivially true', () => {
  it('#1: Langevin walkers too cold to climb out of MC (kT = 2, a twentieth of its pass) never visit MA', () => {
    const cold = variant(byId('local-minimum'), (lanes) => (lanes[1].settings.kT = 2))
    const failures = checkExperiment(cold, simulate(cold).frames)
    expect(failures.some((f) => f.startsWith('lane 2') && f.includes('MA'))).toBe(true)
  }, 120_000)

  it('#2: gradient descent a hair off the axis does not stay on the saddle, and without kicks it never escapes', () => {
    const off = variant(byId('saddle-escape'), (lanes) => (lanes[0].start = { kind: 'point', x: 1.5, y: 1e-6 }))
    expect(checkExperiment(off, simulate(off).frames).some((f) => f.startsWith('lane 1'))).toBe(true)
    const unkicked = variant(byId('saddle-escape'), (lanes) => (lanes[1] = { ...lanes[0], walkers: 8 }))
    expect(
      checkExperiment(unkicked, simulate(unkicked).frames).some(
        (f) => f.startsWith('lane 2') && f.includes('slid downhill'),
      ),
    ).toBe(true)
  })

  it(
    "#7: Berendsen's kinetic energy in Bussi's place fails Bussi's expectations, " + "and Bussi's passes Berendsen's",
    () => {
      const e = byId('kinetic-energy')
      const [berendsen, bussi, langevin] = run(e).frames
      const swapped = [{ ...bussi, lane: 0 }, { ...berendsen, lane: 1 }, langevin]
      const failures = checkExperiment(e, swapped)
      expect(failures.some((f) => f.startsWith('lane 1') && f.includes('squeeze'))).toBe(true)
      expect(failures.some((f) => f.startsWith('lane 2') && f.includes('Var K'))).toBe(true)
      expect(failures.some((f) => f.startsWith('lane 2') && f.includes('exp(-K/kT)'))).toBe(true)
    },
    120_000,
  )

  it("#8: a lone Nosé-Hoover walker fails the chain's expectation and the chain fails Nosé-Hoover's", () => {
    const e = byId('nose-hoover-ergodicity')
    const [nh, chain, langevin] = run(e).frames
    const failures = checkExperiment(e, [{ ...chain, lane: 0 }, { ...nh, lane: 1 }, langevin])
    expect(failures.some((f) => f.startsWith('lane 1') && f.includes('should be found inconsistent'))).toBe(true)
    expect(failures.some((f) => f.startsWith('lane 2') && f.includes('should be consistent'))).toBe(true)
  }, 120_000)

  it('#9: the thermostatted walker fails the NVE expectations and the NVE walker the thermostat ones', () => {
    const e = byId('nve-energy')
    const [nve, bath] = run(e).frames
    const failures = checkExperiment(e, [
      { ...bath, lane: 0 },
      { ...nve, lane: 1 },
    ])
    expect(failures.some((f) => f.startsWith('lane 1') && f.includes('conserve'))).toBe(true)
    expect(failures.some((f) => f.startsWith('lane 2') && f.includes('cross to the other valley'))).toBe(true)
  }, 120_000)

  it('#12: the channel counts of each temperature fail the expectation of the other', () => {
    const e = byId('three-hole-channels')
    const [cold, hot] = run(e).frames
    const failures = checkExperiment(e, [
      { ...hot, lane: 0 },
      { ...cold, lane: 1 },
    ])
    expect(failures.filter((f) => f.includes('crossed more often'))).toHaveLength(2)
  }, 120_000)
})
