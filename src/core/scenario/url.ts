import type { ScenarioProblem } from './validate'
import { validateScenario } from './validate'
import { copyLane, DEFAULT_LANES } from './defaults'
import { MAX_LANES, SCENARIO_VERSION, type LaneSpec, type Scenario, type ScenarioStart } from './types'
import { defaultView, MAX_PAGE_WALKERS, MAX_SHARED_STEP, MAX_SPEED, type Camera, type ViewState } from './view'

/**
 * The whole state in a URL query, versioned and readable:
 *
 *   ?v=1&surface=muller-brown&seed=1
 *    &lane=gd,lr:0.0001,walkers:1,at:-0.2_1
 *    &lane=baoab,kT:20,dt:0.002,gamma:5,walkers:500,at:-0.2_1
 *    &speed=20&view=3d&step=12000&end
 *
 * A typed formula travels as `formula=` (percent-encoded) with `domain=x0_x1_y0_y1`
 * and `param=a:2,b:3`. Numbers are written with String(), which reads back to
 * the same double, so a link reproduces the run bit for bit. A link made here
 * ends with `end`: one cut short on its way (a chat window, an e-mail) lost
 * it, and is read with a notice that its last values may be incomplete (`kT:2`
 * where it said `kT:20`).
 *
 * Reading a link never trusts it: the query is split into plain strings, turned
 * into a scenario-shaped object with known keys only, and handed to
 * validateScenario, which keeps every field it can read and takes the default
 * for every other one, naming it. Nothing from a link is evaluated or inserted
 * into the page as HTML.
 */
export interface SharedState {
  scenario: Scenario
  view: ViewState
}

/** Longer queries are not read at all. */
export const MAX_QUERY_LENGTH = 16_000

const num = (v: number) => String(v)

function startText(start: ScenarioStart): string {
  if (start.kind === 'uniform') return 'uniform'
  if (start.kind === 'gaussian') return `gauss:${num(start.x)}_${num(start.y)}_${num(start.sigma)}`
  return `at:${num(start.x)}_${num(start.y)}`
}

function laneText(lane: LaneSpec): string {
  const settings = Object.entries(lane.settings).map(([k, v]) => `${k}:${typeof v === 'number' ? num(v) : v}`)
  const trail = lane.trail ? [`trail:${lane.trail}`] : []
  return [lane.method, ...settings, `walkers:${lane.walkers}`, startText(lane.start), ...trail].join(',')
}

/** An ordered list of key=value pairs: a query string, read and written without DOM or Node APIs. */
class Query {
  readonly pairs: [string, string][] = []

  static parse(text: string, problems: ScenarioProblem[]): Query {
    const q = new Query()
    for (const part of text.split('&')) {
      if (part === '') continue
      const eq = part.indexOf('=')
      const [k, v] = eq < 0 ? [part, ''] : [part.slice(0, eq), part.slice(eq + 1)]
      try {
        // '+' stays a plus: formulas use it, and links written by hand should not turn it into a space.
        q.pairs.push([decodeURIComponent(k), decodeURIComponent(v)])
      } catch {
        problems.push({ field: clip(k), message: 'malformed escape sequence, ignored' })
      }
    }
    return q
  }

  get(key: string): string | null {
    return this.pairs.find(([k]) => k === key)?.[1] ?? null
  }

  getAll(key: string): string[] {
    return this.pairs.filter(([k]) => k === key).map(([, v]) => v)
  }

  has(key: string): boolean {
    return this.pairs.some(([k]) => k === key)
  }

  keys(): string[] {
    return this.pairs.map(([k]) => k)
  }

  set(key: string, value: string): void {
    this.append(key, value)
  }

  append(key: string, value: string): void {
    this.pairs.push([key, value])
  }

  toString(): string {
    // ',' ':' and '_' are safe in a query and keep it readable.
    const encode = (t: string) => encodeURIComponent(t).replace(/%2C/g, ',').replace(/%3A/g, ':')
    return this.pairs.map(([k, v]) => (v === '' ? encode(k) : `${encode(k)}=${encode(v)}`)).join('&')
  }
}

export function encodeState({ scenario, view }: SharedState): string {
  const q = new Query()
  q.set('v', String(SCENARIO_VERSION))
  const s = scenario.surface
  if (s.kind === 'atlas') q.set('surface', s.id)
  else q.set('formula', s.text)
  const domain = s.domain
  if (domain) q.set('domain', [domain.xmin, domain.xmax, domain.ymin, domain.ymax].map(num).join('_'))
  const params = Object.entries(s.parameters)
  if (params.length > 0) q.set('param', params.map(([k, v]) => `${k}:${num(v)}`).join(','))
  q.set('seed', String(scenario.seed))
  for (const lane of scenario.lanes) q.append('lane', laneText(lane))
  const d = defaultView()
  if (view.speed !== d.speed) q.set('speed', String(view.speed))
  const flags = [
    view.show3d ? '3d' : '2d',
    ...(view.basins ? ['basins'] : []),
    ...(view.colourScale !== 'auto' ? [view.colourScale] : []),
  ]
  q.set('view', flags.join(','))
  if (view.camera) q.set('cam', view.camera.map(num).join('_'))
  if (view.step > 0) q.set('step', String(view.step))
  if (view.statusLines === false) q.set('status', '0')
  q.set(END, '')
  return q.toString()
}

/**
 * Keys the page reads beside the state: which guided experiment is open, minimal chrome for
 * embedding, a forced theme, and the browser tests' hook. Known, so never reported, but not state.
 */
export const PAGE_KEYS: readonly string[] = ['experiment', 'embed', 'theme', 'bench', 'predict', 'points']

/**
 * Whether a guided experiment asks its prediction before it runs: `predict=0` turns the question off (a lecture),
 * `predict=1` or no field asks it. Any other value is named and the question asked.
 */
export function decodePredict(query: string): { predict: boolean; problems: ScenarioProblem[] } {
  const problems: ScenarioProblem[] = []
  const value = Query.parse(query.startsWith('?') ? query.slice(1) : query, []).get('predict')
  if (value === null || value === '0' || value === '1') return { predict: value !== '0', problems }
  problems.push({
    field: 'predict',
    message: 'predict must be 0 (experiments run without asking a prediction) or 1 (they ask one); they ask one',
  })
  return { predict: true, problems }
}

/** The link's field for `decodePredict`: only when predictions are off. */
export const encodePredict = (predict: boolean): string | null => (predict ? null : 'predict=0')

/** The last key of a link made here. */
const END = 'end'

const KNOWN = new Set([
  'v',
  'surface',
  'formula',
  'domain',
  'param',
  'seed',
  'lane',
  'speed',
  'view',
  'cam',
  'step',
  'status',
  END,
  ...PAGE_KEYS,
])

/** At most this many items in a lane or in `param` are read. */
const MAX_ITEMS = 64

/** Reads a query (with or without its '?'): the state, and what could not be read. */
export function decodeState(query: string): { state: SharedState; problems: ScenarioProblem[] } {
  const problems: ScenarioProblem[] = []
  const view = defaultView()
  if (query.length > MAX_QUERY_LENGTH) {
    problems.push({ field: 'link', message: `the link is longer than ${MAX_QUERY_LENGTH} characters and was not read` })
    const { scenario } = validateScenario({ version: SCENARIO_VERSION })
    return { state: { scenario, view }, problems: [...problems] }
  }
  const q = Query.parse(query.startsWith('?') ? query.slice(1) : query, problems)
  for (const key of new Set(q.keys())) {
    if (!KNOWN.has(key)) problems.push({ field: clip(key), message: 'unknown field, ignored' })
    else if (key !== 'lane') {
      const n = q.getAll(key).length
      if (n > 1) problems.push({ field: key, message: `given ${n} times: the first is used, the others ignored` })
    }
  }
  // A link made here says where it ends; one that has its version but not its end was cut short.
  if (q.has('v') && !q.has(END))
    problems.push({
      field: 'link',
      message: 'the link has no end mark: it may have been cut short, so check the values near its end',
    })

  const raw: Record<string, unknown> = {}
  const version = q.get('v')
  raw.version = version === null ? SCENARIO_VERSION : numberOf(version)
  const surface: Record<string, unknown> = {}
  const formula = q.get('formula')
  const id = q.get('surface')
  if (formula !== null) {
    if (id !== null)
      problems.push({ field: 'surface', message: 'the link also has a formula, which is drawn instead; ignored' })
    surface.kind = 'formula'
    surface.text = formula
    surface.domain = domainOf(q.get('domain')) ?? { xmin: -5, xmax: 5, ymin: -5, ymax: 5 }
  } else {
    surface.kind = 'atlas'
    surface.id = id ?? 'muller-brown'
    const domain = domainOf(q.get('domain'))
    if (domain) surface.domain = domain
  }
  surface.parameters = pairsOf(q.get('param'), problems)
  raw.surface = surface
  raw.seed = q.has('seed') ? numberOf(q.get('seed')!) : 1
  const lanes = q.getAll('lane')
  // A lane written by hand may leave out its walkers and start: they take the default lane's.
  if (lanes.length > MAX_LANES)
    problems.push({
      field: 'lane',
      message: `at most ${MAX_LANES} lanes: the ${lanes.length - MAX_LANES} after them were ignored`,
    })
  // A link without lanes runs the default ones, as one without a seed runs seed 1.
  if (lanes.length === 0) raw.lanes = DEFAULT_LANES.map(copyLane)
  else {
    raw.lanes = lanes.slice(0, MAX_LANES).map((text, k) => {
      const lane = laneFields(text, `lanes[${k}]`, problems)
      const fallback = DEFAULT_LANES[k] ?? DEFAULT_LANES[DEFAULT_LANES.length - 1]!
      if (!Object.hasOwn(lane, 'walkers')) lane.walkers = fallback.walkers
      if (!Object.hasOwn(lane, 'start')) lane.start = { ...fallback.start }
      return lane
    })
  }

  const { scenario, problems: scenarioProblems } = validateScenario(raw)
  problems.push(...scenarioProblems.map((p) => ({ field: p.field, message: p.message })))
  // The engine takes 100,000 walkers a lane; the page draws at most 10,000.
  scenario.lanes.forEach((lane, k) => {
    if (lane.walkers <= MAX_PAGE_WALKERS) return
    const fallback = DEFAULT_LANES[k] ?? DEFAULT_LANES[DEFAULT_LANES.length - 1]!
    problems.push({
      field: `lanes[${k}].walkers`,
      message:
        `the playground runs at most ${MAX_PAGE_WALKERS.toLocaleString('en')} walkers a lane; ${fallback.walkers} ` +
        `used`,
    })
    lane.walkers = fallback.walkers
  })

  const speed = q.get('speed')
  if (speed !== null) {
    const v = numberOf(speed)
    if (Number.isInteger(v) && v >= 1 && v <= MAX_SPEED) view.speed = v
    else
      problems.push({
        field: 'speed',
        message: `speed must be a whole number of steps per frame from 1 to ${MAX_SPEED}`,
      })
  }
  const flags = q.get('view')
  if (flags !== null) {
    for (const flag of flags.split(',')) {
      if (flag === '3d' || flag === '2d') view.show3d = flag === '3d'
      else if (flag === 'basins') view.basins = true
      else if (flag === 'linear' || flag === 'log' || flag === 'clip') view.colourScale = flag
      else problems.push({ field: 'view', message: `unknown view option '${clip(flag)}', ignored` })
    }
  }
  const cam = q.get('cam')
  if (cam !== null) {
    const v = cam.split('_').map(numberOf)
    const finite = v.every((c) => Number.isFinite(c) && Math.abs(c) <= 100)
    // A number the link leaves out is NaN, which is never apart.
    const at = (k: number) => v[k] ?? NaN
    // The eye may not sit on the centre, and up must be a direction.
    const apart =
      v.length === 9
        ? Math.hypot(at(0) - at(3), at(1) - at(4), at(2) - at(5)) > 0 && Math.hypot(at(6), at(7), at(8)) > 0
        : Math.hypot(at(0), at(1), at(2)) > 0
    if ((v.length === 3 || v.length === 9) && finite && apart) view.camera = v as Camera
    else
      problems.push({
        field: 'cam',
        message: 'camera must be three numbers x_y_z (the eye), or nine (eye, centre, up), each within 100',
      })
  }
  const step = q.get('step')
  if (step !== null) {
    const v = numberOf(step)
    if (Number.isInteger(v) && v >= 0 && v <= MAX_SHARED_STEP)
      view.step = v + 0 // + 0: a link's -0 reads as 0
    else problems.push({ field: 'step', message: `step must be a whole number from 0 to ${MAX_SHARED_STEP}` })
  }
  const status = q.get('status')
  if (status !== null) {
    if (status === '0' || status === '1') view.statusLines = status === '1'
    else
      problems.push({
        field: 'status',
        message: 'status must be 0 (an embed hides the status lines) or 1 (it shows them); they are shown',
      })
  }
  return { state: { scenario, view }, problems }
}

/** A number from link text; anything else is NaN (which the validators refuse by name). */
function numberOf(text: string): number {
  return /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(text.trim()) ? Number(text) : NaN
}

/** The domain in a link; a bound it leaves out is undefined, which the validator names. */
function domainOf(text: string | null): Record<string, number | undefined> | undefined {
  if (text === null) return undefined
  const [xmin, xmax, ymin, ymax] = text.split('_').map(numberOf)
  return { xmin, xmax, ymin, ymax }
}

/** 'a:2,b:3' as {a: 2, b: 3}; keys are checked by the validator. */
function pairsOf(text: string | null, problems: ScenarioProblem[]): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  if (!text) return out
  const items = text.split(',')
  if (items.length > MAX_ITEMS)
    problems.push({
      field: 'param',
      message: `at most ${MAX_ITEMS} parameters are read: the ${items.length - MAX_ITEMS} after them were ignored`,
    })
  for (const item of items.slice(0, MAX_ITEMS)) {
    const colon = item.indexOf(':')
    if (colon <= 0) {
      problems.push({ field: 'param', message: `'${clip(item)}' is not name:value, ignored` })
      continue
    }
    const key = item.slice(0, colon)
    // defineProperty: a key such as __proto__ becomes an own property (then refused by name), never the prototype.
    Object.defineProperty(out, key, {
      value: numberOf(item.slice(colon + 1)),
      enumerable: true,
      writable: true,
      configurable: true,
    })
  }
  return out
}

function laneFields(text: string, field: string, problems: ScenarioProblem[]): Record<string, unknown> {
  const [method, ...items] = text.split(',')
  const settings: Record<string, unknown> = {}
  const lane: Record<string, unknown> = { method, settings }
  if (items.length > MAX_ITEMS)
    problems.push({
      field,
      message: `at most ${MAX_ITEMS} settings are read: the ${items.length - MAX_ITEMS} after them were ignored`,
    })
  for (const item of items.slice(0, MAX_ITEMS)) {
    const colon = item.indexOf(':')
    const key = colon < 0 ? item : item.slice(0, colon)
    const value = colon < 0 ? '' : item.slice(colon + 1)
    if (key === 'walkers') lane.walkers = numberOf(value)
    else if (key === 'at') {
      const [x, y] = value.split('_').map(numberOf)
      lane.start = { kind: 'point', x, y }
    } else if (key === 'gauss') {
      const [x, y, sigma] = value.split('_').map(numberOf)
      lane.start = { kind: 'gaussian', x, y, sigma }
    } else if (key === 'uniform') lane.start = { kind: 'uniform' }
    else if (key === 'trail') lane.trail = value
    else if (key !== '') {
      const n = numberOf(value)
      // A choice setting is a word; the validator checks it against the descriptor.
      Object.defineProperty(settings, key, {
        value: Number.isNaN(n) && /^[a-z][a-z-]*$/i.test(value) ? value : n,
        enumerable: true,
        writable: true,
        configurable: true,
      })
    }
  }
  return lane
}

function clip(text: string): string {
  return text.length > 24 ? `${text.slice(0, 23)}…` : text
}
