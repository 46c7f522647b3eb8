import type { PageView } from './shared-state.svelte'

type Eye = [number, number, number]
type Vector = { x: number; y: number; z: number }

/** What of plotly's 3D scene this reads (internals, as the 3D view's walker layer reads them). */
interface SceneInternals {
  camera?: { lookAt(eye: number[], center: number[], up: number[]): void }
  getCamera?(): { eye: Vector; center: Vector; up: Vector }
  glplot?: { canvas?: HTMLCanvasElement }
}
type PlotElement = HTMLElement & {
  _fullLayout?: { scene?: { _scene?: SceneInternals } }
  on?: (event: 'plotly_relayout', handler: (update: Record<string, unknown>) => void) => void
}

/** The figure's id (src/ui/views/SurfaceView3d.svelte). */
const PLOT_ID = 'surface-plot'

/** Four decimals of a scene unit: a camera no eye can tell from the exact one, and a short link. */
const round = (v: number) => Math.round(v * 1e4) / 1e4
const same = (a: Eye | null, b: Eye | null) => a === b || (!!a && !!b && a.every((v, k) => v === b[k]))

/**
 * Keeps the page's camera (PageView.camera) and the 3D figure's in step: a
 * drag or zoom of the scene is read from its relayout event, and a camera from
 * a link is put on the scene once it is drawn (again whenever the 3D view
 * comes back). It is put there as a drag would: the scene's own camera moves
 * and a mouseup makes plotly record it as the user's, so it survives later
 * redraws of the figure (layout.uirevision keeps only the user's edits).
 */
export class CameraSync {
  readonly #view: PageView
  #element: PlotElement | null = null
  /** The camera the scene has, as far as this knows. */
  #shown: Eye | null = null

  constructor(view: PageView) {
    this.#view = view
  }

  /** A 'draw' task of the page's frame loop: cheap when nothing changed. */
  readonly tick = (): void => {
    const gd = document.getElementById(PLOT_ID) as PlotElement | null
    const scene = gd?._fullLayout?.scene?._scene
    if (!gd || !scene?.camera || !scene.getCamera || typeof gd.on !== 'function') {
      this.#element = null
      return
    }
    if (gd !== this.#element) {
      this.#element = gd
      this.#shown = null
      gd.on('plotly_relayout', (update) => this.#read(update))
    }
    const wanted = this.#view.camera
    if (wanted && !same(wanted, this.#shown)) {
      const { center, up } = scene.getCamera()
      this.#shown = wanted
      scene.camera.lookAt([...wanted], [center.x, center.y, center.z], [up.x, up.y, up.z])
      scene.glplot?.canvas?.dispatchEvent(new MouseEvent('mouseup'))
    }
  }

  #read(update: Record<string, unknown>): void {
    const camera = update['scene.camera'] as { eye?: Vector } | undefined
    const eye = camera?.eye
    if (!eye || ![eye.x, eye.y, eye.z].every(Number.isFinite)) return
    const next: Eye = [round(eye.x), round(eye.y), round(eye.z)]
    this.#shown = next
    if (!same(next, this.#view.camera)) this.#view.camera = next
  }
}
