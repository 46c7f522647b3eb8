import type { ScenarioProblem } from '../../core/scenario'
import { nameProblem, readSavedSurfaces, writeSavedSurfaces, type SavedSurface } from './saved-surfaces'
import { readItem, SAVED_SURFACES_KEY, writeItem, type KeyValueStore } from '../storage'

/**
 * The user's saved surfaces (a name and a formula each), kept in storage: read
 * once through the validator, written on every change. A change the store
 * refuses (a full quota) stays for this visit and is said so.
 */
export class SavedSurfaces {
  readonly #store: KeyValueStore | null
  #list = $state.raw<readonly SavedSurface[]>([])
  #unsaved = $state(false)
  /** What could not be read from storage when the page opened. */
  readonly problems: readonly ScenarioProblem[]

  constructor(store: KeyValueStore | null) {
    this.#store = store
    const { surfaces, problems } = readSavedSurfaces(readItem(store, SAVED_SURFACES_KEY))
    this.#list = surfaces
    this.problems = problems
  }

  get list(): readonly SavedSurface[] {
    return this.#list
  }
  /** The last change could not be stored: it lasts only until the page is closed. */
  get unsaved(): boolean {
    return this.#unsaved
  }

  /** Saves `formula` under `name`; the problem with the name, or null when saved. */
  save(name: string, formula: string): string | null {
    const problem = nameProblem(name, this.#list)
    if (problem) return problem
    this.#set([...this.#list, { name: name.trim(), formula }])
    return null
  }

  rename(index: number, name: string): string | null {
    const problem = nameProblem(name, this.#list, index)
    if (problem) return problem
    this.#set(this.#list.map((s, k) => (k === index ? { ...s, name: name.trim() } : s)))
    return null
  }

  remove(index: number): void {
    this.#set(this.#list.filter((_, k) => k !== index))
  }

  /** Forgets them all (Reset to defaults; storage is cleared by the caller). */
  clear(): void {
    this.#list = []
    this.#unsaved = false
  }

  #set(list: SavedSurface[]): void {
    this.#list = list
    this.#unsaved = !writeItem(this.#store, SAVED_SURFACES_KEY, writeSavedSurfaces(list))
  }
}
