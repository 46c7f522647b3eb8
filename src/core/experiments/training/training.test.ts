import { readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { TRAINING_EXPERIMENTS, trainingExperimentById, type TrainingExperiment } from './index'

const NOT_EXPERIMENTS = new Set(['index.ts', 'types.ts', 'pull-training-set.ts'])

describe('the guided experiments on training', () => {
  it('are numbered in order, with unique kebab-case ids that trainingExperimentById finds', () => {
    TRAINING_EXPERIMENTS.forEach((e, k) => {
      expect(e.number).toBe(k + 1)
      expect(e.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/)
      expect(trainingExperimentById(e.id)).toBe(e)
      expect(e.prediction.choices.length, e.id).toBeGreaterThanOrEqual(2)
      expect(e.walkerSteps, e.id).toBeGreaterThan(0)
      expect(e.question.length, e.id).toBeGreaterThan(0)
    })
    expect(trainingExperimentById('constructor')).toBeUndefined()
  })

  it('are one file each, named by its id, and every experiment file is in the list', async () => {
    const folder = fileURLToPath(new URL('.', import.meta.url))
    const files = readdirSync(folder).filter(
      (f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !NOT_EXPERIMENTS.has(f),
    )
    const listed = new Set<TrainingExperiment>(TRAINING_EXPERIMENTS)
    for (const file of files) {
      const module = (await import(`./${file.slice(0, -'.ts'.length)}`)) as Record<string, unknown>
      const exported = Object.values(module).filter(
        (v): v is TrainingExperiment => typeof v === 'object' && v !== null && 'verdict' in v,
      )
      expect(
        exported.map((e) => e.id),
        file,
      ).toEqual([file.slice(0, -'.ts'.length)])
      expect(listed.has(exported[0]!), `${file} is not in TRAINING_EXPERIMENTS`).toBe(true)
      listed.delete(exported[0]!)
    }
    expect([...listed].map((e) => e.id)).toEqual([])
  })
})
