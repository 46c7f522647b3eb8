import { describe, expect, it } from 'vitest'
import { statusScales } from '../landscape/scales'
import { buildLanes } from './build'
import { defaultScenario } from './defaults'
import { compileResolved, resolveSurface } from './surface'
import { validateScenario } from './validate'

describe('validateScenario', () => {
  it('reads the default scenario back unchanged through JSON', () => {
    const s = defaultScenario()
    const { scenario, problems } = validateScenario(JSON.parse(JSON.stringify(s)))
    expect(problems).toEqual([])
    expect(scenario).toEqual(s)
  })

  it('keeps what it can read, takes defaults for the rest, and names each bad field', () => {
    const input = {
      version: 1,
      surface: {
        kind: 'formula',
        text: 'a*x^2 + y^2',
        parameters: { a: 2, constructor: 1 },
        domain: { xmin: 1, xmax: 0, ymin: 0, ymax: 1 },
      },
      seed: -3,
      lanes: [
        {
          method: 'gd',
          settings: { lr: 1e9, schedule: 'cosine', bogus: 1 },
          walkers: 10,
          start: { kind: 'point', x: 0.5, y: 'a' },
        },
        { method: 'nope', settings: {}, walkers: 1, start: { kind: 'uniform' } },
      ],
    }
    const { scenario, problems } = validateScenario(input)
    expect(problems.map((p) => p.field)).toEqual([
      'surface.parameters.constructor',
      'surface.domain',
      'seed',
      'lanes[0].settings.lr',
      'lanes[0].settings.bogus',
      'lanes[0].start',
      'lanes[1].method',
    ])
    expect(scenario.surface).toEqual({
      kind: 'formula',
      text: 'a*x^2 + y^2',
      parameters: { a: 2 },
      domain: { xmin: -5, xmax: 5, ymin: -5, ymax: 5 },
    })
    expect(scenario.seed).toBe(1)
    expect(scenario.lanes[0]).toMatchObject({
      method: 'gd',
      settings: { schedule: 'cosine' },
      walkers: 10,
      start: { kind: 'point', x: -0.2, y: 1 },
    })
    expect(scenario.lanes[1].method).toBe('baoab')
  })

  it('refuses prototype keys without polluting anything', () => {
    const hostile = JSON.parse(
      '{"version":1,"__proto__":{"polluted":1},' +
        '"surface":{"kind":"atlas","id":"__proto__","parameters":{"__proto__":{"x":1}}},"seed":1,' +
        '"lanes":[{"method":"constructor","settings":{},"walkers":1,"start":{"kind":"uniform"}}]}',
    )
    const { scenario, problems } = validateScenario(hostile)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.getPrototypeOf(scenario)).toBe(Object.prototype)
    expect(problems.map((p) => p.field)).toEqual(
      expect.arrayContaining(['surface.parameters.__proto__', 'surface.id', 'lanes[0].method']),
    )
  })

  it('refuses a lane of minibatch SGD on a surface: without a training set it is only gradient descent', () => {
    const s = defaultScenario()
    const { scenario, problems } = validateScenario({ ...s, lanes: [{ ...s.lanes[0]!, method: 'sgd' }] })
    expect(problems).toEqual([
      {
        field: 'lanes[0].method',
        message: 'Minibatch SGD needs a training set: on a surface it is gradient descent under another name',
      },
    ])
    expect(scenario.lanes[0]!.method).toBe(s.lanes[0]!.method)
  })

  it('says a newer version is newer, and still reads the fields it knows', () => {
    const s = { ...defaultScenario(), version: 7 }
    const { scenario, problems } = validateScenario(s)
    expect(problems[0]).toMatchObject({ field: 'version' })
    expect(problems[0].message).toMatch(/newer/)
    expect(scenario.lanes).toEqual(defaultScenario().lanes)
  })

  it.each([null, 3, 'x', []])('gives the default scenario for %j, and says it could not read it', (input) => {
    const { scenario, problems } = validateScenario(input)
    expect(scenario).toEqual(defaultScenario())
    expect(problems.map((p) => p.field)).toEqual([''])
  })

  it('gives the default lanes for lanes that are not a list, and names the field', () => {
    const { scenario, problems } = validateScenario({ ...defaultScenario(), seed: 9, lanes: 'no' })
    expect(scenario).toEqual({ ...defaultScenario(), seed: 9 })
    expect(problems.map((p) => p.field)).toEqual(['lanes'])
  })
})

describe('resolveSurface', () => {
  it('names a parameter the formula does not have', () => {
    const r = resolveSurface({
      kind: 'formula',
      text: 'a*x^2',
      parameters: { b: 1 },
      domain: { xmin: -1, xmax: 1, ymin: -1, ymax: 1 },
    })
    expect(r).toEqual({
      ok: false,
      field: 'surface.parameters.b',
      message: "the formula has no parameter 'b' (its parameters: a)",
    })
  })

  it('refuses a new domain for a periodic surface', () => {
    const r = resolveSurface({
      kind: 'atlas',
      id: 'dihedral',
      parameters: {},
      domain: { xmin: 0, xmax: 1, ymin: 0, ymax: 1 },
    })
    expect(r.ok).toBe(false)
  })
})

describe('the default scenario', () => {
  it('runs: gradient descent settles in the local minimum MC', () => {
    const s = defaultScenario()
    const r = resolveSurface(s.surface)
    if (!r.ok) throw new Error(r.message)
    const surface = compileResolved(r.surface)
    const [gd] = buildLanes(surface, { ...s, lanes: [s.lanes[0]] }, statusScales(surface))
    gd.advance(3000)
    expect(gd.walkers.x[0]).toBeCloseTo(-0.050011, 5)
    expect(gd.walkers.y[0]).toBeCloseTo(0.466694, 5)
    expect(gd.label(0)).toBe('local')
  })
})
