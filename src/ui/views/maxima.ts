import { createSubscriber } from 'svelte/reactivity'
import { MAX_MAXIMA_SHOWN } from './labels'

/**
 * Whether the maps show the surface's maxima, one choice for the page: the 2D map, the 3D view and the
 * exports. Left alone (null), a surface with more than MAX_MAXIMA_SHOWN maxima shows none; the map's
 * options (MapOptions.svelte) set it. Reactive where read inside an effect, plain data elsewhere (the
 * exports, the tests in Node).
 */
class MaximaChoice {
  #show: boolean | null = null
  #count = 0
  #update: (() => void) | null = null
  readonly #subscribe = createSubscriber((update) => {
    this.#update = update
    return () => (this.#update = null)
  })

  /** The reader's choice: null follows the surface. */
  get show(): boolean | null {
    this.#subscribe()
    return this.#show
  }
  set show(value: boolean | null) {
    this.#show = value
    this.#update?.()
  }

  /** How many maxima the surface on the map has (set by ContourView.svelte). */
  get count(): number {
    this.#subscribe()
    return this.#count
  }
  set count(value: number) {
    if (value === this.#count) return
    this.#count = value
    this.#update?.()
  }

  /** Whether the maxima are shown now. */
  get shown(): boolean {
    return this.show ?? this.count <= MAX_MAXIMA_SHOWN
  }
}

export const maxima = new MaximaChoice()
