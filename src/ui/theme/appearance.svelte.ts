import { APPEARANCE_KEY, readItem, writeItem, type KeyValueStore } from '../storage'
import { readAppearance, type SchemeChoice } from './appearance-read'
import { paletteColour, type PaletteId } from './palettes'
import './theme.css'
import './print.css'

export type { SchemeChoice }

/**
 * Light or dark, and the lanes' palette. The theme follows the reader's system
 * (prefers-color-scheme, live) until they choose one; a link may force one for
 * an embed (theme=dark), for that page only. The choice is kept in storage.
 */
export class Appearance {
  readonly #store: KeyValueStore | null
  #systemDark = $state(false)
  #scheme = $state<SchemeChoice>('system')
  #palette = $state<PaletteId>('okabe-ito')

  constructor(store: KeyValueStore | null, forced: 'light' | 'dark' | null = null) {
    this.#store = store
    const query = window.matchMedia('(prefers-color-scheme: dark)')
    this.#systemDark = query.matches
    query.addEventListener('change', (event) => {
      this.#systemDark = event.matches
    })
    const stored = readAppearance(readItem(store, APPEARANCE_KEY))
    this.#scheme = forced ?? stored.scheme
    this.#palette = stored.palette
  }

  get dark(): boolean {
    return this.#scheme === 'system' ? this.#systemDark : this.#scheme === 'dark'
  }
  get scheme(): SchemeChoice {
    return this.#scheme
  }
  set scheme(choice: SchemeChoice) {
    this.#scheme = choice
    this.#save()
  }
  get palette(): PaletteId {
    return this.#palette
  }
  set palette(id: PaletteId) {
    this.#palette = id
    this.#save()
  }

  /** Lane k's colour in the palette chosen. */
  colour(index: number): string {
    return paletteColour(this.#palette, index)
  }

  /** Back to the system's theme and the default palette (Reset to defaults; storage is cleared by the caller). */
  reset(): void {
    this.#scheme = 'system'
    this.#palette = 'okabe-ito'
  }

  #save(): void {
    writeItem(this.#store, APPEARANCE_KEY, JSON.stringify({ scheme: this.#scheme, palette: this.#palette }))
  }
}
