import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { LiveThrottle } from './live-throttle'

describe('LiveThrottle', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  function throttle() {
    const said: string[] = []
    const live = new LiveThrottle(
      (text) => said.push(text),
      1000,
      () => Date.now(),
    )
    return { said, live }
  }

  it('says a new status at once, and moving numbers at most once a second, ending on the latest', () => {
    const { said, live } = throttle()
    live.offer('running', 'running: U = -40')
    expect(said).toEqual(['running: U = -40'])
    // 30 frames a second for half a second: nothing new is said yet.
    for (let k = 1; k <= 15; k++) {
      vi.advanceTimersByTime(33)
      live.offer('running', `running: U = ${-40 - k}`)
    }
    expect(said).toHaveLength(1)
    // The frames stop; when the second is over the latest text is said.
    vi.advanceTimersByTime(600)
    expect(said).toEqual(['running: U = -40', 'running: U = -55'])
    // A change of status is said at once, whatever the clock.
    vi.advanceTimersByTime(10)
    live.offer('minimum', 'stuck in local minimum')
    expect(said.at(-1)).toBe('stuck in local minimum')
    expect(said).toHaveLength(3)
  })

  it('says the same text only once, and drops what is pending when the text comes back', () => {
    const { said, live } = throttle()
    live.offer('a', 'one')
    live.offer('a', 'one')
    vi.advanceTimersByTime(5000)
    live.offer('a', 'one')
    expect(said).toEqual(['one'])
    live.offer('a', 'two')
    expect(said).toEqual(['one', 'two'])
    live.offer('a', 'three')
    live.offer('a', 'two')
    vi.advanceTimersByTime(2000)
    expect(said).toEqual(['one', 'two'])
  })

  it('says nothing after dispose', () => {
    const { said, live } = throttle()
    live.offer('a', 'one')
    live.offer('a', 'two')
    live.dispose()
    vi.advanceTimersByTime(2000)
    expect(said).toEqual(['one'])
  })
})
