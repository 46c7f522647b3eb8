import type { AttractionMap } from '../core/analysis/attraction'
import type { SweepResult } from '../core/analysis/sweep'
import type { FormulaProgram } from '../core/formula/types'
import type { Domain } from '../core/surface'

/** The surface a task works on, as the page posts it (a checked program, never text). */
export interface TaskSurface {
  program: FormulaProgram
  parameters: [string, number][]
  domain: Domain
}

export type TaskRequest =
  | { type: 'attraction'; id: number; surface: TaskSurface; method: string; settings: Record<string, number | string>; n: number; maxSteps: number; seed: number }
  | {
      type: 'sweep'
      id: number
      surface: TaskSurface
      method: string
      settings: Record<string, number | string>
      kTs: number[]
      walkers: number
      steps: number
      burnin: number
      seed: number
      from: number
      to: number
    }

export type TaskAnswer =
  | { type: 'progress'; id: number; fraction: number }
  | { type: 'attraction'; id: number; map: AttractionMap }
  | { type: 'sweep'; id: number; result: SweepResult }
  | { type: 'failure'; id: number; message: string }
