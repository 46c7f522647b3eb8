import type { ContourData, ScatterData, SurfaceData } from 'plotly.js'
import { describe, expect, test } from 'vitest'
import type { CriticalKind } from '../core/surfaces/types'
import { sampleGrid } from '../engine/grid'
import { contourFigure, equalScales, surfaceFigure, surfaceHeight, type SurfaceView } from './figures'
import { LANE_COLOURS } from './lanes/lane-colours'
import type { NamedPoint } from './points'

const domain = { xmin: -2, xmax: 2, ymin: -1, ymax: 1 }
const bowl = { value: (x: number, y: number) => x * x + 4 * y * y }

function point(kind: CriticalKind, x: number, value: number): NamedPoint {
  return { kind, x, y: 0, value, eigenvalues: null, name: kind, label: `${kind} ${value}` }
}

function view(points: NamedPoint[], overrides: Partial<SurfaceView> = {}): SurfaceView {
  return {
    axes: ['phi', 'psi'],
    domain,
    colourScale: 'linear',
    contour: sampleGrid(bowl, domain, { nx: 5, ny: 3 }),
    mesh: sampleGrid(bowl, domain, { nx: 4, ny: 2 }),
    points,
    ...overrides,
  }
}

const light = { dark: false }

describe('contourFigure', () => {
  test('a contour of U with one marker trace per kind, in the legend only when present', () => {
    const figure = contourFigure(view([point('minimum', 0, 0), point('saddle', 1, 2)]), light)
    const [field, ...markers] = figure.data as [Partial<ContourData>, ...Partial<ScatterData>[]]
    expect(field.type).toBe('contour')
    expect((field.z as number[][]).map((row) => row.length)).toEqual([5, 5, 5])
    expect([field.zmin, field.zmax]).toEqual([0, 8])
    expect(markers.map((m) => [m.name, m.showlegend])).toEqual([
      ['minimum', true],
      ['saddle', true],
      ['maximum', false],
      ['degenerate', false],
    ])
    expect(markers[0].hovertext).toEqual(['minimum 0'])
    // The labels are the map's own layer (views/labels.ts), drawn over the walkers.
    expect(markers.every((m) => m.mode === 'markers' && m.text === undefined)).toBe(true)
    expect(figure.layout.xaxis?.title).toEqual({ text: 'phi' })
    expect(figure.layout.yaxis?.scaleanchor).toBe('x')
  })

  test('clip caps the colours and the hover text still tells U', () => {
    const figure = contourFigure(view([], { colourScale: 'clip', clipAt: 2 }), light)
    const field = figure.data[0] as Partial<ContourData>
    expect(field.zmax).toBe(2)
    expect(Math.max(...(field.z as number[][]).flat())).toBe(2)
    expect((field.text as string[][])[0][0]).toBe('8')
  })

  test('a domain far wider than high keeps a usable map: its axes scale apart', () => {
    const wide = contourFigure(view([], { domain: { ...domain, xmax: 1e6 } }), light)
    expect(wide.layout.yaxis?.scaleanchor).toBeUndefined()
    expect(equalScales({ xmin: -5, xmax: 5, ymin: -2, ymax: 2 })).toBe(true)
    expect(equalScales({ xmin: -5, xmax: 1e6, ymin: -5, ymax: 5 })).toBe(false)
    expect(equalScales({ xmin: 0, xmax: 1, ymin: 0, ymax: 100 })).toBe(false)
  })

  test('zoom survives a new formula on the same domain, not a new domain', () => {
    const a = contourFigure(view([]), light).layout.uirevision
    const b = contourFigure(view([point('minimum', 0, 0)]), light).layout.uirevision
    const c = contourFigure(view([], { domain: { ...domain, xmax: 3 } }), light).layout.uirevision
    expect(a).toBe(b)
    expect(a).not.toBe(c)
  })
})

describe('surfaceFigure', () => {
  test('a surface on the coarse grid with markers lifted onto it', () => {
    const figure = surfaceFigure(view([point('minimum', 0, 0)], { colourScale: 'log' }), { dark: true })
    const field = figure.data[0] as Partial<SurfaceData>
    expect(field.type).toBe('surface')
    expect((field.z as number[][]).map((row) => row.length)).toEqual([4, 4])
    const marker = figure.data[1] as { z: number[] }
    expect(marker.z[0]).toBeGreaterThan(field.cmin ?? Infinity)
    expect(figure.layout.scene?.xaxis?.title).toEqual({ text: 'phi' })
  })

  test('a marker sits on the surface as drawn, between the nodes of the coarse mesh', () => {
    // Mesh nodes at x = -2, 2 and y = -1, 1: U there is 8 and the bilinear height at the centre is 8.
    const figure = surfaceFigure(
      view([point('minimum', 0, 0)], { mesh: sampleGrid(bowl, domain, { nx: 2, ny: 2 }) }),
      light,
    )
    const lift = 0.01 * 8
    expect((figure.data[1] as { z: number[] }).z[0]).toBeCloseTo(8 + lift, 12)
  })
})

describe('surfaceHeight', () => {
  test('on a log scale walkers sit where the markers sit: on the surface as drawn, a little above it', () => {
    const v = view([point('minimum', 0, 0)], { colourScale: 'log' })
    const figure = surfaceFigure(v, light)
    const field = figure.data[0] as Partial<SurfaceData>
    const [xs, ys, z] = [field.x, field.y, field.z] as unknown as [number[], number[], number[][]]
    const lift = 0.01 * ((field.cmax ?? 0) - (field.cmin ?? 0))
    const at = surfaceHeight(v)
    // At every node of the mesh, whatever U the walker reports (its own, or NaN on a trail).
    ys.forEach((y, j) =>
      xs.forEach((x, i) => {
        expect(at(x, y, 123)).toBeCloseTo(z[j]![i]! + lift, 9)
        expect(at(x, y, NaN)).toBeCloseTo(z[j]![i]! + lift, 9)
      }),
    )
    expect((figure.data[1] as { z: number[] }).z[0]).toBe(at(0, 0, 0))
  })
})

describe('critical-point markers', () => {
  test('are white with a dark outline, told apart by symbol, in 2D and 3D: colours belong to the lanes', () => {
    const points = [point('minimum', 0, 0), point('saddle', 1, 2), point('maximum', -1, 3), point('degenerate', 0.5, 1)]
    for (const figure of [contourFigure(view(points), light), surfaceFigure(view(points), light)]) {
      const markers = figure.data.slice(1).map((trace) => (trace as Partial<ScatterData>).marker!)
      expect(markers.map((m) => m.color)).toEqual(['#ffffff', '#ffffff', '#ffffff', '#ffffff'])
      expect(markers.map((m) => m.line?.color)).toEqual(['#111111', '#111111', '#111111', '#111111'])
      expect(new Set(markers.map((m) => m.symbol)).size).toBe(4)
      for (const m of markers)
        expect(LANE_COLOURS.map((c) => c.toLowerCase())).not.toContain(String(m.color).toLowerCase())
    }
  })
})
