import { describe, expect, it } from 'vitest'
import { defaultScenario } from './defaults'
import { decodePredict, decodeState, encodePredict, encodeState, type SharedState } from './url'
import { validateScenario } from './validate'
import { defaultView, type Camera } from './view'

const canary = globalThis as unknown as Record<string, unknown>

function state(overrides: Partial<SharedState> = {}): SharedState {
  return { scenario: defaultScenario(), view: defaultView(), ...overrides }
}

describe('links', () => {
  it('round-trip the default state and read like the run they describe', () => {
    const query = encodeState(state())
    expect(query).toBe(
      'v=1&surface=muller-brown&seed=1&lane=gd,lr:0.0001,walkers:1,at:-0.2_1' +
        '&lane=baoab,kT:20,dt:0.002,gamma:5,walkers:500,at:-0.2_1&view=3d&end',
    )
    const { state: back, problems } = decodeState(`?${query}`)
    expect(problems).toEqual([])
    expect(back).toEqual(state())
  })

  it('carry a formula with its parameters and domain, every kind of start, choices and exact numbers', () => {
    const s = state()
    s.scenario.surface = {
      kind: 'formula',
      text: 'a*(x^2 - 1)^2 + b*y^2 + 0.1*x',
      parameters: { a: 0.1 + 0.2, b: 1e-7 },
      domain: { xmin: -2.5, xmax: 2.5, ymin: -1 / 3, ymax: 1.5 },
    }
    s.scenario.seed = 2 ** 40 + 7
    s.scenario.lanes = [
      {
        method: 'adam',
        settings: { lr: 0.05, schedule: 'cosine', period: 500 },
        walkers: 3,
        start: { kind: 'gaussian', x: -1.25, y: 0.1, sigma: 0.2 },
      },
      { method: 'baoab', settings: { kT: 0.3, anneal: 'geometric' }, walkers: 100, start: { kind: 'uniform' } },
    ]
    s.view = {
      colourScale: 'log',
      basins: true,
      show3d: false,
      camera: [1.25, -1.5, 0.75],
      speed: 200,
      step: 12_345,
      statusLines: false,
    }
    const query = encodeState(s)
    const { state: back, problems } = decodeState(query)
    expect(problems).toEqual([])
    expect(back).toEqual(s)
    expect(Object.is((back.scenario.surface.parameters as Record<string, number>).a, 0.1 + 0.2)).toBe(true)
  })

  it('carry the 3D camera: the eye alone, or the eye, centre and up; a camera that looks nowhere is named', () => {
    for (const camera of [
      [1.25, -1.5, 0.75],
      [1.25, -1.5, 0.75, 0.1, -0.2, 0, 0, 0.3, 0.9],
    ] as const) {
      const s = state()
      s.view.camera = [...camera] as Camera
      const { state: back, problems } = decodeState(encodeState(s))
      expect(problems).toEqual([])
      expect(back.view.camera).toEqual([...camera])
    }
    for (const cam of ['1_2', '1_2_3_4_5', '0_0_0', '1_1_1_1_1_1_0_0_1', '1_2_3_0_0_0_0_0_0', '1_2_1e3']) {
      const { state: back, problems } = decodeState(`surface=ring&cam=${cam}`)
      expect(
        problems.map((p) => p.field),
        cam,
      ).toEqual(['cam'])
      expect(back.view.camera).toBeNull()
    }
  })

  it('carry a lane’s trail mode only when it was chosen, and name one that is not a mode', () => {
    const s = state()
    s.scenario.lanes = [{ ...s.scenario.lanes[0]!, trail: 'none' }, s.scenario.lanes[1]!]
    const query = encodeState(s)
    expect(query).toContain('at:-0.2_1,trail:none&lane=baoab')
    expect(decodeState(query)).toEqual({ state: s, problems: [] })
    const { state: back, problems } = decodeState(query.replace('trail:none', 'trail:sparkles'))
    expect(back.scenario.lanes[0]).not.toHaveProperty('trail')
    expect(problems.map((p) => p.field)).toEqual(['lanes[0].trail'])
  })

  it('name what a newer version has that this one cannot read, and keep the rest', () => {
    const query = encodeState(state()).replace('v=1', 'v=2') + '&hologram=on'
    const { state: back, problems } = decodeState(query)
    expect(problems.map((p) => p.field)).toEqual(['hologram', 'version'])
    expect(back.scenario.lanes).toEqual(defaultScenario().lanes)
  })
})

/**
 * At least 200 malformed and hostile links. Each must decode without throwing,
 * to a state the validator accepts as it is, with the bad fields named; no
 * prototype may change and nothing may run (a canary global stays unset).
 */
const FIELDS = ['v', 'surface', 'formula', 'domain', 'param', 'seed', 'lane', 'speed', 'view', 'cam', 'step', 'status']

function hostileCorpus(): string[] {
  const good = encodeState(state())
  const payloads = [
    '<script>globalThis.__landscapeCanary=1</script>',
    '"><img src=x onerror=alert(1)>',
    'javascript:alert(1)',
    'javascript:globalThis.__landscapeCanary=1',
    '__proto__',
    'constructor',
    'prototype',
    '__proto__[polluted]',
    'constructor.prototype.polluted',
    'toString',
    'valueOf',
    'hasOwnProperty',
    '1e999',
    '-1e999',
    '1e308',
    '9007199254740993',
    'NaN',
    'Infinity',
    '-0',
    '0x10',
    '1_000',
    '',
    ' ',
    '%',
    '%E0%A4%A',
    '%00',
    '\u0000',
    '{"a":1}',
    '[1,2]',
    'true',
    'null',
    'undefined',
    '${1+1}',
    '`x`',
    '\\',
    '../../etc/passwd',
    'a'.repeat(5000),
    '😀',
    '\u202e',
    'import("fs")',
    'x.constructor',
    'evaluate("1")',
    'f(x)=x',
    'a=1',
  ]
  const corpus: string[] = []
  for (const p of payloads) {
    const e = encodeURIComponent(p)
    corpus.push(`${good}&${FIELDS[corpus.length % FIELDS.length]}=${e}`)
    corpus.push(`surface=${e}&lane=${e}`)
    corpus.push(`formula=${e}&param=${e}:1,a:${e}`)
    corpus.push(`lane=gd,lr:${e},walkers:${e},at:${e}_${e}&seed=${e}`)
    corpus.push(`${e}=${e}&lane=baoab,${e}:${e}`)
  }
  for (let cut = 7; cut < good.length; cut += 7) corpus.push(good.slice(0, cut))
  corpus.push('lane=' + Array.from({ length: 50 }, () => 'gd').join('&lane='))
  corpus.push('lane=parallel-tempering,walkers:10,at:0_0')
  corpus.push('lane=gd,lr:1e9&lane=baoab,kT:0&lane=baoab,dt:-1&lane=metropolis,walkers:1000000')
  corpus.push('domain=1_0_0_1&formula=x')
  corpus.push('formula=x^2&domain=__proto___1_2_3')
  corpus.push('x'.repeat(20_000))
  return corpus
}

describe('hostile links', () => {
  const corpus = hostileCorpus()

  it('puts a hostile value in every field a link made here can carry, in at least 200 distinct links', () => {
    // Every key the encoder writes for a state that uses all of them: a formula with parameters and
    // a domain, a camera, a speed, a step and hidden status lines. A field added to links later fails here
    // until the corpus attacks it too.
    const s = state()
    s.scenario.surface = {
      kind: 'formula',
      text: 'a*x^2 + y^2',
      parameters: { a: 2 },
      domain: { xmin: -2, xmax: 2, ymin: -1, ymax: 1 },
    }
    s.view = { ...s.view, camera: [1, 2, 3], speed: 7, step: 40, statusLines: false }
    const written = [...new URLSearchParams(encodeState(s)).keys()].filter((k) => k !== 'end')
    const withSurface = [...new URLSearchParams(encodeState(state())).keys()]
    for (const key of new Set([...written, ...withSurface].filter((k) => k !== 'end')))
      expect(
        corpus.some((q) => q.startsWith(`${encodeState(state())}&${key}=`)),
        key,
      ).toBe(true)
    expect(new Set(corpus).size).toBeGreaterThanOrEqual(200)
  })

  it('each decodes to a valid state with its bad fields named; nothing runs and no prototype changes', () => {
    const before = Object.getOwnPropertyNames(Object.prototype).join()
    canary.__landscapeCanary = 0
    for (const query of corpus) {
      const { state: s, problems } = decodeState(query)
      expect(validateScenario(JSON.parse(JSON.stringify(s.scenario))).problems, query.slice(0, 80)).toEqual([])
      for (const p of problems) {
        expect(typeof p.message).toBe('string')
        expect(p.field.length).toBeLessThanOrEqual(64)
      }
      expect(Number.isInteger(s.view.speed) && Number.isInteger(s.view.step)).toBe(true)
      // Every link of the corpus has something wrong with it, and the reader is told.
      expect(problems.length, query.slice(0, 120)).toBeGreaterThan(0)
    }
    expect(canary.__landscapeCanary).toBe(0)
    expect(Object.getOwnPropertyNames(Object.prototype).join()).toBe(before)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('keep the good fields of a good link that a hostile field was added to', () => {
    const good = encodeState(state())
    const defaults = defaultScenario()
    for (const query of corpus.filter((q) => q.startsWith(`${good}&`))) {
      const field = query.slice(good.length + 1, query.indexOf('=', good.length + 1))
      const { state: s, problems } = decodeState(query)
      // Repeated fields: the first (good) one is used. A formula or domain replaces the surface, with a notice.
      expect(s.scenario.seed, query.slice(0, 120)).toBe(1)
      expect(s.scenario.lanes.slice(0, 2)).toEqual(defaults.lanes)
      expect(s.view.show3d).toBe(true)
      if (!['formula', 'domain', 'param'].includes(field)) expect(s.scenario.surface).toEqual(defaults.surface)
      expect(
        problems
          .map((p) => p.field)
          .some((f) => f === field || f.startsWith('surface') || f.startsWith('lanes[2]') || f === 'version'),
        `${field}: ${JSON.stringify(problems)}`,
      ).toBe(true)
    }
  })

  it(
    'name a field given twice, a link cut short, a parameter that is not name:value, ' +
      'and more walkers than the page draws',
    () => {
      const good = encodeState(state())
      expect(decodeState(`${good}&seed=7`).problems).toEqual([
        { field: 'seed', message: 'given 2 times: the first is used, the others ignored' },
      ])
      // Cut inside 'kT:20': it still reads as a number, but the end mark is gone.
      const cut = good.slice(0, good.indexOf('kT:20') + 4)
      const { state: s, problems } = decodeState(cut)
      expect(s.scenario.lanes[1].settings.kT).toBe(2)
      expect(problems.map((p) => p.field)).toEqual(['link'])
      expect(problems[0].message).toContain('cut short')
      expect(decodeState('surface=himmelblau&param=a,b:2').problems).toEqual([
        { field: 'param', message: "'a' is not name:value, ignored" },
      ])
      const big = decodeState('lane=gd,walkers:10000&lane=baoab,walkers:10001')
      expect(big.state.scenario.lanes.map((l) => l.walkers)).toEqual([10_000, 500])
      expect(big.problems.map((p) => p.field)).toEqual(['lanes[1].walkers'])
      // A link written by hand (no version) needs no end mark.
      expect(decodeState('surface=himmelblau&seed=3').problems).toEqual([])
    },
  )

  it('names the bad fields of a link with one mistake per lane', () => {
    const { problems } = decodeState('lane=gd,lr:1e9&lane=baoab,kT:0&lane=baoab,dt:-1&lane=metropolis,walkers:1000000')
    expect(problems.map((p) => p.field)).toEqual([
      'lanes[0].settings.lr',
      'lanes[1].settings.kT',
      'lanes[2].settings.dt',
      'lanes[3].walkers',
    ])
  })
})

describe('the page around the state', () => {
  it('carry an embed’s choice to hide its status lines as status=0, and name a status that is not 0 or 1', () => {
    const hidden = state()
    hidden.view.statusLines = false
    const query = encodeState(hidden)
    expect(query).toMatch(/&status=0&end$/)
    expect(decodeState(query)).toEqual({ state: hidden, problems: [] })
    // Shown is the default: a link does not write it, and status=1 reads as shown.
    expect(encodeState(state())).not.toContain('status=')
    expect(decodeState(`${encodeState(state())}&status=1`)).toEqual({ state: state(), problems: [] })
    for (const bad of ['yes', '2', '', 'false', '%3Cb%3E']) {
      const { state: back, problems } = decodeState(`${encodeState(state())}&status=${bad}`)
      expect(back.view.statusLines, bad).toBe(true)
      expect(problems, bad).toEqual([
        {
          field: 'status',
          message: 'status must be 0 (an embed hides the status lines) or 1 (it shows them); they are shown',
        },
      ])
    }
  })

  it('reads speed up to the run controls’ limit, 1,000 steps a frame', () => {
    expect(decodeState('speed=1000').state.view.speed).toBe(1000)
    expect(decodeState('speed=1001').problems.map((p) => p.field)).toEqual(['speed'])
  })

  it('knows the page’s own keys (experiment, embed, theme, bench) and reports a surface a formula overrides', () => {
    expect(decodeState(`${encodeState(state())}&experiment=local-minimum&embed=1&theme=dark&bench`).problems).toEqual(
      [],
    )
    expect(decodeState('surface=himmelblau&formula=x%5E2').problems.map((p) => p.field)).toEqual(['surface'])
  })

  it('carry whether guided experiments ask a prediction, beside the state; a value that is not 0 or 1 is named', () => {
    const query = encodeState(state())
    for (const predict of [true, false]) {
      const link = [query, encodePredict(predict)].filter((part) => part !== null).join('&')
      expect(decodePredict(`?${link}`), link).toEqual({ predict, problems: [] })
      // A page key: the state reads as it was, with nothing reported.
      expect(decodeState(link), link).toEqual({ state: state(), problems: [] })
    }
    expect(decodePredict('experiment=plateau&predict=1')).toEqual({ predict: true, problems: [] })
    for (const bad of ['no', 'false', '', '2']) {
      const { predict, problems } = decodePredict(`experiment=plateau&predict=${bad}`)
      expect(predict, bad).toBe(true)
      expect(problems, bad).toEqual([
        { field: 'predict', message: expect.stringMatching(/^predict must be 0 .* or 1/) },
      ])
    }
  })
})
