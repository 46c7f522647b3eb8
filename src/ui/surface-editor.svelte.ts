import { checkFormula, DEFAULT_DOMAIN } from '../core/formula'
import type { FormulaError, FormulaProgram } from '../core/formula/types'
import type { LaneSpec, ScenarioProblem, SurfaceSpec } from '../core/scenario'
import type { Domain } from '../core/surface'
import { atlasSurface, DEFAULT_SURFACE_ID, type AtlasSurface } from '../core/surfaces'
import type { ColourScale } from '../core/surfaces/types'
import type { SurfaceAnalysis } from '../core/landscape/surface-analysis'
import type { SurfaceClient } from '../engine/clients'
import type { BasinGrid, SurfaceViewRequest } from '../engine/protocol'
import { Cancelled } from '../engine/worker-client'
import type { SurfaceView } from './figures'
import { lanesForSurface } from './lanes/lane-edit'
import { namePoints } from './points'
import type { PageScenario } from './scenario.svelte'
import { parameterRange, type ParameterSetting } from './surface/parameters'
import { browserStore, readItem, writeItem, YOUR_FORMULA_KEY, type KeyValueStore } from './storage'

/** The picker's value while the formula is the user's own. */
export const CUSTOM_SURFACE = 'custom'

/** The fine grid for the contour map, the coarse one for the 3D surface (WebGL draws every quad). */
const GRIDS: SurfaceViewRequest['grids'] = { contour: { nx: 120, ny: 120 }, mesh: { nx: 60, ny: 60 } }

/** How long typing must pause before the formula is checked. */
export const CHECK_DELAY_MS = 250

/** A checked formula: its program and the text it came from. */
interface Checked {
  text: string
  program: FormulaProgram
  entry: AtlasSurface | null
}

/**
 * The surface side of the page: which surface is picked, the formula text and
 * what is wrong with it, its parameters and domain, and the surface drawn. A
 * formula is checked on this thread (mathjs lives here) and sampled in the
 * surface worker; only a surface that checked and has finite values somewhere
 * goes into the scenario, so while the text is wrong the last good surface
 * stays drawn and keeps running.
 */
export class SurfaceEditor {
  readonly #client: SurfaceClient
  readonly #scenario: PageScenario
  #pendingCheck: ReturnType<typeof setTimeout> | undefined
  #checked: Checked | null = null
  /** The atlas entry of the surface drawn (its colour scale is taken when it is first drawn). */
  #shownEntry: AtlasSurface | null = null
  /** The domain the user's own formulas are drawn on (kept across edits). */
  #customDomain: Domain = DEFAULT_DOMAIN

  readonly #store: KeyValueStore | null

  #surfaceId = $state(DEFAULT_SURFACE_ID)
  #text = $state('')
  /** The last formula the user typed or opened, kept while atlas surfaces are picked ('' before any). */
  #yourFormula = $state('')
  #shownText = $state('')
  #error = $state.raw<FormulaError | null>(null)
  #warnings = $state.raw<FormulaError[]>([])
  #parameters = $state.raw<ParameterSetting[]>([])
  #domain = $state.raw<Domain>(DEFAULT_DOMAIN)
  #colourScale = $state<ColourScale>('linear')
  #view = $state.raw<SurfaceView | null>(null)
  #basins = $state.raw<BasinGrid | null>(null)
  #analysis = $state.raw<SurfaceAnalysis | null>(null)
  /** Surfaces asked of the worker and not yet answered. */
  #computing = $state(0)
  #failure = $state<string | null>(null)

  constructor(client: SurfaceClient, scenario: PageScenario, store: KeyValueStore | null = browserStore()) {
    this.#client = client
    this.#scenario = scenario
    this.#store = store
    this.#yourFormula = readItem(store, YOUR_FORMULA_KEY) ?? ''
    this.pick(DEFAULT_SURFACE_ID, { adaptLanes: false })
  }

  /** An atlas id, or CUSTOM_SURFACE once the user has typed. */
  get surfaceId(): string {
    return this.#surfaceId
  }
  /** The atlas entry picked, null for the user's own formula. */
  get entry(): AtlasSurface | null {
    return atlasSurface(this.#surfaceId) ?? null
  }
  get text(): string {
    return this.#text
  }
  /** The user's own formula, kept while an atlas surface is shown ('' when they have typed none). */
  get yourFormula(): string {
    return this.#yourFormula
  }
  /** The formula of the surface drawn (the last good one). */
  get shownText(): string {
    return this.#shownText
  }
  /** What is wrong with the text, null when it is a good formula. */
  get error(): FormulaError | null {
    return this.#error
  }
  get warnings(): readonly FormulaError[] {
    return this.#warnings
  }
  /** The formula's free parameters with their values and slider bounds. */
  get parameters(): readonly ParameterSetting[] {
    return this.#parameters
  }
  get domain(): Domain {
    return this.#domain
  }
  /** A periodic atlas surface keeps its own domain. */
  get domainFixed(): boolean {
    return this.entry?.domain.periodic === true
  }
  get colourScale(): ColourScale {
    return this.#colourScale
  }
  /** The surface drawn (the last good one), null before the first answer. */
  get view(): SurfaceView | null {
    return this.#view
  }
  /** The basins of the minima of the surface drawn: the nodes of its analysis's basin map. */
  get basins(): BasinGrid | null {
    return this.#basins
  }
  /** The analysis of the surface drawn (critical points, saddles, basins), shared with the workers that run on it. */
  get analysis(): SurfaceAnalysis | null {
    return this.#analysis
  }
  /** A surface is being computed. */
  get busy(): boolean {
    return this.#computing > 0
  }
  /** The worker failed (a bug, never a user's mistake). */
  get failure(): string | null {
    return this.#failure
  }

  /** Picks an atlas surface; the lanes take its suggested settings unless told not to. */
  pick(id: string, options: { adaptLanes: boolean } = { adaptLanes: true }): void {
    const entry = atlasSurface(id)
    if (!entry) throw new Error(`no atlas surface '${id}'`)
    clearTimeout(this.#pendingCheck)
    this.#surfaceId = id
    this.#text = entry.formula
    const checked = this.#check(entry.formula, entry)
    if (!checked) return
    this.#domain = entry.domain
    void this.#show({
      lanes: options.adaptLanes ? (domain) => lanesForSurface(this.#scenario.lanes, entry, domain) : undefined,
    })
  }

  /** The user typed: the text is now their own formula, checked once typing pauses. */
  edit(text: string, delay = CHECK_DELAY_MS): void {
    this.#text = text
    this.#surfaceId = CUSTOM_SURFACE
    this.#keepYourFormula(text)
    clearTimeout(this.#pendingCheck)
    this.#pendingCheck = setTimeout(() => {
      // The first formula of the user's own after an atlas surface is coloured linearly, once it is drawn.
      const fromAtlas = this.#checked?.entry != null
      if (!this.#check(text, null)) return
      this.#domain = this.#customDomain
      void this.#show({ colourScale: fromAtlas ? 'linear' : undefined })
    }, delay)
  }

  /** Back to the user's own formula after an atlas surface, at once. */
  restoreYourFormula(): void {
    if (this.#yourFormula !== '') this.edit(this.#yourFormula, 0)
  }

  #keepYourFormula(text: string): void {
    if (text.trim() === '' || text === this.#yourFormula) return
    this.#yourFormula = text
    writeItem(this.#store, YOUR_FORMULA_KEY, text)
  }

  setParameter(name: string, value: number): void {
    this.#parameters = this.#parameters.map((p) =>
      p.name === name ? { ...p, value, min: Math.min(p.min, value), max: Math.max(p.max, value) } : p,
    )
    void this.#show()
  }

  /** New slider bounds for a parameter (checked by the control: min < max, both finite). */
  setParameterBounds(name: string, min: number, max: number): void {
    this.#parameters = this.#parameters.map((p) =>
      p.name === name ? { ...p, min, max, value: Math.min(max, Math.max(min, p.value)) } : p,
    )
    void this.#show()
  }

  /** A new domain (checked by the control: finite, xmin < xmax, ymin < ymax). */
  setDomain(domain: Domain): void {
    if (this.domainFixed) return
    this.#domain = domain
    if (this.#surfaceId === CUSTOM_SURFACE) this.#customDomain = domain
    void this.#show()
  }

  /**
   * Shows the surface of a shared state (a link, the last session, an experiment)
   * with its lanes, in one change of the scenario, in `colourScale` ('auto': the
   * surface's own). Resolves once the scenario has it, with what could not be
   * used, in words: a formula that does not check or is nowhere finite (its text
   * stays in the box with its error, and the last good surface runs the lanes),
   * a parameter the formula does not have, a domain on a periodic surface.
   */
  async load(spec: SurfaceSpec, lanes: LaneSpec[], colourScale: ColourScale | 'auto'): Promise<ScenarioProblem[]> {
    const problems: ScenarioProblem[] = []
    const entry = spec.kind === 'atlas' ? (atlasSurface(spec.id) ?? null) : null
    const text = entry ? entry.formula : spec.kind === 'formula' ? spec.text : ''
    clearTimeout(this.#pendingCheck)
    this.#surfaceId = entry ? entry.id : CUSTOM_SURFACE
    this.#text = text
    if (!entry) this.#keepYourFormula(text)
    const lastGood = this.#checked
    const lastParameters = this.#parameters
    const lastDomain = this.#domain
    // The spec's values, or the formula's own: never those of the surface before.
    this.#parameters = []
    const checked = this.#check(text, entry)
    if (!checked) {
      this.#parameters = lastParameters
      problems.push({
        field: 'formula',
        message: `${this.#error?.message ?? 'not a formula'}; the surface before it is shown`,
      })
      await this.#show({ lanes: () => lanes })
      return problems
    }
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a scratch list of unused names, local to this call
    const given = new Map(Object.entries(spec.parameters))
    this.#parameters = this.#parameters.map((p) => {
      const value = given.get(p.name)
      given.delete(p.name)
      return value === undefined ? p : { ...p, value, min: Math.min(p.min, value), max: Math.max(p.max, value) }
    })
    for (const name of given.keys())
      problems.push({ field: `param.${name}`, message: 'the formula has no such parameter, ignored' })
    if (entry) {
      const d = spec.domain
      if (d && entry.domain.periodic)
        problems.push({
          field: 'domain',
          message: `${entry.title} is periodic on its own domain, which cannot be changed`,
        })
      const same =
        !d ||
        entry.domain.periodic ||
        (d.xmin === entry.domain.xmin &&
          d.xmax === entry.domain.xmax &&
          d.ymin === entry.domain.ymin &&
          d.ymax === entry.domain.ymax)
      this.#domain = same ? entry.domain : d
    } else if (spec.kind === 'formula') {
      this.#domain = this.#customDomain = spec.domain
    }
    await this.#show({
      lanes: () => lanes,
      colourScale: colourScale === 'auto' ? (entry?.colourScale ?? 'linear') : colourScale,
    })
    if (this.#checked === checked && this.#error) {
      // Nowhere finite: the lanes run on the last good surface.
      problems.push({ field: 'formula', message: `${this.#error.message}; the surface before it is shown` })
      this.#checked = lastGood
      this.#parameters = lastParameters
      this.#domain = lastDomain
      await this.#show({ lanes: () => lanes })
    }
    return problems
  }

  setColourScale(scale: ColourScale): void {
    this.#colourScale = scale
  }

  dispose(): void {
    clearTimeout(this.#pendingCheck)
    this.#client.dispose()
  }

  /** Checks a formula; on success keeps its program and parameters (same-named ones keep their values). */
  #check(text: string, entry: AtlasSurface | null): Checked | null {
    const checked = checkFormula(text)
    if (!checked.ok) {
      this.#error = checked.error
      this.#warnings = []
      return null
    }
    this.#error = null
    this.#warnings = checked.formula.warnings
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a lookup local to this call, never kept
    const before = new Map(this.#parameters.map((p) => [p.name, p]))
    this.#parameters = [...checked.formula.parameters].map(
      ([name, value]) => before.get(name) ?? { name, value, ...parameterRange(value) },
    )
    this.#checked = { text, program: checked.formula.program, entry }
    return this.#checked
  }

  /**
   * Samples the checked surface in the worker; when it has finite values, draws
   * it (in `colourScale` if given, else an atlas surface's own) and puts it into
   * the scenario (which restarts the run), with the lanes `lanes` gives for its
   * domain.
   */
  async #show(options: { lanes?: (domain: Domain) => LaneSpec[]; colourScale?: ColourScale } = {}): Promise<void> {
    const checked = this.#checked
    if (!checked) return
    const { text, program, entry } = checked
    const { lanes, colourScale } = options
    const domain = this.#domain
    const parameters: [string, number][] = this.#parameters.map((p) => [p.name, p.value])
    this.#computing++
    try {
      const known = entry?.points ?? []
      const answer = await this.#client.call(
        'view',
        { program, parameters, domain, grids: GRIDS, known },
        { supersede: true },
      )
      this.#failure = null
      if (Number.isFinite(answer.contour.min) && Number.isFinite(answer.mesh.min)) {
        const axes = entry?.axes ?? ['x', 'y']
        this.#view = {
          axes,
          domain,
          colourScale: entry?.colourScale ?? 'linear',
          clipAt: entry?.clipAt,
          contour: answer.contour,
          mesh: answer.mesh,
          points: namePoints(answer.points, known, domain),
        }
        const { map } = answer.analysis
        this.#basins = { nx: map.nx, ny: map.ny, xs: map.xs, ys: map.ys, labels: map.labels }
        this.#analysis = answer.analysis
        this.#shownText = text
        if (colourScale) this.#colourScale = colourScale
        else if (entry && this.#shownEntry !== entry) this.#colourScale = entry.colourScale
        this.#shownEntry = entry
        this.#scenario.setSurface(
          surfaceSpec(text, entry, parameters, domain),
          { program, parameters, domain, analysis: answer.analysis, axes, entry },
          lanes?.(domain),
        )
      } else {
        // Nothing to draw (plotly's 3D scene breaks on a surface with no finite value): the
        // user's mistake, shown as one, and the last good surface stays.
        this.#error = {
          message: `U is not a finite number anywhere on ${describeDomain(domain)}`,
          column: 1,
          length: text.length,
        }
      }
    } catch (e) {
      // Cancelled: the user moved on and a newer surface is on its way.
      if (!(e instanceof Cancelled)) this.#failure = e instanceof Error ? e.message : String(e)
    } finally {
      this.#computing--
    }
  }
}

function surfaceSpec(
  text: string,
  entry: AtlasSurface | null,
  parameters: [string, number][],
  domain: Domain,
): SurfaceSpec {
  const values = Object.fromEntries(parameters)
  if (!entry) return { kind: 'formula', text, parameters: values, domain }
  return domain === entry.domain
    ? { kind: 'atlas', id: entry.id, parameters: values }
    : { kind: 'atlas', id: entry.id, parameters: values, domain }
}

function describeDomain(d: Domain): string {
  return `x in [${d.xmin}, ${d.xmax}], y in [${d.ymin}, ${d.ymax}]`
}
