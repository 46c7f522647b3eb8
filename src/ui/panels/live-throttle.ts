/** What a live region last said and when. */
interface Spoken {
  key: string
  text: string
  at: number
}

/**
 * Feeds an aria-live region without flooding it: a new key (a change of
 * status) is said at once; new text under the same key (numbers that move
 * every frame) at most once per interval, the latest of it when the interval
 * is over, so the region ends on what is true now.
 */
export class LiveThrottle {
  #last: Spoken | null = null
  #pending: { key: string; text: string } | null = null
  #timer: ReturnType<typeof setTimeout> | undefined

  constructor(
    private readonly say: (text: string) => void,
    private readonly interval = 1000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  offer(key: string, text: string): void {
    const last = this.#last
    const now = this.now()
    if (!last || last.key !== key || (text !== last.text && now - last.at >= this.interval)) {
      this.#speak(key, text, now)
      return
    }
    if (text === last.text) {
      this.#pending = null
      return
    }
    this.#pending = { key, text }
    this.#timer ??= setTimeout(
      () => {
        this.#timer = undefined
        if (this.#pending) this.#speak(this.#pending.key, this.#pending.text, this.now())
      },
      last.at + this.interval - now,
    )
  }

  dispose(): void {
    clearTimeout(this.#timer)
    this.#timer = undefined
    this.#pending = null
  }

  #speak(key: string, text: string, at: number): void {
    clearTimeout(this.#timer)
    this.#timer = undefined
    this.#pending = null
    this.#last = { key, text, at }
    this.say(text)
  }
}
