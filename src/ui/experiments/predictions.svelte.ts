import { SvelteMap } from 'svelte/reactivity'

/** A prediction made before a guided experiment ran, and the outcome its run gave (null until its check has run). */
export interface PredictionRecord {
  experiment: string
  question: string
  prediction: string
  outcome: string | null
}

/**
 * The predictions made in this session, one per experiment (the last one made): the experiment panel asks and
 * writes them, its verdict adds the outcome, and the CSV export lists them (src/ui/export/actions.ts).
 */
export class Predictions {
  readonly #records = new SvelteMap<string, PredictionRecord>()

  get(experiment: string): PredictionRecord | null {
    return this.#records.get(experiment) ?? null
  }

  /** A new prediction for `experiment`; its outcome is not known yet. */
  record(experiment: string, question: string, prediction: string): void {
    this.#records.set(experiment, { experiment, question, prediction, outcome: null })
  }

  /** The outcome of the run the prediction was made for. */
  settle(experiment: string, outcome: string): void {
    const record = this.#records.get(experiment)
    if (record && record.outcome !== outcome) this.#records.set(experiment, { ...record, outcome })
  }

  /** Every prediction, in the order they were first made. */
  list(): PredictionRecord[] {
    return [...this.#records.values()]
  }
}

/** The page's predictions, for as long as it stays open. */
export const sessionPredictions = new Predictions()
