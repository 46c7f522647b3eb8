import type { Camera } from '../../core/scenario/view'
import type { PageView } from './shared-state.svelte'

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
const same = (a: Camera | null, b: Camera | null) =>
  a === b || (!!a && !!b && a.length === b.length && a.every((v, k) => v === b[k]))
const finite = (v: Vector | undefined): v is Vector => !!v && [v.x, v.y, v.z].every(Number.isFinite)

/** The camera as the page keeps it: the eye alone while the centre and up are plotly's defaults. */
function cameraOf(eye: Vector, center: Vector, up: Vector): Camera {
  const e: [number, number, number] = [round(eye.x), round(eye.y), round(eye.z)]
  const c = [round(center.x), round(center.y), round(center.z)]
  const u = [round(up.x), round(up.y), round(up.z)]
  if (c.every((v) => v === 0) && u[0] === 0 && u[1] === 0 && u[2] === 1) return e
  return [...e, c[0], c[1], c[2], u[0], u[1], u[2]]
}

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
  #shown: Camera | null = null

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
      this.#shown = wanted
      const center = wanted.length === 9 ? wanted.slice(3, 6) : [0, 0, 0]
      const up = wanted.length === 9 ? wanted.slice(6, 9) : [0, 0, 1]
      scene.camera.lookAt(wanted.slice(0, 3), center, up)
      scene.glplot?.canvas?.dispatchEvent(new MouseEvent('mouseup'))
    }
  }

  #read(update: Record<string, unknown>): void {
    const camera = update['scene.camera'] as { eye?: Vector; center?: Vector; up?: Vector } | undefined
    const eye = camera?.eye
    if (!finite(eye)) return
    const next = cameraOf(
      eye,
      finite(camera?.center) ? camera.center : { x: 0, y: 0, z: 0 },
      finite(camera?.up) ? camera.up : { x: 0, y: 0, z: 1 },
    )
    this.#shown = next
    if (!same(next, this.#view.camera)) this.#view.camera = next
  }
}
