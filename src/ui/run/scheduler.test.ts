import { describe, expect, test, vi } from 'vitest'
import { FrameScheduler, type AnimationClock } from './scheduler'

function fakeClock() {
  let next: ((now: number) => void) | null = null
  const clock: AnimationClock = {
    request: (callback) => {
      next = callback
      return 1
    },
    cancel: () => {
      next = null
    },
  }
  return {
    clock,
    tick(now: number) {
      const callback = next
      next = null
      callback?.(now)
    },
    get waiting() {
      return next !== null
    },
  }
}

describe('FrameScheduler', () => {
  test('runs simulate tasks before draw tasks, whatever the order they were added in', () => {
    const c = fakeClock()
    const s = new FrameScheduler(c.clock)
    const order: string[] = []
    s.add('draw', () => order.push('draw'))
    s.add('simulate', () => order.push('simulate'))
    c.tick(16)
    expect(order).toEqual(['simulate', 'draw'])
  })

  test('keeps running while tasks are registered and sleeps when none are', () => {
    const c = fakeClock()
    const s = new FrameScheduler(c.clock)
    const task = vi.fn()
    const remove = s.add('draw', task)
    c.tick(1)
    c.tick(2)
    expect(task.mock.calls.map((call) => call[0])).toEqual([1, 2])
    remove()
    expect(c.waiting).toBe(false)
  })

  test('a failing task is reported and the others still run', () => {
    const c = fakeClock()
    const s = new FrameScheduler(c.clock)
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const other = vi.fn()
    s.add('simulate', () => {
      throw new Error('bug')
    })
    s.add('draw', other)
    c.tick(5)
    expect(other).toHaveBeenCalledWith(5)
    expect(error).toHaveBeenCalled()
    expect(c.waiting).toBe(true)
    error.mockRestore()
  })
})
