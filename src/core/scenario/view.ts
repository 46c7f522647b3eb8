/** How the playground shows a run: part of the shared state, not of the run itself. */
export interface ViewState {
  /** 'auto' follows the surface's own hint (linear, log or clipped). */
  colourScale: 'auto' | 'linear' | 'log' | 'clip'
  basins: boolean
  show3d: boolean
  /** The 3D camera's eye, in plotly's scene units; null for the default. */
  camera: [number, number, number] | null
  /** Steps per animation frame. */
  speed: number
  /** The step to run to and pause at when the state is opened (0: start paused at the beginning). */
  step: number
}

export const MAX_SPEED = 10_000
export const MAX_SHARED_STEP = 10_000_000

export function defaultView(): ViewState {
  return { colourScale: 'auto', basins: false, show3d: true, camera: null, speed: 20, step: 0 }
}
