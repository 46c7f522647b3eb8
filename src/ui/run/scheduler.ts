/**
 * One animation-frame loop for the whole page, outside any component (the idea
 * of threlte's scheduler): components and state only register tasks. Each
 * animation frame runs the tasks stage by stage, so the simulation hands over
 * its newest frame before any view draws. The loop sleeps while no task is
 * registered. Framework-free: the tests drive it with a fake clock.
 */

/** 'simulate' tasks run before 'draw' tasks in every animation frame. */
export const STAGES = ['simulate', 'draw'] as const
export type Stage = (typeof STAGES)[number]

export type FrameTask = (now: number) => void

export interface AnimationClock {
  request(callback: (now: number) => void): number
  cancel(handle: number): void
}

const browserClock: AnimationClock = {
  request: (callback) => requestAnimationFrame(callback),
  cancel: (handle) => cancelAnimationFrame(handle),
}

export class FrameScheduler {
  readonly #tasks: Record<Stage, Set<FrameTask>> = { simulate: new Set(), draw: new Set() }
  readonly #clock: AnimationClock
  #handle: number | null = null

  constructor(clock: AnimationClock = browserClock) {
    this.#clock = clock
  }

  /** Runs `task` in every animation frame, in its stage; returns the function that removes it. */
  add(stage: Stage, task: FrameTask): () => void {
    this.#tasks[stage].add(task)
    this.#wake()
    return () => {
      this.#tasks[stage].delete(task)
      if (this.#empty() && this.#handle !== null) {
        this.#clock.cancel(this.#handle)
        this.#handle = null
      }
    }
  }

  dispose(): void {
    for (const stage of STAGES) this.#tasks[stage].clear()
    if (this.#handle !== null) this.#clock.cancel(this.#handle)
    this.#handle = null
  }

  #empty(): boolean {
    return STAGES.every((stage) => this.#tasks[stage].size === 0)
  }

  #wake(): void {
    if (this.#handle === null) this.#handle = this.#clock.request(this.#frame)
  }

  readonly #frame = (now: number): void => {
    this.#handle = null
    for (const stage of STAGES) {
      for (const task of [...this.#tasks[stage]]) {
        try {
          task(now)
        } catch (error) {
          // One failing view must not stop the loop for the others: a bug, reported.
          console.error(`frame task (${stage}) failed:`, error)
        }
      }
    }
    if (!this.#empty()) this.#wake()
  }
}
