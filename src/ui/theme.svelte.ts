/** Follows the reader's light or dark preference (prefers-color-scheme), live. */
export class ColourSchemePreference {
  #dark = $state(false)

  constructor() {
    const query = window.matchMedia('(prefers-color-scheme: dark)')
    this.#dark = query.matches
    query.addEventListener('change', (event) => {
      this.#dark = event.matches
    })
  }

  get dark(): boolean {
    return this.#dark
  }
}
