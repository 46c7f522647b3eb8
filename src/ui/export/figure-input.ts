import type { LaneFrame } from '../../engine/frame'
import { colourMap } from '../colour'
import type { SurfaceView } from '../figures'
import type { FigureInput, FigureLane } from './svg-figure'

/** What a vector figure is drawn from: the surface as the page draws it, the frames drawn, the caption. */
export interface FigureSource {
  view: SurfaceView
  frames: readonly LaneFrame[]
  /** Method names by lane, for the key above each map. */
  methods: readonly string[]
  /** Colours by lane, as the page draws them. */
  colours: readonly string[]
  caption: string
}

function figureLane(frame: LaneFrame, method: string, colour: string): FigureLane {
  return {
    label: `${String.fromCharCode(65 + frame.lane)}: ${method}`,
    colour,
    positions: frame.positions,
    trails: frame.trails,
    trailWalkers: frame.trailWalkers,
    trailLength: frame.trailLength,
  }
}

/**
 * The figure's input: the contour grid coloured as the page colours it (the
 * range of both of the page's grids, in the colour scale chosen), the critical
 * points, and the lanes either each on its own map ('figure') or all on one
 * ('map', the 2D view).
 */
export function figureInput(source: FigureSource, layout: 'figure' | 'map'): FigureInput {
  const { view, frames } = source
  const lanes = frames.map((f) => figureLane(f, source.methods[f.lane] ?? f.method, source.colours[f.lane] ?? '#000000'))
  return {
    grid: view.contour,
    colour: colourMap(view.colourScale, Math.min(view.contour.min, view.mesh.min), Math.max(view.contour.max, view.mesh.max), view.clipAt),
    domain: view.domain,
    axes: view.axes,
    panels: layout === 'figure' ? lanes.map((lane) => [lane]) : [lanes],
    points: view.points.map((p) => ({ x: p.x, y: p.y, kind: p.kind })),
    caption: source.caption,
  }
}
