/**
 * A guided experiment on a many-coordinate system (a cluster, a chain): the counterpart of the
 * surfaces' Experiment (../types.ts), whose preset is a scenario on a surface U(x, y). Here the
 * preset is plain numbers, the run is a study in the core (metadynamics against a reference, rates
 * at several temperatures), and the check judges the claim from the numbers the run notes, so the
 * experiment's text cannot drift from what its run does. One file per experiment holds all of it.
 */

/** The numbers an experiment's run noted, and the expectations its check found failed. */
export class SystemReading {
  readonly numbers: Record<string, number> = {}
  readonly failures: string[] = []

  /** Records a number the check or the prediction reads, and returns it. */
  note(name: string, value: number): number {
    this.numbers[name] = value
    return value
  }

  expect(ok: boolean, message: string): void {
    if (!ok) this.failures.push(message)
  }

  fail(message: string): void {
    this.failures.push(message)
  }
}

/** The view that makes a system experiment's point. */
export type SystemExperimentFocus = 'free-energy' | 'arrhenius' | 'minima'

/** A preset: every setting explicit, as numbers (a list for a sweep). */
export type SystemPreset = Readonly<Record<string, number | readonly number[]>>

export interface SystemExperimentPrediction {
  question: string
  choices: readonly string[]
  /** The choice the run bears out, read from the numbers it noted; null when they do not tell. */
  outcome(r: SystemReading): string | null
}

export interface SystemExperiment {
  /** kebab-case, stable: links and tests name experiments by it. */
  id: string
  /** Its place in SYSTEM_EXPERIMENTS, from 1. */
  number: number
  title: string
  /** The system's id (SYSTEMS). */
  system: string
  /** Two to four sentences in a first-year student's words. */
  explanation: string
  question: string
  focus: SystemExperimentFocus
  preset: SystemPreset
  /** Walker-steps the run takes at the preset (its cost), all runs together. */
  walkerSteps: number
  /** What the run shows, in words. */
  claim: string
  prediction: SystemExperimentPrediction
  /** Runs the preset with `changes` applied (seeded: the same numbers every time) and notes what the check reads. */
  run(changes?: SystemPreset): SystemReading
  /** Records each failed expectation of the claim on r. Every threshold is derived in a comment. */
  check(r: SystemReading): void
}

/** Runs an experiment and checks its claim: the reading, with `failures` empty when the claim holds. */
export function checkSystemExperiment(e: SystemExperiment, changes?: SystemPreset): SystemReading {
  const r = e.run(changes)
  e.check(r)
  return r
}

/** A number of a preset with changes applied. */
export function presetNumber(preset: SystemPreset, changes: SystemPreset | undefined, name: string): number {
  const v = changes?.[name] ?? preset[name]
  if (typeof v !== 'number') throw new RangeError(`preset: '${name}' is not a number`)
  return v
}

/** A list of numbers of a preset with changes applied. */
export function presetList(preset: SystemPreset, changes: SystemPreset | undefined, name: string): readonly number[] {
  const v = changes?.[name] ?? preset[name]
  if (!Array.isArray(v)) throw new RangeError(`preset: '${name}' is not a list`)
  return v as readonly number[]
}
