import { historyStep, readOpening, stateQuery, type Opening } from './address'
import type { PageState } from './shared-state.svelte'
import { LAST_STATE_KEY, writeItem, type KeyValueStore } from '../storage'
import type { SharedState } from '../../core/scenario/url'

/** How long the state must stand still before the address and the stored state follow it. */
export const FOLLOW_DELAY_MS = 400
/**
 * A run (lanes, seed) that stood this long is one the user has had: a change after it is a new history entry.
 * Changes sooner than that (a slider dragged in steps, a value typed digit by digit) rewrite the same entry.
 */
export const SETTLED_MS = 1500

/**
 * The address bar and the stored last state follow the page's state, a moment
 * after it settles (never once a frame): the step only while paused, and nothing
 * while a state is still being applied or replayed, so a reload meanwhile opens
 * the link as it was. A new surface, or a new run after the last one had settled,
 * is a new history entry (history.pushState); anything else rewrites the current
 * one (history.replaceState). Back and Forward then move between the surfaces and
 * runs the user has had: the page applies the state of the entry it lands on.
 * An embedded page keeps nothing (it shows what its link says, and must not
 * overwrite the reader's own last session) and adds no entries.
 */
export class AddressSync {
  constructor(
    private readonly page: PageState,
    private readonly experiment: () => string | null,
    private readonly opening: Pick<Opening, 'embed' | 'theme' | 'predict' | 'bench'>,
    private readonly store: KeyValueStore | null,
  ) {}

  /** The state of the current history entry as last written (null: none yet), and when its run last changed. */
  #entry: SharedState | null = null
  #runSince = 0
  #restored = false

  /** Starts following; returns the function that stops. */
  start(): () => void {
    let timer: ReturnType<typeof setTimeout> | undefined
    const stop = $effect.root(() => {
      $effect(() => {
        if (this.page.replaying) return
        const state = this.page.addressState()
        const experiment = this.experiment()
        clearTimeout(timer)
        timer = setTimeout(() => this.#write(state, stateQuery(state, { experiment })), FOLLOW_DELAY_MS)
      })
    })
    const restore = () => {
      clearTimeout(timer)
      void this.#restore()
    }
    if (!this.opening.embed) addEventListener('popstate', restore)
    return () => {
      clearTimeout(timer)
      removeEventListener('popstate', restore)
      stop()
    }
  }

  #write(state: SharedState, query: string): void {
    const { embed, theme, predict, bench } = this.opening
    const address =
      `?${query}${embed ? '&embed=1' : ''}${theme ? `&theme=${theme}` : ''}` +
      `${predict ? '' : '&predict=0'}${bench ? '&bench' : ''}`
    const now = performance.now()
    // The first write after Back or Forward is the entry landed on, as the page now has it.
    const step =
      embed || this.#restored ? 'replace' : historyStep(this.#entry, state, now - this.#runSince >= SETTLED_MS)
    this.#restored = false
    if (this.#entry === null || runKey(this.#entry) !== runKey(state)) this.#runSince = now
    this.#entry = state
    const url = `${location.pathname}${address}${location.hash}`
    if (step === 'push') history.pushState(null, '', url)
    else if (address !== location.search) history.replaceState(history.state, '', url)
    if (!embed) writeItem(this.store, LAST_STATE_KEY, query)
  }

  /** Back or Forward landed on an entry: the page takes its state (the entry itself is kept as it is). */
  async #restore(): Promise<void> {
    const opening = readOpening(location.search, null)
    if (opening.state === null) return
    this.#entry = opening.state
    this.#runSince = performance.now()
    this.#restored = true
    await this.page.applyState(opening.state)
  }
}

/** What makes a run: the surface, the seed and the lanes. */
function runKey(state: SharedState): string {
  const { surface, seed, lanes } = state.scenario
  return JSON.stringify([surface, seed, lanes])
}
