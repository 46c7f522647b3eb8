import { describe, expect, test } from 'vitest'
import { defaultScenario } from '../../core/scenario'
import type { SharedState } from '../../core/scenario/url'
import { defaultView } from '../../core/scenario/view'
import { historyStep } from './address'

function state(change: (s: SharedState) => void = () => {}): SharedState {
  const s: SharedState = { scenario: defaultScenario(), view: defaultView() }
  change(s)
  return s
}

describe('historyStep', () => {
  test('the first state written rewrites the entry the page opened on', () => {
    expect(historyStep(null, state(), true)).toBe('replace')
  })

  test('a new surface is always a new entry', () => {
    const himmelblau = state((s) => (s.scenario.surface = { kind: 'atlas', id: 'himmelblau', parameters: {} }))
    expect(historyStep(state(), himmelblau, false)).toBe('push')
    expect(historyStep(state(), himmelblau, true)).toBe('push')
  })

  test('new lanes or seed are a new entry only once the run before had settled', () => {
    const seeded = state((s) => (s.scenario.seed += 1))
    expect(historyStep(state(), seeded, false)).toBe('replace')
    expect(historyStep(state(), seeded, true)).toBe('push')
    const fewer = state((s) => (s.scenario.lanes = s.scenario.lanes.slice(0, 1)))
    expect(historyStep(state(), fewer, true)).toBe('push')
  })

  test('the view (speed, step, colours) never makes an entry (negative control)', () => {
    const viewed = state((s) => (s.view = { ...s.view, speed: s.view.speed + 1, step: 40, basins: !s.view.basins }))
    expect(historyStep(state(), viewed, true)).toBe('replace')
    expect(historyStep(state(), state(), true)).toBe('replace')
  })
})
