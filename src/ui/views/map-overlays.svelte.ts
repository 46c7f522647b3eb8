import type { AttractionMap } from '../../core/studies/attraction'
import type { SurfaceEditor } from '../surface-editor.svelte'
import type { PageScenario } from '../scenario.svelte'
import type { CategoryGrid } from './grid-layer'
import { attractionOverlay, basinOverlay, type LegendEntry } from './overlays'

/**
 * One overlay as shown: its cells, its legend, and the lane it belongs to (null: the surface's own,
 * as the basins of the minima).
 */
export interface OverlayLayer {
  grid: CategoryGrid
  legend: readonly LegendEntry[]
  lane: number | null
}

interface Made {
  map: AttractionMap
  /** The surface, method, settings and seed it was made with: it shows only while they hold. */
  key: string
  made: number
}

/**
 * What the 2D map shows under the walkers: the basins of the minima, and the
 * newest basin-of-attraction map a lane's panel made (valid only for the
 * surface and lane settings it was made with), each toggled by the reader.
 */
export class MapOverlays {
  readonly #scenario: PageScenario
  readonly #surfaceEditor: SurfaceEditor
  #made = $state.raw<(Made | null)[]>([])
  showBasins = $state(false)
  showAttraction = $state(true)

  constructor(scenario: PageScenario, surfaceEditor: SurfaceEditor) {
    this.#scenario = scenario
    this.#surfaceEditor = surfaceEditor
  }

  #key(k: number): string {
    const lane = this.#scenario.lanes[k]
    return JSON.stringify([this.#scenario.scenario.surface, lane?.method, lane?.settings, this.#scenario.seed])
  }

  /** Each lane's basin-of-attraction map, while it is still valid. */
  readonly attraction = $derived.by(() =>
    this.#scenario.lanes.map((_, k) => (this.#made[k]?.key === this.#key(k) ? this.#made[k].map : null)),
  )

  /** The lane whose valid map is the newest, if any. */
  readonly attractionLane = $derived.by(() => {
    let best: number | null = null
    this.attraction.forEach((map, k) => {
      if (map && (best === null || this.#made[k]!.made > this.#made[best]!.made)) best = k
    })
    return best
  })

  readonly #basinLayer = $derived.by(() => {
    const { basins, view } = this.#surfaceEditor
    return this.showBasins && basins && view ? basinOverlay(basins, view.points) : null
  })

  readonly #attractionLayer = $derived.by(() => {
    const map = this.attractionLane === null ? null : this.attraction[this.attractionLane]
    return this.showAttraction && map ? attractionOverlay(map) : null
  })

  /** What the map shows, bottom first: the basins of the minima under a lane's basins of attraction. */
  readonly layers: readonly OverlayLayer[] = $derived.by(() => {
    const out: OverlayLayer[] = []
    if (this.#basinLayer) out.push({ ...this.#basinLayer, lane: null })
    if (this.#attractionLayer) out.push({ ...this.#attractionLayer, lane: this.attractionLane })
    return out
  })
  readonly grids: readonly CategoryGrid[] = $derived.by(() => this.layers.map((layer) => layer.grid))
  readonly legend: readonly LegendEntry[] = $derived.by(() => this.layers.flatMap((layer) => layer.legend))

  /** A lane's panel made (or dropped) its map. */
  set(k: number, map: AttractionMap | null): void {
    this.#made = this.#scenario.lanes.map((_, j) =>
      j === k ? (map ? { map, key: this.#key(k), made: performance.now() } : null) : (this.#made[j] ?? null),
    )
  }

  /** A lane was removed: the maps of the lanes after it move up. */
  removeLane(k: number): void {
    this.#made = this.#made.filter((_, j) => j !== k)
  }
}
