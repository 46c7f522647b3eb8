import { stateQuery, type Opening } from './address'
import type { PageState } from './shared-state.svelte'
import { LAST_STATE_KEY, writeItem, type KeyValueStore } from '../storage'

/** How long the state must stand still before the address and the stored state follow it. */
export const FOLLOW_DELAY_MS = 400

/**
 * The address bar and the stored last state follow the page's state, a moment
 * after it settles (history.replaceState: no new history entry, and never once
 * a frame): the step only while paused, and nothing while a state is still
 * being applied or replayed, so a reload meanwhile opens the link as it was.
 * An embedded page keeps nothing (it shows what its link says, and must not
 * overwrite the reader's own last session).
 */
export class AddressSync {
  constructor(
    private readonly page: PageState,
    private readonly experiment: () => string | null,
    private readonly opening: Pick<Opening, 'embed' | 'theme' | 'bench'>,
    private readonly store: KeyValueStore | null,
  ) {}

  /** Starts following; returns the function that stops. */
  start(): () => void {
    let timer: ReturnType<typeof setTimeout> | undefined
    const stop = $effect.root(() => {
      $effect(() => {
        if (this.page.replaying) return
        const state = this.page.addressState()
        const experiment = this.experiment()
        clearTimeout(timer)
        timer = setTimeout(() => this.#write(stateQuery(state, { experiment })), FOLLOW_DELAY_MS)
      })
    })
    return () => {
      clearTimeout(timer)
      stop()
    }
  }

  #write(query: string): void {
    const { embed, theme, bench } = this.opening
    const address = `?${query}${embed ? '&embed=1' : ''}${theme ? `&theme=${theme}` : ''}${bench ? '&bench' : ''}`
    if (address !== location.search)
      history.replaceState(history.state, '', `${location.pathname}${address}${location.hash}`)
    if (!embed) writeItem(this.store, LAST_STATE_KEY, query)
  }
}
