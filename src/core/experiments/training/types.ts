/**
 * A guided experiment on training: the counterpart of the systems' experiments (../systems/types.ts)
 * for a study that is a computation rather than a lane on a listed system (a deep linear network,
 * a training set built for the purpose, a network sliced along its Hessian). Its run is plain
 * numbers in, plain numbers out, seeded and counted in steps, so a page can run it in a worker
 * and post the result back; its verdict judges the claim from those numbers alone, so the text
 * cannot drift from what the run does. One file per experiment holds all of it (with the shared
 * training-set construction of pull-training-set.ts where it needs one).
 */

/** The numbers a run shows, by name. */
export type TrainingNumbers = Record<string, number>

/** A preset: every setting explicit, as numbers (a list for a sweep). */
export type TrainingPreset = Readonly<Record<string, number | readonly number[]>>

/** Whether the claim holds on a run's numbers, and which expectations failed, in words. */
export interface TrainingVerdict {
  readonly holds: boolean
  readonly failures: readonly string[]
}

export interface TrainingExperimentPrediction {
  question: string
  choices: readonly string[]
  /** The choice the run bears out, read from its numbers; null when they do not tell. */
  outcome(numbers: TrainingNumbers): string | null
}

export interface TrainingExperiment {
  /** kebab-case, stable: links and tests name experiments by it. */
  id: string
  /** Its place in TRAINING_EXPERIMENTS, from 1. */
  number: number
  title: string
  /** Two to four sentences in a first-year student's words. */
  explanation: string
  question: string
  /** What the run shows, in words. */
  claim: string
  /** Asked before the run (predict first). */
  prediction: TrainingExperimentPrediction
  preset: TrainingPreset
  /** Steps of dynamics the run takes at the preset, all walkers together (its cost). */
  walkerSteps: number
  /**
   * Runs the preset with `changes` applied (seeded: the same numbers every time). `progress`, if
   * given, hears the fraction done (0..1) now and then.
   */
  run(progress?: (fraction: number) => void, changes?: TrainingPreset): TrainingNumbers
  /** Judges the claim from the numbers alone. Every threshold is derived in a comment. */
  verdict(numbers: TrainingNumbers): TrainingVerdict
}

/** Collects failed expectations into a verdict. */
export class VerdictBuilder {
  private readonly failures: string[] = []

  constructor(private readonly numbers: TrainingNumbers) {}

  /** The number of that name, NaN when the run did not note it. */
  v(name: string): number {
    return this.numbers[name] ?? NaN
  }

  expect(ok: boolean, message: string): void {
    if (!ok) this.failures.push(message)
  }

  done(): TrainingVerdict {
    return { holds: this.failures.length === 0, failures: [...this.failures] }
  }
}

/** A number of a preset with changes applied. */
export function presetNumber(preset: TrainingPreset, changes: TrainingPreset | undefined, name: string): number {
  const v = changes?.[name] ?? preset[name]
  if (typeof v !== 'number') throw new RangeError(`preset: '${name}' is not a number`)
  return v
}

/** A list of numbers of a preset with changes applied. */
export function presetList(
  preset: TrainingPreset,
  changes: TrainingPreset | undefined,
  name: string,
): readonly number[] {
  const v = changes?.[name] ?? preset[name]
  if (!Array.isArray(v)) throw new RangeError(`preset: '${name}' is not a list`)
  return v as readonly number[]
}
