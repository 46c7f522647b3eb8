import { describe, expect, it } from 'vitest'
import { EXPERIMENTS } from '../../core/experiments'
import { defaultScenario } from '../../core/scenario'
import { decodeState, encodeState, type SharedState } from '../../core/scenario/url'
import { defaultView } from '../../core/scenario/view'
import { pageLink, readOpening, stateQuery } from './address'
import { MAX_NAME_LENGTH, nameProblem, readSavedSurfaces, writeSavedSurfaces } from './saved-surfaces'
import {
  forgetAll,
  LAST_STATE_KEY,
  readItem,
  SAVED_SURFACES_KEY,
  TRAINING_POINTS_KEY,
  writeItem,
  type KeyValueStore,
} from '../storage'

function state(step = 0): SharedState {
  return { scenario: defaultScenario(), view: { ...defaultView(), step } }
}

class MemoryStore implements KeyValueStore {
  readonly items = new Map<string, string>()
  getItem(key: string): string | null {
    return this.items.get(key) ?? null
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value)
  }
  removeItem(key: string): void {
    this.items.delete(key)
  }
}

const refusing: KeyValueStore = {
  getItem: () => {
    throw new Error('SecurityError')
  },
  setItem: () => {
    throw new Error('QuotaExceededError')
  },
  removeItem: () => {
    throw new Error('SecurityError')
  },
}

describe('opening the page', () => {
  const stored = stateQuery(state(1234))

  it('a state in the address wins over the stored one', () => {
    const opening = readOpening(`?${encodeState({ ...state(), scenario: { ...defaultScenario(), seed: 7 } })}`, stored)
    expect(opening.source).toBe('link')
    expect(opening.state?.scenario.seed).toBe(7)
    expect(opening.problems).toEqual([])
  })

  it('with no state in the address, the stored state is read through the link decoder', () => {
    const opening = readOpening('?bench', stored)
    expect(opening).toMatchObject({ source: 'stored', bench: true, embed: false, problems: [] })
    expect(opening.state).toEqual(decodeState(stored).state)
    expect(opening.state?.view.step).toBe(1234)
  })

  it("carries the training section's clicked points as a page key, beside the stored state, unread here", () => {
    const opening = readOpening('?points=1.25,-0.50,1;0.00,3.10,0', stored)
    expect(opening).toMatchObject({ source: 'stored', points: '1.25,-0.50,1;0.00,3.10,0', problems: [] })
    expect(readOpening('', null).points).toBeNull()
    // Text the section will refuse still travels to it as it is: the section names the bad entry.
    expect(readOpening('?points=oops', null)).toMatchObject({ source: 'default', points: 'oops', problems: [] })
  })

  it('a stored state that is garbage gives the defaults for what it could not read, named', () => {
    const opening = readOpening('', 'seed=-3&lane=<script>&view=hologram')
    expect(opening.source).toBe('stored')
    expect(opening.problems.map((p) => p.field)).toEqual(['seed', 'lanes[0].method', 'view'])
    expect(opening.state?.scenario.lanes[0]).toEqual(defaultScenario().lanes[0])
  })

  it('an embed shows only what its link says: no stored state', () => {
    expect(readOpening('?embed=1', stored)).toMatchObject({ source: 'default', state: null, embed: true })
    expect(readOpening('?embed=0', stored).embed).toBe(false)
  })

  it('a bare experiment name opens its preset (a copy); an unknown one is named and ignored', () => {
    const e = EXPERIMENTS[6]
    const opening = readOpening(`?experiment=${e.id}`, stored)
    expect(opening).toMatchObject({ source: 'experiment', experiment: e, problems: [] })
    expect(opening.state).toEqual(e.state)
    expect(opening.state).not.toBe(e.state)
    for (const id of ['constructor', '__proto__', 'toString', '%3Cscript%3E']) {
      const bad = readOpening(`?experiment=${id}`, null)
      expect(bad.experiment).toBeNull()
      expect(bad.problems.map((p) => p.field)).toEqual(['experiment'])
    }
  })

  it('an experiment with a state keeps the state of the link', () => {
    const e = EXPERIMENTS[0]
    const link = stateQuery({ ...e.state, view: { ...e.state.view, step: 300 } }, { experiment: e.id })
    const opening = readOpening(link, null)
    expect(opening).toMatchObject({ source: 'link', experiment: e, problems: [] })
    expect(opening.state?.view.step).toBe(300)
  })

  it('a forced theme is read; anything else is named and ignored', () => {
    expect(readOpening('?theme=dark', null).theme).toBe('dark')
    const bad = readOpening('?theme=%3Cstyle%3E', null)
    expect(bad.theme).toBeNull()
    expect(bad.problems.map((p) => p.field)).toEqual(['theme'])
  })

  it('an unknown key alone counts as a link (and is reported), so the stored state does not hide it', () => {
    const opening = readOpening('?hologram=on', stored)
    expect(opening.source).toBe('link')
    expect(opening.problems.map((p) => p.field)).toEqual(['hologram'])
  })
})

describe('links', () => {
  it('use the page’s own address, whatever its sub-path, and read back to the same state', () => {
    const s = state(777)
    const link = pageLink(
      { origin: 'https://course.example.org', pathname: '/physics/week-3/playground/' },
      stateQuery(s, { experiment: 'local-minimum' }),
    )
    expect(link.startsWith('https://course.example.org/physics/week-3/playground/?v=1&')).toBe(true)
    const url = new URL(link)
    const { state: back, problems } = decodeState(url.search)
    expect(problems).toEqual([])
    expect(back).toEqual(s)
    expect(readOpening(url.search, null).experiment?.id).toBe('local-minimum')
  })

  it('carry embed, theme and the test hook only when asked', () => {
    expect(stateQuery(state())).toBe(encodeState(state()))
    expect(stateQuery(state(), { embed: true, theme: 'light', bench: true })).toBe(
      `${encodeState(state())}&embed=1&theme=light&bench`,
    )
  })

  it('keep predictions off when the link turned them off, and name a predict value they cannot read', () => {
    expect(stateQuery(state(), { predict: true })).toBe(encodeState(state()))
    expect(stateQuery(state(), { predict: false })).toBe(`${encodeState(state())}&predict=0`)
    const off = readOpening(`?${stateQuery(state(), { predict: false })}`, null)
    expect(off.predict).toBe(false)
    expect(off.problems).toEqual([])
    expect(readOpening('?predict=1', null).predict).toBe(true)
    const bad = readOpening('?predict=maybe', null)
    expect(bad.predict).toBe(true)
    expect(bad.problems.map((p) => p.field)).toEqual(['predict'])
  })
})

describe('saved surfaces', () => {
  it('round-trip through storage text', () => {
    const surfaces = [
      { name: 'double well', formula: '(x^2 - 1)^2 + y^2' },
      { name: 'tilted', formula: 'a*(x^2 - 1)^2 + b*y^2 + 0.1*x' },
    ]
    expect(readSavedSurfaces(writeSavedSurfaces(surfaces))).toEqual({ surfaces, problems: [] })
  })

  it('read untrusted text: entries of the wrong shape are dropped and counted, no key is copied', () => {
    const text = JSON.stringify([
      { name: 'ok', formula: 'x^2 + y^2' },
      { name: 'ok', formula: 'x' },
      { name: 42, formula: 'x' },
      { name: 'no formula' },
      { name: '   ', formula: 'x' },
      { name: 'x'.repeat(MAX_NAME_LENGTH + 1), formula: 'x' },
      { name: 'long', formula: 'x'.repeat(5000) },
      null,
      'text',
      { name: 'polluting', formula: 'x', __proto__: { polluted: true }, constructor: 1 },
    ])
    const { surfaces, problems } = readSavedSurfaces(text)
    expect(surfaces).toEqual([
      { name: 'ok', formula: 'x^2 + y^2' },
      { name: 'polluting', formula: 'x' },
    ])
    expect(problems).toEqual([
      { field: 'saved surfaces', message: '8 stored entries were not readable and were dropped' },
    ])
    expect(Object.keys(surfaces[1])).toEqual(['name', 'formula'])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('set aside text that is not a list', () => {
    for (const text of ['{', '{"name":"a"}', '"x"', 'null']) {
      const { surfaces, problems } = readSavedSurfaces(text)
      expect(surfaces).toEqual([])
      expect(problems).toHaveLength(1)
    }
    expect(readSavedSurfaces(null)).toEqual({ surfaces: [], problems: [] })
  })

  it('need a name that is new, not blank and not too long', () => {
    const list = [{ name: 'a', formula: 'x' }]
    expect(nameProblem('b', list)).toBeNull()
    expect(nameProblem(' a ', list)).toMatch(/already/)
    expect(nameProblem('a', list, 0)).toBeNull()
    expect(nameProblem('  ', list)).toMatch(/name/)
    expect(nameProblem('y'.repeat(61), list)).toMatch(/60/)
  })
})

describe('storage', () => {
  it('keeps and forgets the page’s own keys', () => {
    const store = new MemoryStore()
    store.setItem('someone-else', 'keep me')
    expect(writeItem(store, LAST_STATE_KEY, 'v=1')).toBe(true)
    expect(writeItem(store, SAVED_SURFACES_KEY, '[]')).toBe(true)
    expect(writeItem(store, TRAINING_POINTS_KEY, '1.00,2.00,1')).toBe(true)
    expect(readItem(store, LAST_STATE_KEY)).toBe('v=1')
    forgetAll(store)
    expect([...store.items.keys()]).toEqual(['someone-else'])
  })

  it('goes on without a store that refuses, or none at all', () => {
    expect(writeItem(refusing, LAST_STATE_KEY, 'v=1')).toBe(false)
    expect(readItem(refusing, LAST_STATE_KEY)).toBeNull()
    expect(() => forgetAll(refusing)).not.toThrow()
    expect(writeItem(null, LAST_STATE_KEY, 'v=1')).toBe(false)
    expect(readItem(null, LAST_STATE_KEY)).toBeNull()
  })

  it('does not read a stored value longer than any link', () => {
    const store = new MemoryStore()
    store.setItem(LAST_STATE_KEY, 'x'.repeat(300_000))
    expect(readItem(store, LAST_STATE_KEY)).toBeNull()
  })
})
