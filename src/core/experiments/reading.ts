import type { SweepResult } from '../studies/sweep'
import { methodById } from '../dynamics/methods'
import type { LaneFrame, SamplingFrame } from '../run/frame'
import { atlasSurface, type KnownPoint } from '../surfaces'
import type { Experiment } from './types'

/**
 * Whether a guided experiment's claim holds, judged ONLY from the frames the page
 * got from its worker (and the sweep its task worker returned), so the page, the
 * browser test and the Node test run the same check. Each threshold is derived in
 * a comment from the physics (the atlas's critical points, the methods' literature) or from the statistics of
 * the run, never fitted to a run.
 *
 * Indices follow the engine's landscape: minima sorted by value, lowest first
 * (basin 0 is the global minimum), saddles sorted by value (src/core/landscape/saddles.ts).
 *
 * Each experiment's own check lives in its file (`Experiment.check`); this module
 * holds what the checks share: the Reading they write to and the helpers they read with.
 */
export interface ExperimentReading {
  /** Expectations that failed, in words; empty when the claim holds. */
  failures: string[]
  /** The numbers the expectations were judged on, by name. */
  numbers: Record<string, number>
  /** The prediction's choice the run bears out (null: the experiment asks none, or the run does not tell). */
  outcome: string | null
}

export function checkExperiment(
  experiment: Experiment,
  frames: readonly LaneFrame[],
  sweep: SweepResult | null = null,
): string[] {
  return readExperiment(experiment, frames, sweep).failures
}

export function readExperiment(
  experiment: Experiment,
  frames: readonly LaneFrame[],
  sweep: SweepResult | null = null,
): ExperimentReading {
  const reading = new Reading(experiment, frames, sweep)
  experiment.check(reading)
  const failures = [...reading.failures]
  const numbers = { ...reading.numbers }
  // Read after the check, on the same frames; what the outcome reads adds nothing to the verdict.
  const outcome = experiment.prediction?.outcome(reading) ?? null
  return {
    failures,
    numbers,
    outcome: outcome !== null && experiment.prediction?.choices.includes(outcome) ? outcome : null,
  }
}

/** What an experiment's check writes to: the expectations that failed and the numbers they were judged on. */
export class Reading {
  readonly failures: string[] = []
  readonly numbers: Record<string, number> = {}

  constructor(
    readonly experiment: Experiment,
    private readonly frames: readonly LaneFrame[],
    readonly sweep: SweepResult | null,
  ) {}

  fail(message: string): void {
    this.failures.push(message)
  }

  expect(ok: boolean, message: string): void {
    if (!ok) this.failures.push(message)
  }

  note(name: string, value: number): number {
    this.numbers[name] = value
    return value
  }

  /** Lane k's frame, or a failure when the frames do not have it. */
  lane(k: number): LaneFrame | null {
    const frame = this.frames[k]
    if (!frame) this.fail(`lane ${k + 1} is missing from the frames`)
    return frame ?? null
  }

  /** Lane k's comparison with the exact answer, or a failure when it has none yet. */
  sampling(k: number): { frame: LaneFrame; s: SamplingFrame } | null {
    const frame = this.lane(k)
    if (frame && !frame.sampling) this.fail(`${laneName(frame)} has no sampling summary (take frames with sampling)`)
    return frame?.sampling ? { frame, s: frame.sampling } : null
  }
}

export const laneName = (f: LaneFrame) => `lane ${f.lane + 1} (${methodById(f.method)?.name ?? f.method})`
export const fmt = (v: number, digits = 3) =>
  Number.isFinite(v) ? Number(v.toPrecision(digits)).toString() : String(v)
export function sum(values: ArrayLike<number>): number {
  let total = 0
  for (let k = 0; k < values.length; k++) total += values[k]!
  return total
}

/**
 * How the page names lane k running `method` (src/ui/lanes/lane-colours.ts): 'Lane A, Gradient descent'.
 * experiments.test.ts holds each prediction's lane choices to its preset's lanes.
 */
export function laneChoice(k: number, method: string): string {
  return `Lane ${String.fromCharCode(65 + k)}, ${methodById(method)?.name ?? method}`
}

/** The choice whose value is nearest to `value`; null for a value that is not a number. */
export function nearestChoice(
  value: number | undefined,
  options: readonly (readonly [string, number])[],
): string | null {
  if (value === undefined || !Number.isFinite(value)) return null
  let best: string | null = null
  let distance = Infinity
  for (const [choice, v] of options) {
    if (Math.abs(value - v) < distance) [best, distance] = [choice, Math.abs(value - v)]
  }
  return best
}

/** The choice of the first range that `value` lies below (`[below, choice]`, in order), else `above`. */
export function rangeChoice(
  value: number | undefined,
  ranges: readonly (readonly [number, string])[],
  above: string,
): string | null {
  if (value === undefined || Number.isNaN(value)) return null
  return ranges.find(([below]) => value < below)?.[1] ?? above
}

/** The range choices of `rangeChoice`, in order, with `above` last. */
export const rangeChoices = (ranges: readonly (readonly [number, string])[], above: string) => [
  ...ranges.map(([, choice]) => choice),
  above,
]

/**
 * The known point of atlas surface `surfaceId` named `label` (MA, S1...), or, for a surface whose
 * points carry no label, the one point `match` picks (`label` then says which, for the error).
 * Throws when there is not exactly one: a check must not quietly compare against a copy or nothing.
 */
export function atlasPoint(
  surfaceId: string,
  label: string,
  match: (p: KnownPoint) => boolean = (p) => p.label === label,
): KnownPoint {
  const surface = atlasSurface(surfaceId)
  if (!surface) throw new Error(`the atlas has no surface '${surfaceId}'`)
  const found = surface.points.filter(match)
  if (found.length !== 1)
    throw new Error(`the atlas surface '${surfaceId}' should have exactly one point ${label}; it has ${found.length}`)
  return found[0]!
}

export function expectStatus(r: Reading, f: LaneFrame, status: string, label: string | null, where: string): void {
  const ok = f.lead.status === status && (label === null || f.lead.label === label)
  r.expect(
    ok,
    `${laneName(f)} should be at ${where} (status '${status}'${label ? `, label '${label}'` : ''}); it is ` +
      `'${f.lead.status}'${f.lead.label ? ` (${f.lead.label})` : ''} at (${fmt(f.lead.x)}, ${fmt(f.lead.y)}), U = ` +
      `${fmt(f.lead.u, 6)}`,
  )
}

/** Total transitions between basins counted in a sampler lane (core sets: recrossings excluded). */
export const transitionCount = (s: SamplingFrame) => sum(s.transitions.counts)

/** Basins a sampler lane has spent time in. */
export const basinsVisited = (s: SamplingFrame) => s.summary.basins.filter((b) => b.sampled > 0).length

export function traceRange(f: LaneFrame, name: string): { min: number; max: number; mean: number } {
  const v = f.traces.series[name] ?? new Float32Array()
  let min = Infinity
  let max = -Infinity
  for (const x of v) {
    min = Math.min(min, x)
    max = Math.max(max, x)
  }
  return { min, max, mean: sum(v) / v.length }
}

/** A lane's trace `name`, empty when the lane does not record it. */
export function traceOf(f: LaneFrame, name: string): Float32Array {
  return f.traces.series[name] ?? new Float32Array()
}

/** The largest rise of a trace from one recorded point to the next (0 for a trace that only goes down). */
export function largestRise(f: LaneFrame, name: string): number {
  const v = traceOf(f, name)
  let rise = 0
  for (let k = 1; k < v.length; k++) rise = Math.max(rise, v[k]! - v[k - 1]!)
  return rise
}
