import { describe, expect, test } from 'vitest'
import { multiply, Projector, sameCamera } from './projection'

const identity = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]

/** The reference: plotly's gl3d/project.js, transcribed, then its hover-label placement. */
function plotlyProject(
  camera: { model: number[]; view: number[]; projection: number[] },
  v: number[],
  width: number,
  height: number,
): [number, number] {
  const xform = (m: number[], p: number[]) => {
    const out = [0, 0, 0, 0]
    for (let i = 0; i < 4; ++i) for (let j = 0; j < 4; ++j) out[j] += m[4 * i + j] * p[i]
    return out
  }
  const p = xform(camera.projection, xform(camera.view, xform(camera.model, [v[0], v[1], v[2], 1])))
  return [(0.5 + (0.5 * p[0]) / p[3]) * width, (0.5 - (0.5 * p[1]) / p[3]) * height]
}

describe('Projector', () => {
  test('with identity matrices, the origin is the centre and +y is up', () => {
    const p = new Projector({ model: identity, view: identity, projection: identity }, [1, 1, 1], 400, 300)
    const out = new Float64Array(2)
    expect(p.project(0, 0, 0, out)).toBe(true)
    expect([...out]).toEqual([200, 150])
    p.project(1, 1, 0, out)
    expect([...out]).toEqual([400, 0])
  })

  test("matches plotly's own projection of scaled data coordinates", () => {
    // A perspective camera looking down -z from z = 3, a model that shifts and scales, as gl-plot3d builds them.
    const f = 1 / Math.tan(Math.PI / 8)
    const projection = [f / 1.3, 0, 0, 0, 0, f, 0, 0, 0, 0, -1.02, -1, 0, 0, -0.2, 0]
    const view = [0.8, 0.36, -0.48, 0, 0, 0.8, 0.6, 0, 0.6, -0.48, 0.64, 0, 0.1, -0.2, -3, 1]
    const model = [0.5, 0, 0, 0, 0, 0.4, 0, 0, 0, 0, 0.01, 0, -0.1, 0.2, 0.3, 1]
    const dataScale = [0.37, 0.4, 0.004]
    const p = new Projector({ model, view, projection }, dataScale, 460, 380)
    const out = new Float64Array(2)
    for (const v of [
      [-1.5, -0.5, -146],
      [0.6, 0.03, -108],
      [1.2, 2, 100],
    ]) {
      expect(p.project(v[0], v[1], v[2], out)).toBe(true)
      const [x, y] = plotlyProject(
        { model, view, projection },
        [v[0] * dataScale[0], v[1] * dataScale[1], v[2] * dataScale[2]],
        460,
        380,
      )
      expect(out[0]).toBeCloseTo(x, 9)
      expect(out[1]).toBeCloseTo(y, 9)
    }
  })

  test('a point behind the camera is not drawn', () => {
    const projection = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, -1, -1, 0, 0, 0, 0]
    const p = new Projector({ model: identity, view: identity, projection }, [1, 1, 1], 100, 100)
    expect(p.project(0, 0, 1, new Float64Array(2))).toBe(false)
  })
})

describe('matrices', () => {
  test('multiply is the column-major product', () => {
    const a = Array.from({ length: 16 }, (_, i) => i + 1)
    expect([...multiply(identity, a)]).toEqual(a)
    expect([...multiply(a, identity)]).toEqual(a)
  })

  test('sameCamera notices any change', () => {
    const copy = {
      model: Float64Array.from(identity),
      view: Float64Array.from(identity),
      projection: Float64Array.from(identity),
    }
    expect(sameCamera({ model: identity, view: identity, projection: identity }, copy)).toBe(true)
    expect(sameCamera({ model: identity, view: [...identity.slice(0, 15), 2], projection: identity }, copy)).toBe(false)
  })
})
