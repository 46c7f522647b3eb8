/** What a predict-first card reads of a guided experiment (molecules' and training's alike). */
export interface PredictFirstExperiment {
  id: string
  number: number
  title: string
  explanation: string
  question: string
  claim: string
  prediction: { question: string; choices: readonly string[] }
}

/** What a guided experiment's run in a worker answers. */
export interface ExperimentAnswer {
  numbers: Record<string, number>
  failures: string[]
  /** The prediction's choice the numbers bear out, or null when they do not tell. */
  outcome: string | null
  seconds: number
}
