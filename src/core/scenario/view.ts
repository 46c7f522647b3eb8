/** How the playground shows a run: part of the shared state, not of the run itself. */
export interface ViewState {
  /** 'auto' follows the surface's own hint (linear, log or clipped). */
  colourScale: 'auto' | 'linear' | 'log' | 'clip'
  basins: boolean
  show3d: boolean
  /**
   * The 3D camera in plotly's scene units: its eye (3 numbers), or its eye, the
   * centre it looks at and its up direction (9) when those are not the default
   * (0, 0, 0) and (0, 0, 1); null for the figure's own.
   */
  camera: Camera | null
  /** Steps per animation frame. */
  speed: number
  /**
   * The step the state was taken at: opening it runs to exactly this step and
   * pauses there. 0: the run starts from the beginning, as the page does.
   */
  step: number
  /**
   * Whether an embedded page shows the lanes' status lines under its map (the link's `status=0` hides them);
   * the full page always shows them. Absent: shown.
   */
  statusLines?: boolean
}

export type Camera = [number, number, number] | [number, number, number, number, number, number, number, number, number]

/** Steps per animation frame: the page's default and its limit (the run controls use these). */
export const DEFAULT_SPEED = 10
export const MAX_SPEED = 1000
export const MAX_SHARED_STEP = 10_000_000
/** Walkers in one lane of the playground (the engine and the CLI take up to 100,000). */
export const MAX_PAGE_WALKERS = 10_000

export function defaultView(): ViewState {
  return {
    colourScale: 'auto',
    basins: false,
    show3d: true,
    camera: null,
    speed: DEFAULT_SPEED,
    step: 0,
    statusLines: true,
  }
}
