import type { Scenario } from '../../core/scenario'
import type { PageScenario } from '../scenario.svelte'
import { layerDraws } from '../views/first-draw'
import type { Run } from './run.svelte'

/**
 * What scripts/bench-browser.mjs and the browser tests read and drive, on
 * window.__landscape, only when the page is opened with ?bench: frames
 * published so far, a switch that asks for each frame as soon as the last one
 * arrives (to reach 10,000 frames quickly for the heap figure), a crash of
 * the simulation worker, and what the tests compare with the CLI: the scenario
 * running and the exact positions after a counted number of steps.
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
  /** The scenario running, as plain data (what `landscape --scenario` reads). */
  scenario(): Scenario
  /** Pauses and advances exactly `steps` steps in one frame (with the sampling panels refreshed). */
  advance(steps: number): void
  reset(): void
  /**
   * Exact float64 positions of a lane's walkers, as plain arrays; asked when paused
   * with no frame on its way, they are the positions at step().
   */
  positions(lane: number): Promise<{ x: number[]; y: number[] }>
  /** Plays to exactly `step` and pauses there (Run.runTo), at the run's speed. */
  runTo(step: number): void
  setSpeed(steps: number): void
  /** The page's shared state as a query (src/ui/share), and the guided experiment's verdict. */
  page: PageProbe | null
}

/** What the share and experiment tests read of the page beyond the run. */
export interface PageProbe {
  /** encodeState(currentState()). */
  state(): string
  /** The experiment open, its claim's failures once checked (null before), and whether it waits for its sweep. */
  experiment(): { id: string; failures: string[] | null; waitingForSweep: boolean } | null
}

export function exposeBenchHook(run: Run, scenario: PageScenario, page: PageProbe | null = null): void {
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
    scenario: () => structuredClone(scenario.scenario),
    advance: (steps) => run.stepOnce(steps),
    reset: () => run.reset(),
    positions: async (lane) => {
      const { coords } = await run.positions(lane)
      return { x: Array.from(coords[0] ?? []), y: Array.from(coords[1] ?? []) }
    },
    runTo: (step) => run.runTo(step),
    setSpeed: (steps) => run.setSpeed(steps),
    page,
  }
  ;(window as unknown as { __landscape: BenchHook }).__landscape = hook
}
