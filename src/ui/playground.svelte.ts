import { checkFormula, DEFAULT_DOMAIN } from '../core/formula'
import type { FormulaError } from '../core/formula/types'
import type { Domain } from '../core/surface'
import { atlasSurface, DEFAULT_SURFACE_ID, type AtlasSurface } from '../core/surfaces'
import type { SurfaceClient } from '../engine/client'
import type { SurfaceRequest } from '../engine/messages'
import type { SurfaceView } from './figures'
import { namePoints } from './points'

/** The picker's value while the formula is the user's own. */
export const CUSTOM_SURFACE = 'custom'

/** The fine grid for the contour map, the coarse one for the 3D surface (WebGL draws every quad). */
const GRIDS: SurfaceRequest['grids'] = { contour: { nx: 120, ny: 120 }, mesh: { nx: 60, ny: 60 } }

/** How long typing must pause before the formula is checked. */
export const CHECK_DELAY_MS = 250

/**
 * The page's state: which surface is picked, the formula text and what is wrong
 * with it, and the surface drawn. A formula is checked on this thread (mathjs
 * lives here) and sampled in the worker; while the text is wrong, the last good
 * surface stays drawn.
 */
export class Playground {
  readonly #client: SurfaceClient
  #pendingCheck: ReturnType<typeof setTimeout> | undefined

  #surfaceId = $state(DEFAULT_SURFACE_ID)
  #text = $state('')
  #error = $state.raw<FormulaError | null>(null)
  #warnings = $state.raw<FormulaError[]>([])
  #view = $state.raw<SurfaceView | null>(null)
  #busy = $state(false)
  #failure = $state<string | null>(null)

  constructor(client: SurfaceClient) {
    this.#client = client
    this.pick(DEFAULT_SURFACE_ID)
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
  /** What is wrong with the text, null when it is a good formula. */
  get error(): FormulaError | null {
    return this.#error
  }
  get warnings(): readonly FormulaError[] {
    return this.#warnings
  }
  /** The surface drawn (the last good one), null before the first answer. */
  get view(): SurfaceView | null {
    return this.#view
  }
  /** A surface is being computed. */
  get busy(): boolean {
    return this.#busy
  }
  /** The worker failed (a bug, never a user's mistake). */
  get failure(): string | null {
    return this.#failure
  }

  pick(id: string): void {
    const entry = atlasSurface(id)
    if (!entry) throw new Error(`no atlas surface '${id}'`)
    clearTimeout(this.#pendingCheck)
    this.#surfaceId = id
    this.#text = entry.formula
    void this.#show(entry.formula, entry)
  }

  /** The user typed: the text is now their own formula, checked once typing pauses. */
  edit(text: string): void {
    this.#text = text
    this.#surfaceId = CUSTOM_SURFACE
    clearTimeout(this.#pendingCheck)
    this.#pendingCheck = setTimeout(() => void this.#show(text, null), CHECK_DELAY_MS)
  }

  dispose(): void {
    clearTimeout(this.#pendingCheck)
    this.#client.dispose()
  }

  async #show(text: string, entry: AtlasSurface | null): Promise<void> {
    const checked = checkFormula(text)
    if (!checked.ok) {
      this.#error = checked.error
      this.#warnings = []
      return
    }
    const { program, parameters, warnings } = checked.formula
    this.#error = null
    this.#warnings = warnings
    const domain = entry?.domain ?? DEFAULT_DOMAIN
    this.#busy = true
    try {
      const answer = await this.#client.compute({ program, parameters: [...parameters], domain, grids: GRIDS })
      // null: the user moved on and a newer surface is on its way.
      if (!answer) return
      this.#failure = null
      if (Number.isFinite(answer.contour.min) && Number.isFinite(answer.mesh.min)) {
        this.#view = {
          axes: entry?.axes ?? ['x', 'y'],
          domain,
          colourScale: entry?.colourScale ?? 'linear',
          clipAt: entry?.clipAt,
          contour: answer.contour,
          mesh: answer.mesh,
          points: namePoints(answer.points, entry?.points ?? [], domain),
        }
      } else {
        // Nothing to draw (plotly's 3D scene breaks on a surface with no finite value): the
        // user's mistake, shown as one, and the last good surface stays.
        this.#error = { message: `U is not a finite number anywhere on ${describeDomain(domain)}`, column: 1, length: text.length }
      }
    } catch (e) {
      this.#failure = e instanceof Error ? e.message : String(e)
    }
    this.#busy = false
  }
}

function describeDomain(d: Domain): string {
  return `x in [${d.xmin}, ${d.xmax}], y in [${d.ymin}, ${d.ymax}]`
}
