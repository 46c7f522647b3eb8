/**
 * Where a point of plotly's 3D scene lands on the screen, computed the way
 * plotly places its own 3D hover labels (plots/gl3d/scene.js with project.js):
 * scaled data coordinates (x * dataScale[0], ...) through the model, view and
 * projection matrices of the scene's camera (4x4, column-major), then from clip
 * space to CSS pixels of the scene's container. The page draws the walkers on a
 * canvas over the scene this way, so moving them never redraws plotly's WebGL
 * scene (in software WebGL a redraw blocks the page for 100-300 ms).
 */
export interface CameraParams {
  model: ArrayLike<number>
  view: ArrayLike<number>
  projection: ArrayLike<number>
}

/** c = a * b for column-major 4x4 matrices: element (row j, column i) at 4 * i + j. */
export function multiply(a: ArrayLike<number>, b: ArrayLike<number>): Float64Array {
  const c = new Float64Array(16)
  for (let i = 0; i < 4; i++) {
    for (let j = 0; j < 4; j++) {
      let s = 0
      for (let k = 0; k < 4; k++) s += a[4 * k + j] * b[4 * i + k]
      c[4 * i + j] = s
    }
  }
  return c
}

export class Projector {
  /** projection * view * model, with the data scale folded into its first three columns. */
  readonly #m: Float64Array
  readonly #width: number
  readonly #height: number

  constructor(camera: CameraParams, dataScale: readonly number[], width: number, height: number) {
    const m = multiply(camera.projection, multiply(camera.view, camera.model))
    for (let i = 0; i < 3; i++) for (let j = 0; j < 4; j++) m[4 * i + j] *= dataScale[i]
    this.#m = m
    this.#width = width
    this.#height = height
  }

  /** Writes the CSS pixel position of data point (x, y, z) into out[0], out[1]; false when it is behind the camera. */
  project(x: number, y: number, z: number, out: Float64Array): boolean {
    const m = this.#m
    const w = m[3] * x + m[7] * y + m[11] * z + m[15]
    if (!(w > 0)) return false
    out[0] = (0.5 + (0.5 * (m[0] * x + m[4] * y + m[8] * z + m[12])) / w) * this.#width
    out[1] = (0.5 - (0.5 * (m[1] * x + m[5] * y + m[9] * z + m[13])) / w) * this.#height
    return true
  }
}

/** Whether two cameras (and sizes) would project alike: redraw only when not. */
export function sameCamera(
  a: CameraParams,
  b: { model: Float64Array; view: Float64Array; projection: Float64Array },
): boolean {
  for (let i = 0; i < 16; i++) {
    if (a.model[i] !== b.model[i] || a.view[i] !== b.view[i] || a.projection[i] !== b.projection[i]) return false
  }
  return true
}
