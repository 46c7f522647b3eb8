import { layerDraws } from '../views/first-draw'
import type { Run } from './run.svelte'

/**
 * What scripts/bench-browser.mjs and the browser tests read and drive, on
 * window.__landscape, only when the page is opened with ?bench: frames
 * published so far, a switch that asks for each frame as soon as the last one
 * arrives (to reach 10,000 frames quickly for the heap figure), and a crash of
 * the simulation worker.
 */
export interface BenchHook {
  published(): number
  step(): number
  playing(): boolean
  /** A new run is being built in the worker. */
  loading(): boolean
  play(): void
  pause(): void
  unthrottled(on: boolean): void
  /** Redraws of the walkers over the 2D map and over the 3D surface. */
  layerDraws(): { contour: number; surface: number }
  crash(): void
  /** Walkers per status (WALKER_STATUSES order), per lane, in the last frame. */
  statusCounts(): number[][]
}

export function exposeBenchHook(run: Run): void {
  if (!new URLSearchParams(location.search).has('bench')) return
  const hook: BenchHook = {
    published: () => run.published,
    step: () => run.step,
    playing: () => run.playing,
    loading: () => run.loading,
    play: () => run.play(),
    pause: () => run.pause(),
    unthrottled: (on) => {
      run.unthrottled = on
    },
    layerDraws: () => ({ ...layerDraws }),
    crash: () => run.simulateCrash(),
    statusCounts: () => run.frames.map((f) => f.statusCounts),
  }
  ;(window as unknown as { __landscape: BenchHook }).__landscape = hook
}
